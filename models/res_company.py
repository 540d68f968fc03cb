from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.dates import shanghai_today
from .skill_cert_company_change import REPORTED_COMPANY_FIELDS

DISPATCHED_SHARE_LIMIT = 0.1  # Article 6: dispatched workers at most 10% of the staff
# Limits of an uploaded spreadsheet, checked before it is read. A score sheet of a few
# thousand candidates is well under 1 MB; Excel itself holds at most 32,767 characters
# in a cell.
UPLOAD_LIMIT_DEFAULTS = {
    "skill_cert_upload_max_file_mb": 10,
    "skill_cert_upload_max_unzipped_mb": 50,
    "skill_cert_upload_max_rows": 10000,
    "skill_cert_upload_max_cell_chars": 32767,
}


class ResCompany(models.Model):
    _inherit = "res.company"

    skill_cert_relax_number_check = fields.Boolean(
        string="Accept Any Certificate Number Shape",
        help="Certificate numbers normally are one capital letter and 21 digits whose "
        "7th digit from the end is the level (1-5). The shape comes from public "
        "descriptions rather than a published standard: tick this only if the "
        "authority issues numbers that do not follow it. Every change is logged.",
    )

    skill_cert_annex4_odt = fields.Binary(
        string="Annex 4 Template (ODT)",
        attachment=True,
        help="Leave empty to use the template shipped with the module.",
    )
    skill_cert_annex4_odt_name = fields.Char()
    skill_cert_annex5_odt = fields.Binary(
        string="Annex 5 Template (ODT)",
        attachment=True,
        help="Leave empty to use the template shipped with the module.",
    )
    skill_cert_annex5_odt_name = fields.Char()

    skill_cert_allowance_policy_id = fields.Many2one(
        "skill.cert.allowance.policy",
        string="Current Allowance Policy",
        compute="_compute_skill_cert_allowance_status",
    )
    skill_cert_allowance_status = fields.Selection(
        [
            ("missing", "No allowance policy this month"),
            ("below", "Amounts below the reference"),
            ("ok", "Meets the reference"),
        ],
        string="Skill Allowance (Article 5(3))",
        compute="_compute_skill_cert_allowance_status",
    )

    skill_cert_contact_name = fields.Char(
        string="Certification Contact",
        help="The contact person for skill certification known to the authority; "
        "a change is reported like the name, phone and address (Article 14).",
    )
    skill_cert_change_to_report_count = fields.Integer(
        string="Base Information Changes to Report",
        compute="_compute_skill_cert_change_to_report_count",
    )
    skill_cert_pilot_warning = fields.Char(
        string="Pilot Period Warning",
        compute="_compute_skill_cert_pilot_warning",
        export_string_translation=False,
    )
    skill_cert_subsidiary_ids = fields.Many2many(
        "res.partner",
        "res_company_skill_cert_subsidiary_rel",
        "company_id",
        "partner_id",
        string="Subsidiaries Filed",
        help="The wholly-owned and controlled subsidiaries listed in the pilot filing "
        "(Article 6): only their staff may be certified as subsidiary staff.",
    )
    skill_cert_dispatched_share = fields.Float(
        string="Share of Dispatched Workers",
        compute="_compute_skill_cert_dispatched_share",
        help="Share of the active employees who are dispatched workers; Article 6 allows "
        "at most 10% when dispatched workers are to be certified.",
    )
    skill_cert_dispatched_within_limit = fields.Boolean(
        string="Within the 10% Limit",
        compute="_compute_skill_cert_dispatched_share",
    )

    skill_cert_payroll_cutoff_day = fields.Integer(
        string="Payroll Cut-off Day",
        help="Day of the month from which that month's allowance sheet may be confirmed "
        "(1-28). Empty: the last day of the month (Asia/Shanghai).",
    )
    skill_cert_upload_max_file_mb = fields.Integer(
        string="Largest Uploaded File (MB)",
        default=UPLOAD_LIMIT_DEFAULTS["skill_cert_upload_max_file_mb"],
    )
    skill_cert_upload_max_unzipped_mb = fields.Integer(
        string="Largest Unpacked Workbook (MB)",
        default=UPLOAD_LIMIT_DEFAULTS["skill_cert_upload_max_unzipped_mb"],
        help="An .xlsx file is a zip archive: the size of its content once unpacked.",
    )
    skill_cert_upload_max_rows = fields.Integer(
        string="Most Rows per Sheet", default=UPLOAD_LIMIT_DEFAULTS["skill_cert_upload_max_rows"]
    )
    skill_cert_upload_max_cell_chars = fields.Integer(
        string="Longest Cell (characters)",
        default=UPLOAD_LIMIT_DEFAULTS["skill_cert_upload_max_cell_chars"],
    )

    _skill_cert_payroll_cutoff_day_range = models.Constraint(
        "CHECK(skill_cert_payroll_cutoff_day IS NULL OR skill_cert_payroll_cutoff_day "
        "BETWEEN 0 AND 28)",
        "The payroll cut-off day is a day between 1 and 28 (empty: the last day of the month).",
    )
    _skill_cert_upload_limits_positive = models.Constraint(
        "CHECK(skill_cert_upload_max_file_mb > 0 AND skill_cert_upload_max_unzipped_mb > 0 "
        "AND skill_cert_upload_max_rows > 0 AND skill_cert_upload_max_cell_chars > 0)",
        "The limits of uploaded spreadsheets are positive numbers.",
    )

    def _skill_cert_upload_limits(self):
        """The limits of an uploaded spreadsheet (tools.xlsx.Limits), the defaults where
        a limit is not set."""
        from ..tools.xlsx import Limits  # noqa: PLC0415 - avoid a cycle at import

        self.ensure_one()
        values = {name: self[name] or default for name, default in UPLOAD_LIMIT_DEFAULTS.items()}
        return Limits(
            file_bytes=values["skill_cert_upload_max_file_mb"] * 1024 * 1024,
            unzipped_bytes=values["skill_cert_upload_max_unzipped_mb"] * 1024 * 1024,
            rows=values["skill_cert_upload_max_rows"],
            cell_chars=values["skill_cert_upload_max_cell_chars"],
        )

    def _compute_skill_cert_change_to_report_count(self):
        counts = dict(
            self.env["skill.cert.company.change"]._read_group(
                [("company_id", "in", self.ids), ("state", "=", "to_report")],
                ["company_id"],
                ["__count"],
            )
        )
        for company in self:
            company.skill_cert_change_to_report_count = counts.get(company, 0)

    def _compute_skill_cert_dispatched_share(self):
        # sudo: a share of the head count, not any employee's data; settings administrators
        # need not be HR officers to see it.
        groups = (
            self.env["hr.employee"]
            .sudo()
            ._read_group(
                [("company_id", "in", self.ids)],
                ["company_id", "skill_cert_employment_category"],
                ["__count"],
            )
        )
        totals, dispatched = {}, {}
        for company, category, count in groups:
            totals[company.id] = totals.get(company.id, 0) + count
            if category == "dispatched":
                dispatched[company.id] = count
        for company in self:
            total = totals.get(company.id, 0)
            share = dispatched.get(company.id, 0) / total if total else 0.0
            company.skill_cert_dispatched_share = share
            company.skill_cert_dispatched_within_limit = share <= DISPATCHED_SHARE_LIMIT

    def _compute_skill_cert_allowance_status(self):
        """Article 5(3), a condition of being a pilot enterprise: a skill allowance
        policy in force whose amounts reach the reference of the measures."""
        month = shanghai_today().replace(day=1)
        Policy = self.env["skill.cert.allowance.policy"]
        for company in self:
            terms = Policy._get_terms_by_month(company, month, month)[month]
            policy = Policy.browse(terms.policy_id) if terms else Policy
            company.skill_cert_allowance_policy_id = policy
            if not policy:
                company.skill_cert_allowance_status = "missing"
            elif not policy.meets_reference:
                company.skill_cert_allowance_status = "below"
            else:
                company.skill_cert_allowance_status = "ok"

    def _compute_skill_cert_pilot_warning(self):
        Filing = self.env["skill.cert.pilot.filing"]
        for company in self:
            company.skill_cert_pilot_warning = Filing._get_warning(company)

    def _skill_cert_check_allowance_condition(self):
        """Refuse, with the reason, when the company does not meet Article 5(3)."""
        for company in self:
            if company.skill_cert_allowance_status == "missing":
                raise UserError(
                    self.env._(
                        "%(company)s has no skill allowance policy for the current month "
                        "(Article 5(3) of the measures).",
                        company=company.name,
                    )
                )
            if company.skill_cert_allowance_status == "below":
                raise UserError(
                    self.env._(
                        "The skill allowance policy %(policy)s of %(company)s pays less than "
                        "the reference of Article 5(3) for: %(levels)s.",
                        policy=company.skill_cert_allowance_policy_id.display_name,
                        company=company.name,
                        levels=company.skill_cert_allowance_policy_id.reference_shortfall,
                    )
                )

    def write(self, vals):
        Change = self.env["skill.cert.company.change"]
        reported = [name for name in REPORTED_COMPANY_FIELDS if name in vals]
        before = Change._values_of(self, reported) if reported else {}
        relax_changed = self.browse()
        if "skill_cert_relax_number_check" in vals:
            relax_changed = self.filtered(
                lambda company: (
                    company.skill_cert_relax_number_check
                    != bool(vals["skill_cert_relax_number_check"])
                )
            )
        result = super().write(vals)
        if reported:
            Change._record(before, Change._values_of(self, reported))
        for company in relax_changed:
            company._skill_cert_log_number_check_change()
        return result

    def _skill_cert_log_number_check_change(self):
        """Keep an audit trail of the relaxation on the company's contact chatter,
        since res.company itself has no chatter."""
        self.ensure_one()
        if self.skill_cert_relax_number_check:
            body = self.env._(
                "Certificate number shape check relaxed by %(user)s: "
                "numbers of any shape are now accepted.",
                user=self.env.user.name,
            )
        else:
            body = self.env._(
                "Certificate number shape check restored by %(user)s.",
                user=self.env.user.name,
            )
        # sudo: the audit note must be written even by a settings administrator
        # without rights on contacts.
        self.partner_id.sudo().message_post(body=Markup("<p>%s</p>") % body)
