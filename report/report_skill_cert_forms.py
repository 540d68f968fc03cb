from odoo import api, models
from odoo.exceptions import UserError

from ..tools.masking import mask_id_number
from ..tools.plan_steps import progress_index

# The forms are Chinese whatever the user's language: 文化程度 and 性别 as printed.
FORM_EDUCATION = {
    "primary": "小学",
    "junior_high": "初中",
    "senior_high": "高中",
    "secondary_vocational": "中专/技校/职高",
    "junior_college": "大专",
    "bachelor": "本科",
    "master": "硕士",
    "doctor": "博士",
    "graduate": "毕业生",
    "other": "其他",
}
FORM_GENDER = {"male": "男", "female": "女"}


class ReportSkillCertForms(models.AbstractModel):
    """Rows of the annex forms, read once per plan. The forms print the candidates'
    full ID numbers (they are filed with the authority): only certification officers,
    who may read them, print these forms."""

    _name = "report.l10n_cn_hr_skill_certification.report_forms"
    _description = "Skill Certification Annex Forms"
    # Annex 5 lists only the candidates who passed; Annex 1 lists them all.
    _plan_rows_passed_only = False
    # The form exists from this state of the plan on (Annex 1 once examined).
    _printable_from = "examined"

    @api.model
    def _check_printable(self, plans):
        first = progress_index(self._printable_from)
        for plan in plans:
            if progress_index(plan._get_effective_state()) < first:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s: this form is filled from %(first)s on.",
                        plan=plan.name,
                        state=plan._state_label(plan.state),
                        first=plan._state_label(self._printable_from),
                    )
                )

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["skill.cert.plan"].browse(docids)
        self._check_printable(plans)
        return {
            "doc_ids": docids,
            "doc_model": "skill.cert.plan",
            "docs": plans,
            "rows_by_plan": {
                plan.id: self._get_plan_rows(plan, passed_only=self._plan_rows_passed_only)
                for plan in plans
            },
        }

    @api.model
    def _get_plan_rows(self, plan, passed_only=False):
        self.env["skill.cert.plan"]._check_group(
            "l10n_cn_hr_skill_certification.group_skill_cert_officer",
            self.env._("Print the annex forms"),
        )
        registrations = plan._passed() if passed_only else plan._candidates()
        rows = []
        # sudo: officers read these HR fields anyway; sudo spares the per-field checks.
        for sequence, registration in enumerate(
            registrations.sudo().sorted(lambda r: (r.ticket_number or "", r.id)), start=1
        ):
            employee = registration.employee_id
            rows.append(
                {
                    "sequence": sequence,
                    "registration": registration,
                    "ticket_number": registration.ticket_number or "",
                    "name": employee.name,
                    "gender": FORM_GENDER.get(employee.sex, ""),
                    "birth_month": (employee.birthday and employee.birthday.strftime("%Y.%m"))
                    or "",
                    "education": FORM_EDUCATION.get(employee.certificate, ""),
                    "id_number": employee.identification_id or "",
                    "id_number_masked": mask_id_number(employee.identification_id),
                    "unit": employee.skill_cert_unit_name or "",
                    "seniority": employee.skill_cert_seniority_years or "",
                    "theory_score": registration.has_theory_score and registration.theory_score,
                    "practical_score": registration.has_practical_score
                    and registration.practical_score,
                    "review_score": registration.has_review_score and registration.review_score,
                    "comprehensive_score": registration._has_all_scores()
                    and registration.comprehensive_score,
                    "result": registration.result,
                    "attendance": registration.attendance,
                    "certificate_number": registration.certificate_number or "",
                }
            )
        return rows
