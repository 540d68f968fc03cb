import base64
import io
import shutil
import subprocess
import unicodedata
import zipfile
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PlanCommon


def content_xml(document):
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        return package.read("content.xml").decode()


@tagged("post_install", "-at_install")
class TestOdt(PlanCommon):
    """Annex 4 and Annex 5 as editable ODT documents, from shipped or uploaded templates."""

    CANDIDATES = 2

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.candidates[0].write(
            {"identification_id": "330523199705010065", "birthday": False, "sex": False}
        )
        cls.Odt = cls.env["report.l10n_cn_hr_skill_certification.plan_odt"]

    def setUp(self):
        super().setUp()
        self.plan = self.create_plan()
        self.to_numbered(self.plan)

    def test_annex4_odt(self):
        content = content_xml(self.Odt.with_user(self.user_manager)._render(self.plan, "annex4"))
        self.assertIn("职业技能等级认定公示结果确认单", content)
        self.assertIn(self.plan.name, content)
        self.assertIn(self.company.name, content)
        self.assertIn("以上共 2 名人员", content)
        self.assertNotIn("user-field-get", content)  # every field was filled

    def test_annex5_odt_lists_the_candidates(self):
        content = content_xml(self.Odt.with_user(self.user_officer)._render(self.plan, "annex5"))
        self.assertIn("职业技能等级证书核发登记表", content)
        self.assertIn("330523199705010065", content)
        for registration in self.plan.registration_ids:
            self.assertIn(registration.certificate_number, content)
        self.assertIn(">80<", content)  # scores as numbers, not 80.0
        self.assertNotIn("user-field-get", content)

    def test_company_template_replaces_the_shipped_one(self):
        shipped = self.Odt._template(self.company, "annex4")
        with zipfile.ZipFile(io.BytesIO(shipped)) as package:
            files = {name: package.read(name) for name in package.namelist()}
        files["content.xml"] = files["content.xml"].replace(
            "职业技能等级认定公示结果确认单".encode(), "（本企业格式）公示结果确认单".encode()
        )
        custom = io.BytesIO()
        with zipfile.ZipFile(custom, "w") as package:
            for name, data in files.items():
                package.writestr(name, data)
        self.company.skill_cert_annex4_odt = base64.b64encode(custom.getvalue())
        content = content_xml(self.Odt.with_user(self.user_manager)._render(self.plan, "annex4"))
        self.assertIn("（本企业格式）公示结果确认单", content)
        self.company.skill_cert_annex4_odt = base64.b64encode(b"not an odt")
        with self.assertRaisesRegex(UserError, "could not be filled"):
            self.Odt.with_user(self.user_manager)._render(self.plan, "annex4")

    def test_conversion_needs_libreoffice(self):
        with (
            patch("shutil.which", return_value=None),
            self.assertRaisesRegex(UserError, "LibreOffice is not installed"),
        ):
            self.Odt.with_user(self.user_manager)._render(self.plan, "annex4", "pdf")

    def test_conversion_to_pdf_with_libreoffice(self):
        if not shutil.which("soffice"):
            self.fail("LibreOffice (soffice) is needed on this machine for the conversion test")
        pdf = self.Odt.with_user(self.user_manager)._render(self.plan, "annex4", "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn("职业技能等级认定公示结果确认单", unicodedata.normalize("NFKC", text))

    def test_download_action(self):
        action = (
            self.plan.with_user(self.user_officer)
            .with_context(odt="annex5", odt_format="odt")
            .action_export_odt()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertTrue(attachment.name.endswith(".odt"))
