from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import shanghai_today
from .skill_cert_plan import GROUP_OFFICER


class SkillCertObjection(models.Model):
    """An objection (异议) received during a public notice. A plan cannot leave the
    notice while one is unresolved.

    Access: officers record and resolve; the plan's supervisors read.
    """

    _name = "skill.cert.objection"
    _description = "Objection to a Public Notice"
    _inherit = ["mail.thread"]
    _order = "received_date desc, id desc"
    _check_company_auto = True

    notice_id = fields.Many2one("skill.cert.notice", required=True, index=True, ondelete="cascade")
    plan_id = fields.Many2one(related="notice_id.plan_id", store=True)
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    registration_id = fields.Many2one(
        "skill.cert.registration",
        string="Candidate Concerned",
        domain="[('plan_id', '=', plan_id)]",
    )
    raised_by = fields.Char(required=True, help="Who raised the objection, as they gave it.")
    received_date = fields.Date(required=True, default=lambda self: shanghai_today())
    description = fields.Text(required=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
    )
    resolution = fields.Text(readonly=True, tracking=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    resolved_date = fields.Date(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        objections = super().create(vals_list)
        closed = objections.filtered(lambda o: o.notice_id.state != "published")
        if closed:
            raise UserError(
                self.env._(
                    "%(title)s is closed: objections are received while it runs.",
                    title=closed[0].notice_id.title,
                )
            )
        return objections

    def action_open_resolve_wizard(self):
        return self.env["skill.cert.reason.wizard"]._open_for(self, "resolve")

    def _do_resolve(self, resolution):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise UserError(self.env._("Only certification officers resolve objections."))
        if self.filtered(lambda o: o.state != "open"):
            raise UserError(self.env._("This objection is already resolved."))
        self.write(
            {
                "state": "resolved",
                "resolution": resolution,
                "resolved_by_id": self.env.uid,
                "resolved_date": shanghai_today(),
            }
        )
