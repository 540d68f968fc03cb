from odoo import api, models


class ReportSkillCertAnnex1(models.AbstractModel):
    _name = "report.l10n_cn_hr_skill_certification.report_annex1"
    _description = "Annex 1: Practical (Comprehensive) Score Summary"
    _inherit = "report.l10n_cn_hr_skill_certification.report_forms"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["skill.cert.plan"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "skill.cert.plan",
            "docs": plans,
            "rows_by_plan": {plan.id: self._get_plan_rows(plan) for plan in plans},
        }
