from markupsafe import Markup

from odoo import fields, models


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

    def write(self, vals):
        relax_changed = self.browse()
        if "skill_cert_relax_number_check" in vals:
            relax_changed = self.filtered(
                lambda company: (
                    company.skill_cert_relax_number_check
                    != bool(vals["skill_cert_relax_number_check"])
                )
            )
        result = super().write(vals)
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
