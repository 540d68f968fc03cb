/** The internal quality supervisor (内部质量督导员) and the township's external
 * supervisor (外督人员): they open the plan, fill and sign their forms, review the
 * scores and confirm the results. */
import { registry } from "@web/core/registry";
import { openPlan } from "./skill_cert_officer_tours";
import {
    clickButton,
    edit,
    noButton,
    openMenus,
    row,
    save,
    screenshot,
    statusIs,
} from "./skill_cert_tour_utils";

const tours = registry.category("web_tour.tours");

function openForm(kind) {
    return [
        { content: "Open the plan's supervision forms", trigger: "button[name='action_view_inspections']", run: "click" },
        {
            content: `Open the ${kind} form`,
            trigger: `.o_data_row td[name='template_id']:contains('${kind === "internal" ? "内部" : "外督"}')`,
            run: "click",
        },
    ];
}

tours.add("skill_cert_supervisor_signs_at_the_exam", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        noButton("action_file"),
        ...openForm("internal"),
        clickButton("action_fill_full_marks"),
        {
            content: "Every item of the exam has its full marks",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:has(td:contains('视频监控')) td[name='score']:contains('10')",
        },
        {
            content: "Video surveillance lost points: change its score",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:has(td:contains('视频监控')) td[name='entered_score']",
            run: "click",
        },
        edit("entered_score", "5", row("line_ids")),
        edit("remark", "东侧实操工位存在监控盲区。", row("line_ids")),
        ...save(),
        screenshot("supervision-form"),
        clickButton("action_sign_on_site"),
        statusIs("on_site_signed"),
    ],
});

tours.add("skill_cert_external_supervisor_signs", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_inspections"),
        {
            content: "His external form",
            trigger: ".o_data_row td[name='template_id']:contains('外督')",
            run: "click",
        },
        clickButton("action_fill_full_marks"),
        clickButton("action_sign"),
        statusIs("signed"),
        noButton("action_cosign"),
    ],
});

tours.add("skill_cert_supervisor_cosigns", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        ...openForm("external"),
        clickButton("action_cosign"),
        noButton("action_cosign"),
    ],
});

tours.add("skill_cert_supervisor_reviews_scores", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        clickButton("action_supervise_scores"),
        noButton("action_supervise_scores"),
    ],
});

tours.add("skill_cert_supervisor_confirms_results", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        ...openForm("internal"),
        clickButton("action_fill_full_marks"),
        clickButton("action_sign"),
        statusIs("signed"),
        { content: "Back to the plan", trigger: ".o_breadcrumb a:contains('330503202603009')", run: "click" },
        clickButton("action_supervisor_confirm_results"),
        noButton("action_supervisor_confirm_results"),
    ],
});
