from odoo import api, models


class HrSalaryRuleCategory(models.Model):
    _inherit = "hr.salary.rule.category"

    @api.model
    def _skill_cert_attach_to_allowances(self):
        """Count the skill allowance among the allowances (category ALW) where the
        company's salary structure has that category, so that gross and taxable
        rules summing ``categories.ALW`` include it."""
        skill_allowance = self.env.ref(
            "l10n_cn_hr_skill_certification_payroll.category_skill_allowance"
        )
        allowances = self.search([("code", "=", "ALW"), ("id", "!=", skill_allowance.id)], limit=1)
        if allowances and not skill_allowance.parent_id:
            skill_allowance.parent_id = allowances
