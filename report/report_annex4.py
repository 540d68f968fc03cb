from odoo import api, models


class ReportSkillCertAnnex4(models.AbstractModel):
    _name = "report.l10n_cn_hr_skill_certification.report_annex4"
    _description = "Annex 4: Result Confirmation"
    _inherit = "report.l10n_cn_hr_skill_certification.report_forms"
    _printable_from = "result_notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["skill.cert.plan"].browse(docids)
        self._check_printable(plans)
        return {"doc_ids": docids, "doc_model": "skill.cert.plan", "docs": plans}
