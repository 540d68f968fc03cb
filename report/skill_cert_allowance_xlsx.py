from odoo import api, models

from ..tools.allowance import month_label
from ..tools.download import XLSX_MIMETYPE, attach_and_download
from ..tools.xlsx import write_workbook


class ReportSkillCertAllowanceXlsx(models.AbstractModel):
    """A monthly allowance sheet as a workbook any payroll system can import: one row
    per employee (badge ID first, to match payroll records), then the back pay detail."""

    _name = "report.l10n_cn_hr_skill_certification.allowance_xlsx"
    _description = "Skill Allowance Spreadsheet"

    @api.model
    def _export(self, sheet):
        sheet.ensure_one()
        sheet.check_access("read")
        banner = None
        name = f"{sheet.display_name}.xlsx"
        if sheet.state != "confirmed":
            # A draft may still change: nobody may pay from it.
            banner = self.env._("DRAFT (not confirmed, not to be paid from)")
            name = f"{banner}-{name}"
        data = write_workbook(
            [self._sheet_lines(sheet), self._sheet_back_pay(sheet)], banner=banner
        )
        return attach_and_download(sheet, name, data, XLSX_MIMETYPE)

    @api.model
    def _sheet_lines(self, sheet):
        _ = self.env._
        categories = dict(
            self.env["skill.cert.allowance.line"]
            ._fields["employment_category"]
            ._description_selection(self.env)
        )
        changes = dict(
            self.env["skill.cert.allowance.line"]._fields["change"]._description_selection(self.env)
        )
        header = [
            _("Badge ID"),
            _("Employee"),
            _("Department"),
            _("Employment Category"),
            _("Level"),
            _("Certificate Number"),
            _("Monthly Amount"),
            _("Days Paid"),
            _("Days in Month"),
            _("Allowance"),
            _("Back Pay"),
            _("Total"),
            _("Previous Month"),
            _("Change"),
            _("Reason"),
        ]
        widths = [12, 12, 16, 12, 14, 24, 10, 8, 8, 10, 10, 10, 10, 8, 60]
        rows = [
            [
                line.employee_number or "",
                line.employee_id.name,
                line.department_id.name or "",
                categories.get(line.employment_category, ""),
                line.level_id.name or "",
                line.certificate_id.name or "",
                line.base_amount,
                line.paid_days,
                line.month_days,
                line.amount,
                line.back_pay_amount,
                line.total_amount,
                line.previous_amount,
                changes.get(line.change, ""),
                line.reason or "",
            ]
            for line in sheet.line_ids
        ]
        rows.append(
            [
                "",
                _("Total"),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                sheet.amount_total,
                sheet.back_pay_total,
                sheet.total,
            ]
        )
        return _("Allowance"), header, rows, widths

    @api.model
    def _sheet_back_pay(self, sheet):
        _ = self.env._
        header = [_("Badge ID"), _("Employee"), _("For Month"), _("Back Pay")]
        rows = [
            [
                back_pay.line_id.employee_number or "",
                back_pay.employee_id.name,
                month_label(back_pay.month),
                back_pay.amount,
            ]
            for line in sheet.line_ids
            for back_pay in line.back_pay_ids
        ]
        return _("Back Pay"), header, rows, [12, 12, 10, 10]
