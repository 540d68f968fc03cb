import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain

from ..tools.allowance import Terms, add_months, month_end, month_label
from ..tools.dates import shanghai_today

COUNTING_RULES = [
    ("highest", "Only the highest valid certificate"),
    ("per_occupation", "The highest certificate of each occupation, added up"),
]
START_RULES = [
    ("next_month", "From the month after issue"),
    ("issue_month", "From the month of issue"),
]
END_RULES = [
    ("end_month_paid", "Paid for the month in which it ends"),
    ("end_month_unpaid", "Not paid for the month in which it ends"),
]
PRORATION_RULES = [
    ("calendar_days", "By calendar days employed"),
    ("none", "None: a full month for any day employed"),
]
# Fields that decide amounts: once a confirmed sheet used a version, they are frozen.
TERM_FIELDS = {
    "company_id",
    "date_from",
    "line_ids",
    "counting",
    "start_rule",
    "end_rule",
    "proration",
    "back_pay_months",
}


class SkillCertAllowancePolicy(models.Model):
    """One dated version of a company's skill allowance policy (技能等级津贴制度,
    Article 5(3)): the monthly amount per level and the rules that decide who is paid
    from when. Versions of a company never overlap; a version that a confirmed
    allowance sheet used is frozen, so a new version never rewrites past months.
    """

    _name = "skill.cert.allowance.policy"
    _description = "Skill Allowance Policy Version"
    _inherit = ["mail.thread"]
    _order = "company_id, date_from desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, tracking=True, default=lambda self: self.env._("Skill allowance policy")
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="Valid From",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_from(),
        help="First day of the first month this version pays.",
    )
    date_to = fields.Date(
        string="Valid Until",
        tracking=True,
        help="Last day of the last month this version pays; empty while it is current. "
        "Creating a later version closes it.",
    )
    line_ids = fields.One2many(
        "skill.cert.allowance.policy.line",
        "policy_id",
        string="Amounts per Level",
        default=lambda self: self._default_line_ids(),
        copy=True,
    )
    counting = fields.Selection(
        COUNTING_RULES,
        string="Certificates Counted",
        required=True,
        default="highest",
        tracking=True,
    )
    start_rule = fields.Selection(
        START_RULES, string="Allowance Starts", required=True, default="next_month", tracking=True
    )
    end_rule = fields.Selection(
        END_RULES,
        string="When a Certificate Ends",
        required=True,
        default="end_month_paid",
        tracking=True,
        help="A certificate ends when it is revoked or expires.",
    )
    proration = fields.Selection(
        PRORATION_RULES,
        string="Joiners and Leavers",
        required=True,
        default="calendar_days",
        tracking=True,
    )
    back_pay_months = fields.Integer(
        string="Back Pay (months)",
        default=12,
        tracking=True,
        help="How many earlier months a sheet looks back at to pay what is owed, e.g. for "
        "a certificate recorded late. 0: no back pay.",
    )
    document = fields.Binary(
        string="Policy Document",
        attachment=True,
        help="The enterprise's allowance rules as adopted.",
    )
    document_name = fields.Char()
    note = fields.Html()
    meets_reference = fields.Boolean(
        string="Meets the Reference",
        compute="_compute_meets_reference",
        help="Every level pays at least the reference amount of Article 5(3).",
    )
    reference_shortfall = fields.Char(compute="_compute_meets_reference")
    is_locked = fields.Boolean(
        string="Used by a Confirmed Sheet",
        compute="_compute_is_locked",
        help="A confirmed allowance sheet paid a month of this version: its amounts and "
        "rules can no longer change.",
    )

    _back_pay_months_positive = models.Constraint(
        "CHECK(back_pay_months >= 0)", "The number of back pay months cannot be negative."
    )

    @api.model
    def _default_date_from(self):
        return shanghai_today().replace(day=1)

    @api.model
    def _default_line_ids(self):
        levels = self.env["hr.skill.type"]._skill_cert_get_levels()
        return [
            Command.create({"level_id": level.id, "amount": level.skill_cert_reference_allowance})
            for _grade, level in sorted(levels.items(), reverse=True)
        ]

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("line_ids.amount", "line_ids.level_id")
    def _compute_meets_reference(self):
        levels = self.env["hr.skill.type"]._skill_cert_get_levels()
        for policy in self:
            amounts = {line.level_id: line.amount for line in policy.line_ids}
            short = [
                level.name
                for _grade, level in sorted(levels.items(), reverse=True)
                if amounts.get(level, 0.0) < level.skill_cert_reference_allowance
            ]
            policy.meets_reference = not short
            policy.reference_shortfall = ", ".join(short)

    @api.depends("company_id", "date_from", "date_to")
    def _compute_is_locked(self):
        last_paid = self._get_last_confirmed_months(self.company_id)
        for policy in self:
            paid_until = last_paid.get(policy.company_id)
            policy.is_locked = bool(policy.id and paid_until and policy.date_from <= paid_until)

    @api.constrains("date_from", "date_to")
    def _check_month_bounds(self):
        for policy in self:
            if policy.date_from.day != 1:
                raise ValidationError(
                    self.env._(
                        "Allowance policy %(name)s: a version starts on the first day of a "
                        "month, not on %(date)s.",
                        name=policy.name,
                        date=policy.date_from,
                    )
                )
            if policy.date_to and policy.date_to != month_end(policy.date_to):
                raise ValidationError(
                    self.env._(
                        "Allowance policy %(name)s: a version ends on the last day of a "
                        "month, not on %(date)s.",
                        name=policy.name,
                        date=policy.date_to,
                    )
                )
            if policy.date_to and policy.date_to < policy.date_from:
                raise ValidationError(
                    self.env._(
                        "Allowance policy %(name)s ends (%(end)s) before it starts (%(start)s).",
                        name=policy.name,
                        end=policy.date_to,
                        start=policy.date_from,
                    )
                )

    @api.constrains("company_id", "date_from", "date_to")
    def _check_no_overlap(self):
        for policy in self:
            overlapping = self.search(
                Domain("company_id", "=", policy.company_id.id)
                & Domain("id", "!=", policy.id)
                & (Domain("date_to", "=", False) | Domain("date_to", ">=", policy.date_from))
                & (Domain("date_from", "<=", policy.date_to) if policy.date_to else Domain.TRUE),
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "Allowance policy %(name)s (%(period)s) overlaps version %(other)s "
                        "(%(other_period)s) of %(company)s: each month is paid under one "
                        "version only.",
                        name=policy.name,
                        period=policy._get_period_label(),
                        other=overlapping.name,
                        other_period=overlapping._get_period_label(),
                        company=policy.company_id.name,
                    )
                )

    def _get_period_label(self):
        self.ensure_one()
        end = month_label(self.date_to) if self.date_to else self.env._("open")
        return f"{month_label(self.date_from)} – {end}"

    @api.depends("name", "date_from", "date_to")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for policy in self:
            if policy.date_from:
                policy.display_name = f"{policy.name} ({policy._get_period_label()})"
            else:
                policy.display_name = policy.name

    # ------------------------------------------------------------------
    # CRUD: versions never rewrite paid months
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            date_from = fields.Date.to_date(vals.get("date_from")) or self._default_date_from()
            self._check_starts_after_paid_months(company, date_from, vals.get("name") or "")
            if date_from.day == 1:
                self._close_open_version(company, date_from)
        return super().create(vals_list)

    def write(self, vals):
        if TERM_FIELDS & vals.keys():
            self._check_terms_editable()
        result = super().write(vals)
        if "date_to" in vals:
            self._check_end_after_paid_months()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_terms_editable()

    def _check_terms_editable(self):
        for policy in self.filtered("is_locked"):
            paid_until = self._get_last_confirmed_months(policy.company_id)[policy.company_id]
            raise UserError(
                self.env._(
                    "Allowance policy %(name)s paid confirmed sheets up to %(month)s: its "
                    "amounts and rules can no longer change. Create a new version starting "
                    "%(next)s or later instead.",
                    name=policy.name,
                    month=month_label(paid_until),
                    next=month_label(add_months(paid_until, 1)),
                )
            )

    @api.model
    def _check_starts_after_paid_months(self, company, date_from, name):
        paid_until = self._get_last_confirmed_months(company).get(company)
        if paid_until and date_from <= paid_until:
            raise UserError(
                self.env._(
                    "Allowance sheets of %(company)s are confirmed up to %(month)s: a new "
                    "version (%(name)s) can start %(next)s at the earliest.",
                    company=company.name,
                    month=month_label(paid_until),
                    name=name,
                    next=month_label(add_months(paid_until, 1)),
                )
            )

    def _check_end_after_paid_months(self):
        last_paid = self._get_last_confirmed_months(self.company_id)
        for policy in self.filtered("date_to"):
            paid_until = last_paid.get(policy.company_id)
            if paid_until and policy.date_from <= paid_until and policy.date_to < paid_until:
                raise UserError(
                    self.env._(
                        "Allowance policy %(name)s paid confirmed sheets up to %(month)s: it "
                        "cannot end before that month.",
                        name=policy.name,
                        month=month_label(paid_until),
                    )
                )

    @api.model
    def _close_open_version(self, company, date_from):
        """A new version ends the open version it follows, on the eve of its start."""
        previous = self.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<", date_from),
                ("date_to", "=", False),
            ]
        )
        if previous:
            previous.date_to = date_from - datetime.timedelta(days=1)

    @api.model
    def _get_last_confirmed_months(self, companies):
        """{company: first day of its last confirmed allowance month}."""
        if not companies:
            return {}
        # sudo: whoever edits a policy must be stopped by paid months they may not read.
        groups = (
            self.env["skill.cert.allowance.sheet"]
            .sudo()
            ._read_group(
                [("company_id", "in", companies.ids), ("state", "=", "confirmed")],
                ["company_id"],
                ["month:max"],
            )
        )
        return {company.with_env(self.env): month for company, month in groups}

    # ------------------------------------------------------------------
    # Terms for the allowance engine
    # ------------------------------------------------------------------

    def _get_terms(self):
        self.ensure_one()
        return Terms(
            policy_id=self.id,
            date_from=self.date_from,
            date_to=self.date_to,
            amounts={line.level_id.id: line.amount for line in self.line_ids},
            counting=self.counting,
            start=self.start_rule,
            end=self.end_rule,
            proration=self.proration,
            back_pay_months=self.back_pay_months,
        )

    @api.model
    def _get_terms_by_month(self, company, first_month, last_month):
        """{month: Terms or None} for every month from ``first_month`` to ``last_month``."""
        versions = self.search(
            Domain("company_id", "=", company.id)
            & Domain("date_from", "<=", month_end(last_month))
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", first_month))
        )
        versions.line_ids.fetch(["level_id", "amount"])
        terms = [version._get_terms() for version in versions]
        result = {}
        month = first_month
        while month <= last_month:
            result[month] = next((term for term in terms if term.covers(month)), None)
            month = add_months(month, 1)
        return result
