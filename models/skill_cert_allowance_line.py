from odoo import api, fields, models

from ..tools.allowance import add_months, month_label
from ..tools.bulk import insert_rows
from .hr_employee import EMPLOYMENT_CATEGORIES

CHANGES = [
    ("new", "New"),
    ("changed", "Changed"),
    ("stopped", "Stopped"),
    ("unchanged", "Unchanged"),
]


class SkillCertAllowanceLine(models.Model):
    """What one employee is paid as skill allowance for one month, and why.

    Lines are written by their sheet only (in bulk, see ``_insert_rows``), never by
    hand (no group may create or edit them): every stored field is a plain value fixed
    at generation time.
    """

    _name = "skill.cert.allowance.line"
    _description = "Skill Allowance Line"
    _order = "month desc, department_id, employee_id"
    _rec_name = "employee_id"

    sheet_id = fields.Many2one(
        "skill.cert.allowance.sheet", required=True, index=True, ondelete="cascade", readonly=True
    )
    sheet_state = fields.Selection(related="sheet_id.state", string="Sheet Status")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(string="First Day of Month", required=True, index=True, readonly=True)
    period = fields.Char(string="Month", compute="_compute_period")
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict", readonly=True
    )
    employee_number = fields.Char(string="Badge ID", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    employment_category = fields.Selection(EMPLOYMENT_CATEGORIES, readonly=True)
    level_id = fields.Many2one("hr.skill.level", readonly=True)
    certificate_id = fields.Many2one("skill.cert.certificate", readonly=True)
    certificate_count = fields.Integer(string="Certificates Counted", readonly=True)
    base_amount = fields.Monetary(string="Monthly Amount", readonly=True)
    paid_days = fields.Integer(string="Days Paid", readonly=True)
    month_days = fields.Integer(string="Days in Month", readonly=True)
    amount = fields.Monetary(string="Allowance", readonly=True)
    back_pay_amount = fields.Monetary(string="Back Pay", readonly=True)
    total_amount = fields.Monetary(string="Total", readonly=True)
    previous_amount = fields.Monetary(string="Previous Month", readonly=True)
    change = fields.Selection(CHANGES, readonly=True, index=True)
    reason = fields.Text(readonly=True)
    back_pay_ids = fields.One2many(
        "skill.cert.allowance.back.pay", "line_id", string="Back Pay Details", readonly=True
    )

    _employee_month_unique = models.Constraint(
        "UNIQUE(employee_id, month)", "An employee has one allowance line per month."
    )

    @api.depends("month")
    def _compute_period(self):
        for line in self:
            line.period = month_label(line.month) if line.month else False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self.sheet_id._check_draft(self.env._("Delete"))

    @api.model
    def _insert_rows(self, rows):
        """[(id, employee id)] of the lines inserted from ``rows``."""
        return insert_rows(self, rows, returning=("id", "employee_id"))

    @api.model
    def _get_paid_amounts(self, company, first_month, month, employee_ids=None):
        """{employee id: {month: amount paid}} for the confirmed months from
        ``first_month`` to before ``month``: the month's own line plus back pay paid
        for it later."""
        domain = [
            ("company_id", "=", company.id),
            ("sheet_id.state", "=", "confirmed"),
            ("month", ">=", first_month),
            ("month", "<", month),
        ]
        if employee_ids is not None:
            domain.append(("employee_id", "in", list(employee_ids)))
        paid = {}
        for model in (self, self.env["skill.cert.allowance.back.pay"]):
            for employee, paid_month, amount in model._read_group(
                domain, ["employee_id", "month:day"], ["amount:sum"]
            ):
                months = paid.setdefault(employee.id, {})
                months[paid_month] = months.get(paid_month, 0.0) + amount
        return paid

    @api.model
    def _get_payslip_amount(self, employee, date_from, date_to):
        """(amount, description) of the skill allowance a payslip of ``employee`` pays
        for ``date_from`` to ``date_to``: the totals (allowance and back pay) of the
        confirmed lines of the months starting in that period. Any payroll engine can
        use it; the OCA payroll bridge feeds it to the SKILLALW payslip input."""
        months = []
        month = date_from.replace(day=1)
        if month < date_from:
            month = add_months(month, 1)
        while month <= date_to:
            months.append(month)
            month = add_months(month, 1)
        # sudo: whoever computes payslips reads the confirmed amounts, nothing else.
        Sheet = self.env["skill.cert.allowance.sheet"].sudo()
        sheets = Sheet.search(
            [("company_id", "=", employee.company_id.id), ("month", "in", months)]
        )
        confirmed = sheets.filtered(lambda sheet: sheet.state == "confirmed")
        lines = self.sudo().search(
            [("sheet_id", "in", confirmed.ids), ("employee_id", "=", employee.id)]
        )
        amount = sum(lines.mapped("total_amount"))
        labels = ", ".join(month_label(month) for month in months)
        missing = [month for month in months if month not in confirmed.mapped("month")]
        if missing:
            return amount, self.env._(
                "Skill allowance %(months)s (not confirmed, not paid: %(missing)s)",
                months=labels,
                missing=", ".join(month_label(month) for month in missing),
            )
        return amount, self.env._("Skill allowance %(months)s", months=labels)
