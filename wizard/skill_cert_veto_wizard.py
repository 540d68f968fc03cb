from odoo import fields, models
from odoo.exceptions import UserError


class SkillCertVetoWizard(models.TransientModel):
    """Record a veto item found after a supervision form was signed at the exam."""

    _name = "skill.cert.veto.wizard"
    _description = "Record a Veto Item"

    inspection_id = fields.Many2one("skill.cert.inspection", required=True, readonly=True)
    veto_id = fields.Many2one(
        "skill.cert.inspection.veto",
        string="Veto Item",
        required=True,
        domain="[('inspection_id', '=', inspection_id), ('checked', '=', False)]",
    )
    note = fields.Text(string="What Was Found", required=True)

    def action_confirm(self):
        self.ensure_one()
        note = (self.note or "").strip()
        if not note:
            raise UserError(self.env._("Say what was found, as it will be kept on record."))
        self.inspection_id._do_record_veto(self.veto_id, note)
        return {"type": "ir.actions.act_window_close"}
