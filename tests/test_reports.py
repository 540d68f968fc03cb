import shutil
import subprocess
import unicodedata

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PlanCommon

IDS = ["330523199705010065", "330503199207040020", "341221199309160081"]


@tagged("post_install", "-at_install")
class TestReports(PlanCommon):
    """The annex forms print in Chinese exactly as the regulation gives them."""

    CANDIDATES = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague.identification_id = False  # 330503199207040020 goes to a candidate
        for employee, number in zip(cls.candidates, IDS, strict=True):
            employee.write(
                {
                    "identification_id": number,
                    "birthday": False,
                    "sex": False,
                    "certificate": "junior_college",
                }
            )

    def html(self, report, records):
        return (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(lang="en_US")
            ._render_qweb_html(f"l10n_cn_hr_skill_certification.{report}", records.ids)[0]
            .decode()
        )

    def assert_in_order(self, html, labels, after="<thead>"):
        html = html[html.find(after) :] if after in html else html
        positions = [html.find(label) for label in labels]
        self.assertNotIn(-1, positions, labels)
        self.assertEqual(positions, sorted(positions), labels)

    def test_annex1(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        with freeze_time("2026-03-21 17:00:00"):
            registrations[:2].with_user(self.user_officer).attendance = "present"
            registrations[2].with_user(self.user_officer).attendance = "absent"
            self.sign_forms_at_exam(plan)
            plan.with_user(self.user_officer).action_mark_examined()
        self.enter_scores(plan, registrations[:2], theory=80, practical=75)
        html = self.html("report_annex1", plan)
        self.assertIn("职业技能等级认定实操（综合成绩汇总表）", html)
        self.assert_in_order(
            html, ["序号", "准考证号码", "姓名", "身份证号码", "所在单位", "实操", "综合", "备注"]
        )
        self.assert_in_order(
            html, ["企 业 名 称（ 盖 章 ）", "认 定 职 业", "认 定 计 划 号"], after="附件1"
        )
        self.assertIn(plan.name, html)
        for number in IDS:  # a form filed with the authority: full ID numbers
            self.assertIn(number, html)
        self.assertIn("76.5", html)  # 80 x 0.3 + 75 x 0.7
        self.assertIn("缺考", html)
        self.assert_in_order(
            html, ["考评组长（签字）", "考评组成员（签字）", "考 务 联 系 人"], after="</table>"
        )

    def test_annex4(self):
        plan = self.create_plan()
        self.to_confirmed(plan)
        html = self.html("report_annex4", plan)
        self.assertIn("职业技能等级认定公示结果确认单", html)
        self.assert_in_order(
            html, ["评价机构名称", "认定计划号", "认定职业", "认定等级", "认定工种"], after="附件4"
        )
        self.assertRegex(html, r"以上共 <u>　3　</u> 名人员，通过")
        self.assertIn("等级职业技能等级认定，经公示无异议", html)
        self.assertIn("企业技能等级认定负责人（签名）", html)
        self.assertIn(self.user_manager.name, html)

    def test_annex5(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        with freeze_time("2026-03-21 17:00:00"):
            registrations.with_user(self.user_officer).attendance = "present"
            self.sign_forms_at_exam(plan)
            plan.with_user(self.user_officer).action_mark_examined()
        self.enter_scores(plan, registrations[:2], theory=90, practical=88)
        self.enter_scores(plan, registrations[2], theory=30, practical=88)
        with freeze_time("2026-03-23 09:00:00"):
            self.review_scores(plan)
            plan.with_user(self.user_officer).action_publish_result_notice()
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        with freeze_time("2026-04-10 09:00:00"):
            for serial, registration in enumerate(registrations[:2], start=1):
                registration.with_user(
                    self.user_officer
                ).certificate_number = self.certificate_number(4, serial, year=26)
            plan.with_user(self.user_officer).action_mark_numbered()
            plan.with_user(self.user_officer).action_issue()
        html = self.html("report_annex5", plan)
        self.assertIn(f"{self.company.name}职业技能等级证书核发登记表", html)
        self.assert_in_order(
            html,
            [
                "序号",
                "姓名",
                "性别",
                "出生年月",
                "文化",
                "身份证号",
                "所在单位或",
                "专业",
                "理论成绩",
                "实操",
                "证书编号",
            ],
        )
        self.assert_in_order(
            html, ["填表人（签字）", "复核人（签字）", "审核人（签字）"], after="</tbody>"
        )
        self.assertIn("1997.05", html)
        self.assertIn("女", html)
        self.assertIn("大专", html)
        self.assertIn(self.certificate_number(4, 1, year=26), html)
        self.assertNotIn(IDS[2], html)  # failed: not on the issuance register
        self.assertIn("2026 年 04 月 10 日", html)

    def test_admission_tickets_are_masked(self):
        plan = self.create_plan()
        registrations = self.to_candidate_notice(plan)
        action = plan.with_user(self.user_officer).action_print_tickets()
        self.assertEqual(
            action["report_name"], "l10n_cn_hr_skill_certification.report_admission_ticket"
        )
        html = self.html("report_admission_ticket", registrations)
        self.assertEqual(html.count("职业技能等级认定准考证"), 3)
        for registration in registrations:
            self.assertIn(registration.ticket_number, html)
        self.assertIn("3305**********0065", html)
        self.assertNotIn(IDS[0], html)
        self.assertIn("培训中心 301 机房", html)

    def test_certificate_record(self):
        certificate = self.create_certificate(employee=self.candidates[0], serial=42)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_hr)
            ._render_qweb_html(
                "l10n_cn_hr_skill_certification.report_certificate", certificate.ids
            )[0]
            .decode()
        )
        self.assertIn("职业技能等级证书登记信息", html)
        self.assertIn(certificate.name, html)
        self.assertIn("四级/中级工", html)
        self.assertIn("有效", html)

    def test_forms_printed_from_their_state(self):
        """Annex 1 exists once examined, Annex 4 from the result notice, Annex 5 once
        numbered: an earlier print is refused, saying from when."""
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        Report = self.env["ir.actions.report"].with_user(self.user_officer)
        for report in ("report_annex1", "report_annex4", "report_annex5"):
            with self.subTest(report=report), self.assertRaisesRegex(UserError, "filled from"):
                Report._render_qweb_html(f"l10n_cn_hr_skill_certification.{report}", plan.ids)

    def test_forms_with_id_numbers_need_an_officer(self):
        plan = self.create_plan()
        self.to_examined(plan)
        for user in (self.user_examiners[0], self.user_supervisor):
            with self.assertRaises(AccessError):
                self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                    "l10n_cn_hr_skill_certification.report_annex1", plan.ids
                )

    def test_real_pdf_through_wkhtmltopdf(self):
        """A real PDF, in Chinese glyphs, read back with pdftotext."""
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is needed to read the PDF back")
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "l10n_cn_hr_skill_certification.report_admission_ticket", plan._candidates().ids
            )
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        text = unicodedata.normalize("NFKC", text)  # CJK radicals back to ideographs
        self.assertIn("职业技能等级认定准考证", text)
        self.assertIn("3305**********0065", text)
        self.assertIn(plan.name, text)
