from odoo import api, fields, models
from odoo.exceptions import UserError

# The steps that need a written reason, as (model, action): the wizard calls
# ``_do_<action>(reason)`` on the records, which checks rights and state itself.
REASON_ACTIONS = {
    ("skill.cert.plan", "suspend"),
    ("skill.cert.plan", "resume"),
    ("skill.cert.plan", "cancel"),
    ("skill.cert.registration", "reject"),
    ("skill.cert.registration", "request_exception"),
    ("skill.cert.certificate", "revoke"),
    ("skill.cert.certificate", "reissue"),
    ("skill.cert.plan.staff", "waive_avoidance"),
    ("skill.cert.staff.change", "refuse"),
    ("skill.cert.inspection", "lift_veto"),
    ("skill.cert.rectification", "close"),
}


class SkillCertReasonWizard(models.TransientModel):
    """Ask the reason of a step that needs one (rejecting, revoking, suspending ...)."""

    _name = "skill.cert.reason.wizard"
    _description = "Reason of a Skill Certification Step"

    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Json(required=True, readonly=True)
    action = fields.Char(required=True, readonly=True)
    title = fields.Char(compute="_compute_title")
    reason = fields.Text(required=True)

    @api.depends("action")
    def _compute_title(self):
        titles = {
            "suspend": self.env._("Suspend the plan"),
            "resume": self.env._("Resume the plan"),
            "cancel": self.env._("Cancel the plan"),
            "reject": self.env._("Reject the registrations"),
            "request_exception": self.env._("Admit with a justification"),
            "revoke": self.env._("Revoke the certificates"),
            "reissue": self.env._("Reissue the certificates"),
            "waive_avoidance": self.env._("Waive avoidance for the examiners"),
            "refuse": self.env._("Refuse the staff change"),
            "lift_veto": self.env._("Lift the veto without suspending the plan"),
            "close": self.env._("Close the rectification"),
        }
        for wizard in self:
            wizard.title = titles.get(wizard.action, "")

    @api.model
    def _open_for(self, records, action):
        if (records._name, action) not in REASON_ACTIONS:
            raise UserError(self.env._("This step does not take a reason."))
        return {
            "type": "ir.actions.act_window",
            "name": self.new({"action": action}).title,
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": records._name,
                "default_res_ids": records.ids,
                "default_action": action,
            },
        }

    def action_confirm(self):
        self.ensure_one()
        if (self.res_model, self.action) not in REASON_ACTIONS:
            raise UserError(self.env._("This step does not take a reason."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason."))
        records = self.env[self.res_model].browse(self.res_ids).exists()
        getattr(records, f"_do_{self.action}")(reason)
        return {"type": "ir.actions.act_window_close"}
