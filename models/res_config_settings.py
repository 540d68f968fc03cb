from odoo import fields, models

from ..report.skill_cert_plan_odt import find_libreoffice
from ..tools.dates import shanghai_today


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
    skill_cert_pilot_warning = fields.Char(related="company_id.skill_cert_pilot_warning")
    skill_cert_subsidiary_ids = fields.Many2many(
        related="company_id.skill_cert_subsidiary_ids", readonly=False
    )
    skill_cert_dispatched_share = fields.Float(related="company_id.skill_cert_dispatched_share")
    skill_cert_dispatched_within_limit = fields.Boolean(
        related="company_id.skill_cert_dispatched_within_limit"
    )
    skill_cert_payroll_cutoff_day = fields.Integer(
        related="company_id.skill_cert_payroll_cutoff_day", readonly=False
    )
    skill_cert_upload_max_file_mb = fields.Integer(
        related="company_id.skill_cert_upload_max_file_mb", readonly=False
    )
    skill_cert_upload_max_unzipped_mb = fields.Integer(
        related="company_id.skill_cert_upload_max_unzipped_mb", readonly=False
    )
    skill_cert_upload_max_rows = fields.Integer(
        related="company_id.skill_cert_upload_max_rows", readonly=False
    )
    skill_cert_upload_max_cell_chars = fields.Integer(
        related="company_id.skill_cert_upload_max_cell_chars", readonly=False
    )
    skill_cert_notices_countable_until = fields.Date(
        string="Working Days Countable Until",
        compute="_compute_skill_cert_official_years",
        help="The end of the last year whose official holiday arrangement is confirmed, "
        "in an unbroken run from this year: a notice whose 5 working days would end "
        "later cannot be published yet.",
    )
    skill_cert_next_year_confirmed = fields.Boolean(
        string="Next Year's Arrangement Confirmed",
        compute="_compute_skill_cert_official_years",
    )
    skill_cert_libreoffice_available = fields.Boolean(
        string="LibreOffice Available", compute="_compute_skill_cert_libreoffice_available"
    )

    def _compute_skill_cert_official_years(self):
        Year = self.env["skill.cert.official.year"]
        until = Year._get_countable_until()
        next_year = shanghai_today().year + 1
        confirmed = bool(Year._get_confirmed_years([next_year]))
        for settings in self:
            settings.skill_cert_notices_countable_until = until
            settings.skill_cert_next_year_confirmed = confirmed

    def _compute_skill_cert_libreoffice_available(self):
        available = bool(find_libreoffice())
        for settings in self:
            settings.skill_cert_libreoffice_available = available

    def action_open_checklist(self):
        return self.env["skill.cert.pilot.condition"].action_open_checklist()
