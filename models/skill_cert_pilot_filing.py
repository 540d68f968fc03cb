from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.dates import shanghai_today
from ..tools.roles import GROUP_MANAGER

# The settings warn this many months before the pilot period ends.
WARNING_MONTHS = 3


class SkillCertPilotFiling(models.Model):
    """The enterprise's own status as a pilot (Article 2): the filing (试点备案) with its
    number and date, the occupations and levels filed, the pilot period and, once it
    ends, the evaluation (试点期满后评估). Plans are filed only inside a filing in force:
    an occupation and level of its scope, an exam within its period (or after it, once
    the evaluation passed).

    Access: managers record and confirm filings; officers and employees read them.
    """

    _name = "skill.cert.pilot.filing"
    _description = "Pilot Filing"
    _inherit = ["mail.thread"]
    _order = "filing_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Filing Number", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    filing_date = fields.Date(required=True, tracking=True)
    period_start = fields.Date(string="Pilot Period From", required=True, tracking=True)
    period_end = fields.Date(string="Pilot Period Until", required=True, tracking=True)
    scope_ids = fields.One2many(
        "skill.cert.pilot.scope", "filing_id", string="Occupations and Levels Filed"
    )
    document = fields.Binary(string="Filing Document", attachment=True, copy=False)
    document_name = fields.Char(copy=False)
    evaluation_result = fields.Selection(
        [("pending", "Not evaluated"), ("passed", "Passed"), ("failed", "Not passed")],
        required=True,
        default="pending",
        tracking=True,
        help="The evaluation at the end of the pilot period (试点期满后评估): a passed "
        "evaluation keeps the enterprise certifying after the period.",
    )
    evaluation_date = fields.Date(tracking=True)
    evaluation_reference = fields.Char(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)

    _period_order = models.Constraint(
        "CHECK(period_end >= period_start)", "The pilot period ends after it starts."
    )

    @api.depends("name", "company_id")
    def _compute_display_name(self):
        for filing in self:
            filing.display_name = filing.name

    @api.constrains("evaluation_result", "evaluation_date")
    def _check_evaluation(self):
        for filing in self:
            if filing.evaluation_result != "pending" and not filing.evaluation_date:
                raise ValidationError(
                    self.env._(
                        "Pilot filing %(filing)s: give the date of the evaluation.",
                        filing=filing.name,
                    )
                )

    def write(self, vals):
        locked = {"name", "company_id", "filing_date", "period_start", "period_end", "scope_ids"}
        if vals.keys() & locked and self.filtered(lambda f: f.state == "confirmed"):
            raise UserError(
                self.env._(
                    "Pilot filing %(filing)s is confirmed: its number, dates and scope are as "
                    "filed. Record a new filing for a new scope.",
                    filing=self[:1].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if self.filtered(lambda f: f.state == "confirmed"):
            raise UserError(self.env._("A confirmed pilot filing is kept: archive it instead."))

    def action_confirm(self):
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(self.env._("A skill certification manager confirms pilot filings."))
        for filing in self:
            if filing.state == "confirmed":
                raise UserError(
                    self.env._("Pilot filing %(filing)s is already confirmed.", filing=filing.name)
                )
            if not filing.scope_ids:
                raise UserError(
                    self.env._(
                        "Pilot filing %(filing)s: give the occupations and levels filed.",
                        filing=filing.name,
                    )
                )
        self.write({"state": "confirmed"})

    # ------------------------------------------------------------------
    # What the plans ask
    # ------------------------------------------------------------------

    @api.model
    def _get_filing_problem(self, plan):
        """Why ``plan`` is outside the pilot's filed status (Article 2), or None."""
        filings = self.search(
            [("company_id", "=", plan.company_id.id), ("state", "=", "confirmed")]
        )
        occupation = plan.occupation_id.parent_id or plan.occupation_id
        covering = filings.filtered(
            lambda f: any(
                scope.level_id == plan.level_id
                and scope.occupation_id in (plan.occupation_id, occupation)
                for scope in f.scope_ids
            )
        )
        if not covering:
            return self.env._(
                "%(occupation)s %(level)s is not in the scope of a confirmed pilot filing of "
                "%(company)s (Article 2).",
                occupation=plan.occupation_id.display_name,
                level=plan.level_id.name,
                company=plan.company_id.name,
            )
        day = plan.exam_date or shanghai_today()
        in_period = covering.filtered(
            lambda f: f.period_start <= day <= f.period_end or f.evaluation_result == "passed"
        )
        if not in_period:
            return self.env._(
                "The pilot period of %(filing)s ends on %(end)s, before the exam of "
                "%(date)s, and no evaluation has passed since (Article 2).",
                filing=covering[0].name,
                end=covering[0].period_end,
                date=day,
            )
        return None

    @api.model
    def _get_warning(self, company):
        """A text for the settings while the pilot period ends within a few months and
        no evaluation passed yet."""
        today = shanghai_today()
        soon = today + relativedelta(months=WARNING_MONTHS)
        ending = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "confirmed"),
                ("evaluation_result", "!=", "passed"),
                ("period_end", ">=", today),
                ("period_end", "<=", soon),
            ],
            order="period_end",
            limit=1,
        )
        if not ending:
            return False
        return self.env._(
            "The pilot period of %(filing)s ends on %(end)s (in %(days)s days): prepare its "
            "evaluation.",
            filing=ending.name,
            end=ending.period_end,
            days=(ending.period_end - today).days,
        )
