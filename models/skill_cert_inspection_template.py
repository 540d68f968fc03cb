from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scores import format_points, parse_allowed

FORM_TOTAL = 100


class SkillCertInspectionTemplate(models.Model):
    """A supervision scoring form (Annex 2: internal report; Annex 3: external
    registration form), kept as data: sections (核心指标), items (分项指标) with their
    point options or sub-items, and veto items (否决项). A revised form is a new
    template with another version; inspections keep the template they were made with.

    Access: everybody reads; certification managers maintain templates.
    """

    _name = "skill.cert.inspection.template"
    _description = "Supervision Form Template"
    _order = "kind, version desc, id desc"

    name = fields.Char(string="Form Title", required=True)
    kind = fields.Selection(
        [
            ("internal", "Internal supervision (Annex 2)"),
            ("external", "External supervision (Annex 3)"),
        ],
        required=True,
    )
    version = fields.Char(required=True, help="e.g. the year of the regulation.")
    reference = fields.Char(help="Where the form is published, e.g. 浔人社发〔2023〕5号 附件2.")
    active = fields.Boolean(default=True)
    veto_note = fields.Char(help="The note printed with the veto items.")
    section_ids = fields.One2many(
        "skill.cert.inspection.template.section", "template_id", string="Sections"
    )
    veto_ids = fields.One2many(
        "skill.cert.inspection.template.veto", "template_id", string="Veto Items"
    )
    total_points = fields.Float(compute="_compute_total_points")

    @api.depends("section_ids.max_points")
    def _compute_total_points(self):
        for template in self:
            template.total_points = sum(template.section_ids.mapped("max_points"))

    @api.depends("name", "version")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for template in self:
            template.display_name = f"{template.name} ({template.version})"

    @api.model
    def _get_current(self, kind):
        return self.search([("kind", "=", kind)], limit=1)

    def _get_sum_problems(self):
        """The form's own arithmetic: options within each item's points, items adding up
        to their section, sections to 100. Items of an exam-mode variant count once."""
        self.ensure_one()
        problems = []
        if abs(self.total_points - FORM_TOTAL) > 0.001:
            problems.append(
                self.env._(
                    "the sections add up to %(total)s points, not %(expected)s",
                    total=format_points(self.total_points),
                    expected=FORM_TOTAL,
                )
            )
        for section in self.section_ids:
            counted = section.item_ids.filtered(lambda item: item.exam_mode != "computer")
            total = sum(counted.mapped("max_points"))
            if abs(total - section.max_points) > 0.001:
                problems.append(
                    self.env._(
                        "section %(section)s: items add up to %(total)s, not %(max)s",
                        section=section.name,
                        total=format_points(total),
                        max=format_points(section.max_points),
                    )
                )
            for item in section.item_ids:
                best = (
                    sum(
                        max(parse_allowed(part.allowed_scores), default=0) for part in item.part_ids
                    )
                    if item.part_ids
                    else max(parse_allowed(item.allowed_scores), default=0)
                )
                if abs(best - item.max_points) > 0.001:
                    problems.append(
                        self.env._(
                            "item %(item)s: its best score is %(best)s, not %(max)s",
                            item=item.name,
                            best=format_points(best),
                            max=format_points(item.max_points),
                        )
                    )
        return problems

    def action_check_sums(self):
        for template in self:
            problems = template._get_sum_problems()
            if problems:
                raise ValidationError(
                    self.env._(
                        "Form %(form)s does not add up: %(problems)s.",
                        form=template.display_name,
                        problems="; ".join(problems),
                    )
                )
        return True
