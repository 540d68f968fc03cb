from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import internal
from ..tools.dates import shanghai_today
from ..tools.roles import GROUP_OFFICER

# Set by the resolution only.
RESOLUTION_FIELDS = {
    "state",
    "resolution",
    "outcome",
    "candidate_removed",
    "resolved_by_id",
    "resolved_date",
}
RECORDED_FIELDS = {"notice_id", "registration_id", "raised_by", "received_date", "description"}


class SkillCertObjection(models.Model):
    """An objection (异议) received during a public notice: who raised it, when, about
    whom, and how it was resolved. A plan cannot leave the notice while one is open.

    Access: officers record (while the notice runs) and resolve; the plan's supervisors
    and examiners read.
    """

    _name = "skill.cert.objection"
    _description = "Objection to a Public Notice"
    _inherit = ["mail.thread"]
    _order = "received_date desc, id desc"
    _check_company_auto = True
    _rec_name = "raised_by"

    notice_id = fields.Many2one(
        "skill.cert.notice",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('state', '=', 'published')]",
    )
    plan_id = fields.Many2one(related="notice_id.plan_id", store=True)
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    registration_id = fields.Many2one(
        "skill.cert.registration",
        string="Candidate Concerned",
        domain="[('plan_id', '=', plan_id), ('state', '=', 'approved')]",
    )
    raised_by = fields.Char(required=True, help="Who raised the objection, as they gave it.")
    received_date = fields.Date(required=True, default=lambda self: shanghai_today())
    description = fields.Text(required=True)
    recorded_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
    )
    outcome = fields.Selection(
        [("upheld", "Upheld"), ("not_upheld", "Not upheld")], readonly=True, tracking=True
    )
    candidate_removed = fields.Boolean(
        readonly=True, help="The objection was upheld and the candidate left the plan."
    )
    resolution = fields.Text(readonly=True, tracking=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    resolved_date = fields.Date(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Certification officers record objections."))
        if {name for vals in vals_list for name in vals} & RESOLUTION_FIELDS:
            raise UserError(self.env._("An objection is recorded open, then resolved."))
        objections = super().create(vals_list)
        closed = objections.filtered(lambda o: o.notice_id.state != "published")
        if closed:
            raise UserError(
                self.env._(
                    "%(title)s is closed: objections are received while it runs.",
                    title=closed[0].notice_id.title,
                )
            )
        foreign = objections.filtered(
            lambda o: o.registration_id and o.registration_id.plan_id != o.plan_id
        )
        if foreign:
            raise UserError(
                self.env._(
                    "%(candidate)s is not a candidate of this notice's plan.",
                    candidate=foreign[0].registration_id.employee_id.name,
                )
            )
        for objection in objections:
            objection.plan_id.message_post(
                body=self.env._(
                    "Objection received on %(date)s from %(who)s: %(text)s",
                    date=objection.received_date,
                    who=objection.raised_by,
                    text=objection.description,
                )
            )
        return objections

    def write(self, vals):
        if not internal.is_internal(self, internal.OBJECTION_STEP):
            if vals.keys() & RESOLUTION_FIELDS:
                raise UserError(
                    self.env._("An objection is resolved with its Resolve button, with a reason.")
                )
            if vals.keys() & RECORDED_FIELDS and self.filtered(lambda o: o.state != "open"):
                raise UserError(self.env._("A resolved objection is kept as it was resolved."))
        return super().write(vals)

    def action_open_resolve_wizard(self):
        self._check_can_resolve()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Resolve the objection"),
            "res_model": "skill.cert.objection.resolve",
            "view_mode": "form",
            "target": "new",
            "context": {"default_objection_ids": self.ids},
        }

    def _check_can_resolve(self):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Only certification officers resolve objections."))
        if self.filtered(lambda o: o.state != "open"):
            raise UserError(self.env._("This objection is already resolved."))

    def _do_resolve(self, resolution, outcome="not_upheld", remove_candidate=False):
        """Resolve with a reason and an outcome; an objection upheld against a candidate
        of the candidate notice may take him off the plan."""
        self._check_can_resolve()
        if remove_candidate:
            if outcome != "upheld" or not self.registration_id:
                raise UserError(
                    self.env._("Only an upheld objection about a candidate removes him.")
                )
            self.registration_id._do_withdraw_after_objection(
                self.env._("Objection upheld: %(reason)s", reason=resolution)
            )
        internal.internally(self, internal.OBJECTION_STEP).write(
            {
                "state": "resolved",
                "outcome": outcome,
                "candidate_removed": bool(remove_candidate),
                "resolution": resolution,
                "resolved_by_id": self.env.uid,
                "resolved_date": shanghai_today(),
            }
        )
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        for objection in self:
            objection.plan_id.message_post(
                body=self.env._(
                    "Objection from %(who)s resolved (%(outcome)s): %(resolution)s",
                    who=objection.raised_by,
                    outcome=outcomes[outcome],
                    resolution=resolution,
                )
            )
