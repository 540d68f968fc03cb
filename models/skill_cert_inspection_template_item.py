from odoo import fields, models

INSPECTION_STAGES = [
    ("on_site", "At the exam"),
    ("after_results", "After the result notice"),
]


class SkillCertInspectionTemplateItem(models.Model):
    """A sub-indicator (分项指标) with its criterion: either one choice among point
    options (e.g. 7 / 5 / 0), or sub-items each scored (e.g. four items worth 2 each)."""

    _name = "skill.cert.inspection.template.item"
    _description = "Supervision Form Item"
    _order = "section_id, sequence, id"

    section_id = fields.Many2one(
        "skill.cert.inspection.template.section", required=True, index=True, ondelete="cascade"
    )
    template_id = fields.Many2one(related="section_id.template_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Sub-Indicator", required=True)
    criterion = fields.Text(string="Assessment Criterion")
    max_points = fields.Float(required=True)
    allowed_scores = fields.Char(
        help="The point options, highest first, e.g. 7,5,0. Empty when the item has sub-items."
    )
    part_ids = fields.One2many("skill.cert.inspection.template.part", "item_id", string="Sub-Items")
    stage = fields.Selection(
        INSPECTION_STAGES,
        required=True,
        default="on_site",
        help="Article 10: the internal report is filled at the exam, and its remaining part "
        "(score entry, result notice, complaints) after the result notice.",
    )
    exam_mode = fields.Selection(
        [("paper", "Paper"), ("computer", "Computer-based")],
        help="Set when the item applies only to this theory exam mode (Annex 3, 试卷管理).",
    )
