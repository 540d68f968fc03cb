from odoo import api, fields, models

from ..tools.bulk import insert_rows


class SkillCertAllowanceBackPay(models.Model):
    """Allowance paid late for an earlier month, on a later month's line: a certificate
    recorded after its month was paid, a departure date corrected, ... Kept per month
    so that the same month is never paid twice."""

    _name = "skill.cert.allowance.back.pay"
    _description = "Skill Allowance Back Pay"
    _order = "month"

    line_id = fields.Many2one(
        "skill.cert.allowance.line", required=True, index=True, ondelete="cascade", readonly=True
    )
    sheet_id = fields.Many2one(
        "skill.cert.allowance.sheet", string="Paid with", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one("hr.employee", required=True, index=True, readonly=True)
    month = fields.Date(string="For Month", required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True)

    @api.model
    def _insert_rows(self, rows):
        return insert_rows(self, rows)
