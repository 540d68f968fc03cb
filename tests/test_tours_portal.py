from freezegun import freeze_time

from odoo.tests import tagged

from .tours import TourCommon


@tagged("post_install", "-at_install", "tours")
class TestPortalTours(TourCommon):
    """A worker without an internal user on the portal, and anybody checking a
    certificate through its QR code (README: "Workers on the portal", "Checking a
    certificate")."""

    CANDIDATES = 2

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        worker = cls.candidates[0]
        worker.work_email = "worker@example.com"
        worker.with_user(cls.user_officer).action_skill_cert_invite_portal()
        cls.worker = worker.user_id
        # start_tour signs in with the login as password
        cls.worker.sudo().password = cls.worker.login
        # he reads the portal, and visitors the page, in the language of the officers
        # (Chinese when the tours take the README's pictures)
        cls.worker.lang = cls.company.partner_id.lang = cls.user_officer.lang

    def test_anonymous_visitor_verifies_certificates(self):
        certificate = self.env["skill.cert.certificate"].create(self.certificate_vals())
        certificate.with_user(self.user_officer).action_print_document()
        token = certificate.current_print_id.token
        self.tour(
            "skill_cert_verify_valid_then_altered",
            None,
            "2026-05-01 10:00:00",
            url=f"/skill-cert/verify/{token}",
        )
        logs = self.env["skill.cert.verification.log"].search(
            [("print_id", "=", certificate.current_print_id.id)]
        )
        self.assertEqual(sorted(logs.mapped("kind")), ["compare", "view"])
        self.assertFalse(logs.filtered("matched"))
        certificate.with_user(self.user_manager)._do_revoke("材料造假")
        self.tour(
            "skill_cert_verify_revoked",
            None,
            "2026-05-02 10:00:00",
            url=f"/skill-cert/verify/{token}",
        )

    def test_portal_worker_registers(self):
        plan = self.create_plan()
        self.to_registration(plan)
        self.tour(
            "skill_cert_portal_worker_registers", self.worker, "2026-02-10 10:00:00", url="/my"
        )
        registration = plan.registration_ids
        self.assertEqual(registration.employee_id, self.candidates[0])
        self.assertEqual(registration.state, "submitted")
        self.assertEqual(registration.proof_attachment_ids.mapped("name"), ["工作年限证明.pdf"])

    def test_portal_worker_downloads_ticket_then_certificate(self):
        plan = self.create_plan()
        self.to_numbered(plan)
        self.tour(
            "skill_cert_portal_worker_downloads_ticket",
            self.worker,
            "2026-04-11 10:00:00",
            url="/my/skill-cert",
        )
        with freeze_time("2026-04-12 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
        self.tour(
            "skill_cert_portal_worker_downloads_certificate",
            self.worker,
            "2026-04-13 10:00:00",
            url="/my/skill-cert",
        )
        own = plan.certificate_ids.filtered(lambda c: c.employee_id == self.candidates[0])
        self.assertTrue(own.current_print_id.sha256)
