from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SkillCertEligibilityRule(models.Model):
    """A registration condition of the national standard (申报条件, Article 8), kept as
    data: the rules of one occupation and level are alternatives — meeting any one of
    them is enough. An occupation's own rules replace the general ones; a work type
    without rules of its own follows its occupation's.

    A rule is one route of the 2018 technical rules (国家职业技能标准编制技术规程) as the
    standards write them: a certificate of a lower level held some years, years of work
    alone, or schooling (a graduation certificate of a school training for the level, in
    this or a related speciality, current-year graduates included where the standard
    says so). "本职业或相关职业": the occupation's declared related occupations count.

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
    route = fields.Selection(
        [
            ("certificate", "Certificate and years"),
            ("years", "Years of work"),
            ("schooling", "Schooling"),
        ],
        required=True,
        default="certificate",
        help="Certificate and years: a certificate of a lower level held for some years. "
        "Years of work: years in the occupation only. Schooling: a graduation certificate "
        "of a school training for the level (with a certificate and years if the standard "
        "asks for them).",
    )
    related_occupations = fields.Boolean(
        string="This or Related Occupations",
        default=True,
        help="本职业或相关职业: certificates and years of the occupation's related occupations "
        "count as well.",
    )
    school_level_id = fields.Many2one(
        "hr.skill.level",
        string="School Trains for",
        domain="[('skill_cert_grade', '!=', False)]",
        help="Schooling: the school trains for this level or a higher one (以中级技能/高级技能"
        "为培养目标), in this or a related speciality.",
    )
    current_graduates = fields.Boolean(
        string="Current-year Graduates Included",
        help="含尚未取得毕业证书的在校应届毕业生.",
    )
    proof_required = fields.Char(
        string="Proof to Attach",
        help="The documents a candidate attaches for this condition, as the registration "
        "form tells him.",
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
        return not self._get_missing(employee, certificates, plan, reference_date)

    def _get_missing(self, employee, certificates, plan, reference_date, counted=None):
        """What the candidate lacks to meet this condition, as a list of short reasons
        (empty when met). ``counted``: a dict the caller keeps for a batch, so that the
        occupations counted are looked up once per occupation, not per candidate."""
        self.ensure_one()
        counted = {} if counted is None else counted
        key = (plan.occupation_id.id, self.related_occupations)
        if key not in counted:
            counted[key] = plan.occupation_id._get_counted_occupations(self.related_occupations)
        occupations = counted[key]
        missing = []
        if self.route == "schooling":
            missing += self._get_schooling_missing(employee, occupations, reference_date)
        if self.min_years_in_occupation:
            since = employee.skill_cert_seniority_since
            if not since or _years_between(since, reference_date) < self.min_years_in_occupation:
                missing.append(
                    self.env._(
                        "%(years)g years of work in the occupation",
                        years=self.min_years_in_occupation,
                    )
                )
        if self.prior_level_id and not any(
            (certificate.occupation_id.parent_id or certificate.occupation_id) in occupations
            and certificate.level_grade <= self.prior_level_id.skill_cert_grade
            and _years_between(certificate.issue_date, reference_date) >= self.min_years_since_prior
            for certificate in certificates
        ):
            missing.append(
                self.env._(
                    "a certificate of %(level)s held %(years)g years",
                    level=self.prior_level_id.name,
                    years=self.min_years_since_prior,
                )
            )
        return missing

    def _get_schooling_missing(self, employee, occupations, reference_date):
        major = employee.skill_cert_school_major_id
        school_level = employee.skill_cert_school_level_id
        if not major or (major.parent_id or major) not in occupations:
            return [self.env._("a graduation certificate in this or a related speciality")]
        if self.school_level_id and (
            not school_level
            or school_level.skill_cert_grade > self.school_level_id.skill_cert_grade
        ):
            return [
                self.env._(
                    "a school training for %(level)s or higher", level=self.school_level_id.name
                )
            ]
        graduated = employee.skill_cert_graduation_date
        if employee.skill_cert_current_student:
            if not self.current_graduates:
                return [self.env._("the graduation certificate itself (not yet graduated)")]
            if not graduated or graduated.year != reference_date.year:
                return [self.env._("graduating this year")]
        elif not graduated or graduated > reference_date:
            return [self.env._("the graduation certificate")]
        return []


def _years_between(start, end):
    delta = relativedelta(end, start)
    return delta.years + delta.months / 12 + delta.days / 365
