/** An employee (职工): registers himself with a proof, then finds his certificate. */
import { registry } from "@web/core/registry";
import {
    attachFile,
    clickButton,
    openMenus,
    pick,
    save,
    screenshot,
    statusIs,
} from "./skill_cert_tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("skill_cert_employee_registers", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_my", "menu_skill_cert_my_registrations"),
        { content: "New registration", trigger: ".o_list_button_add", run: "click" },
        ...pick("plan_id", "330503202603009"),
        {
            content: "The plan's occupation and exam date show",
            trigger: ".o_field_widget[name='plan_occupation_id']:contains('车工')",
        },
        attachFile("proof_attachment_ids", "工作年限证明.pdf", "%PDF-1.4 proof of work years"),
        {
            content: "The proof is attached",
            trigger: ".o_field_widget[name='proof_attachment_ids'] .o_attachment",
        },
        ...save(),
        clickButton("action_submit"),
        statusIs("submitted"),
        screenshot("registration-submitted"),
    ],
});

tours.add("skill_cert_employee_sees_certificate", {
    url: "/odoo",
    steps: () => [
        ...openMenus("menu_skill_cert_my", "menu_skill_cert_my_certificates"),
        {
            content: "His certificate of the plan",
            trigger: ".o_kanban_record:contains('Y33050300122626400010')",
            run: "click",
        },
        { content: "The certificate form", trigger: ".o_form_view .o_field_widget[name='name']" },
        screenshot("my-certificate"),
    ],
});
