import re

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PlanCommon

PORTAL = "/my/skill-cert"
PASSWORD = "portal-worker-2026"


@tagged("post_install", "-at_install")
class TestPortal(PlanCommon, HttpCase):
    """Workers without an internal user, on the portal: invited by an officer, each sees
    and does only his own."""

    CANDIDATES = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for index, employee in enumerate(cls.candidates):
            employee.work_email = f"worker{index}@example.com"
        cls.other_employee.work_email = "other-company-worker@example.com"
        cls.candidates[:2].with_user(cls.user_officer).action_skill_cert_invite_portal()
        cls.other_employee.with_user(cls.user_other_officer).action_skill_cert_invite_portal()
        cls.worker, cls.neighbour = cls.candidates[0].user_id, cls.candidates[1].user_id
        cls.other_worker = cls.other_employee.user_id
        (cls.worker | cls.neighbour | cls.other_worker).sudo().password = PASSWORD

    def login(self, user):
        self.authenticate(user.login, PASSWORD)

    def csrf(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open(PORTAL).text).group(1)

    def post(self, path, files=None, **data):
        response = self.url_open(
            path, data={"csrf_token": self.csrf(), **data}, files=files or {"none": ("", b"")}
        )
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_invitation_makes_portal_users(self):
        self.assertTrue(self.worker.share)
        self.assertTrue(self.worker.has_group("base.group_portal"))
        self.assertEqual(self.worker.partner_id, self.candidates[0].work_contact_id)
        self.assertEqual(self.worker.company_ids, self.company)
        self.assertEqual(self.other_worker.company_ids, self.other_company)
        self.candidates[2].work_email = False
        with self.assertRaisesRegex(UserError, self.candidates[2].name):
            self.candidates[2].with_user(self.user_officer).action_skill_cert_invite_portal()
        with self.assertRaises(AccessError):
            self.candidates[2].with_user(self.user_hr).action_skill_cert_invite_portal()
        self.assertFalse(self.candidates[2].user_id)

    def test_register_with_proof_and_withdraw(self):
        plan = self.create_plan()
        self.to_registration(plan)
        self.login(self.worker)
        with freeze_time("2026-02-10 10:00:00"):
            page = self.url_open(PORTAL).text
            self.assertIn(plan.name, page)
            # without a proof: refused, said on the page, nothing written
            text = self.post(f"{PORTAL}/register", plan_id=plan.id)
            self.assertIn("alert-danger", text)
            self.assertFalse(plan.registration_ids)
            text = self.post(
                f"{PORTAL}/register",
                files={"proofs": ("工作年限证明.pdf", b"%PDF-1.4 proof", "application/pdf")},
                plan_id=plan.id,
            )
            self.assertIn("alert-success", text)
            registration = plan.registration_ids
            self.assertEqual(registration.employee_id, self.candidates[0])
            self.assertEqual(registration.state, "submitted")
            self.assertEqual(registration.proof_attachment_ids.res_id, registration.id)
            # twice: refused with the reason
            text = self.post(
                f"{PORTAL}/register",
                files={"proofs": ("证明.pdf", b"%PDF-1.4 proof", "application/pdf")},
                plan_id=plan.id,
            )
            self.assertIn("already registered", text)
            self.assertEqual(len(plan.registration_ids), 1)
            # the neighbour cannot withdraw it
            self.login(self.neighbour)
            self.post(f"{PORTAL}/registration/{registration.id}/withdraw")
            self.assertEqual(registration.state, "submitted")
            self.login(self.worker)
            self.post(f"{PORTAL}/registration/{registration.id}/withdraw")
            self.assertEqual(registration.state, "draft")
            text = self.post(f"{PORTAL}/registration/{registration.id}/submit")
            self.assertNotIn("alert-danger", text)
            self.assertEqual(registration.state, "submitted")
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
            self.login(self.worker)
            self.assertIn(
                "being reviewed", self.post(f"{PORTAL}/registration/{registration.id}/withdraw")
            )
        self.assertEqual(registration.state, "submitted")

    def test_bad_input_is_refused_with_its_reason(self):
        """A page to run, or a plan that is no number: refused, named, nothing written."""
        plan = self.create_plan()
        self.to_registration(plan)
        self.login(self.worker)
        with freeze_time("2026-02-10 10:00:00"):
            text = self.post(
                f"{PORTAL}/register",
                files={
                    "proofs": ("证明.html", b"<html><script>alert(1)</script></html>", "text/html")
                },
                plan_id=plan.id,
            )
            self.assertIn("证明.html", text)
            self.assertIn("alert-danger", text)
            text = self.post(
                f"{PORTAL}/register",
                files={"proofs": ("证明.pdf", b"%PDF-1.4 proof", "application/pdf")},
                plan_id="1 OR 1=1",
            )
            self.assertIn("alert-danger", text)
            self.assertNotIn("Traceback", text)
        self.assertFalse(plan.registration_ids)

    def test_invited_before_is_linked_not_invited_again(self):
        employee = self.candidates[2]
        self.env["portal.wizard"].create(
            {"partner_ids": [(6, 0, employee.work_contact_id.ids)]}
        ).user_ids.action_grant_access()
        portal_user = employee.work_contact_id.user_ids
        self.assertFalse(employee.user_id)
        employee.with_user(self.user_officer).action_skill_cert_invite_portal()
        self.assertEqual(employee.user_id, portal_user)

    def test_certificate_recorded_before_prints_downloads(self):
        """A certificate recorded before this version has no print: its first download
        makes it, and gives the file as issued."""
        certificate = self.env["skill.cert.certificate"].create(
            self.certificate_vals(
                employee=self.candidates[0], issuer_type="other", issuer_name="某机构"
            )
        )
        certificate.write({"issuer_type": "self"})
        self.assertFalse(certificate.print_ids)
        self.login(self.worker)
        response = self.url_open(f"{PORTAL}/certificate/{certificate.id}/pdf")
        self.assertEqual(response.content[:5], b"%PDF-")
        self.assertEqual(response.content, certificate.current_print_id.document_id.raw)
        self.assertEqual(certificate.current_print_id.name, f"{certificate.name}-01")

    def test_other_company_plan_is_out_of_reach(self):
        plan = self.create_plan()
        self.to_registration(plan)
        self.login(self.other_worker)
        self.assertNotIn(plan.name, self.url_open(PORTAL).text)
        text = self.post(
            f"{PORTAL}/register",
            files={"proofs": ("证明.pdf", b"%PDF-1.4 proof", "application/pdf")},
            plan_id=plan.id,
        )
        self.assertIn("alert-danger", text)
        self.assertFalse(plan.registration_ids)

    def test_ticket_result_certificate_are_his_own(self):
        plan = self.create_plan()
        registrations = self.to_reviewed(plan)
        own = registrations.filtered(lambda r: r.employee_id == self.candidates[0])
        neighbours = registrations.filtered(lambda r: r.employee_id == self.candidates[1])
        # the officer invites the plan's candidates who have no user yet: the third
        plan.with_user(self.user_officer).action_invite_candidates()
        self.assertTrue(self.candidates[2].user_id.share)
        self.login(self.worker)
        response = self.url_open(f"{PORTAL}/registration/{own.id}/ticket")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.content[:5], b"%PDF-")
        self.assertEqual(
            self.url_open(f"{PORTAL}/registration/{neighbours.id}/ticket").status_code, 404
        )
        # the RPC a hostile worker could craft reads his own records only
        Registration = self.env["skill.cert.registration"].with_user(self.worker)
        self.assertEqual(Registration.search([]), own)
        with self.assertRaises(AccessError):
            neighbours.with_user(self.worker).read(["state"])
        with self.assertRaises(AccessError):
            own.with_user(self.worker).write({"proof_attachment_ids": False})

        self.assertNotIn("Passed", self.url_open(PORTAL).text)
        with freeze_time("2026-03-24 09:00:00"):
            plan.with_user(self.user_officer).action_publish_result_notice()
        page = self.url_open(PORTAL).text
        self.assertIn("Passed", page)
        notice = plan.notice_ids.filtered(lambda n: n.kind == "results")
        notice_page = self.url_open(f"{PORTAL}/notice/{notice.id}").text
        self.assertIn(notice.line_ids[0].name_masked, notice_page)
        self.assertNotIn(self.candidates[1].name, notice_page)
        self.assertNotIn(self.candidates[1].identification_id, notice_page)
        self.login(self.other_worker)
        self.assertEqual(self.url_open(f"{PORTAL}/notice/{notice.id}").status_code, 404)

    def test_certificate_download_is_the_document_as_issued(self):
        plan = self.create_plan()
        self.to_numbered(plan)
        with freeze_time("2026-04-12 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
        own = plan.certificate_ids.filtered(lambda c: c.employee_id == self.candidates[0])
        neighbours = plan.certificate_ids.filtered(lambda c: c.employee_id == self.candidates[1])
        self.login(self.worker)
        page = self.url_open(PORTAL).text
        self.assertIn(own.name, page)
        self.assertNotIn(neighbours.name, page)
        response = self.url_open(f"{PORTAL}/certificate/{own.id}/pdf")
        self.assertEqual(response.content, own.current_print_id.document_id.raw)
        self.assertEqual(
            self.url_open(f"{PORTAL}/certificate/{neighbours.id}/pdf").status_code, 404
        )
        self.assertEqual(self.env["skill.cert.certificate"].with_user(self.worker).search([]), own)
        # the officer prints them all at once: each is the document as issued
        action = plan.with_user(self.user_officer).action_print_certificates()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["context"]["active_ids"], plan.certificate_ids.ids)
        self.assertTrue(all(plan.certificate_ids.current_print_id.mapped("sha256")))
        with self.assertRaises(AccessError):
            plan.with_user(self.worker).action_print_certificates()
