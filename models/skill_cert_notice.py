import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import internal
from ..tools.dates import shanghai_today
from ..tools.masking import mask_id_number, mask_name
from .skill_cert_plan import NOTICE_WORKING_DAYS

# What of a notice may change after its publication: nothing of what was published.
NOTICE_MAIL_FIELDS = ("message_", "activity_", "website_message_ids")

NOTICE_KINDS = [("candidates", "Candidate list"), ("results", "Results")]


class SkillCertNotice(models.Model):
    """A public notice (公示) of a plan: the approved candidates (10(1)) or the results
    (10(4)), for 5 official working days.

    Its content is a masked snapshot taken at publication, so later edits of the
    candidates' data do not change what was published.

    Access: officers publish and close; everybody in the company reads (the content is
    masked).
    """

    _name = "skill.cert.notice"
    _description = "Public Notice"
    _inherit = ["mail.thread"]
    _order = "start_date desc, id desc"
    _check_company_auto = True

    plan_id = fields.Many2one("skill.cert.plan", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    kind = fields.Selection(NOTICE_KINDS, required=True, readonly=True)
    state = fields.Selection(
        [("published", "Published"), ("closed", "Closed"), ("withdrawn", "Withdrawn")],
        required=True,
        default="published",
        readonly=True,
        tracking=True,
    )
    start_date = fields.Date(
        required=True, readonly=True, help="Day of publication; not counted in the period."
    )
    end_date = fields.Date(
        required=True,
        readonly=True,
        help="Last day of the period: the 5th official working day after publication.",
    )
    closable_date = fields.Date(compute="_compute_closable_date", string="Can Be Closed From")
    published_by_id = fields.Many2one("res.users", readonly=True)
    closed_date = fields.Date(readonly=True)
    withdraw_reason = fields.Text(
        readonly=True, help="Why the notice was withdrawn (a score corrected during it)."
    )
    # sudo: a published notice is public within the company, its plan need not be.
    title = fields.Char(compute="_compute_title", compute_sudo=True)
    line_ids = fields.One2many("skill.cert.notice.line", "notice_id", string="Published List")
    objection_ids = fields.One2many("skill.cert.objection", "notice_id", string="Objections")
    # sudo: how many objections are open is no secret to a reader of the notice.
    open_objection_count = fields.Integer(
        compute="_compute_open_objection_count", compute_sudo=True
    )

    @api.depends("end_date")
    def _compute_closable_date(self):
        for notice in self:
            notice.closable_date = notice.end_date and notice.end_date + datetime.timedelta(days=1)

    @api.depends("kind", "plan_id")
    def _compute_title(self):
        for notice in self:
            plan = notice.plan_id
            if notice.kind == "candidates":
                notice.title = self.env._(
                    "Notice of the candidates for %(occupation)s %(level)s (plan %(plan)s)",
                    occupation=plan.occupation_id.name,
                    level=plan.level_id.name,
                    plan=plan.name,
                )
            else:
                notice.title = self.env._(
                    "Notice of the results of %(occupation)s %(level)s (plan %(plan)s)",
                    occupation=plan.occupation_id.name,
                    level=plan.level_id.name,
                    plan=plan.name,
                )

    @api.depends("title", "start_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for notice in self:
            notice.display_name = notice.title

    @api.depends("objection_ids.state")
    def _compute_open_objection_count(self):
        for notice in self:
            notice.open_objection_count = len(
                notice.objection_ids.filtered(lambda objection: objection.state == "open")
            )

    @api.model
    def _publish(self, plans, kind):
        """Publish a notice per plan today, with a masked snapshot of its candidates."""
        today = shanghai_today()
        end_date = self.env["skill.cert.official.year"]._add_working_days(
            today, NOTICE_WORKING_DAYS
        )
        notices = internal.internally(self, internal.NOTICE_STEP).create(
            [
                {
                    "plan_id": plan.id,
                    "kind": kind,
                    "start_date": today,
                    "end_date": end_date,
                    "published_by_id": self.env.uid,
                    "line_ids": [
                        fields.Command.create(vals) for vals in self._prepare_lines(plan, kind)
                    ],
                }
                for plan in plans
            ]
        )
        for notice in notices:
            notice.plan_id.message_post(
                body=self.env._(
                    "%(title)s published on %(start)s; it runs until %(end)s (%(days)s working "
                    "days).",
                    title=notice.title,
                    start=format_date(self.env, notice.start_date),
                    end=format_date(self.env, notice.end_date),
                    days=NOTICE_WORKING_DAYS,
                )
            )
        return notices

    @api.model
    def _prepare_lines(self, plan, kind):
        # sudo: the snapshot reads the candidates' ID numbers to mask them.
        candidates = plan._candidates().sudo()
        lines = []
        for sequence, registration in enumerate(
            candidates.sorted(lambda r: (r.ticket_number or "", r.employee_id.name)), start=1
        ):
            employee = registration.employee_id
            vals = {
                "sequence": sequence,
                "name_masked": mask_name(employee.name),
                "id_number_masked": mask_id_number(employee.identification_id),
                "unit_name": employee.skill_cert_unit_name,
                "ticket_number": registration.ticket_number,
            }
            if kind == "results":
                vals.update(
                    {
                        "theory_score": registration.theory_score,
                        "practical_score": registration.practical_score,
                        "review_score": registration.review_score,
                        "result": registration.result or "failed",
                    }
                )
            lines.append(vals)
        return lines

    def _get_close_problem(self):
        """Why the plan cannot leave this running notice yet, or None: its 5 working
        days, then its unresolved objections."""
        today = shanghai_today()
        for notice in self.filtered(lambda n: n.state == "published"):
            if today <= notice.end_date:
                return self.env._(
                    "%(title)s runs until %(end)s (5 working days): the plan can move on "
                    "from %(closable)s.",
                    title=notice.title,
                    end=format_date(self.env, notice.end_date),
                    closable=format_date(self.env, notice.closable_date),
                )
            if notice.open_objection_count:
                return self.env._(
                    "%(title)s has %(count)s unresolved objections: resolve them first.",
                    title=notice.title,
                    count=notice.open_objection_count,
                )
        return None

    def _check_can_close(self):
        problem = self._get_close_problem()
        if problem:
            raise UserError(problem)

    @api.model_create_multi
    def create(self, vals_list):
        if not internal.is_internal(self, internal.NOTICE_STEP):
            raise UserError(
                self.env._("Notices are published from their plan (Publish Candidate Notice).")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not internal.is_internal(self, internal.NOTICE_STEP) and any(
            not name.startswith(NOTICE_MAIL_FIELDS) for name in vals
        ):
            raise UserError(
                self.env._(
                    "%(title)s is published as it is: a notice is never edited.",
                    title=self[:1].title,
                )
            )
        return super().write(vals)

    def _close(self):
        self._check_can_close()
        internal.internally(self, internal.NOTICE_STEP).write(
            {"state": "closed", "closed_date": shanghai_today()}
        )
        self.plan_id.activity_feedback(
            ["l10n_cn_hr_skill_certification.mail_activity_notice_end"],
            feedback=self.env._("Notice closed."),
        )

    def action_new_objection(self):
        """Record an objection received while the notice runs (a dialog)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record an Objection"),
            "res_model": "skill.cert.objection",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "l10n_cn_hr_skill_certification.skill_cert_objection_view_form"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_notice_id": self.id},
        }

    def _withdraw(self, reason):
        """A score corrected during the result notice: the notice is withdrawn, and the
        corrected results are published again for 5 working days."""
        internal.internally(self, internal.NOTICE_STEP).write(
            {"state": "withdrawn", "closed_date": shanghai_today(), "withdraw_reason": reason}
        )
        self.plan_id.activity_unlink(["l10n_cn_hr_skill_certification.mail_activity_notice_end"])

    def _schedule_end_reminders(self):
        for notice in self:
            notice.plan_id.activity_schedule(
                "l10n_cn_hr_skill_certification.mail_activity_notice_end",
                date_deadline=notice.closable_date,
                summary=self.env._("Notice ends: move the plan on"),
                note=self.env._(
                    "%(title)s ended on %(end)s. Resolve any objection and take the next step.",
                    title=notice.title,
                    end=format_date(self.env, notice.end_date),
                ),
                user_id=notice.plan_id.officer_id.id,
            )
