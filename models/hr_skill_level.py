from odoo import fields, models


class HrSkillLevel(models.Model):
    _inherit = "hr.skill.level"

    # The regulation and the allowance speak of level 5 (lowest) to level 1 (highest);
    # level_progress orders the levels on screen but is not a level number.
    skill_cert_grade = fields.Integer(
        string="Skill Level Number",
        help="National vocational skill level: 5 (Elementary) to 1 (Senior Technician). "
        "Empty for levels of other skill types.",
    )

    _skill_cert_grade_range = models.Constraint(
        "CHECK(skill_cert_grade IS NULL OR skill_cert_grade BETWEEN 1 AND 5)",
        "A vocational skill level number is between 1 and 5.",
    )

    # Article 5(3): the reference monthly skill allowance of the level, in yuan. A pilot
    # enterprise's allowance policy pays at least this much.
    skill_cert_reference_allowance = fields.Float(
        string="Reference Allowance (yuan/month)",
        digits=(16, 2),
        help="Monthly skill allowance the measures give as reference for this level "
        "(Article 5(3)).",
    )
