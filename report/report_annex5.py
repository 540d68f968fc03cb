from odoo import models


class ReportSkillCertAnnex5(models.AbstractModel):
    _name = "report.l10n_cn_hr_skill_certification.report_annex5"
    _description = "Annex 5: Certificate Issuance Register"
    _inherit = "report.l10n_cn_hr_skill_certification.report_forms"
    _plan_rows_passed_only = True
    _printable_from = "numbered"
