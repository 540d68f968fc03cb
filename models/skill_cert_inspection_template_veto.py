from odoo import fields, models


class SkillCertInspectionTemplateVeto(models.Model):
    """A veto item (否决项): ticked, it sets the form's total to 0 and suspends the plan."""

    _name = "skill.cert.inspection.template.veto"
    _description = "Supervision Form Veto Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "skill.cert.inspection.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Veto Item", required=True)
