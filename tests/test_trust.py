import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged

from ..tools.plan_steps import PLAN_STEPS
from .common import PlanCommon


@tagged("post_install", "-at_install", "trust")
class TestServerGuards(PlanCommon):
    """Rules hold against crafted calls, not only in the form: one gatekeeper for the
    states, fields closed by state on the server, unforgeable bypasses."""

    def test_state_changes_only_through_the_steps(self):
        """A plain write of the state, or of a step's field, is refused, even as an
        officer; a created plan starts as a draft."""
        plan = self.create_plan()
        Plan = plan.with_user(self.user_officer)
        for vals in ({"state": "issued"}, {"scores_checked_by_id": self.user_officer.id}):
            with self.assertRaisesRegex(UserError, "only through the plan's steps"):
                Plan.write(vals)
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            self.env["skill.cert.plan"].with_user(self.user_officer).create(
                {
                    "name": "330503202609999",
                    "occupation_id": self.lathe.id,
                    "level_id": self.levels[4].id,
                    "state": "closed",
                }
            )
        self.assertEqual(plan.state, "draft")

    def test_pass_rules_and_weights_frozen(self):
        """After issuance (and from filing on for the pass rules, from the draft on for
        the weights), nothing of the pass rules changes, so results stand."""
        plan = self.create_plan()
        self.to_numbered(plan)
        with freeze_time("2026-04-15 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
        passed = plan.passed_count
        self.assertEqual(passed, self.CANDIDATES)
        for field_name, value in (
            ("practical_pass_score", 99),
            ("theory_weight", 0.5),
            ("level_id", self.levels[3].id),
            ("exam_date", "2026-05-01"),
        ):
            with self.subTest(field=field_name), self.assertRaisesRegex(UserError, "no longer"):
                plan.with_user(self.user_manager).write({field_name: value})
        self.assertEqual(plan.passed_count, passed)
        # writing a field its own value (a form saving unchanged fields) is no change
        plan.with_user(self.user_officer).write({"practical_pass_score": 60.0})

    def test_suspension_keeps_the_staff_locked(self):
        """A plan suspended after its arrangement keeps its staff locked (the effective
        state is the one it was suspended in); resuming changes nothing."""
        plan = self.create_plan()
        self.to_arranged(plan)
        with freeze_time("2026-03-11 09:00:00"):
            plan.with_user(self.user_manager)._do_suspend("现场核查")
        self.assertEqual(plan.effective_state, "arranged")
        examiner = plan.staff_ids.filtered(lambda s: s.role == "examiner")[:1]
        with self.assertRaisesRegex(UserError, "staff are locked"):
            examiner.with_user(self.user_officer).employee_id = self.colleague
        with self.assertRaisesRegex(UserError, "staff are locked"):
            self.env["skill.cert.plan.staff"].with_user(self.user_officer).create(
                {"plan_id": plan.id, "role": "invigilator", "employee_id": self.colleague.id}
            )
        session = plan.session_ids[:1]
        with self.assertRaisesRegex(UserError, "kept as arranged"):
            session.with_user(self.user_officer).room = "另一间"
        with freeze_time("2026-03-12 09:00:00"):
            plan.with_user(self.user_manager)._do_resume("核查完毕")
        self.assertEqual(plan.state, "arranged")
        self.assertFalse(plan.staff_change_ids)

    def test_bypasses_cannot_be_sent_by_a_client(self):
        """The context keys of the internal bypasses are inert when a client sends them:
        an employee cannot forge a skill level row, nor unlock staff or a signature."""
        level_type = self.env["hr.skill.type"]._skill_cert_get_level_type()
        with self.assertRaisesRegex(UserError, "come from certificates"):
            self.env["hr.employee.skill"].with_user(self.user_employee).with_context(
                skill_cert_sync=True
            ).create(
                {
                    "employee_id": self.employee.id,
                    "skill_type_id": level_type.id,
                    "skill_id": self.lathe.skill_id.id,
                    "skill_level_id": self.levels[1].id,
                }
            )
        plan = self.create_plan()
        self.to_arranged(plan)
        examiner = plan.staff_ids.filtered(lambda s: s.role == "examiner")[:1]
        with self.assertRaisesRegex(UserError, "staff are locked"):
            examiner.with_user(self.user_officer).with_context(
                skill_cert_staff_change=True
            ).employee_id = self.colleague
        with self.assertRaises(UserError):
            plan.with_user(self.user_officer).with_context(skill_cert_plan_step=True).write(
                {"state": "closed"}
            )

    def test_weights_follow_the_level_whatever_creates_the_plan(self):
        """Levels 2 and 1 weigh the comprehensive review, also for a plan created by
        RPC or import (no onchange)."""
        plan = self.create_plan(grade=2)
        self.assertEqual(
            (plan.theory_weight, plan.practical_weight, plan.review_weight), (0.2, 0.5, 0.3)
        )
        plan = self.create_plan(name="330503202603002", grade=4)
        self.assertEqual(plan.review_weight, 0.0)

    def test_supervision_forms_only_while_the_exam_runs(self):
        """Forms exist from the arrangement until the confirmation; a draft or a
        cancelled plan gets none, and the exam part is signed at the exam only."""
        draft = self.create_plan()
        with self.assertRaisesRegex(UserError, "come with the exam arrangement"):
            draft.with_user(self.user_officer).action_create_inspections()
        plan = self.create_plan(name="330503202603002", ticket_prefix="TRUST")
        self.to_arranged(plan)
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor)
        with freeze_time("2026-03-11 09:00:00"):
            plan.with_user(self.user_manager)._do_cancel("计划取消")
        with self.assertRaisesRegex(UserError, "is signed at the exam"):
            internal.with_user(self.user_supervisor).action_sign_on_site()
        with self.assertRaises(AccessError):
            internal.line_ids[:1].with_user(self.user_supervisor).entered_score = 0

    def test_records_of_a_plan_are_kept(self):
        """Sessions of an arranged plan and the files of a plan's ledger are not
        deleted, not even by a manager."""
        plan = self.create_plan()
        self.to_arranged(plan)
        with self.assertRaisesRegex(UserError, "kept as arranged"):
            plan.session_ids.with_user(self.user_manager).unlink()
        attachment = self.env["ir.attachment"].create(
            {
                "name": "附件1.xlsx",
                "raw": b"xlsx",
                "res_model": "skill.cert.plan",
                "res_id": plan.id,
            }
        )
        with self.assertRaisesRegex(UserError, "is kept"):
            attachment.with_user(self.user_manager).unlink()
        with self.assertRaisesRegex(UserError, "kept as it is"):
            attachment.with_user(self.user_manager).raw = b"other"

    def test_supervisor_buttons_only_for_the_plans_supervisors(self):
        """The supervisor's steps are offered only to the plan's own supervisors."""
        plan = self.create_plan()
        registrations = self.to_examined(plan)
        with freeze_time("2026-03-23 09:00:00"):
            self.enter_scores(plan, registrations)
            plan.with_user(self.user_officer).action_submit_scores()
            plan.with_user(self.user_officer2).action_check_scores()
        self.assertTrue(plan.with_user(self.user_supervisor).can_supervise_scores)
        self.assertFalse(plan.with_user(self.user_employee).can_supervise_scores)
        self.assertFalse(plan.with_user(self.user_officer).can_supervise_scores)
        outsider = self.new_user(
            "sc_supervisor_outside",
            "base.group_user,l10n_cn_hr_skill_certification.group_skill_cert_supervisor",
        )
        with self.assertRaises(AccessError):
            plan.with_user(outsider).action_supervise_scores()
        plan.with_user(self.user_supervisor).action_supervise_scores()
        self.assertFalse(plan.with_user(self.user_supervisor).can_supervise_scores)

    def test_every_step_button_matches_its_refusal(self):
        """For every role and every step, the button shows exactly when the step would
        not be refused: the one reason decides both."""
        plan = self.create_plan()
        self.to_examined(plan)
        users = [self.user_employee, self.user_officer, self.user_supervisor, self.user_manager]
        for user in users:
            record = plan.with_user(user)
            for step in PLAN_STEPS:
                with self.subTest(user=user.login, step=step):
                    self.assertEqual(record[f"can_{step}"], not record._get_step_problem(step))

    def test_a_second_click_says_the_step_is_done(self):
        plan = self.create_plan()
        self.to_numbered(plan)
        with freeze_time("2026-04-15 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
            with self.assertRaisesRegex(UserError, "is already done"):
                plan.with_user(self.user_officer).action_issue()
        with (
            freeze_time("2026-04-16 09:00:00"),
            self.assertRaisesRegex(UserError, "is already done"),
        ):
            plan.with_user(self.user_manager).action_file()
        self.assertEqual(len(plan.certificate_ids), self.CANDIDATES)

    def test_certificate_numbers_stored_as_printed(self):
        """Lower case or spaced numbers are stored in capitals without spaces, on the
        certificate and on the registration, so Annex 5 prints what the certificate says."""
        certificate = self.create_certificate(name=" y330503001224244000001 ")
        self.assertEqual(certificate.name, "Y330503001224244000001")
        plan = self.create_plan()
        registrations = self.to_confirmed(plan)
        registrations[0].with_user(self.user_officer).certificate_number = "y33050300122626 4000101"
        self.assertEqual(registrations[0].certificate_number, "Y330503001226264000101")

    def test_candidate_prints_only_his_own_ticket(self):
        plan = self.create_plan()
        registrations = self.to_candidate_notice(plan)
        candidate_user = self.new_user("sc_candidate", "base.group_user")
        registrations[0].employee_id.user_id = candidate_user
        Report = self.env["ir.actions.report"].with_user(candidate_user)
        report = "l10n_cn_hr_skill_certification.report_admission_ticket"
        html, _type = Report._render_qweb_html(report, registrations[0].ids)
        self.assertIn(registrations[0].ticket_number, html.decode())
        with self.assertRaisesRegex(AccessError, "own admission ticket"):
            Report._render_qweb_html(report, registrations[1].ids)

    def test_registrations_state_only_through_the_steps(self):
        plan = self.create_plan()
        registrations = self.to_review(plan)
        with self.assertRaisesRegex(UserError, "change through its buttons"):
            registrations[0].with_user(self.user_officer).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            self.env["skill.cert.registration"].with_user(self.user_officer).create(
                {"plan_id": plan.id, "employee_id": self.colleague.id, "state": "approved"}
            )

    def test_notices_are_never_edited(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        notice = plan.notice_ids
        with self.assertRaisesRegex(UserError, "never edited"):
            notice.with_user(self.user_officer).end_date = "2026-03-03"
        with self.assertRaisesRegex(UserError, "snapshot"):
            notice.line_ids[:1].with_user(self.user_officer).name_masked = "张三"
        with self.assertRaisesRegex(UserError, "published from their plan"):
            self.env["skill.cert.notice"].with_user(self.user_officer).create(
                {
                    "plan_id": plan.id,
                    "kind": "results",
                    "start_date": "2026-03-02",
                    "end_date": "2026-03-09",
                }
            )


@tagged("post_install", "-at_install", "trust")
class TestScoreCorrection(PlanCommon):
    def test_correction_reopens_the_review(self):
        """A score corrected during the result notice withdraws the notice and re-opens
        every review step, on record with the old and new value."""
        plan = self.create_plan()
        registrations = self.to_result_notice(plan)
        with freeze_time("2026-03-25 09:00:00"):
            wizard = (
                self.env["skill.cert.score.correction.wizard"]
                .with_user(self.user_officer)
                .create(
                    {
                        "registration_id": registrations[0].id,
                        "score_field": "practical_score",
                        "new_value": 55,
                        "reason": "复核实操考评表，合计错误",
                    }
                )
            )
            wizard.action_confirm()
        correction = plan.score_correction_ids
        self.assertEqual((correction.old_value, correction.new_value), (75, 55))
        self.assertEqual(registrations[0].result, "failed")
        self.assertEqual(plan.state, "scored")
        self.assertFalse(plan.scores_checked_by_id or plan.re_review_by_id)
        self.assertEqual(plan.notice_ids.filtered(lambda n: n.kind == "results").state, "withdrawn")
        with self.assertRaisesRegex(UserError, "kept as it was made"):
            correction.with_user(self.user_officer).new_value = 60
        with self.assertRaises(AccessError):
            self.env["skill.cert.score.correction"]._correct(
                registrations[1].with_user(self.user_examiners[0]), "theory_score", 50, "x"
            )


@tagged("post_install", "-at_install", "trust")
class TestDataLanes(PlanCommon):
    """Data stays in its lane: companies, external supervisors."""

    def test_officer_of_another_company_reads_no_certification_rows(self):
        certificate = self.create_certificate()
        self.assertTrue(certificate.employee_skill_id)
        rows = (
            self.env["hr.employee.skill"]
            .with_user(self.user_other_officer)
            .search([("employee_id", "=", self.employee.id)])
        )
        self.assertFalse(rows)
        self.assertTrue(
            self.env["hr.employee.skill"]
            .with_user(self.user_officer)
            .search([("id", "=", certificate.employee_skill_id.id)])
        )

    def test_external_supervisor_reads_only_his_plans_notices(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        other = self.create_plan(name="330503202603777", ticket_prefix="OTHER")
        other.staff_ids.filtered(lambda s: s.role == "external_supervisor").unlink()
        self.to_candidate_notice(other)
        Notice = self.env["skill.cert.notice"].with_user(self.user_external)
        self.assertEqual(Notice.search([]), plan.notice_ids)
        self.assertFalse(
            self.env["skill.cert.notice.line"]
            .with_user(self.user_external)
            .search([("notice_id", "=", other.notice_ids.id)])
        )
        # every employee of the company reads both notices, as published (masked)
        self.assertEqual(
            self.env["skill.cert.notice"].with_user(self.user_colleague).search([]),
            plan.notice_ids | other.notice_ids,
        )

    def test_proof_file_kept_on_the_registration(self):
        plan = self.create_plan()
        self.to_registration(plan)
        registration = (
            self.env["skill.cert.registration"]
            .with_user(self.user_employee)
            .create(
                {
                    "plan_id": plan.id,
                    "proof_attachment_ids": [
                        Command.create(
                            {"name": "证明.pdf", "datas": base64.b64encode(b"%PDF proof")}
                        )
                    ],
                }
            )
        )
        self.assertEqual(registration.employee_id, self.employee)
        with self.assertRaisesRegex(AccessError, "register yourself"):
            self.env["skill.cert.registration"].with_user(self.user_employee).create(
                {"plan_id": plan.id, "employee_id": self.colleague.id}
            )
