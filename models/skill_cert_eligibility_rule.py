from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SkillCertEligibilityRule(models.Model):
    """A registration condition of the national standard (申报条件, Article 8), kept as
    data: the rules of one occupation and level are alternatives — meeting any one of
    them is enough. An occupation's own rules replace the general ones; a work type
    without rules of its own follows its occupation's.

    A rule asks for a prior level in the same occupation held for some years, and/or a
    number of years in the occupation (from the employee's "In the Occupation Since").

    Access: everybody reads; officers edit; managers delete.
    """

    _name = "skill.cert.eligibility.rule"
    _description = "Registration Condition"
    _order = "occupation_id, level_id, sequence, id"

    name = fields.Char(string="Condition", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    occupation_id = fields.Many2one(
        "skill.cert.occupation",
        help="Leave empty for the general rule of this level, used by every occupation "
        "without rules of its own.",
    )
    level_id = fields.Many2one(
        "hr.skill.level",
        string="Level Applied For",
        required=True,
        domain="[('skill_cert_grade', '!=', False)]",
    )
    prior_level_id = fields.Many2one(
        "hr.skill.level",
        string="Prior Level Held",
        domain="[('skill_cert_grade', '!=', False)]",
        help="A valid certificate of this level (or higher) in the same occupation.",
    )
    min_years_since_prior = fields.Float(
        string="Years Since Prior Certificate",
        help="Years of work in the occupation since the prior certificate was issued.",
    )
    min_years_in_occupation = fields.Float(string="Years in the Occupation")

    _years_positive = models.Constraint(
        "CHECK(min_years_since_prior >= 0 AND min_years_in_occupation >= 0)",
        "Years cannot be negative.",
    )

    @api.model
    def _get_rules_by_key(self, plans):
        """Return a function (occupation, level) -> rules, after one search."""
        rules = self.search([("level_id", "in", plans.level_id.ids)])

        def rules_for(occupation, level):
            for candidate in (occupation, occupation.parent_id):
                own = rules.filtered(
                    lambda rule: rule.occupation_id == candidate and rule.level_id == level
                )
                if candidate and own:
                    return own
            return rules.filtered(lambda rule: not rule.occupation_id and rule.level_id == level)

        return rules_for

    def _is_met(self, employee, certificates, plan, reference_date):
        self.ensure_one()
        if self.min_years_in_occupation:
            since = employee.skill_cert_seniority_since
            if not since or _years_between(since, reference_date) < self.min_years_in_occupation:
                return False
        if not self.prior_level_id:
            return True
        root = plan.occupation_id.parent_id or plan.occupation_id
        for certificate in certificates:
            same_occupation = (
                certificate.occupation_id.parent_id or certificate.occupation_id
            ) == root
            high_enough = certificate.level_grade <= self.prior_level_id.skill_cert_grade
            long_enough = (
                _years_between(certificate.issue_date, reference_date) >= self.min_years_since_prior
            )
            if same_occupation and high_enough and long_enough:
                return True
        return False


def _years_between(start, end):
    delta = relativedelta(end, start)
    return delta.years + delta.months / 12 + delta.days / 365
