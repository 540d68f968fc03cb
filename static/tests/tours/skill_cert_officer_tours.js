/** The exam-affairs officer (考务人员): prepares a plan, runs registration, the notices,
 * the arrangement, the scores and the certificates. */
import { registry } from "@web/core/registry";
import {
    addLine,
    shows,
    clickButton,
    edit,
    editCell,
    fieldSelector,
    noButton,
    openMenus,
    openRecord,
    pick,
    row,
    save,
    screenshot,
    select,
    statusIs,
} from "./skill_cert_tour_utils";

const tours = registry.category("web_tour.tours");
const PLAN = "330503202603009";
// Options in the order of their selection field.
const ROLES = ["examiner", "internal_supervisor", "invigilator", "external_supervisor"];
const KINDS = ["theory", "practical"];
const MODES = ["computer", "paper", "on_site"];

function staffLine(number, role, employee, leader = false) {
    const steps = [
        ...addLine("staff_ids", number),
        ...select("role", ROLES.indexOf(role), row("staff_ids")),
    ];
    const person = role === "external_supervisor" ? "partner_id" : "employee_id";
    steps.push(...pick(person, employee, row("staff_ids")), shows(person, employee, row("staff_ids")));
    if (leader) {
        steps.push({
            content: "Group leader",
            trigger: `${row("staff_ids")} ${fieldSelector("is_group_leader")} input`,
            run: "click",
        });
    }
    return steps;
}

function sessionLine(number, kind, date, room, mode) {
    return [
        ...addLine("session_ids", number),
        ...select("kind", KINDS.indexOf(kind), row("session_ids")),
        edit("date", date, row("session_ids")),
        edit("room", room, row("session_ids")),
        edit("capacity", "50", row("session_ids")),
        ...select("mode", MODES.indexOf(mode), row("session_ids")),
    ];
}

export function openPlan(plan = PLAN) {
    return [...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_plans"), openRecord(plan)];
}

tours.add("skill_cert_officer_prepares_plan", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_plans"),
        { content: "New plan", trigger: ".o_list_button_add", run: "click" },
        edit("name", PLAN),
        ...pick("occupation_id", "车工"),
        ...pick("level_id", "四级"),
        edit("registration_deadline", "2026-02-27"),
        edit("exam_date", "2026-03-20"),
        edit("venue", "南浔示范电机有限公司 培训中心"),
        ...pick("township_id", "南浔镇人民政府"),
        { content: "Arrangement tab", trigger: ".o_notebook a[name='arrangement']", run: "click" },
        ...sessionLine(1, "theory", "2026-03-20", "培训中心 301 机房", "computer"),
        ...sessionLine(2, "practical", "2026-03-21", "机加工车间 实操工位", "on_site"),
        ...staffLine(1, "examiner", "考评督导0", true),
        ...staffLine(2, "examiner", "考评督导1"),
        ...staffLine(3, "examiner", "考评督导2"),
        ...staffLine(4, "internal_supervisor", "考评督导3"),
        ...staffLine(5, "internal_supervisor", "考评督导4"),
        ...staffLine(6, "external_supervisor", "镇外督员"),
        ...save(),
        {
            content: "The plan says who files it next",
            trigger: "div.alert-info:has(.o_field_widget[name='next_step_note'] span:not(:empty))",
        },
        noButton("action_file"),
        screenshot("plan-draft"),
    ],
});

tours.add("skill_cert_officer_opens_registration", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        clickButton("action_open_registration"),
        statusIs("registration"),
    ],
});

function backToPlan() {
    return {
        content: "Back to the plan",
        trigger: `.o_breadcrumb a:contains('${PLAN}')`,
        run: "click",
    };
}

