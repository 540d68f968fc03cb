import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PlanCommon

IDS = ["330523199705010065", "330503199207040020", "341221199309160081"]


@tagged("post_install", "-at_install")
class TestXlsx(PlanCommon):
    """Spreadsheets out (xlsxwriter) and in (openpyxl): the score sheet round trip, the
    authority's certificate numbers, and every bad sheet refused with nothing written."""

    CANDIDATES = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague.identification_id = False
        for employee, number in zip(cls.candidates, IDS, strict=True):
            employee.write({"identification_id": number, "birthday": False, "sex": False})
        cls.candidates[2].name = "=HYPERLINK(1)"  # a name that looks like a formula

    def export(self, plan, kind):
        action = plan.with_user(self.user_officer).with_context(xlsx=kind).action_export_xlsx()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertEqual((attachment.res_model, attachment.res_id), (plan._name, plan.id))
        self.assertNotRegex(attachment.name, r"\d{17}")  # no ID number in a file name
        return openpyxl.load_workbook(io.BytesIO(attachment.raw))

    def upload(self, plan, workbook, kind="scores"):
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = (
            self.env["skill.cert.plan.import"]
            .with_user(self.user_officer)
            .create({"plan_id": plan.id, "kind": kind, "file": base64.b64encode(buffer.getvalue())})
        )
        return wizard.action_import()

    def fill(self, sheet, scores):
        """Write (theory, practical, examiner) on the data rows, in order."""
        header = [cell.value for cell in sheet[1]]
        theory, practical, examiner = (
            header.index("理论成绩") + 1,
            header.index("实操成绩") + 1,
            header.index("实操考评员") + 1,
        )
        for row, (theory_score, practical_score, name) in enumerate(scores, start=2):
            sheet.cell(row, theory).value = theory_score
            sheet.cell(row, practical).value = practical_score
            sheet.cell(row, examiner).value = name

    def test_score_sheet_round_trip(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        workbook = self.export(plan, "score_sheet")
        sheet = workbook.active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(
            header, ["准考证号", "姓名", "身份证号", "理论成绩", "实操成绩", "实操考评员", "备注"]
        )
        id_cells = [row[2] for row in sheet.iter_rows(min_row=2)]
        self.assertEqual(sorted(cell.value for cell in id_cells), sorted(IDS))
        self.assertEqual({cell.data_type for cell in id_cells}, {"s"})  # text, all 18 digits
        names = [row[1] for row in sheet.iter_rows(min_row=2)]
        formula_like = [cell for cell in names if cell.value == "=HYPERLINK(1)"]
        self.assertEqual(formula_like[0].data_type, "s")
        examiner = self.examiner_employees[1].name
        self.fill(sheet, [(81, 77.5, examiner), (60, 60, examiner), (99, 100, examiner)])
        self.upload(plan, workbook)
        by_ticket = {r.ticket_number: r for r in registrations}
        for row in sheet.iter_rows(min_row=2):
            registration = by_ticket[row[0].value]
            self.assertEqual(registration.theory_score, row[3].value)
            self.assertEqual(registration.practical_examiner_id.employee_id.name, examiner)
        self.assertEqual(set(registrations.mapped("result")), {"passed"})

    def test_bad_score_sheet_reports_every_row_and_writes_nothing(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        workbook = self.export(plan, "score_sheet")
        sheet = workbook.active
        examiner = self.examiner_employees[1].name
        self.fill(sheet, [("八十", 77, examiner), (60, 101, "外人"), (70, 70, examiner)])
        sheet.cell(4, 3).value = 330503199207040020  # an ID typed as a number
        sheet.append(["NO-SUCH-TICKET", "", IDS[0], 70, 70, examiner, ""])
        sheet.append([sheet.cell(2, 1).value, "", sheet.cell(2, 3).value, 70, 70, examiner, ""])
        sheet.append([sheet.cell(3, 1).value, "", IDS[2], "=1+1", 70, examiner, ""])
        with self.assertRaises(UserError) as caught:
            self.upload(plan, workbook)
        message = str(caught.exception)
        for expected in (
            'Row 2, column 理论成绩, value "八十": not a number',
            "Row 4, column 身份证号",
            "loses digits",
            "Row 7, column 理论成绩",
            "a formula",
        ):
            self.assertIn(expected, message)
        self.assertFalse(any(registrations.mapped("has_theory_score")))

        # the same sheet, repaired except for candidates and ranges
        workbook = self.export(plan, "score_sheet")
        sheet = workbook.active
        self.fill(sheet, [(80, 77, examiner), (60, 101, "外人"), (70, 70, examiner)])
        sheet.cell(4, 3).value = IDS[0]  # someone else's ID number on this row
        sheet.append(["NO-SUCH-TICKET", "", IDS[0], 70, 70, examiner, ""])
        sheet.append([sheet.cell(2, 1).value, "", sheet.cell(2, 3).value, 70, 70, examiner, ""])
        with self.assertRaises(UserError) as caught:
            self.upload(plan, workbook)
        message = str(caught.exception)
        for expected in (
            'Row 3, column 实操成绩, value "101.0": scores are between 0 and 100',
            'Row 3, column 实操考评员, value "外人": not an examiner of this plan',
            "Row 4, column 身份证号",
            "does not match the ID number",
            'Row 5, column 准考证号, value "NO-SUCH-TICKET": no such candidate in this plan',
            "Row 6, column 准考证号",
            "already given on row 2",
        ):
            self.assertIn(expected, message)
        self.assertFalse(any(registrations.mapped("has_theory_score")))

    def test_header_problems(self):
        plan = self.create_plan()
        self.to_examined(plan)
        workbook = self.export(plan, "score_sheet")
        sheet = workbook.active
        sheet.cell(1, 4).value = "理论"  # renamed column: ignored, and 理论成绩 missing
        with self.assertRaisesRegex(UserError, "Sheet “Scores” has no column 理论成绩"):
            self.upload(plan, workbook)
        sheet.cell(1, 4).value = "理论成绩"
        sheet.cell(1, 7).value = "理论成绩"  # given twice
        with self.assertRaisesRegex(UserError, "gives these columns twice: 理论成绩"):
            self.upload(plan, workbook)
        wizard = (
            self.env["skill.cert.plan.import"]
            .with_user(self.user_officer)
            .create({"plan_id": plan.id, "file": base64.b64encode(b"not a workbook")})
        )
        with self.assertRaisesRegex(UserError, "not an Excel workbook"):
            wizard.action_import()

    def test_certificate_numbers_from_the_authority(self):
        plan = self.create_plan()
        registrations = self.to_confirmed(plan)
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["身份证号", "姓名", "证书编号"])
        for serial, registration in enumerate(registrations, start=1):
            cell_id = registration.sudo().employee_id.identification_id
            sheet.append([cell_id, "", self.certificate_number(4, serial, year=26)])
            name = sheet.cell(serial + 1, 2)
            name.value = registration.employee_id.name
            name.data_type = "s"  # typed text, even "=HYPERLINK(1)"
        with freeze_time("2026-04-10 09:00:00"):
            self.upload(plan, workbook, kind="certificate_numbers")
            self.assertEqual(
                sorted(registrations.mapped("certificate_number")),
                [self.certificate_number(4, serial, year=26) for serial in (1, 2, 3)],
            )
            plan.with_user(self.user_officer).action_mark_numbered()
        self.assertEqual(plan.state, "numbered")

    def test_bad_certificate_numbers_refused(self):
        plan = self.create_plan()
        registrations = self.to_confirmed(plan)
        self.create_certificate(employee=self.employee, serial=500)
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["身份证号", "姓名", "证书编号"])
        sheet.append([IDS[0], "", self.certificate_number(4, 500)])  # already used
        sheet.append([IDS[1], "", self.certificate_number(3, 7, year=26)])  # level digit 3
        sheet.append([IDS[2], "某某", self.certificate_number(4, 8, year=26)])  # wrong name
        sheet.append(
            ["330503198803120014", "", self.certificate_number(4, 9, year=26)]
        )  # not a candidate
        with self.assertRaises(UserError) as caught:
            self.upload(plan, workbook, kind="certificate_numbers")
        message = str(caught.exception)
        for expected in (
            "Row 2, column 证书编号",
            "already used by another certificate",
            "carries level digit 3",
            'Row 4, column 姓名, value "某某"',
            'Row 5, column 身份证号, value "3305**********0014": no such candidate',
        ):
            self.assertIn(expected, message)
        self.assertFalse(any(registrations.mapped("certificate_number")))

    def test_registration_list_and_annexes_as_sheets(self):
        plan = self.create_plan()
        self.to_numbered(plan)
        sheet = self.export(plan, "registrations").active
        self.assertEqual(sheet.cell(1, 4).value, "身份证号")
        self.assertEqual(sheet.max_row, 4)
        annex1 = self.export(plan, "annex1").active
        self.assertEqual(
            [cell.value for cell in annex1[1]],
            [
                "序号",
                "准考证号码",
                "姓名",
                "身份证号码",
                "所在单位",
                "实操成绩",
                "综合成绩",
                "备注",
            ],
        )
        annex5 = self.export(plan, "annex5").active
        self.assertEqual(annex5.cell(1, 11).value, "证书编号")
        self.assertEqual(annex5.cell(2, 11).data_type, "s")
        self.assertEqual(annex5.max_row, 4)

    def test_only_officers_export(self):
        plan = self.create_plan()
        self.to_examined(plan)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_examiners[0]).with_context(
                xlsx="score_sheet"
            ).action_export_xlsx()
        with self.assertRaisesRegex(UserError, "not an Excel workbook"):
            self.env["skill.cert.plan.import"].with_user(self.user_officer).create(
                {"plan_id": plan.id, "kind": "scores"}
            ).action_import()
