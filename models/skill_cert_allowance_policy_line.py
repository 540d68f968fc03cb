from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SkillCertAllowancePolicyLine(models.Model):
    """The monthly allowance of one level under one policy version."""

    _name = "skill.cert.allowance.policy.line"
    _description = "Skill Allowance Amount per Level"
    _order = "policy_id, level_grade desc"

    policy_id = fields.Many2one(
        "skill.cert.allowance.policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    currency_id = fields.Many2one(related="policy_id.currency_id")
    level_id = fields.Many2one(
        "hr.skill.level",
        required=True,
        ondelete="restrict",
        domain="[('skill_cert_grade', '!=', False)]",
    )
    level_grade = fields.Integer(related="level_id.skill_cert_grade", store=True)
    reference_amount = fields.Float(
        related="level_id.skill_cert_reference_allowance", string="Reference Amount"
    )
    amount = fields.Monetary(string="Monthly Amount", required=True)

    _level_unique = models.Constraint(
        "UNIQUE(policy_id, level_id)", "A level appears once in a policy version."
    )

    @api.constrains("amount", "level_id")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "Allowance policy %(policy)s, %(level)s: the monthly amount cannot be "
                        "negative (%(amount)s).",
                        policy=line.policy_id.name,
                        level=line.level_id.name,
                        amount=line.amount,
                    )
                )
            if not line.level_id.skill_cert_grade:
                raise ValidationError(
                    self.env._(
                        "Allowance policy %(policy)s: %(level)s is not a vocational skill level.",
                        policy=line.policy_id.name,
                        level=line.level_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.policy_id._check_terms_editable()
        return lines

    def write(self, vals):
        self.policy_id._check_terms_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.policy_id._check_terms_editable()
