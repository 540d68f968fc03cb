from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.scores import format_points, parse_allowed


class SkillCertInspectionLine(models.Model):
    """One item of a filled supervision form: its score, picked among the item's point
    options (or added up from its sub-items), and a remark."""

    _name = "skill.cert.inspection.line"
    _description = "Supervision Form Item Score"
    _order = "inspection_id, section_sequence, sequence, id"

    inspection_id = fields.Many2one(
        "skill.cert.inspection", required=True, index=True, ondelete="cascade"
    )
    plan_id = fields.Many2one(related="inspection_id.plan_id", store=True)
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    # Stored so that the statistics keep Annex 2 and Annex 3 apart.
    template_id = fields.Many2one(
        related="inspection_id.template_id", store=True, string="Form", index=True
    )
    template_item_id = fields.Many2one(
        "skill.cert.inspection.template.item", required=True, ondelete="restrict", readonly=True
    )
    section_id = fields.Many2one(
        related="template_item_id.section_id", store=True, string="Core Indicator"
    )
    section_sequence = fields.Integer(
        related="section_id.sequence", store=True, string="Section Sequence"
    )
    sequence = fields.Integer(related="template_item_id.sequence", store=True)
    name = fields.Char(related="template_item_id.name", string="Sub-Indicator")
    criterion = fields.Text(related="template_item_id.criterion")
    max_points = fields.Float(related="template_item_id.max_points", store=True)
    allowed_scores = fields.Char(related="template_item_id.allowed_scores", string="Point Options")
    stage = fields.Selection(related="template_item_id.stage", store=True)
    part_ids = fields.One2many("skill.cert.inspection.line.part", "line_id", string="Sub-Items")
    entered_score = fields.Float(string="Score Given")
    is_entered = fields.Boolean(copy=False)
    score = fields.Float(compute="_compute_score", store=True)
    is_scored = fields.Boolean(compute="_compute_score", store=True)
    lost_points = fields.Float(compute="_compute_score", store=True)
    remark = fields.Char()
    year = fields.Integer(compute="_compute_year", store=True, aggregator=None)
    rectification_ids = fields.One2many("skill.cert.rectification", "inspection_line_id")

    @api.depends(
        "entered_score", "is_entered", "part_ids.score", "part_ids.is_scored", "max_points"
    )
    def _compute_score(self):
        for line in self:
            if line.part_ids:
                line.is_scored = all(line.part_ids.mapped("is_scored"))
                line.score = sum(line.part_ids.mapped("score"))
            else:
                line.is_scored = line.is_entered
                line.score = line.entered_score if line.is_entered else 0
            line.lost_points = line.max_points - line.score if line.is_scored else 0

    @api.depends("inspection_id.date")
    def _compute_year(self):
        for line in self:
            line.year = line.inspection_id.date.year if line.inspection_id.date else 0

    @api.constrains("entered_score", "is_entered")
    def _check_entered_score(self):
        for line in self.filtered(lambda line: line.is_entered and not line.part_ids):
            self._check_point_option(line.name, line.entered_score, line.allowed_scores)

    @api.model
    def _check_point_option(self, item, score, options):
        """A form item or sub-item scores one of its point options (e.g. "10,5,0")."""
        if score not in parse_allowed(options):
            raise ValidationError(
                self.env._(
                    "%(item)s: %(score)s is not one of its point options (%(options)s).",
                    item=item,
                    score=format_points(score),
                    options=options,
                )
            )

    def write(self, vals):
        self.env["skill.cert.inspection"]._check_filled_fields(
            vals, {"entered_score", "is_entered", "remark"}
        )
        if {"entered_score", "is_entered", "remark"} & vals.keys():
            for line in self:
                line.inspection_id._check_can_fill()
                line.inspection_id._check_not_signed(line.stage)
            if "entered_score" in vals and "is_entered" not in vals:
                vals["is_entered"] = vals["entered_score"] is not False
        return super().write(vals)

    def action_raise_rectification(self):
        """Open a rectification (Article 13: 问题回溯、责任追究) for an item that lost points."""
        self.ensure_one()
        if not self.lost_points:
            raise UserError(
                self.env._("%(item)s has full marks: there is nothing to rectify.", item=self.name)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "skill.cert.rectification",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_inspection_line_id": self.id,
                "default_name": self.env._(
                    "%(item)s: %(lost)s points lost. %(remark)s",
                    item=self.name,
                    lost=format_points(self.lost_points),
                    remark=self.remark or "",
                ),
            },
        }
