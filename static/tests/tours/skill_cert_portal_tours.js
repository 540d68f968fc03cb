/** Workers on the portal and anonymous visitors checking a certificate. */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/** Put a file with ``content`` into the file input ``selector``. */
function chooseFile(selector, fileName, content) {
    return {
        content: `Choose ${fileName}`,
        trigger: selector,
        async run() {
            const file = new File([content], fileName, { type: "application/pdf" });
            const dataTransfer = new DataTransfer();
            dataTransfer.items.add(file);
            this.anchor.files = dataTransfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Download the link ``selector`` as the browser would, and check it is a PDF. */
function downloadPdf(selector) {
    return {
        content: `Download ${selector}`,
        trigger: selector,
        async run() {
            const response = await fetch(this.anchor.href);
            const type = response.headers.get("Content-Type") || "";
            const head = new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5));
            if (!response.ok || !type.includes("application/pdf") || head !== "%PDF-") {
                throw new Error(`${selector} did not give a PDF (${response.status}, ${type})`);
            }
        },
    };
}

function screenshot(name) {
    return {
        content: `Screenshot ${name}`,
        trigger: "body",
        async run() {
            await new Promise((resolve) => setTimeout(resolve, 400));
            console.log(`skill-cert-screenshot ${name}`);
            await new Promise((resolve) => setTimeout(resolve, 600));
        },
    };
}

tours.add("skill_cert_verify_valid_then_altered", {
    steps: () => [
        { content: "The certificate is valid", trigger: ".o_skill_cert_status.alert-success" },
        { content: "The holder's name is masked", trigger: ".o_skill_cert_holder:contains('*')" },
        screenshot("certificate-verification"),
        chooseFile("#skill_cert_document", "certificate.pdf", "%PDF-1.4 an edited copy"),
        {
            content: "Compare",
            trigger: ".o_skill_cert_compare button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The edited file is told apart",
            trigger: ".o_skill_cert_comparison.alert-danger",
        },
        screenshot("certificate-verification-altered"),
    ],
});

tours.add("skill_cert_verify_revoked", {
    steps: () => [
        { content: "The certificate is revoked", trigger: ".o_skill_cert_status.alert-danger" },
    ],
});

tours.add("skill_cert_portal_worker_registers", {
    url: "/my",
    steps: () => [
        {
            content: "Open skill level certification",
            trigger: "a[href='/my/skill-cert']",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "An open plan", trigger: "#skill_cert_plan:contains('车工')" },
        chooseFile("#skill_cert_proofs", "工作年限证明.pdf", "%PDF-1.4 proof of work years"),
        {
            content: "Register",
            trigger: ".o_skill_cert_register button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "Registered", trigger: ".o_skill_cert_message.alert-success" },
        { content: "His registration", trigger: ".o_skill_cert_registration" },
        screenshot("portal-registered"),
    ],
});

tours.add("skill_cert_portal_worker_downloads_ticket", {
    url: "/my/skill-cert",
    steps: () => [downloadPdf("a.o_skill_cert_ticket")],
});

tours.add("skill_cert_portal_worker_downloads_certificate", {
    url: "/my/skill-cert",
    steps: () => [
        { content: "His certificate", trigger: ".o_skill_cert_certificate" },
        screenshot("portal-certificate"),
        downloadPdf("a.o_skill_cert_certificate_pdf"),
    ],
});
