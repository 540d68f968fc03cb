from odoo import fields, models


class SkillCertPilotScope(models.Model):
    """An occupation (or work type) and level of a pilot filing's scope."""

    _name = "skill.cert.pilot.scope"
    _description = "Occupation and Level Filed"
    _order = "filing_id, occupation_id, level_id"

    filing_id = fields.Many2one(
        "skill.cert.pilot.filing", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="filing_id.company_id", store=True)
    occupation_id = fields.Many2one(
        "skill.cert.occupation",
        string="Occupation (Work Type)",
        required=True,
        domain="[('is_certifiable', '=', True)]",
    )
    level_id = fields.Many2one(
        "hr.skill.level", required=True, domain="[('skill_cert_grade', '!=', False)]"
    )

    _unique = models.Constraint(
        "UNIQUE(filing_id, occupation_id, level_id)",
        "An occupation and level is filed once in a filing.",
    )
