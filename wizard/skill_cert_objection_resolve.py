from odoo import api, fields, models
from odoo.exceptions import UserError


class SkillCertObjectionResolve(models.TransientModel):
    """Resolve objections: the outcome, the reason kept on record, and whether an upheld
    objection takes the candidate concerned off the plan."""

    _name = "skill.cert.objection.resolve"
    _description = "Resolve Objections to a Public Notice"

    objection_ids = fields.Many2many("skill.cert.objection", required=True, readonly=True)
    outcome = fields.Selection(
        [("upheld", "Upheld"), ("not_upheld", "Not upheld")], required=True, default="not_upheld"
    )
    can_remove_candidate = fields.Boolean(
        compute="_compute_can_remove_candidate", export_string_translation=False
    )
    remove_candidate = fields.Boolean(
        string="Remove the candidate from the plan",
        help="The candidate concerned leaves the plan, his registration rejected with this "
        "reason. Possible while the candidate notice runs.",
    )
    resolution = fields.Text(required=True)

    @api.depends("objection_ids", "outcome")
    def _compute_can_remove_candidate(self):
        for wizard in self:
            wizard.can_remove_candidate = wizard.outcome == "upheld" and all(
                objection.registration_id and objection.notice_id.kind == "candidates"
                for objection in wizard.objection_ids
            )

    def action_confirm(self):
        self.ensure_one()
        resolution = (self.resolution or "").strip()
        if not resolution:
            raise UserError(self.env._("Give the resolution, as it will be kept on record."))
        self.objection_ids._do_resolve(
            resolution,
            outcome=self.outcome,
            remove_candidate=self.can_remove_candidate and self.remove_candidate,
        )
        return {"type": "ir.actions.act_window_close"}
