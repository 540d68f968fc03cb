from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # The highest level is shown to colleagues, like the certifications of hr_skills.
    skill_cert_highest_level_id = fields.Many2one(
        "hr.skill.level", string="Highest Skill Level", readonly=True
    )
