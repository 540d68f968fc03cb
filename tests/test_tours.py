from odoo.tests import tagged

from .tours import TourCommon

PLAN = "330503202603009"


@tagged("post_install", "-at_install", "tours")
class TestPlanTours(TourCommon):
    """A plan from its creation to its certificates, every step clicked in the browser
    by the role that does it, on its day (README: "A plan, step by step")."""

    CANDIDATES = 2

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee.write(
            {"skill_cert_pension_since": "2015-01-01", "skill_cert_seniority_since": "2012-03-01"}
        )
        group = "l10n_cn_hr_skill_certification.group_skill_allowance_officer"
        cls.user_payroll = cls.new_user("sc_payroll", f"base.group_user,{group}")

    def test_plan_through_the_web_client(self):
        self.tour("skill_cert_officer_prepares_plan", self.user_officer, "2026-01-20 09:00:00")
        plan = self.env["skill.cert.plan"].search([("name", "=", PLAN)])
        self.assertEqual(plan.state, "draft")
        self.assertEqual(len(plan.session_ids), 2)
        self.assertEqual(
            sorted(plan.staff_ids.mapped("role")),
            ["examiner"] * 3 + ["external_supervisor"] + ["internal_supervisor"] * 2,
        )
        self.tour("skill_cert_manager_files_plan", self.user_manager, "2026-02-02 10:00:00")
        self.assertEqual(plan.state, "filed")
        self.tour("skill_cert_officer_opens_registration", self.user_officer, "2026-02-02 11:00:00")
        self.assertEqual(plan.state, "registration")

        self.tour("skill_cert_employee_registers", self.user_employee, "2026-02-10 12:00:00")
        own = plan.registration_ids
        self.assertEqual(own.employee_id, self.employee)
        self.assertEqual(own.state, "submitted")
        self.assertTrue(own.proof_attachment_ids)
        self.register(plan)

        self.tour(
            "skill_cert_officer_reviews_and_publishes", self.user_officer, "2026-03-02 09:00:00"
        )
        self.assertEqual(plan.state, "candidate_notice")
        self.assertEqual(set(plan.registration_ids.mapped("state")), {"approved"})
        objection = plan.notice_ids.objection_ids
        self.assertEqual(objection.state, "resolved")
        self.assertEqual(objection.recorded_by_id, self.user_officer)

        self.tour("skill_cert_officer_arranges", self.user_officer, "2026-03-10 09:00:00")
        self.assertEqual(plan.state, "arranged")
        self.tour(
            "skill_cert_supervisor_signs_at_the_exam", self.user_supervisor, "2026-03-21 10:00:00"
        )
        self.tour("skill_cert_external_supervisor_signs", self.user_external, "2026-03-21 11:00:00")
        self.tour("skill_cert_supervisor_cosigns", self.user_supervisor, "2026-03-21 11:30:00")
        internal = plan.inspection_ids.filtered(lambda i: i.kind == "internal")
        external = plan.inspection_ids - internal
        self.assertEqual(internal.state, "on_site_signed")
        self.assertEqual(internal.on_site_signed_by_id, self.user_supervisor)
        video = internal.line_ids.filtered(lambda line: line.name == "视频监控")
        self.assertEqual(video.score, 5)
        self.assertEqual(
            (external.state, external.cosigned_by_id), ("signed", self.user_supervisor)
        )

        self.tour("skill_cert_officer_records_the_exam", self.user_officer, "2026-03-21 17:00:00")
        self.assertEqual(plan.state, "scored")
        self.assertEqual(sorted(plan.registration_ids.mapped("theory_score")), [71, 72, 73])
        self.tour("skill_cert_second_officer_checks_scores", self.user_officer2, "2026-03-23 09:00")
        self.tour("skill_cert_supervisor_reviews_scores", self.user_supervisor, "2026-03-23 10:00")
        self.tour("skill_cert_officer_initial_review", self.user_officer, "2026-03-23 11:00")
        self.tour("skill_cert_second_officer_re_reviews", self.user_officer2, "2026-03-24 09:00")
        self.assertEqual(plan.state, "result_notice")
        self.assertEqual(
            (plan.scores_checked_by_id, plan.scores_supervised_by_id, plan.re_review_by_id),
            (self.user_officer2, self.user_supervisor, self.user_officer2),
        )

        self.tour(
            "skill_cert_supervisor_confirms_results", self.user_supervisor, "2026-04-01 09:00"
        )
        self.tour("skill_cert_manager_confirms_results", self.user_manager, "2026-04-01 10:00")
        self.assertEqual(plan.state, "confirmed")
        self.tour("skill_cert_officer_issues_certificates", self.user_officer, "2026-04-15 09:00")
        self.assertEqual(plan.state, "issued")
        # typed in lower case, stored as the authority prints them
        self.assertEqual(
            sorted(plan.certificate_ids.mapped("name")),
            [f"Y33050300122626400010{serial}" for serial in (1, 2, 3)],
        )

        self.tour("skill_cert_employee_sees_certificate", self.user_employee, "2026-04-20 09:00")
        self.tour("skill_cert_payroll_confirms_month", self.user_payroll, "2026-05-06 09:00")
        sheet = self.env["skill.cert.allowance.sheet"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(sheet.state, "confirmed")
