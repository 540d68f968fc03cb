from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.roles import GROUP_OFFICER


class ReportSkillCertAdmissionTicket(models.AbstractModel):
    """Admission tickets: officers print a plan's; a candidate prints only his own."""

    _name = "report.l10n_cn_hr_skill_certification.report_admission_ticket"
    _description = "Admission Ticket"

    @api.model
    def _get_report_values(self, docids, data=None):
        registrations = self.env["skill.cert.registration"].browse(docids)
        if not self.env.user.has_group(GROUP_OFFICER):
            # sudo: whose ticket it is, to refuse the others' without reading them.
            foreign = registrations.sudo().filtered(
                lambda r: (
                    r.employee_id.user_id != self.env.user
                    or r.state != "approved"
                    or not r.ticket_number
                )
            )
            if foreign:
                raise AccessError(self.env._("You may print your own admission ticket only."))
        return {
            "doc_ids": docids,
            "doc_model": "skill.cert.registration",
            "docs": registrations,
        }
