import io
import itertools

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SkillCertCommon

ALLOWANCE_GROUP = "l10n_cn_hr_skill_certification.group_skill_allowance_"


class AllowanceCommon(SkillCertCommon):
    """A policy of the company from January 2026 with the reference amounts, a payroll
    officer and an allowance administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        user = cls.new_user
        cls.user_payroll = user("sc_payroll", f"base.group_user,{ALLOWANCE_GROUP}officer")
        cls.user_allowance_admin = user(
            "sc_allowance_admin", f"base.group_user,{ALLOWANCE_GROUP}manager"
        )
        cls.user_other_payroll = user(
            "sc_other_payroll", f"base.group_user,{ALLOWANCE_GROUP}officer", cls.other_company
        )
        cls.Policy = cls.env["skill.cert.allowance.policy"].with_user(cls.user_allowance_admin)
        cls.policy = cls.Policy.create(
            {
                "name": "技能等级津贴制度（2026）",
                "company_id": cls.company.id,
                "date_from": "2026-01-01",
            }
        )
        cls.serials = itertools.count(500)

    def certify(self, employee, grade, issue_date, occupation=None, **extra):
        return self.env["skill.cert.certificate"].create(
            self.certificate_vals(
                employee=employee,
                grade=grade,
                serial=next(self.serials),
                occupation=occupation,
                issue_date=issue_date,
                **extra,
            )
        )

    def sheet(self, month, user=None):
        sheet = (
            self.env["skill.cert.allowance.sheet"]
            .with_user(user or self.user_payroll)
            .create({"month": month, "company_id": self.company.id})
        )
        sheet.action_generate()
        return sheet

    def confirmed(self, month):
        sheet = self.sheet(month)
        sheet.action_confirm()
        return sheet

    @staticmethod
    def line(sheet, employee):
        return sheet.line_ids.filtered(lambda line: line.employee_id == employee)

    def set_amount(self, policy, grade, amount):
        policy.line_ids.filtered(lambda line: line.level_grade == grade).amount = amount


@tagged("post_install", "-at_install")
class TestAllowancePolicy(AllowanceCommon):
    def test_default_amounts_are_the_reference_of_article_5(self):
        amounts = {line.level_grade: line.amount for line in self.policy.line_ids}
        self.assertEqual(amounts, {5: 0.0, 4: 50.0, 3: 100.0, 2: 200.0, 1: 400.0})
        self.assertTrue(self.policy.meets_reference)
        with freeze_time("2026-11-15 04:00:00"):
            self.company.invalidate_recordset()
            self.assertEqual(self.company.skill_cert_allowance_status, "ok")
            self.assertEqual(self.company.skill_cert_allowance_policy_id, self.policy)
            self.company._skill_cert_check_allowance_condition()

    def test_pilot_condition_names_the_levels_below_reference(self):
        self.set_amount(self.policy, 2, 150)
        self.assertFalse(self.policy.meets_reference)
        with freeze_time("2026-11-15 04:00:00"):
            self.company.invalidate_recordset()
            self.assertEqual(self.company.skill_cert_allowance_status, "below")
            with self.assertRaisesRegex(UserError, "二级/技师"):
                self.company._skill_cert_check_allowance_condition()
            self.assertEqual(self.other_company.skill_cert_allowance_status, "missing")
            with self.assertRaisesRegex(UserError, "另一家试点企业"):
                self.other_company._skill_cert_check_allowance_condition()

    def test_negative_amount_refused_naming_the_level(self):
        with self.assertRaisesRegex(ValidationError, "四级/中级工.*-5"):
            self.set_amount(self.policy, 4, -5)
        self.assertEqual(
            self.policy.line_ids.filtered(lambda line: line.level_grade == 4).amount, 50.0
        )

    def test_new_version_closes_the_open_one(self):
        later = self.Policy.create(
            {"name": "2026年6月起", "company_id": self.company.id, "date_from": "2026-06-01"}
        )
        self.assertEqual(str(self.policy.date_to), "2026-05-31")
        self.assertFalse(later.date_to)

    def test_overlapping_versions_refused(self):
        with self.assertRaisesRegex(ValidationError, "overlaps|重叠"):
            self.Policy.create(
                {
                    "name": "旧制度",
                    "company_id": self.company.id,
                    "date_from": "2025-06-01",
                    "date_to": "2026-03-31",
                }
            )
        with self.assertRaisesRegex(ValidationError, "first day|第一天"):
            self.Policy.create(
                {"name": "月中", "company_id": self.company.id, "date_from": "2026-06-15"}
            )
        self.assertEqual(self.Policy.search_count([("company_id", "=", self.company.id)]), 1)

    def test_payroll_officer_cannot_edit_the_policy(self):
        policy = self.policy.with_user(self.user_payroll)
        self.assertTrue(policy.line_ids.read(["amount"]))
        with self.assertRaises(AccessError):
            policy.line_ids[0].amount = 1000
        with self.assertRaises(AccessError):
            policy.counting = "per_occupation"


@tagged("post_install", "-at_install")
class TestAllowanceRules(AllowanceCommon):
    def test_highest_valid_certificate_only(self):
        self.certify(self.employee, 4, "2025-01-10")
        milling = self.certify(self.employee, 3, "2025-06-01", occupation=self.milling)
        line = self.line(self.sheet("2026-01-01"), self.employee)
        self.assertEqual(line.amount, 100.0)
        self.assertEqual(line.certificate_id, milling)
        self.assertEqual(line.level_id, self.levels[3])
        self.assertEqual(line.certificate_count, 1)
        self.assertIn("not counted", line.reason)

    def test_each_occupation_added_up_when_the_policy_says_so(self):
        self.policy.counting = "per_occupation"
        self.certify(self.employee, 4, "2025-01-10")
        self.certify(self.employee, 3, "2025-06-01", occupation=self.milling)
        line = self.line(self.sheet("2026-01-01"), self.employee)
        self.assertEqual(line.amount, 150.0)
        self.assertEqual(line.certificate_count, 2)

    def test_allowance_starts_the_month_after_issue(self):
        certificate = self.certify(self.employee, 4, "2026-03-15")
        march = self.confirmed("2026-03-01")
        self.assertFalse(self.line(march, self.employee))
        april = self.line(self.sheet("2026-04-01"), self.employee)
        self.assertEqual((april.amount, april.change), (50.0, "new"))
        self.assertIn(certificate.name, april.reason)
        self.assertIn("2026-04", april.reason)

    def test_allowance_starts_in_the_month_of_issue_when_the_policy_says_so(self):
        self.policy.start_rule = "issue_month"
        self.certify(self.employee, 4, "2026-03-15")
        self.assertEqual(self.line(self.sheet("2026-03-01"), self.employee).amount, 50.0)

    def test_joiner_prorated_by_calendar_days(self):
        self.certify(self.colleague, 4, "2025-01-01")
        self.colleague.contract_date_start = "2026-04-11"
        april = self.line(self.confirmed("2026-04-01"), self.colleague)
        self.assertEqual((april.amount, april.paid_days, april.month_days), (33.33, 20, 30))
        self.assertEqual(april.base_amount, 50.0)
        self.assertIn("20", april.reason)
        may = self.line(self.sheet("2026-05-01"), self.colleague)
        self.assertEqual((may.amount, may.change, may.previous_amount), (50.0, "changed", 33.33))

    def test_joiner_paid_a_full_month_without_proration(self):
        self.policy.proration = "none"
        self.certify(self.colleague, 4, "2025-01-01")
        self.colleague.contract_date_start = "2026-04-11"
        self.assertEqual(self.line(self.sheet("2026-04-01"), self.colleague).amount, 50.0)

    def test_leaver_prorated_then_stopped(self):
        self.certify(self.employee, 3, "2025-01-01")
        self.assertEqual(self.line(self.confirmed("2026-04-01"), self.employee).amount, 100.0)
        self.employee.departure_date = "2026-05-10"
        self.employee.active = False
        may = self.line(self.confirmed("2026-05-01"), self.employee)
        self.assertEqual((may.amount, may.paid_days, may.change), (32.26, 10, "changed"))
        june = self.line(self.confirmed("2026-06-01"), self.employee)
        self.assertEqual((june.amount, june.change, june.previous_amount), (0.0, "stopped", 32.26))
        self.assertIn("Not employed", june.reason)
        self.assertFalse(self.line(self.sheet("2026-07-01"), self.employee))

    def test_revocation_stops_after_the_month_it_happens(self):
        certificate = self.certify(self.employee, 4, "2025-01-01")
        self.confirmed("2026-04-01")
        with freeze_time("2026-05-20 04:00:00"):
            certificate.with_user(self.user_manager)._do_revoke("证书信息造假")
        may = self.line(self.confirmed("2026-05-01"), self.employee)
        self.assertEqual((may.amount, may.change), (50.0, "unchanged"))
        june = self.line(self.sheet("2026-06-01"), self.employee)
        self.assertEqual((june.amount, june.change), (0.0, "stopped"))
        self.assertIn("revoked on 2026-05-20", june.reason)

    def test_revocation_month_unpaid_when_the_policy_says_so(self):
        self.policy.end_rule = "end_month_unpaid"
        certificate = self.certify(self.employee, 4, "2025-01-01")
        self.confirmed("2026-04-01")
        with freeze_time("2026-05-20 04:00:00"):
            certificate.with_user(self.user_manager)._do_revoke("证书信息造假")
        may = self.line(self.sheet("2026-05-01"), self.employee)
        self.assertEqual((may.amount, may.change), (0.0, "stopped"))

    def test_expiry_stops_the_allowance_and_the_certificate(self):
        with freeze_time("2026-06-15 04:00:00"):
            certificate = self.certify(self.employee, 4, "2025-01-01", valid_until="2026-06-30")
        self.assertEqual(certificate.state, "valid")
        self.confirmed("2026-06-01")
        july = self.line(self.sheet("2026-07-01"), self.employee)
        self.assertEqual((july.amount, july.change), (0.0, "stopped"))
        self.assertIn("valid until 2026-06-30", july.reason)
        with freeze_time("2026-07-01 04:00:00"):
            self.env["skill.cert.certificate"]._cron_sync_expiry()
        self.assertEqual(certificate.state, "expired")
        self.assertFalse(self.employee.skill_cert_highest_level_id)
        certificate.valid_until = "2030-12-31"
        self.assertEqual(certificate.state, "valid")
        self.assertEqual(self.employee.skill_cert_highest_level_id, self.levels[4])

    def test_policy_versions_across_a_month_boundary(self):
        self.certify(self.employee, 4, "2025-01-01")
        may = self.confirmed("2026-05-01")
        raise_from_june = self.Policy.create(
            {"name": "2026年6月起", "company_id": self.company.id, "date_from": "2026-06-01"}
        )
        self.set_amount(raise_from_june, 4, 80)
        june = self.sheet("2026-06-01")
        self.assertEqual(june.policy_id, raise_from_june)
        self.assertEqual(self.line(june, self.employee).amount, 80.0)
        self.assertEqual(self.line(june, self.employee).change, "changed")
        # the version that paid May is frozen, and no version may start in a paid month
        self.assertTrue(self.policy.is_locked)
        with self.assertRaisesRegex(UserError, "2026-05"):
            self.set_amount(self.policy, 4, 60)
        with self.assertRaisesRegex(UserError, "2026-05"):
            self.Policy.create(
                {"name": "补丁", "company_id": self.company.id, "date_from": "2026-05-01"}
            )
        with self.assertRaisesRegex(UserError, "2026-05"):
            self.policy.date_to = "2026-04-30"
        self.assertEqual(self.line(may, self.employee).amount, 50.0)
        self.assertEqual(str(self.policy.date_to), "2026-05-31")

    def test_certificate_recorded_late_is_paid_as_back_pay(self):
        self.confirmed("2026-04-01")
        self.confirmed("2026-05-01")
        self.certify(self.employee, 4, "2026-03-10")
        june = self.sheet("2026-06-01")
        line = self.line(june, self.employee)
        self.assertEqual(
            (line.amount, line.back_pay_amount, line.total_amount), (50.0, 100.0, 150.0)
        )
        self.assertEqual(
            [(str(row.month), row.amount) for row in line.back_pay_ids],
            [("2026-04-01", 50.0), ("2026-05-01", 50.0)],
        )
        self.assertIn("Back pay for 2026-04", line.reason)
        self.assertEqual((june.back_pay_total, june.total), (100.0, 150.0))
        june.action_confirm()
        july = self.line(self.sheet("2026-07-01"), self.employee)
        self.assertEqual((july.amount, july.back_pay_amount, july.change), (50.0, 0.0, "unchanged"))

    def test_back_pay_looks_back_as_far_as_the_policy_says(self):
        self.policy.back_pay_months = 1
        self.confirmed("2026-04-01")
        self.confirmed("2026-05-01")
        self.certify(self.employee, 4, "2026-03-10")
        line = self.line(self.sheet("2026-06-01"), self.employee)
        self.assertEqual(line.back_pay_amount, 50.0)


@tagged("post_install", "-at_install")
class TestAllowanceSheetGuards(AllowanceCommon):
    def test_confirmed_month_cannot_be_generated_again(self):
        self.certify(self.employee, 4, "2025-01-01")
        april = self.confirmed("2026-04-01")
        lines = april.line_ids
        with self.assertRaisesRegex(UserError, "confirmed and locked|已确认"):
            april.action_generate()
        with self.assertRaisesRegex(UserError, "confirmed and locked|已确认"):
            april.unlink()
        with self.assertRaisesRegex(UserError, "confirmed and locked|已确认"):
            april.line_ids.unlink()
        self.assertEqual(april.line_ids, lines)
        self.assertEqual(april.state, "confirmed")

    def test_months_are_confirmed_in_order(self):
        self.confirmed("2026-04-01")
        june = (
            self.env["skill.cert.allowance.sheet"]
            .with_user(self.user_payroll)
            .create({"month": "2026-06-01", "company_id": self.company.id})
        )
        with self.assertRaisesRegex(UserError, "2026-05"):
            june.action_generate()
        self.assertFalse(june.line_ids)
        march = (
            self.env["skill.cert.allowance.sheet"]
            .with_user(self.user_payroll)
            .create({"month": "2026-03-01", "company_id": self.company.id})
        )
        with self.assertRaisesRegex(UserError, "2026-04"):
            march.action_generate()

    def test_one_sheet_per_company_and_month(self):
        self.sheet("2026-04-01")
        with self.assertRaisesRegex(ValidationError, "2026-04"):
            self.sheet("2026-04-01")

    def test_no_policy_no_sheet(self):
        sheet = (
            self.env["skill.cert.allowance.sheet"]
            .with_user(self.user_payroll)
            .create({"month": "2025-12-01", "company_id": self.company.id})
        )
        with self.assertRaisesRegex(UserError, "2025-12"):
            sheet.action_generate()

    def test_confirming_needs_the_payroll_right(self):
        self.certify(self.employee, 4, "2025-01-01")
        sheet = self.sheet("2026-04-01")
        with self.assertRaisesRegex(AccessError, "Payroll Officer|津贴专员"):
            sheet.with_user(self.user_hr).action_confirm()
        with self.assertRaises(AccessError):
            sheet.with_user(self.user_manager).action_confirm()
        with self.assertRaises(AccessError):
            sheet.with_user(self.user_employee).action_confirm()
        self.assertEqual(sheet.state, "draft")

    def test_confirm_refuses_a_sheet_that_no_longer_matches(self):
        self.certify(self.employee, 4, "2025-01-01")
        sheet = self.sheet("2026-04-01")
        self.certify(self.colleague, 3, "2025-01-01")
        with self.assertRaisesRegex(UserError, "李娜"):
            sheet.action_confirm()
        self.assertEqual(sheet.state, "draft")
        sheet.action_generate()
        sheet.action_confirm()
        self.assertEqual(sheet.state, "confirmed")
        self.assertEqual(sheet.confirmed_by_id, self.user_payroll)
        self.assertEqual(sheet.total, 150.0)

    def test_lines_are_not_entered_or_edited_by_hand(self):
        self.certify(self.employee, 4, "2025-01-01")
        sheet = self.sheet("2026-04-01")
        Line = self.env["skill.cert.allowance.line"]
        for user in (self.user_payroll, self.user_allowance_admin, self.user_hr):
            with self.assertRaises(AccessError):
                Line.with_user(user).create(
                    {
                        "sheet_id": sheet.id,
                        "company_id": self.company.id,
                        "employee_id": self.colleague.id,
                        "month": "2026-04-01",
                    }
                )
            with self.assertRaises(AccessError):
                sheet.line_ids.with_user(user).write({"amount": 500})
        self.assertEqual(sheet.line_ids.amount, 50.0)


@tagged("post_install", "-at_install")
class TestAllowanceAccess(AllowanceCommon):
    def test_policies_stay_in_their_company(self):
        other_policy = self.env["skill.cert.allowance.policy"].create(
            {"name": "另一制度", "company_id": self.other_company.id, "date_from": "2026-01-01"}
        )
        Policy = self.env["skill.cert.allowance.policy"]
        self.assertEqual(Policy.with_user(self.user_payroll).search([]), self.policy)
        self.assertEqual(Policy.with_user(self.user_other_payroll).search([]), other_policy)
        with self.assertRaises(AccessError):
            other_policy.with_user(self.user_allowance_admin).write({"back_pay_months": 3})

    def test_employees_see_only_their_own_confirmed_lines(self):
        self.certify(self.employee, 4, "2025-01-01")
        self.certify(self.colleague, 3, "2025-01-01")
        sheet = self.sheet("2026-04-01")
        Line = self.env["skill.cert.allowance.line"]
        self.assertFalse(Line.with_user(self.user_employee).search([]))
        sheet.action_confirm()
        own = Line.with_user(self.user_employee).search([])
        self.assertEqual(own.employee_id, self.employee)
        self.assertEqual(own.amount, 50.0)
        with self.assertRaises(AccessError):
            sheet.with_user(self.user_employee).read(["total"])
        with self.assertRaises(AccessError):
            self.line(sheet, self.colleague).with_user(self.user_employee).read(["amount"])
        self.assertEqual(len(Line.with_user(self.user_hr).search([])), 2)
        self.assertEqual(len(Line.with_user(self.user_payroll).search([])), 2)
        self.assertFalse(Line.with_user(self.user_other_payroll).search([]))
        with self.assertRaises(AccessError):
            sheet.with_user(self.user_other_payroll).read(["total"])

    def test_current_allowance_on_the_employee_and_in_my_profile(self):
        self.certify(self.employee, 3, "2025-01-01")
        with freeze_time("2026-11-15 04:00:00"):
            self.assertEqual(
                self.employee.with_user(self.user_hr).skill_cert_allowance_amount, 100.0
            )
            own = self.user_employee.with_user(self.user_employee)
            values = own.read(["skill_cert_allowance_amount", "skill_cert_allowance_level_id"])[0]
            self.assertEqual(values["skill_cert_allowance_amount"], 100.0)
            self.assertEqual(values["skill_cert_allowance_level_id"][0], self.levels[3].id)
            with self.assertRaises(AccessError):
                self.user_employee.with_user(self.user_colleague).read(
                    ["skill_cert_allowance_amount"]
                )


@tagged("post_install", "-at_install")
class TestAllowanceExport(AllowanceCommon):
    def test_xlsx_has_one_row_per_line_with_text_badges(self):
        self.certify(self.employee, 4, "2025-01-01")
        self.employee.barcode = "0012"
        sheet = self.confirmed("2026-04-01")
        action = sheet.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual((attachment.res_model, attachment.res_id), (sheet._name, sheet.id))
        workbook = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(rows[1][:2], ("0012", "张伟"))
        self.assertEqual(rows[1][9], 50.0)
        self.assertEqual(rows[-1][11], 50.0)
        self.assertEqual(len(rows), 3)


@tagged("post_install", "-at_install")
class TestAllowanceChineseMessages(AllowanceCommon):
    """Refusals reach a Chinese payroll officer in Chinese, naming the record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["l10n_cn_hr_skill_certification"], ["zh_CN"], overwrite=True
        )
        (cls.user_payroll | cls.user_hr | cls.user_allowance_admin).lang = "zh_CN"

    def test_refusals_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "技能等级津贴制度（2026）.*时间重叠"):
            self.Policy.with_context(lang="zh_CN").create(
                {
                    "name": "旧制度",
                    "company_id": self.company.id,
                    "date_from": "2025-06-01",
                    "date_to": "2026-03-31",
                }
            )
        with self.assertRaisesRegex(ValidationError, "四级/中级工：月津贴标准不能为负数"):
            self.set_amount(self.policy.with_context(lang="zh_CN"), 4, -5)
        sheet = self.sheet("2026-04-01").with_context(lang="zh_CN")
        with self.assertRaisesRegex(AccessError, "需要技能等级津贴的“津贴专员”角色"):
            sheet.with_user(self.user_hr).action_confirm()
        sheet.action_confirm()
        with self.assertRaisesRegex(UserError, "技能等级津贴 2026-04.*已确认锁定"):
            sheet.action_generate()
