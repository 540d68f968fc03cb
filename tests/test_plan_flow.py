from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanFlow(PlanCommon):
    def test_full_flow_to_issued_certificates(self):
        """Article 10 from filing to closed, each step by the expected person."""
        plan = self.create_plan()
        self.assertEqual(plan.state, "draft")
        registrations = self.to_numbered(plan)
        self.assertEqual(plan.state, "numbered")
        self.assertEqual(plan.results_confirmed_count, self.CANDIDATES)
        notices = plan.notice_ids
        self.assertEqual(set(notices.mapped("kind")), {"candidates", "results"})
        self.assertEqual(set(notices.mapped("state")), {"closed"})
        with freeze_time("2026-04-15 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
        self.assertEqual(plan.state, "issued")
        certificates = plan.certificate_ids
        self.assertEqual(len(certificates), self.CANDIDATES)
        self.assertEqual(certificates.employee_id, self.candidates)
        self.assertEqual(set(certificates.mapped("origin")), {"plan"})
        self.assertEqual(set(certificates.mapped("issue_date")), {date(2026, 4, 15)})
        self.assertEqual(certificates.registration_id, registrations)
        self.assertEqual(self.candidates[0].skill_cert_highest_level_id, self.levels[4])
        self.assertTrue(certificates[0].employee_skill_id)
        plan.with_user(self.user_officer).action_close()
        self.assertEqual(plan.state, "closed")
        # each step is kept with the person who did it
        self.assertEqual(plan.scores_checked_by_id, self.user_officer2)
        self.assertEqual(plan.scores_supervised_by_id, self.user_supervisor)
        self.assertEqual(plan.initial_review_by_id, self.user_officer)
        self.assertEqual(plan.results_head_id, self.user_manager)
        self.assertEqual(plan.scores_entered_by_id, self.user_officer)
        self.assertEqual(plan.re_review_by_id, self.user_officer2)

    def test_state_changes_are_tracked(self):
        self.env.flush_all()
        self.env.cr.precommit.clear()  # drop the fixtures' pending tracking
        plan = self.create_plan().with_context(tracking_disable=False)
        self.env.flush_all()
        self.env.cr.precommit.run()
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
        self.env.flush_all()
        self.env.cr.precommit.run()
        change = plan.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(change.old_value_char, "Draft")
        self.assertEqual(change.new_value_char, "Filed with Township")
        self.assertEqual(change.mail_message_id.author_id, self.user_manager.partner_id)

    def test_every_step_refuses_the_wrong_state(self):
        plan = self.create_plan()
        steps = [
            (self.user_officer, "action_open_registration"),
            (self.user_officer, "action_close_registration"),
            (self.user_officer, "action_publish_candidate_notice"),
            (self.user_officer, "action_generate_tickets"),
            (self.user_officer, "action_arrange"),
            (self.user_officer, "action_mark_examined"),
            (self.user_officer, "action_submit_scores"),
            (self.user_officer, "action_check_scores"),
            (self.user_officer, "action_initial_review"),
            (self.user_officer, "action_re_review"),
            (self.user_officer, "action_publish_result_notice"),
            (self.user_manager, "action_head_confirm_results"),
            (self.user_officer, "action_mark_numbered"),
            (self.user_officer, "action_issue"),
            (self.user_officer, "action_close"),
        ]
        for user, step in steps:
            with (
                self.subTest(step=step),
                self.assertRaisesRegex(UserError, "can only be done when"),
            ):
                getattr(plan.with_user(user), step)()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.notice_ids)

    def test_filing_needs_manager_and_data(self):
        plan = self.create_plan(township_id=False)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_officer).action_file()
        with self.assertRaisesRegex(UserError, "township"):
            plan.with_user(self.user_manager).action_file()
        self.assertEqual(plan.state, "draft")

    def test_access_type_plan_refused(self):
        with self.assertRaisesRegex(ValidationError, "access-type"):
            self.create_plan(occupation_id=self.welding.id)

    def test_candidate_notice_lasts_five_working_days(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        notice = plan.notice_ids
        self.assertEqual(notice.start_date, date(2026, 3, 2))
        self.assertEqual(notice.end_date, date(2026, 3, 9))
        self.assertEqual(len(notice.line_ids), self.CANDIDATES)
        # the masked snapshot: no raw name, no raw ID number
        line = notice.line_ids[0]
        self.assertRegex(line.name_masked, r"^候\*+\d$")
        # 23:00 in Shanghai on 2026-03-09: still the last day
        with (
            freeze_time("2026-03-09 15:00:00"),
            self.assertRaisesRegex(UserError, "runs until 03/09/2026"),
        ):
            plan.with_user(self.user_officer).action_arrange()
        self.assertEqual(plan.state, "candidate_notice")
        activity = plan.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("l10n_cn_hr_skill_certification.mail_activity_notice_end")
            )
        )
        self.assertEqual(activity.user_id, self.user_officer)
        self.assertEqual(activity.date_deadline, date(2026, 3, 10))
        with freeze_time("2026-03-10 01:00:00"):
            plan.with_user(self.user_officer).action_arrange()
        self.assertEqual(plan.state, "arranged")
        self.assertEqual(notice.state, "closed")
        self.assertFalse(plan.activity_ids.filtered(lambda a: a.id == activity.id))

    def test_printed_notice_is_masked(self):
        self.candidates[0].write(
            {"identification_id": "330523199705010065", "birthday": False, "sex": False}
        )
        plan = self.create_plan()
        registrations = self.to_candidate_notice(plan)
        notice = plan.notice_ids
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "l10n_cn_hr_skill_certification.report_skill_cert_notice", notice.ids
            )[0]
            .decode()
        )
        self.assertIn(notice.title, html)
        for line in notice.line_ids:
            self.assertIn(line.name_masked, html)
        for employee in registrations.employee_id:
            self.assertNotIn(employee.name, html)
        self.assertNotIn("330523199705010065", html)
        self.assertIn("3305**********0065", html)

    def test_unresolved_objection_blocks_the_notice(self):
        plan = self.create_plan()
        registrations = self.to_candidate_notice(plan)
        notice = plan.notice_ids
        objection = (
            self.env["skill.cert.objection"]
            .with_user(self.user_officer)
            .create(
                {
                    "notice_id": notice.id,
                    "registration_id": registrations[0].id,
                    "raised_by": "同车间职工",
                    "description": "该职工从事本职业年限不足",
                }
            )
        )
        with freeze_time("2026-03-10 09:00:00"):
            with self.assertRaisesRegex(UserError, "1 unresolved objections"):
                plan.with_user(self.user_officer).action_arrange()
            wizard_action = objection.with_user(self.user_officer).action_open_resolve_wizard()
            self.env["skill.cert.objection.resolve"].with_user(self.user_officer).with_context(
                **wizard_action["context"]
            ).create(
                {"outcome": "not_upheld", "resolution": "经核查社保记录，年限符合要求，异议不成立"}
            ).action_confirm()
            self.assertEqual(objection.outcome, "not_upheld")
            self.assertEqual(objection.state, "resolved")
            plan.with_user(self.user_officer).action_arrange()
        self.assertEqual(plan.state, "arranged")
        with self.assertRaisesRegex(UserError, "is closed"):
            self.env["skill.cert.objection"].create(
                {"notice_id": notice.id, "raised_by": "x", "description": "late"}
            )

    def test_registrations_must_all_be_decided(self):
        plan = self.create_plan()
        registrations = self.to_review(plan)
        registrations[0].with_user(self.user_officer).action_approve()
        with self.assertRaisesRegex(UserError, "still waiting"):
            plan.with_user(self.user_officer).action_publish_candidate_notice()
        registrations[1:]._do_reject("缺少工作年限证明")
        self.assertEqual(set(registrations[1:].mapped("state")), {"rejected"})
        with freeze_time("2026-03-02 09:00:00"):
            plan.with_user(self.user_officer).action_publish_candidate_notice()
        self.assertEqual(len(plan.notice_ids.line_ids), 1)

    def test_suspend_resume_and_cancel_keep_records(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_officer)._do_suspend("x")
        plan.with_user(self.user_manager)._do_suspend("考场出现大范围违纪")
        self.assertEqual(plan.state, "suspended")
        self.assertEqual(plan.suspended_state, "arranged")
        self.assertTrue(plan.activity_ids)
        with self.assertRaisesRegex(UserError, "can only be done when"):
            plan.with_user(self.user_officer).action_mark_examined()
        plan.with_user(self.user_manager)._do_resume("整改完成")
        self.assertEqual(plan.state, "arranged")
        plan.with_user(self.user_manager)._do_cancel("企业停止认定")
        self.assertEqual(plan.state, "cancelled")
        self.assertEqual(plan.registration_ids, registrations)
        self.assertTrue(plan.notice_ids)
        with self.assertRaisesRegex(UserError, "kept for the record"):
            plan.with_user(self.user_manager).unlink()

    def test_reason_wizard_for_plan_actions(self):
        plan = self.create_plan()
        self.to_registration(plan)
        action = (
            plan.with_user(self.user_manager)
            .with_context(reason_action="suspend")
            .action_open_reason_wizard()
        )
        self.env["skill.cert.reason.wizard"].with_user(self.user_manager).with_context(
            **action["context"]
        ).create({"reason": "暂停"}).action_confirm()
        self.assertEqual(plan.state, "suspended")
        self.assertEqual(plan.suspend_reason, "暂停")
        with self.assertRaisesRegex(UserError, "does not take a reason"):
            self.env["skill.cert.reason.wizard"]._open_for(plan, "unlink")
