import re
import shutil
import subprocess
import unittest

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tests.common import HOST
from odoo.tools import config

from .common import PlanCommon

MODULE = "l10n_cn_hr_skill_certification"
# CJK Radicals Supplement and Kangxi Radicals: what the text layer holds instead of 示, 工,
# 人, 长 ... when wkhtmltopdf prints with a font (Noto CJK) that maps both to one glyph.
RADICALS = re.compile("[\u2e80-\u2fdf]")
WHITESPACE = re.compile(r"\s+")


def compact(text):
    """``text`` without whitespace: pdftotext breaks lines and spaces out table cells."""
    return WHITESPACE.sub("", text)


@tagged("post_install", "-at_install")
class TestPdfText(PlanCommon):
    """Every PDF report of the module prints a text layer that reads back as printed
    (copy, search, archive): titles, people and company in ideographs, never radicals."""

    CANDIDATES = 3
    # characters that Noto CJK's text layer turns into radicals (工 人 示 长 风 ...)
    NAMES = ("王工人", "张示范", "赵长风")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for employee, name in zip(cls.candidates, cls.NAMES, strict=True):
            employee.name = name
        cls.supervisor_employees[0].name = "刘立言"
        cls.supervisor_employees[1].name = "孙见龙"
        cls.external_supervisor.name = "马长青"
        cls.user_manager.name = "陈大用"

    def pdf_text(self, report, records):
        try:
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.user_officer)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(f"{MODULE}.{report}", records.ids)
            )
        except unittest.SkipTest as skipped:  # Odoo's, on a wkhtmltopdf error
            self.fail(f"{report}: wkhtmltopdf could not print it: {skipped}")
        self.assertEqual(kind, "pdf", report)
        self.assertTrue(pdf.startswith(b"%PDF"), report)
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout.decode()

    def test_every_pdf_report_reads_back_as_printed(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (Debian package poppler-utils) is needed to read the PDFs back")
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state in ("install", "upgrade", "broken"):
            self.fail(f"wkhtmltopdf (Debian package wkhtmltopdf) is needed to print: {state}")

        # wkhtmltopdf loads the report's assets from the test's own HTTP server
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://{HOST}:{config['http_port']}"
        )

        plan = self.create_plan()
        registrations = self.to_numbered(plan)
        with freeze_time("2026-04-10 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
        company = self.company.name
        candidates = list(self.NAMES)
        notice_lang = self.company.partner_id.lang or "zh_CN"
        # report: (records, titles as printed, people named on it)
        cases = {
            "report_annex1": (plan, ["职业技能等级认定实操（综合成绩汇总表）"], candidates),
            "report_annex4": (plan, ["职业技能等级认定公示结果确认单"], [self.user_manager.name]),
            "report_annex5": (plan, [f"{company}职业技能等级证书核发登记表"], candidates),
            "report_admission_ticket": (registrations, ["职业技能等级认定准考证"], candidates),
            "report_inspection": (
                plan.inspection_ids,
                [
                    self.internal_form(plan).template_id.name,
                    "技能人才评价专家资格认定外督情况登记表",
                ],
                ["刘立言", "孙见龙", "马长青"],
            ),
            "report_certificate": (plan.certificate_ids, ["职业技能等级证书登记信息"], candidates),
            "report_certificate_document": (
                plan.certificate_ids,
                ["职业技能等级证书", *plan.certificate_ids.mapped("name")],
                candidates,
            ),
            "report_skill_cert_notice": (
                plan.notice_ids,
                plan.notice_ids.with_context(lang=notice_lang).mapped("title"),
                plan.notice_ids.line_ids.mapped("name_masked"),  # 王*人: masked in public
            ),
        }
        self.assertEqual(len(plan.inspection_ids), 2)
        self.assertEqual(len(plan.certificate_ids), 3)
        self.assertEqual(len(plan.notice_ids), 2)

        data = self.env["ir.model.data"].search(
            [("module", "=", MODULE), ("model", "=", "ir.actions.report")]
        )
        pdf_reports = (
            self.env["ir.actions.report"]
            .browse(data.mapped("res_id"))
            .filtered(lambda report: report.report_type == "qweb-pdf")
        )
        self.assertEqual(
            sorted(report.report_name.split(".", 1)[1] for report in pdf_reports),
            sorted(cases),
            "every PDF report of the module has its case here",
        )

        problems = []
        for report, (records, titles, people) in cases.items():
            self.assertTrue(records, report)
            if report in ("report_skill_cert_notice", "report_certificate_document"):
                # a notice, a certificate is a document of its own: the Debian wkhtmltopdf
                # (unpatched Qt) cannot join several documents into one PDF
                text = "\n".join(self.pdf_text(report, record) for record in records)
            else:
                text = self.pdf_text(report, records)
            printed = compact(text)
            for expected in [*titles, *people, company]:
                if compact(expected) not in printed:
                    problems.append(f"{report}: {expected!r} not in the text layer")
            radicals = sorted(set(RADICALS.findall(text)))
            if radicals:
                problems.append(
                    f"{report}: radicals instead of ideographs in the text layer: "
                    + " ".join(f"{char} (U+{ord(char):04X})" for char in radicals)
                )
        if problems:
            self.fail(
                "The PDFs do not read back as printed (is fonts-arphic-uming installed and "
                "first in the reports' font-family?):\n" + "\n".join(problems)
            )
