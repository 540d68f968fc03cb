from odoo import fields, models


class SkillCertInspectionVeto(models.Model):
    """A veto item of a filled form: ticked, the form's total is 0 and, once signed,
    the plan is suspended."""

    _name = "skill.cert.inspection.veto"
    _description = "Supervision Form Veto Item"
    _order = "inspection_id, id"

    inspection_id = fields.Many2one(
        "skill.cert.inspection", required=True, index=True, ondelete="cascade"
    )
    template_veto_id = fields.Many2one(
        "skill.cert.inspection.template.veto", required=True, ondelete="restrict", readonly=True
    )
    name = fields.Text(string="Veto Item", readonly=True)
    checked = fields.Boolean(string="Ticked")

    def write(self, vals):
        self.env["skill.cert.inspection"]._check_filled_fields(vals, {"checked"})
        if "checked" in vals:
            self.inspection_id._check_can_fill()
            self.inspection_id._check_not_signed("on_site")
        return super().write(vals)
