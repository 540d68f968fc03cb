from odoo import api, fields, models

from ..tools.dates import shanghai_today

SKILL_ALLOWANCE_SELF_FIELDS = [
    "skill_cert_allowance_amount",
    "skill_cert_allowance_level_id",
    "skill_cert_allowance_currency_id",
]


class ResUsers(models.Model):
    """Employees see their own current skill allowance in their profile; HR sees
    everyone's (the fields are self-readable, see SELF_READABLE_FIELDS)."""

    _inherit = "res.users"

    skill_cert_allowance_currency_id = fields.Many2one(related="company_id.currency_id")
    skill_cert_allowance_amount = fields.Monetary(
        string="My Skill Allowance This Month",
        compute="_compute_skill_cert_allowance",
        currency_field="skill_cert_allowance_currency_id",
        groups="hr.group_hr_user",
    )
    skill_cert_allowance_level_id = fields.Many2one(
        "hr.skill.level",
        string="Level Paid",
        compute="_compute_skill_cert_allowance",
        groups="hr.group_hr_user",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + SKILL_ALLOWANCE_SELF_FIELDS

    @api.depends("employee_id")
    def _compute_skill_cert_allowance(self):
        month = shanghai_today().replace(day=1)
        Sheet = self.env["skill.cert.allowance.sheet"]
        # sudo: a user reads their own employee record only through this figure.
        employees = self.sudo().employee_id
        entitlements = {}
        for company, company_employees in employees.grouped("company_id").items():
            entitlements.update(Sheet._compute_entitlements(company, month, company_employees))
        for user in self:
            due = entitlements.get(user.sudo().employee_id.id)
            user.skill_cert_allowance_amount = due.amount if due else 0.0
            user.skill_cert_allowance_level_id = due.best.level_id if due and due.best else False

    def action_skill_cert_my_allowance(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.action_skill_cert_my_allowance"
        )
