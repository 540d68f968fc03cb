/** The payroll officer (薪酬专员): generates and confirms a month's skill allowance. */
import { registry } from "@web/core/registry";
import {
    clickButton,
    confirmDialog,
    editDate,
    openMenus,
    save,
    screenshot,
    statusIs,
} from "./skill_cert_tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("skill_cert_payroll_confirms_month", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_allowance_root", "menu_skill_cert_allowance_sheets"),
        { content: "New sheet", trigger: ".o_list_button_add, .o-kanban-button-new", run: "click" },
        ...editDate("month", "2026-04-01"),
        ...save(),
        clickButton("action_generate"),
        { content: "Generated", trigger: "button[name='action_confirm']" },
        screenshot("allowance-sheet"),
        clickButton("action_confirm"),
        confirmDialog(),
        statusIs("confirmed"),
        screenshot("allowance-confirmed"),
    ],
});
