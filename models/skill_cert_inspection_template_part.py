from odoo import fields, models


class SkillCertInspectionTemplatePart(models.Model):
    """A sub-item of a form item, with its own point options (e.g. 2,0 or 2,1,0)."""

    _name = "skill.cert.inspection.template.part"
    _description = "Supervision Form Sub-Item"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one(
        "skill.cert.inspection.template.item", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Sub-Item", required=True)
    allowed_scores = fields.Char(required=True, help="e.g. 2,0")
