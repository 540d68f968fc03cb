from odoo import api, fields, models


class SkillCertInspectionLinePart(models.Model):
    """A scored sub-item of a filled form item (e.g. 保密室出入执行双人双锁: 2 or 0)."""

    _name = "skill.cert.inspection.line.part"
    _description = "Supervision Form Sub-Item Score"
    _order = "line_id, sequence, id"

    line_id = fields.Many2one(
        "skill.cert.inspection.line", required=True, index=True, ondelete="cascade"
    )
    template_part_id = fields.Many2one(
        "skill.cert.inspection.template.part", required=True, ondelete="restrict", readonly=True
    )
    sequence = fields.Integer(related="template_part_id.sequence", store=True)
    name = fields.Text(related="template_part_id.name", string="Sub-Item")
    allowed_scores = fields.Char(related="template_part_id.allowed_scores", string="Point Options")
    score = fields.Float()
    is_scored = fields.Boolean()

    @api.constrains("score", "is_scored")
    def _check_score(self):
        Line = self.env["skill.cert.inspection.line"]
        for part in self.filtered("is_scored"):
            Line._check_point_option(part.name, part.score, part.allowed_scores)

    def write(self, vals):
        self.env["skill.cert.inspection"]._check_filled_fields(vals, {"score", "is_scored"})
        if {"score", "is_scored"} & vals.keys():
            for part in self:
                part.line_id.inspection_id._check_can_fill()
                part.line_id.inspection_id._check_not_signed(part.line_id.stage)
            if "score" in vals and "is_scored" not in vals:
                vals["is_scored"] = vals["score"] is not False
        return super().write(vals)
