/** The certification head (技能等级认定负责人): files plans, signs Annex 4. */
import { registry } from "@web/core/registry";
import { openPlan } from "./skill_cert_officer_tours";
import { clickButton, screenshot, statusIs } from "./skill_cert_tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("skill_cert_manager_files_plan", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        clickButton("action_file"),
        statusIs("filed"),
        screenshot("plan-filed"),
    ],
});

tours.add("skill_cert_manager_confirms_results", {
    url: "/odoo",
    steps: () => [
        ...openPlan(),
        clickButton("action_head_confirm_results"),
        statusIs("confirmed"),
        screenshot("plan-confirmed"),
    ],
});
