from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanScores(PlanCommon):
    """Scores: ranges, pass rules, double-entry check, supervisor review, initial review
    and re-review by different people (Article 10(4))."""

    def test_score_out_of_range_refused_naming_candidate(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        first = registrations[0]
        with self.assertRaisesRegex(ValidationError, f"{first.employee_id.name}.*out of range"):
            first.with_user(self.user_officer).theory_score = 101
        with self.assertRaisesRegex(ValidationError, "out of range"):
            first.with_user(self.user_officer).practical_score = -5
        self.assertFalse(first.has_theory_score)
        self.assertEqual(first.theory_score, 0)

    def test_scores_only_while_examined(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        with self.assertRaisesRegex(UserError, "can only be changed while plan"):
            registrations[0].with_user(self.user_officer).theory_score = 80
        with self.assertRaisesRegex(UserError, "can only be changed while plan"):
            registrations[0].with_user(self.user_officer).certificate_number = "Y1"

    def test_incomplete_scores_refused(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        self.enter_scores(plan, registrations[1:])
        with self.assertRaisesRegex(
            UserError, f"{registrations[0].employee_id.name}: theory score"
        ):
            plan.with_user(self.user_officer).action_submit_scores()
        self.assertEqual(plan.state, "examined")

    def test_pass_rules(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        absent = registrations[3]
        with freeze_time("2026-03-21 17:00:00"):
            (registrations - absent).with_user(self.user_officer).attendance = "present"
            absent.with_user(self.user_officer).attendance = "absent"
            self.sign_forms_at_exam(plan)
            plan.with_user(self.user_officer).action_mark_examined()
        self.enter_scores(plan, registrations[:1], theory=60, practical=60)
        self.enter_scores(plan, registrations[1:2], theory=59.5, practical=90)
        self.enter_scores(plan, registrations[2:3], theory=90, practical=59)
        self.assertEqual(registrations[0].result, "passed")
        self.assertEqual(registrations[1].result, "failed")
        self.assertEqual(registrations[2].result, "failed")
        self.assertEqual(absent.result, "failed")
        self.assertFalse(registrations[4].result)
        self.assertAlmostEqual(registrations[0].comprehensive_score, 60)
        self.assertAlmostEqual(registrations[1].comprehensive_score, 59.5 * 0.3 + 90 * 0.7)

    def test_technicians_need_the_review_score(self):
        seniors = self.create_candidates(2, prefix="技师候选")
        for employee in seniors:
            self.env["skill.cert.certificate"].create(
                self.certificate_vals(
                    employee=employee, grade=3, serial=employee.id, issue_date="2018-06-01"
                )
            )
        plan = self.create_plan(grade=2)
        self.assertTrue(plan.needs_review_score)
        self.to_registration(plan)
        registrations = self.register(plan, seniors)
        self.assertEqual(set(registrations.mapped("is_eligible")), {True})
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        with freeze_time("2026-03-02 09:00:00"):
            registrations.with_user(self.user_officer).action_approve()
            plan.with_user(self.user_officer).action_publish_candidate_notice()
            plan.with_user(self.user_officer).action_generate_tickets()
        with freeze_time("2026-03-10 09:00:00"):
            plan.with_user(self.user_officer).action_arrange()
        with freeze_time("2026-03-21 17:00:00"):
            registrations.with_user(self.user_officer).attendance = "present"
            self.sign_forms_at_exam(plan)
            plan.with_user(self.user_officer).action_mark_examined()
        self.enter_scores(plan, registrations[0], review=59)
        self.enter_scores(plan, registrations[1], review=61)
        self.assertEqual(registrations.mapped("result"), ["failed", "passed"])

    def test_double_entry_check_by_another_person(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        self.enter_scores(plan, registrations)
        plan.with_user(self.user_officer).action_submit_scores()
        self.assertEqual(plan.scores_entered_by_id, self.user_officer)
        with self.assertRaisesRegex(UserError, "another person must check them"):
            plan.with_user(self.user_officer).action_check_scores()
        with self.assertRaisesRegex(UserError, "“Check the entered scores” comes before"):
            plan.with_user(self.user_supervisor).action_supervise_scores()
        plan.with_user(self.user_officer2).action_check_scores()
        with self.assertRaisesRegex(UserError, "is already done"):
            plan.with_user(self.user_manager).action_check_scores()
        self.assertEqual(plan.scores_checked_by_id, self.user_officer2)
        # scores are frozen once submitted
        with self.assertRaisesRegex(UserError, "can only be changed while plan"):
            registrations[0].with_user(self.user_officer).theory_score = 99

    def test_supervisor_review_by_the_plans_supervisor(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        self.enter_scores(plan, registrations)
        plan.with_user(self.user_officer).action_submit_scores()
        plan.with_user(self.user_officer2).action_check_scores()
        with self.assertRaisesRegex(
            UserError, "“Review the scores as internal supervisor” comes before"
        ):
            plan.with_user(self.user_officer).action_initial_review()
        with self.assertRaises(AccessError):
            plan.with_user(self.user_officer).action_supervise_scores()
        plan.with_user(self.user_supervisor2).action_supervise_scores()
        self.assertEqual(plan.scores_supervised_by_id, self.user_supervisor2)

    def test_initial_review_and_re_review_by_different_people(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        self.enter_scores(plan, registrations)
        plan.with_user(self.user_officer).action_submit_scores()
        plan.with_user(self.user_officer2).action_check_scores()
        plan.with_user(self.user_supervisor).action_supervise_scores()
        with self.assertRaisesRegex(UserError, "“Initial review of the scores” comes before"):
            plan.with_user(self.user_officer2).action_re_review()
        plan.with_user(self.user_officer2).action_initial_review()
        with self.assertRaisesRegex(UserError, "another person must do the re-review"):
            plan.with_user(self.user_officer2).action_re_review()
        plan.with_user(self.user_officer).action_re_review()
        self.assertEqual(plan.state, "reviewed")

    def test_results_confirmed_by_supervisor_then_head(self):
        plan = self.create_plan()
        self.to_result_notice(plan)
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            with self.assertRaisesRegex(
                UserError, "“Confirm the results \\(internal supervisor\\)” comes before"
            ):
                plan.with_user(self.user_manager).action_head_confirm_results()
            with self.assertRaises(AccessError):
                plan.with_user(self.user_officer).action_supervisor_confirm_results()
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            with self.assertRaises(AccessError):
                plan.with_user(self.user_officer).action_head_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        self.assertEqual(plan.state, "confirmed")
        self.assertEqual(plan.results_confirmed_count, self.CANDIDATES)
        self.assertEqual(plan.results_head_id, self.user_manager)

    def test_results_cannot_be_confirmed_during_the_notice(self):
        plan = self.create_plan()
        self.to_result_notice(plan)
        with (
            freeze_time("2026-03-31 09:00:00"),
            self.assertRaisesRegex(UserError, "runs until 03/31/2026"),
        ):
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
        self.assertFalse(plan.results_supervisor_id)

    def test_certificate_numbers_checked(self):
        plan = self.create_plan()
        registrations = self.to_confirmed(plan)
        with freeze_time("2026-04-10 09:00:00"):
            with self.assertRaisesRegex(UserError, "have no certificate number"):
                plan.with_user(self.user_officer).action_mark_numbered()
            for serial, registration in enumerate(registrations, start=1):
                registration.certificate_number = self.certificate_number(4, serial, year=26)
            registrations[1].certificate_number = self.certificate_number(3, 50, year=26)
            with self.assertRaisesRegex(UserError, "carries level digit 3"):
                plan.with_user(self.user_officer).action_mark_numbered()
            registrations[1].certificate_number = registrations[0].certificate_number
            with self.assertRaisesRegex(ValidationError, "is given twice"):
                plan.with_user(self.user_officer).action_mark_numbered()
            self.create_certificate(employee=self.employee, serial=77)
            registrations[1].certificate_number = self.certificate_number(4, 77)
            with self.assertRaisesRegex(ValidationError, "already used by the certificate of 张伟"):
                plan.with_user(self.user_officer).action_mark_numbered()
        self.assertEqual(plan.state, "confirmed")

    def test_only_passed_candidates_get_certificates(self):
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        with freeze_time("2026-03-23 09:00:00"):
            self.enter_scores(plan, registrations[:4])
            self.enter_scores(plan, registrations[4:], theory=40)
            self.review_scores(plan)
            plan.with_user(self.user_officer).action_publish_result_notice()
        notice_lines = plan.notice_ids.filtered(lambda n: n.kind == "results").line_ids
        self.assertEqual(notice_lines.mapped("result").count("failed"), 2)
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        self.assertEqual(plan.results_confirmed_count, 4)
        with freeze_time("2026-04-10 09:00:00"):
            for serial, registration in enumerate(registrations[:4], start=1):
                registration.certificate_number = self.certificate_number(4, serial, year=26)
            plan.with_user(self.user_officer).action_mark_numbered()
            plan.with_user(self.user_officer).action_issue()
        self.assertEqual(plan.certificate_ids.registration_id, registrations[:4])
