/** The regulation's own records, in the browser: the pilot filing (Article 2), a
 * candidate admitted with a justification (Article 8), a veto found after signing and
 * the managers' decision on an Annex 3 veto (Article 10, Annexes 2 and 3). */
import { registry } from "@web/core/registry";
import {
    addLine,
    clickButton,
    edit,
    editDate,
    openMenus,
    openRecord,
    pick,
    row,
    save,
    screenshot,
    statusIs,
} from "./skill_cert_tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("skill_cert_manager_records_pilot_filing", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_pilot_root", "menu_skill_cert_pilot_filings"),
        { content: "New filing", trigger: ".o_list_button_add", run: "click" },
        edit("name", "南浔人社试点备〔2026〕3号"),
        ...editDate("filing_date", "2026-01-05"),
        ...editDate("period_start", "2026-01-05"),
        ...editDate("period_end", "2030-12-31"),
        ...addLine("scope_ids", 1),
        ...pick("occupation_id", "铣工", row("scope_ids")),
        ...pick("level_id", "四级", row("scope_ids")),
        ...save(),
        clickButton("action_confirm"),
        statusIs("confirmed"),
        screenshot("pilot-filing"),
    ],
});

tours.add("skill_cert_officer_admits_with_justification", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_registrations"),
        openRecord("新员工"),
        {
            content: "The review says what is missing, in the reader's language",
            trigger: ".o_field_widget[name='eligibility_notes']:contains('证书'), .o_field_widget[name='eligibility_notes']:contains('missing')",
        },
        clickButton("action_open_exception_wizard"),
        edit("reason", "持外省技工学校同专业毕业证书，原件已核验", ".modal"),
        clickButton("action_confirm", ".modal"),
        {
            content: "The justification is recorded",
            trigger: ".o_field_widget[name='exception_reason']:contains('原件已核验')",
        },
    ],
});

tours.add("skill_cert_manager_confirms_justification", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_registrations"),
        openRecord("新员工"),
        clickButton("action_confirm_exception"),
        {
            content: "The justification is confirmed",
            trigger:
                ".o_form_view:not(:has(button[name='action_confirm_exception'])) .o_field_widget[name='exception_confirmed_by_id']",
        },
        screenshot("registration-justified"),
    ],
});

tours.add("skill_cert_external_supervisor_records_veto", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_inspections"),
        {
            content: "His external form",
            trigger: ".o_data_row td[name='template_id']:contains('外督')",
            run: "click",
        },
        clickButton("action_open_veto_wizard"),
        {
            content: "Choose the first veto item",
            trigger: ".modal .o_field_widget[name='veto_id'] input",
            run: "click",
        },
        {
            content: "Pick the item",
            trigger: ".o-autocomplete--dropdown-item a:contains('泄题')",
            run: "click",
        },
        edit("note", "考后发现试卷在资格认定前已外传", ".modal"),
        clickButton("action_confirm", ".modal"),
        {
            content: "The dialog is closed and the form shows the veto",
            trigger: "body:not(:has(.modal)) .o_field_widget[name='has_veto'] input:checked",
        },
        screenshot("veto-recorded"),
    ],
});

tours.add("skill_cert_manager_lifts_veto", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_plans_root", "menu_skill_cert_inspections"),
        openRecord("外督"),
        clickButton("action_open_lift_veto_wizard"),
        edit("reason", "经区人社局核实，外传系误报，认定结果不受影响", ".modal"),
        clickButton("action_confirm", ".modal"),
        {
            content: "The veto is lifted",
            trigger:
                "body:not(:has(.modal)) .o_form_view:not(:has(button[name='action_open_lift_veto_wizard']))",
        },
    ],
});
