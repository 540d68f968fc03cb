from odoo import fields, models


class SkillCertInspectionTemplateSection(models.Model):
    """A core indicator (核心指标) of a supervision form, with its points."""

    _name = "skill.cert.inspection.template.section"
    _description = "Supervision Form Section"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "skill.cert.inspection.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Core Indicator", required=True)
    max_points = fields.Float(required=True)
    item_ids = fields.One2many("skill.cert.inspection.template.item", "section_id", string="Items")
