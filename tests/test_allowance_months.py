import io
from datetime import date

import openpyxl
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .test_allowance import AllowanceCommon


@tagged("post_install", "-at_install")
class TestAllowanceMonths(AllowanceCommon):
    """A month is confirmed once it has ended (its last day, Asia/Shanghai) or from the
    payroll cut-off day of the settings; a month that has not begun is not generated;
    a new sheet proposes the first month without one; a draft's XLSX says it is one."""

    def new_sheet(self, month):
        return (
            self.env["skill.cert.allowance.sheet"]
            .with_user(self.user_payroll)
            .create({"month": month, "company_id": self.company.id})
        )

    def test_december_confirmed_from_its_last_day_in_shanghai(self):
        self.certify(self.employee, 4, "2025-01-01")
        with freeze_time("2026-11-10 02:00:00"):
            self.confirmed("2026-10-01")
        with freeze_time("2026-11-29 02:00:00"):
            november = self.sheet("2026-11-01")
            with self.assertRaisesRegex(UserError, "can be confirmed from 2026-11-30"):
                november.action_confirm()
        # 29 November 16:30 UTC is already the 30th, the last day, in Shanghai
        with freeze_time("2026-11-29 16:30:00"):
            november.action_confirm()
        self.assertEqual(november.state, "confirmed")
        with freeze_time("2026-12-01 02:00:00"):
            december = self.sheet("2026-12-01")
            self.assertEqual(december.confirmable_date, date(2026, 12, 31))
            with self.assertRaisesRegex(UserError, "can be confirmed from 2026-12-31"):
                december.action_confirm()
            self.assertEqual(december.state, "draft")

    def test_cut_off_day_of_the_settings(self):
        self.company.skill_cert_payroll_cutoff_day = 25
        self.certify(self.employee, 4, "2025-01-01")
        with freeze_time("2026-10-24 02:00:00"):
            october = self.sheet("2026-10-01")
            self.assertEqual(october.confirmable_date, date(2026, 10, 25))
            with self.assertRaisesRegex(UserError, "2026-10-25"):
                october.action_confirm()
        # 24 October 20:00 UTC is the 25th in Shanghai
        with freeze_time("2026-10-24 20:00:00"):
            october.action_confirm()
        self.assertEqual(october.state, "confirmed")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.company.skill_cert_payroll_cutoff_day = 31
            self.env.flush_all()

    def test_a_month_that_has_not_begun_is_not_generated(self):
        with freeze_time("2026-11-30 15:00:00"):  # 23:00 on 30 November in Shanghai
            january = self.new_sheet("2027-01-01")
            with self.assertRaisesRegex(UserError, "2027-01 has not begun"):
                january.action_generate()
            december = self.new_sheet("2026-12-01")
            with self.assertRaisesRegex(UserError, "2026-12 has not begun"):
                december.action_generate()
        self.assertFalse(december.line_ids)
        # 30 November 16:00 UTC is 1 December in Shanghai: December can be generated
        self.confirmed_in_order_until("2026-11-01")
        with freeze_time("2026-11-30 16:00:00"):
            december.action_generate()
        self.assertTrue(december.generated_date)

    def confirmed_in_order_until(self, last):
        month = date(2026, 1, 1)
        while str(month) <= last:
            self.confirmed(str(month))
            month = month.replace(month=month.month + 1)

    def test_new_sheet_proposes_the_first_month_without_one(self):
        Sheet = self.env["skill.cert.allowance.sheet"].with_user(self.user_payroll)
        with freeze_time("2026-11-30 20:00:00"):  # 1 December in Shanghai
            self.assertEqual(Form(Sheet).month, date(2026, 12, 1))
            self.new_sheet("2026-09-01")
            self.new_sheet("2026-10-01")
            self.assertEqual(Form(Sheet).month, date(2026, 11, 1))

    def test_draft_xlsx_is_marked(self):
        self.certify(self.employee, 4, "2025-01-01")
        sheet = self.sheet("2026-04-01")
        action = sheet.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertIn("DRAFT", attachment.name)
        workbook = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        for worksheet in workbook.worksheets:
            self.assertEqual(
                worksheet.cell(1, 1).value, "DRAFT (not confirmed, not to be paid from)"
            )
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(rows[2][1], "张伟")

    def test_demo_helper_runs_under_the_rule(self):
        """The demo confirms the last two months and generates this one: on 1 December
        (Shanghai), whatever the server's timezone."""
        with freeze_time("2026-11-30 20:00:00"):
            self.env["skill.cert.allowance.sheet"]._demo_run_recent_months(
                self.company.id, self.user_payroll.id
            )
        sheets = self.env["skill.cert.allowance.sheet"].search(
            [("company_id", "=", self.company.id)], order="month"
        )
        self.assertEqual(
            [(str(sheet.month), sheet.state) for sheet in sheets],
            [("2026-10-01", "confirmed"), ("2026-11-01", "confirmed"), ("2026-12-01", "draft")],
        )

    def test_certificate_expires_on_the_shanghai_date(self):
        """Valid until 30 November: at 20:00 UTC on the 30th it is already 1 December in
        Shanghai, and the certificate has expired (the server's date still says 30)."""
        certificate = self.certify(self.employee, 4, "2025-01-01", valid_until="2026-11-30")
        with freeze_time("2026-11-30 15:00:00"):  # 23:00 in Shanghai
            self.env["skill.cert.certificate"]._cron_sync_expiry()
            self.assertEqual(certificate.state, "valid")
        with freeze_time("2026-11-30 20:00:00"):
            self.env["skill.cert.certificate"]._cron_sync_expiry()
            self.assertEqual(certificate.state, "expired")
