from odoo import api, fields, models


class SkillCertCertificateRevoke(models.TransientModel):
    _name = "skill.cert.certificate.revoke"
    _description = "Revoke Skill Certificates"

    certificate_ids = fields.Many2many("skill.cert.certificate", required=True)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "skill.cert.certificate":
            values["certificate_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_revoke(self):
        self.ensure_one()
        self.certificate_ids._do_revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}
