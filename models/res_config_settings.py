from odoo import fields, models

from ..report.skill_cert_plan_odt import find_libreoffice


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    skill_cert_relax_number_check = fields.Boolean(
        related="company_id.skill_cert_relax_number_check",
        readonly=False,
    )
    skill_cert_annex4_odt = fields.Binary(
        related="company_id.skill_cert_annex4_odt", readonly=False
    )
    skill_cert_annex4_odt_name = fields.Char(
        related="company_id.skill_cert_annex4_odt_name", readonly=False
    )
    skill_cert_annex5_odt = fields.Binary(
        related="company_id.skill_cert_annex5_odt", readonly=False
    )
    skill_cert_annex5_odt_name = fields.Char(
        related="company_id.skill_cert_annex5_odt_name", readonly=False
    )
    skill_cert_allowance_status = fields.Selection(related="company_id.skill_cert_allowance_status")
    skill_cert_allowance_policy_id = fields.Many2one(
        related="company_id.skill_cert_allowance_policy_id"
    )
    skill_cert_contact_name = fields.Char(
        related="company_id.skill_cert_contact_name", readonly=False
    )
    skill_cert_change_to_report_count = fields.Integer(
        related="company_id.skill_cert_change_to_report_count"
    )
    skill_cert_subsidiary_ids = fields.Many2many(
        related="company_id.skill_cert_subsidiary_ids", readonly=False
    )
    skill_cert_dispatched_share = fields.Float(related="company_id.skill_cert_dispatched_share")
    skill_cert_dispatched_within_limit = fields.Boolean(
        related="company_id.skill_cert_dispatched_within_limit"
    )
    skill_cert_libreoffice_available = fields.Boolean(
        string="LibreOffice Available", compute="_compute_skill_cert_libreoffice_available"
    )

    def _compute_skill_cert_libreoffice_available(self):
        available = bool(find_libreoffice())
        for settings in self:
            settings.skill_cert_libreoffice_available = available
