from odoo import fields, models

from ..models.skill_cert_score_correction import CORRECTABLE_SCORES


class SkillCertScoreCorrectionWizard(models.TransientModel):
    """Correct one score of a candidate after its submission, with the reason."""

    _name = "skill.cert.score.correction.wizard"
    _description = "Correct a Score"

    registration_id = fields.Many2one("skill.cert.registration", required=True, readonly=True)
    score_field = fields.Selection(CORRECTABLE_SCORES, string="Score", required=True)
    new_value = fields.Float(string="Corrected Score", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.env["skill.cert.score.correction"]._correct(
            self.registration_id, self.score_field, self.new_value, self.reason
        )
        return {"type": "ir.actions.act_window_close"}
