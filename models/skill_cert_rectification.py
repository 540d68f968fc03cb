from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import shanghai_today


class SkillCertRectification(models.Model):
    """A rectification (Article 13: 内部监督、问题回溯、责任追究) raised on a supervision
    item that lost points: the problem, who is responsible, by when, the measures, and
    its closure with evidence.

    Access: supervisors and officers raise them; the responsible person, officers and
    managers work on them; managers see them all.
    """

    _name = "skill.cert.rectification"
    _description = "Rectification"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, due_date, id"
    _check_company_auto = True

    name = fields.Text(string="Problem", required=True, tracking=True)
    inspection_line_id = fields.Many2one(
        "skill.cert.inspection.line", string="Supervision Item", index=True, ondelete="restrict"
    )
    plan_id = fields.Many2one(
        "skill.cert.plan",
        compute="_compute_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    responsible_id = fields.Many2one("res.users", required=True, tracking=True)
    due_date = fields.Date(required=True, tracking=True)
    measures = fields.Text(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
    )
    evidence_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    closure_note = fields.Text(readonly=True, tracking=True)
    closed_date = fields.Date(readonly=True)
    closed_by_id = fields.Many2one("res.users", readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("inspection_line_id")
    def _compute_plan_id(self):
        for rectification in self:
            if rectification.inspection_line_id:
                rectification.plan_id = rectification.inspection_line_id.plan_id

    def _compute_is_overdue(self):
        today = shanghai_today()
        for rectification in self:
            rectification.is_overdue = (
                rectification.state == "open" and rectification.due_date < today
            )

    @api.model_create_multi
    def create(self, vals_list):
        rectifications = super().create(vals_list)
        for rectification in rectifications:
            rectification.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=rectification.due_date,
                summary=self.env._("Rectification due"),
                user_id=rectification.responsible_id.id,
            )
        return rectifications

    def write(self, vals):
        user = self.env.user
        staff = user.has_group("l10n_cn_hr_skill_certification.group_skill_cert_supervisor") or (
            user.has_group("l10n_cn_hr_skill_certification.group_skill_cert_officer")
        )
        if not self.env.su and not staff and vals.keys() - {"measures", "evidence_ids"}:
            raise UserError(
                self.env._(
                    "The responsible person records the measures and the evidence; the rest "
                    "is set by the supervisors and officers."
                )
            )
        return super().write(vals)

    def _do_close(self, note):
        for rectification in self:
            if rectification.state != "open":
                raise UserError(self.env._("This rectification is already closed."))
            if not rectification.measures or not rectification.evidence_ids:
                raise UserError(
                    self.env._(
                        "Describe the measures taken and attach the evidence before closing the "
                        "rectification."
                    )
                )
        self.write(
            {
                "state": "closed",
                "closure_note": note,
                "closed_date": shanghai_today(),
                "closed_by_id": self.env.uid,
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=note)

    def action_open_close_wizard(self):
        return self.env["skill.cert.reason.wizard"]._open_for(self, "close")
