from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    skill_cert_relax_number_check = fields.Boolean(
        related="company_id.skill_cert_relax_number_check",
        readonly=False,
    )
