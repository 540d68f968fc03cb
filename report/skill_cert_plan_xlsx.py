from odoo import api, models
from odoo.exceptions import UserError

from ..tools.download import XLSX_MIMETYPE, attach_and_download
from ..tools.xlsx import write_workbook
from .annex_columns import ANNEX5_COLUMNS
from .report_skill_cert_forms import FORM_GENDER

# Column headers of the score sheet, read back by the upload (skill.cert.plan.import).
SCORE_SHEET_COLUMNS = {
    "ticket_number": "准考证号",
    "name": "姓名",
    "id_number": "身份证号",
    "theory_score": "理论成绩",
    "practical_score": "实操成绩",
    "practical_examiner": "实操考评员",
    "review_score": "综合评审成绩",
    "review_examiner": "综合评审考评员",
    "note": "备注",
}
CERTIFICATE_LIST_COLUMNS = {
    "id_number": "身份证号",
    "name": "姓名",
    "ticket_number": "准考证号",
    "certificate_number": "证书编号",
}


class ReportSkillCertPlanXlsx(models.AbstractModel):
    """The plan's spreadsheets: the score entry sheet officers fill in and upload back,
    the registration list, and Annex 1 and Annex 5 as sheets."""

    _name = "report.l10n_cn_hr_skill_certification.plan_xlsx"
    _description = "Certification Plan Spreadsheets"

    @api.model
    def _get_kinds(self):
        return {
            "score_sheet": self.env._("Score Entry Sheet"),
            "registrations": self.env._("Registration List"),
            "annex1": self.env._("Annex 1"),
            "annex5": self.env._("Annex 5"),
        }

    @api.model
    def _export(self, plan, kind):
        """Write the spreadsheet, keep it as an attachment of the plan (the ledger of
        Article 13) and return the action downloading it."""
        plan.ensure_one()
        rows = self.env["report.l10n_cn_hr_skill_certification.report_forms"]._get_plan_rows(
            plan, passed_only=kind == "annex5"
        )
        builder = getattr(self, f"_sheet_{kind}", None)
        if not builder:
            raise UserError(self.env._("Unknown spreadsheet."))
        data = write_workbook([builder(plan, rows)])
        name = f"{self._get_kinds()[kind]}-{plan.name}.xlsx"
        return attach_and_download(plan, name, data, XLSX_MIMETYPE)

    @api.model
    def _sheet_score_sheet(self, plan, rows):
        keys = [
            "ticket_number",
            "name",
            "id_number",
            "theory_score",
            "practical_score",
            "practical_examiner",
        ]
        if plan.needs_review_score:
            keys += ["review_score", "review_examiner"]
        keys.append("note")
        body = []
        for row in rows:
            registration = row["registration"]
            if registration.attendance and registration.attendance != "present":
                continue
            values = {
                **row,
                "theory_score": row["theory_score"] if row["theory_score"] is not False else None,
                "practical_score": row["practical_score"]
                if row["practical_score"] is not False
                else None,
                "review_score": row["review_score"] if row["review_score"] is not False else None,
                "practical_examiner": registration.practical_examiner_id.employee_id.name or "",
                "review_examiner": registration.review_examiner_id.employee_id.name or "",
                "note": "",
            }
            body.append([values[key] for key in keys])
        widths = {"ticket_number": 14, "name": 10, "id_number": 22, "note": 20}
        return (
            self.env._("Scores"),
            [SCORE_SHEET_COLUMNS[key] for key in keys],
            body,
            [widths.get(key, 12) for key in keys],
        )

    @api.model
    def _sheet_registrations(self, plan, rows):
        registrations = plan.registration_ids.sudo().sorted(lambda r: (r.employee_id.name, r.id))
        states = dict(registrations._fields["state"]._description_selection(self.env))
        categories = dict(
            self.env["hr.employee"]
            ._fields["skill_cert_employment_category"]
            ._description_selection(self.env)
        )
        body = [
            [
                index,
                registration.employee_id.name,
                FORM_GENDER.get(registration.employee_id.sex, ""),
                registration.employee_id.identification_id or "",
                registration.department_id.name or "",
                categories.get(registration.employee_id.skill_cert_employment_category, ""),
                registration.employee_id.skill_cert_unit_name or "",
                states[registration.state],
                registration.eligibility_notes or "",
                registration.reject_reason or "",
            ]
            for index, registration in enumerate(registrations, start=1)
        ]
        return (
            self.env._("Registrations"),
            [
                "序号",
                "姓名",
                "性别",
                "身份证号",
                "部门",
                "用工类别",
                "所在单位",
                "报名状态",
                "资格审核",
                "驳回原因",
            ],
            body,
            [6, 10, 6, 22, 14, 12, 26, 10, 40, 30],
        )

    @api.model
    def _sheet_annex1(self, plan, rows):
        body = [
            [
                row["sequence"],
                row["ticket_number"],
                row["name"],
                row["id_number"],
                row["unit"],
                row["practical_score"] if row["practical_score"] is not False else None,
                round(row["comprehensive_score"], 1)
                if row["comprehensive_score"] is not False
                else None,
                "",
            ]
            for row in rows
        ]
        return (
            "附件1",
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
            body,
            [6, 14, 10, 22, 26, 10, 10, 16],
        )

    @api.model
    def _sheet_annex5(self, plan, rows):
        body = [[_annex5_cell(key, row[key]) for key, _heading in ANNEX5_COLUMNS] for row in rows]
        return (
            "附件5",
            [heading for _key, heading in ANNEX5_COLUMNS],
            body,
            [6, 10, 6, 10, 12, 22, 26, 8, 10, 10, 24],
        )


def _annex5_cell(key, value):
    """Missing values, and a seniority of 0 years, stay blank cells as on the paper form."""
    if value is False or (key == "seniority" and not value):
        return None
    return value