tours.add("skill_cert_officer_reviews_and_publishes", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        clickButton("action_close_registration"),
        statusIs("review"),
        {
            content: "Open the plan's registrations",
            trigger: "button[name='action_view_registrations']",
            run: "click",
        },
        {
            content: "Select every registration",
            trigger: "thead .o_list_record_selector input",
            run: "click",
        },
        clickButton("action_approve"),
        {
            content: "All approved",
            trigger: ".o_list_view:not(:has(.o_data_row .badge.text-bg-info))",
        },
        screenshot("registrations"),
        backToPlan(),
        clickButton("action_publish_candidate_notice"),
        statusIs("candidate_notice"),
        clickButton("action_generate_tickets"),
        screenshot("plan-candidate-notice"),
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_notices"),
        openRecord(PLAN),
        screenshot("notice-masked"),
        clickButton("action_new_objection"),
        edit("raised_by", "机加工车间职工（实名）", ".modal"),
        ...pick("registration_id", "候选人0000", ".modal"),
        edit("description", "反映该职工从事本职业工作年限不足，请核实。", ".modal"),
        { content: "Save the objection", trigger: ".modal .o_form_button_save", run: "click" },
        { content: "The objection is recorded", trigger: "body:not(:has(.modal))" },
        { content: "Objections tab", trigger: ".o_notebook a[name='objections']", run: "click" },
        screenshot("notice-objection"),
        clickButton("action_open_resolve_wizard", fieldSelector("objection_ids")),
        edit("resolution", "经核查社保记录与劳动合同，工作年限符合申报条件，异议不成立。", ".modal"),
        clickButton("action_confirm", ".modal"),
        {
            content: "The objection is resolved",
            trigger: `${fieldSelector("objection_ids")} .badge.text-bg-success`,
        },
    ],
});

tours.add("skill_cert_officer_arranges", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_plans"),
        screenshot("plans-list"),
        openRecord(PLAN),
        clickButton("action_arrange"),
        statusIs("arranged"),
        { content: "Arrangement tab", trigger: ".o_notebook a[name='arrangement']", run: "click" },
        screenshot("plan-arrangement"),
    ],
});

tours.add("skill_cert_officer_records_the_exam", {
    url: "/odoo",
    steps: () => {
        const steps = [
            ...openPlan(),
            clickButton("action_mark_all_present"),
            {
                content: "Every candidate is present",
                trigger: `${fieldSelector("registration_ids")} .o_data_row:nth-child(3) td[name='attendance']:not(:empty)`,
            },
        ];
        steps.push(clickButton("action_mark_examined"), statusIs("examined"));
        for (const number of [1, 2, 3]) {
            steps.push(
                ...editCell("registration_ids", number, "theory_score"),
                edit("theory_score", String(70 + number), row("registration_ids")),
                edit("practical_score", String(75 + number), row("registration_ids")),
                ...pick("practical_examiner_id", "考评督导1", row("registration_ids")),
                shows("practical_examiner_id", "考评督导1", row("registration_ids")),
            );
        }
        steps.push(
            ...save(),
            screenshot("plan-scores"),
            clickButton("action_submit_scores"),
            statusIs("scored"),
            noButton("action_check_scores"),
        );
        return steps;
    },
});

tours.add("skill_cert_second_officer_checks_scores", {
    url: "/odoo",
    steps: () => [...openPlan(), clickButton("action_check_scores"), noButton("action_check_scores")],
});

tours.add("skill_cert_officer_initial_review", {
    url: "/odoo",
    steps: () => [...openPlan(), clickButton("action_initial_review"), noButton("action_re_review")],
});

tours.add("skill_cert_second_officer_re_reviews", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        clickButton("action_re_review"),
        statusIs("reviewed"),
        clickButton("action_publish_result_notice"),
        statusIs("result_notice"),
    ],
});

tours.add("skill_cert_officer_issues_certificates", {
    url: "/odoo",
    steps: () => {
        const steps = [...openPlan()];
        const numbers = ["Y330503001226264000101", "Y330503001226264000102", "Y330503001226264000103"];
        numbers.forEach((number, index) => {
            steps.push(
                ...editCell("registration_ids", index + 1, "certificate_number"),
                edit("certificate_number", number.toLowerCase(), row("registration_ids")),
            );
        });
        steps.push(
            ...save(),
            clickButton("action_mark_numbered"),
            statusIs("numbered"),
            clickButton("action_issue"),
            statusIs("issued"),
            {
                content: "The certificates are issued",
                trigger: "button[name='action_view_certificates'] .o_stat_value:contains('3')",
            },
            screenshot("plan-issued"),
            { content: "Score review tab", trigger: ".o_notebook a[name='review']", run: "click" },
            screenshot("plan-closed-review"),
            ...openMenus("menu_skill_cert_certificates"),
            { content: "The certificates", trigger: ".o_data_row" },
            screenshot("certificates-list"),
        );
        return steps;
    },
});
