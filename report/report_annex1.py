from odoo import models


class ReportSkillCertAnnex1(models.AbstractModel):
    _name = "report.l10n_cn_hr_skill_certification.report_annex1"
    _description = "Annex 1: Practical (Comprehensive) Score Summary"
    _inherit = "report.l10n_cn_hr_skill_certification.report_forms"
