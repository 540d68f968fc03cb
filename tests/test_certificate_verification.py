import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SkillCertCommon

VERIFY = "/skill-cert/verify/"


@tagged("post_install", "-at_install")
class TestCertificateVerification(SkillCertCommon, HttpCase):
    """The certificate's QR code, its public page, the PDF as issued, and reissues."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certificate = cls.env["skill.cert.certificate"].create(cls.certificate_vals(cls))

    def page(self, token, expected_status=200):
        response = self.url_open(VERIFY + token)
        self.assertEqual(response.status_code, expected_status)
        return response.text

    @staticmethod
    def alert(text, kind="status"):
        """The colour of the page's status (or comparison) box: success, warning ..."""
        found = re.search(rf'class="alert alert-(\w+) o_skill_cert_{kind}"', text)
        return found and found.group(1)

    def compare(self, token, content):
        page = self.page(token)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"{VERIFY}{token}/compare",
            data={"csrf_token": csrf},
            files={"document": ("certificate.pdf", content, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        return response.text

    def reissue(self, certificate, reason="证书遗失", user=None):
        action = certificate.with_user(user or self.user_officer).action_open_reissue_wizard()
        self.env["skill.cert.reason.wizard"].with_user(user or self.user_officer).with_context(
            **action["context"]
        ).create({"reason": reason}).action_confirm()

    def test_first_print_with_a_random_token(self):
        """An issued certificate has its first print: the number and 01, and a token
        of 43 random characters; another body's certificate has none."""
        first = self.certificate.current_print_id
        self.assertEqual(first.name, f"{self.certificate.name}-01")
        self.assertRegex(first.token, r"^[A-Za-z0-9_-]{43}$")
        other = self.create_certificate(
            serial=2, occupation=self.milling, issuer_type="other", issuer_name="某评价机构"
        )
        self.assertFalse(other.print_ids)
        with self.assertRaisesRegex(UserError, "某评价机构"):
            other.with_user(self.user_officer).action_print_document()

    def test_public_page_is_masked(self):
        """The page shows the certificate, masked, and never the full name or ID."""
        text = self.page(self.certificate.current_print_id.token)
        self.assertIn(self.certificate.name, text)
        self.assertIn("张*", text)
        self.assertIn("3305**********0014", text)
        self.assertNotIn("张伟", text)
        self.assertNotIn("330503198803120014", text)
        self.assertEqual(self.alert(text), "success")

    def test_no_enumeration(self):
        """Record ids, numbers, serials and made-up tokens find nothing, and say no more
        than that."""
        certificate_print = self.certificate.current_print_id
        for guess in (
            str(certificate_print.id),
            str(self.certificate.id),
            self.certificate.name,
            certificate_print.name,
            certificate_print.token[:-1] + ("A" if certificate_print.token[-1] != "A" else "B"),
        ):
            text = self.page(guess, expected_status=404)
            self.assertNotIn(self.certificate.name, text)
            self.assertNotIn("张*", text)

    def test_requests_are_rate_limited(self):
        """One visitor may try 30 tokens in ten minutes; then the page refuses."""
        Log = self.env["skill.cert.verification.log"]
        for _attempt in range(30):
            self.page("x" * 43, expected_status=404)
        self.assertEqual(Log.search_count([("kind", "=", "unknown")]), 30)
        text = self.page(self.certificate.current_print_id.token, expected_status=429)
        self.assertNotIn(self.certificate.name, text)

    def test_views_are_counted(self):
        token = self.certificate.current_print_id.token
        self.page(token)
        self.page(token)
        self.certificate.invalidate_recordset()
        self.assertEqual(self.certificate.verification_count, 2)

    def test_status_revoked_expired(self):
        token = self.certificate.current_print_id.token
        self.certificate.valid_until = "2025-01-31"
        self.assertEqual(self.alert(self.page(token)), "warning")
        self.certificate.valid_until = False
        self.certificate.with_user(self.user_manager)._do_revoke("材料造假")
        self.assertEqual(self.alert(self.page(token)), "danger")

    def test_document_as_issued_and_compared(self):
        """The PDF is rendered once: printing again gives the same file; the page tells
        that file from an edited one."""
        certificate = self.certificate.with_user(self.user_officer)
        certificate.action_print_document()
        first = certificate.current_print_id
        document, fingerprint = first.document_id, first.sha256
        self.assertEqual(document.raw[:5], b"%PDF-")
        certificate.action_print_document()
        self.assertEqual((first.document_id, first.sha256), (document, fingerprint))
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", certificate._name),
                    ("res_id", "=", certificate.id),
                    ("name", "=", f"{first.name}.pdf"),
                ]
            ),
            1,
        )
        self.assertIn(fingerprint, self.page(first.sudo().token))
        self.assertEqual(
            self.alert(self.compare(first.sudo().token, document.raw), "comparison"), "success"
        )
        altered = document.raw.replace(b"%PDF-1.4", b"%PDF-1.5", 1)
        self.assertEqual(
            self.alert(self.compare(first.sudo().token, altered), "comparison"), "danger"
        )

    def test_reissue_supersedes(self):
        """补发: the same number, a new serial and token; the earlier print verifies as
        superseded, the new one as valid."""
        first = self.certificate.current_print_id
        old_token = first.token
        self.reissue(self.certificate)
        second = self.certificate.current_print_id
        self.assertEqual(self.certificate.name, self.certificate_number(4, 1))
        self.assertEqual(second.name, f"{self.certificate.name}-02")
        self.assertEqual(second.reason, "证书遗失")
        self.assertNotEqual(second.token, old_token)
        self.assertEqual(first.state, "superseded")
        text = self.page(old_token)
        self.assertEqual(self.alert(text), "warning")
        self.assertIn(second.name, text)
        self.assertEqual(self.alert(self.page(second.token)), "success")

    def test_reissue_rules(self):
        with self.assertRaises(AccessError):
            self.reissue(self.certificate, user=self.user_employee)
        with self.assertRaisesRegex(UserError, "reason"):
            self.certificate.with_user(self.user_officer)._do_reissue("  ")
        self.certificate.with_user(self.user_manager)._do_revoke("材料造假")
        with self.assertRaisesRegex(UserError, self.certificate.name):
            self.reissue(self.certificate)
        self.assertEqual(len(self.certificate.print_ids), 1)

    def test_prints_are_kept_as_issued(self):
        certificate_print = self.certificate.current_print_id.with_user(self.user_manager)
        with self.assertRaisesRegex(UserError, certificate_print.name):
            certificate_print.write({"state": "superseded"})
        with self.assertRaises(AccessError):
            certificate_print.unlink()
        with self.assertRaisesRegex(UserError, certificate_print.name):
            certificate_print.sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["skill.cert.certificate.print"].with_user(self.user_manager).create(
                {"certificate_id": self.certificate.id, "name": "x", "token": "y" * 43}
            )

    def test_employee_reads_his_print_not_its_token(self):
        own = self.certificate.current_print_id.with_user(self.user_employee)
        self.assertEqual(own.name, f"{self.certificate.name}-01")
        with self.assertRaises(AccessError):
            own.read(["token"])
        with self.assertRaises(AccessError):
            self.certificate.current_print_id.with_user(self.user_colleague).read(["name"])
