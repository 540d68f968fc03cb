from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestRegistrationRoutes(PlanCommon):
    """Article 8: the registration conditions as the standards write them (schooling
    routes, related occupations) and an officer's justification a manager confirms."""

    def test_schooling_route_admits_a_technical_school_graduate(self):
        graduate = self.create_candidates(1, prefix="技校毕业生")
        # no years of work yet: only the schooling route can admit him
        graduate.skill_cert_seniority_since = "2025-09-01"
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, graduate)
        self.assertFalse(registration.is_eligible)
        self.assertIn(
            "a graduation certificate in this or a related speciality",
            (registration.eligibility_notes),
        )
        graduate.write(
            {
                "skill_cert_school_major_id": self.milling.id,
                "skill_cert_school_level_id": self.levels[4].id,
                "skill_cert_graduation_date": "2025-07-01",
            }
        )
        registration.sudo()._check_eligibility()
        self.assertTrue(registration.is_eligible, registration.eligibility_notes)
        self.assertIn("技工学校", registration.eligibility_notes)

    def test_current_graduates_only_of_this_year(self):
        student = self.create_candidates(1, prefix="在校生")
        student.write(
            {
                "skill_cert_seniority_since": "2025-09-01",
                "skill_cert_school_major_id": self.lathe.id,
                "skill_cert_school_level_id": self.levels[4].id,
                "skill_cert_current_student": True,
                "skill_cert_graduation_date": "2027-07-01",
            }
        )
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, student)
        self.assertFalse(registration.is_eligible)
        self.assertIn("graduating this year", registration.eligibility_notes)
        student.skill_cert_graduation_date = "2026-07-01"
        registration.sudo()._check_eligibility()
        self.assertTrue(registration.is_eligible, registration.eligibility_notes)

    def test_a_school_below_the_level_does_not_count(self):
        graduate = self.create_candidates(1, prefix="职校毕业生")
        graduate.write(
            {
                "skill_cert_seniority_since": "2025-09-01",
                "skill_cert_school_major_id": self.lathe.id,
                "skill_cert_school_level_id": self.levels[5].id,
                "skill_cert_graduation_date": "2025-07-01",
            }
        )
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, graduate)
        self.assertFalse(registration.is_eligible)
        self.assertIn(
            f"a school training for {self.levels[4].name}", (registration.eligibility_notes)
        )

    def test_related_occupation_certificate_counts(self):
        """车工 declares 铣工 related: a level-4 milling certificate held 5 years admits to
        level 3 lathe, unless the rule asks for this occupation only."""
        worker = self.create_candidates(1, prefix="铣工")
        self.env["skill.cert.certificate"].create(
            self.certificate_vals(
                employee=worker, occupation=self.milling, serial=601, issue_date="2019-01-01"
            )
        )
        plan = self.create_plan(grade=3)
        self.to_registration(plan)
        registration = self.register(plan, worker)
        self.assertTrue(registration.is_eligible, registration.eligibility_notes)
        self.env.ref(
            "l10n_cn_hr_skill_certification.eligibility_rule_grade_3_prior"
        ).related_occupations = False
        registration.sudo()._check_eligibility()
        self.assertFalse(registration.is_eligible)
        self.assertIn("missing", registration.eligibility_notes)

    def test_unrelated_occupation_does_not_count(self):
        electrician = self.env.ref("l10n_cn_hr_skill_certification.occupation_6_31_01_03")
        self.assertNotIn(electrician, self.lathe._get_counted_occupations())
        self.assertIn(self.milling, self.lathe._get_counted_occupations())
        # related either way
        self.assertIn(self.lathe, self.milling._get_counted_occupations())

    def test_proofs_named_by_the_rules(self):
        plan = self.create_plan()
        self.to_registration(plan)
        registration = (
            self.env["skill.cert.registration"]
            .with_user(self.user_officer)
            .create({"plan_id": plan.id, "employee_id": self.candidates[0].id})
        )
        self.assertIn("工作年限证明", registration.proof_hint)
        self.assertIn("毕业证书", registration.proof_hint)
        with (
            freeze_time("2026-02-20 10:00:00"),
            self.assertRaisesRegex(UserError, "候选人0000.*Article 10\\(1\\).*工作年限证明"),
        ):
            registration.action_submit()
        self.assertEqual(registration.state, "draft")

    def test_proofs_read_by_whoever_reads_the_registration(self):
        """A proof uploaded on a new registration is attached to it: the officer (and
        the plan's examiners) read what the employee sent."""
        plan = self.create_plan()
        self.to_registration(plan)
        proof = self.proof(self.user_employee)
        with self.assertRaises(AccessError):
            proof.with_user(self.user_officer).read(["name"])
        registration = (
            self.env["skill.cert.registration"]
            .with_user(self.user_employee)
            .create({"plan_id": plan.id, "proof_attachment_ids": [Command.link(proof.id)]})
        )
        self.assertEqual((proof.res_model, proof.res_id), (registration._name, registration.id))
        self.assertEqual(proof.with_user(self.user_officer).read(["name"])[0]["name"], proof.name)

    def test_justification_confirmed_by_another_manager(self):
        newcomer = self.create_candidates(1, prefix="新员工")
        newcomer.skill_cert_seniority_since = "2025-09-01"
        plan = self.create_plan()
        self.to_registration(plan)
        candidate = self.register(plan, newcomer)
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        self.assertFalse(candidate.is_eligible)
        officer_view = candidate.with_user(self.user_officer)
        with freeze_time("2026-03-02 09:00:00"):
            with self.assertRaisesRegex(UserError, "do not meet the registration conditions"):
                officer_view.action_approve()
            officer_view._do_request_exception("本人持有外省技工学校同专业毕业证书，原件已核验")
            self.assertEqual(candidate.exception_requested_by_id, self.user_officer)
            with self.assertRaisesRegex(UserError, "do not meet the registration conditions"):
                officer_view.action_approve()
            with self.assertRaises(AccessError):
                officer_view.action_confirm_exception()
            self.assertIn(self.user_manager, candidate.activity_ids.user_id)
            candidate.with_user(self.user_manager).action_confirm_exception()
            self.assertEqual(candidate.exception_confirmed_by_id, self.user_manager)
            officer_view.action_approve()
        self.assertEqual(candidate.state, "approved")

    def test_justification_not_confirmed_by_its_author(self):
        newcomer = self.create_candidates(1, prefix="新员工")
        newcomer.skill_cert_seniority_since = "2025-09-01"
        plan = self.create_plan()
        self.to_registration(plan)
        candidate = self.register(plan, newcomer)
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        as_manager = candidate.with_user(self.user_manager)
        with freeze_time("2026-03-02 09:00:00"):
            as_manager._do_request_exception("同等学力，经负责人核实")
            with self.assertRaisesRegex(UserError, "another manager"):
                as_manager.action_confirm_exception()
            candidate.with_user(self.user_manager2).action_confirm_exception()
        self.assertEqual(candidate.exception_confirmed_by_id, self.user_manager2)

    def test_justification_only_for_a_flagged_candidate(self):
        plan = self.create_plan()
        registrations = self.to_review(plan)
        with (
            freeze_time("2026-03-02 09:00:00"),
            self.assertRaisesRegex(UserError, "meets the conditions"),
        ):
            registrations[:1].with_user(self.user_officer)._do_request_exception("无需")
        self.assertFalse(registrations[:1].exception_reason)


@tagged("post_install", "-at_install")
class TestPilotStatus(PlanCommon):
    """Article 2: the pilot's filed scope and period; Article 5's checklist; Article 6's
    dispatch documents."""

    def new_filing(self, occupation, end="2028-08-31", levels=(4,), **vals):
        return (
            self.env["skill.cert.pilot.filing"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": f"试点备案-{occupation.code}-{end}",
                    "company_id": self.company.id,
                    "filing_date": "2023-09-01",
                    "period_start": "2023-09-01",
                    "period_end": end,
                    "scope_ids": [
                        Command.create(
                            {"occupation_id": occupation.id, "level_id": self.levels[grade].id}
                        )
                        for grade in levels
                    ],
                    **vals,
                }
            )
        )

    def test_plan_outside_the_scope_is_not_filed(self):
        plan = self.create_plan(occupation_id=self.milling.id)
        with (
            freeze_time("2026-02-02 10:00:00"),
            self.assertRaisesRegex(UserError, "铣工.*not in the scope.*Article 2"),
        ):
            plan.with_user(self.user_manager).action_file()
        self.assertEqual(plan.state, "draft")
        # a draft filing does not count; a confirmed one does
        filing = self.new_filing(self.milling)
        with freeze_time("2026-02-02 10:00:00"), self.assertRaisesRegex(UserError, "scope"):
            plan.with_user(self.user_manager).action_file()
        filing.action_confirm()
        self.meet_pilot_conditions_without_filing(self.milling)
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
        self.assertEqual(plan.state, "filed")

    def meet_pilot_conditions_without_filing(self, occupation):
        for level in self.levels.values():
            bank = self.env["skill.cert.question.bank"].create(
                {
                    "name": f"{occupation.name} {level.name} 题库",
                    "company_id": self.company.id,
                    "occupation_id": occupation.id,
                    "level_id": level.id,
                    "question_count": 600,
                    "reviewer_ids": [Command.set(self.examiner_employees.ids)],
                }
            )
            bank.action_certify()
            fee = self.fee_standards[:1].copy(
                {"occupation_id": occupation.id, "level_id": level.id}
            )
            if fee.state != "published":
                fee.action_publish()

    def test_level_outside_the_scope_is_not_filed(self):
        # the lathe is filed for every level in PlanCommon; a filing of level 4 alone
        # for milling does not cover its level 3
        self.new_filing(self.milling, levels=(4,)).action_confirm()
        plan = self.create_plan(occupation_id=self.milling.id, grade=3)
        with freeze_time("2026-02-02 10:00:00"), self.assertRaisesRegex(UserError, "scope"):
            plan.with_user(self.user_manager).action_file()

    def test_plan_after_the_period_needs_the_evaluation(self):
        filing = self.new_filing(self.milling, end="2026-01-31")
        filing.action_confirm()
        self.meet_pilot_conditions_without_filing(self.milling)
        plan = self.create_plan(occupation_id=self.milling.id)
        with (
            freeze_time("2026-02-02 10:00:00"),
            self.assertRaisesRegex(UserError, "ends on.*no evaluation has passed"),
        ):
            plan.with_user(self.user_manager).action_file()
        filing.with_user(self.user_manager).write(
            {"evaluation_result": "passed", "evaluation_date": "2026-01-20"}
        )
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
        self.assertEqual(plan.state, "filed")

    def test_confirmed_filing_is_kept_as_filed(self):
        filing = self.new_filing(self.milling)
        with self.assertRaises(AccessError):
            filing.with_user(self.user_officer).action_confirm()
        filing.action_confirm()
        self.assertEqual(filing.state, "confirmed")
        with self.assertRaisesRegex(UserError, "confirmed"):
            filing.with_user(self.user_manager).period_end = "2030-12-31"
        with self.assertRaisesRegex(UserError, "kept"):
            filing.with_user(self.user_manager).unlink()
        empty = self.new_filing(self.milling, levels=())
        with self.assertRaisesRegex(UserError, "occupations and levels"):
            empty.action_confirm()

    def test_settings_warn_before_the_period_ends(self):
        Filing = self.env["skill.cert.pilot.filing"]
        with freeze_time("2028-06-15 10:00:00"):
            warning = Filing._get_warning(self.company)
            self.assertIn("2028", warning)
            self.assertIn("evaluation", warning)
            self.company.invalidate_recordset()
            self.assertEqual(self.company.skill_cert_pilot_warning, warning)
        with freeze_time("2026-06-15 10:00:00"):
            self.assertFalse(Filing._get_warning(self.company))
        Filing.search([("company_id", "=", self.company.id)]).write(
            {"evaluation_result": "passed", "evaluation_date": "2028-05-01"}
        )
        with freeze_time("2028-06-15 10:00:00"):
            self.assertFalse(Filing._get_warning(self.company))

    def test_article_5_checklist_reviewed_with_date_and_reviewer(self):
        Condition = self.env["skill.cert.pilot.condition"]
        Condition._ensure_for(self.company)
        Condition._ensure_for(self.company)
        conditions = Condition.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(conditions), 4)
        self.assertEqual(len(set(conditions.mapped("article"))), 4)
        with self.assertRaises(AccessError):
            conditions.with_user(self.user_employee).action_mark_reviewed()
        with freeze_time("2026-09-01 10:00:00"):
            conditions.with_user(self.user_officer).action_mark_reviewed()
        self.assertEqual(set(conditions.mapped("last_reviewed_by_id")), {self.user_officer})
        self.assertEqual(str(conditions[0].last_reviewed_date), "2026-09-01")

    def dispatched(self, count=1):
        agency = self.env["res.partner"].create({"name": "湖州人力派遣公司", "is_company": True})
        workers = self.candidates[:count]
        workers.write(
            {
                "skill_cert_employment_category": "dispatched",
                "skill_cert_dispatch_agency_id": agency.id,
            }
        )
        return agency, workers

    def test_dispatched_worker_needs_the_article_6_documents(self):
        agency, workers = self.dispatched()
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, workers)
        self.assertFalse(registration.is_eligible)
        self.assertIn("no confirmed dispatch agreement", registration.eligibility_notes)
        agreement = self.dispatch_documents(agency)
        agreement.payments_bank_stamped = False
        with self.assertRaisesRegex(UserError, "派遣协议-001.*bank's stamp.*Article 6"):
            agreement.action_confirm()
        agreement.payments_bank_stamped = True
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_employee).action_confirm()
        agreement.action_confirm()
        registration.sudo()._check_eligibility()
        self.assertTrue(registration.is_eligible, registration.eligibility_notes)

    def test_payment_records_must_cover_the_dispatched_registered(self):
        agency, workers = self.dispatched(count=2)
        # two dispatched workers of 13 employees would exceed 10%: more staff
        self.create_candidates(10, prefix="正式工")
        self.dispatch_documents(agency, headcount=1).action_confirm()
        plan = self.create_plan()
        self.to_registration(plan)
        registrations = self.register(plan, workers)
        self.assertEqual(registrations.mapped("is_eligible"), [False, False])
        self.assertIn(
            "2 workers of 湖州人力派遣公司 are registered", registrations[0].eligibility_notes
        )

    def test_agreement_out_of_force_does_not_count(self):
        agency, workers = self.dispatched()
        agreement = self.dispatch_documents(agency)
        agreement.date_to = "2025-12-31"
        agreement.action_confirm()
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, workers)
        self.assertFalse(registration.is_eligible)

    def test_exactly_ten_percent_dispatched_is_within_the_limit(self):
        company = self.env["res.company"].create({"name": "十人公司"})
        Employee = self.env["hr.employee"].with_company(company)
        employees = Employee.create(
            [{"name": f"员工{i}", "company_id": company.id} for i in range(10)]
        )
        agency = self.env["res.partner"].create({"name": "派遣公司", "is_company": True})
        dispatched = {
            "skill_cert_employment_category": "dispatched",
            "skill_cert_dispatch_agency_id": agency.id,
        }
        employees[:1].write(dispatched)
        self.assertAlmostEqual(company.skill_cert_dispatched_share, 0.1)
        self.assertTrue(company.skill_cert_dispatched_within_limit)
        employees[1:2].write(dispatched)
        company.invalidate_recordset()
        self.assertFalse(company.skill_cert_dispatched_within_limit)


@tagged("post_install", "-at_install")
class TestArticle10Supervision(PlanCommon):
    """Article 10(3)/(4) and Annexes 2-4: the external supervisor of the township, the
    co-signature, vetoes found after signing, the head on Annex 4."""

    def test_no_arrangement_without_the_townships_external_supervisor(self):
        plan = self.create_plan()
        external = plan.staff_ids.filtered(lambda s: s.role == "external_supervisor")
        external.unlink()
        registrations = self.to_candidate_notice(plan)
        self.assertTrue(registrations)
        with (
            freeze_time("2026-03-10 09:00:00"),
            self.assertRaisesRegex(UserError, "external supervisor is needed"),
        ):
            plan.with_user(self.user_officer).action_arrange()
        self.assertEqual(plan.state, "candidate_notice")

    def test_external_supervisor_of_another_township_refused(self):
        other = self.env["res.partner"].create({"name": "练市镇人民政府", "is_company": True})
        self.external_supervisor.parent_id = other
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        with (
            freeze_time("2026-03-10 09:00:00"),
            self.assertRaisesRegex(UserError, "镇外督员 is not a person of 南浔镇人民政府"),
        ):
            plan.with_user(self.user_officer).action_arrange()

    def test_exam_not_held_without_the_co_signature(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        with freeze_time("2026-03-21 17:00:00"):
            internal = self.internal_form(plan)
            self.fill_form(internal, self.user_supervisor)
            internal.with_user(self.user_supervisor).action_sign_on_site()
            external = self.external_form(plan)
            self.fill_form(external, self.user_external, stages=("on_site", "after_results"))
            external.with_user(self.user_external).action_sign()
            registrations.with_user(self.user_officer).write({"attendance": "present"})
            with self.assertRaisesRegex(UserError, "co-signs the external supervision form"):
                plan.with_user(self.user_officer).action_mark_examined()
            with self.assertRaisesRegex(UserError, "Only an internal supervisor"):
                external.with_user(self.user_external).action_cosign()
            external.with_user(self.user_supervisor).action_cosign()
            with self.assertRaisesRegex(UserError, "already co-signed"):
                external.with_user(self.user_supervisor2).action_cosign()
            plan.with_user(self.user_officer).action_mark_examined()
        self.assertEqual(plan.state, "examined")

    def record_veto(self, inspection, user, note="考后发现监考人员协助考生作答"):
        action = inspection.with_user(user).action_open_veto_wizard()
        wizard = (
            self.env["skill.cert.veto.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"veto_id": inspection.veto_ids[0].id, "note": note})
        )
        wizard.action_confirm()
        return inspection.veto_ids[0]

    def test_annex_2_veto_after_signing_suspends(self):
        plan = self.create_plan()
        self.to_result_notice(plan)
        internal = self.internal_form(plan)
        with freeze_time("2026-03-25 09:00:00"):
            veto = self.record_veto(internal, self.user_supervisor)
        self.assertTrue(veto.checked)
        self.assertEqual(veto.checked_by_id, self.user_supervisor)
        self.assertEqual(str(veto.checked_date.date()), "2026-03-25")
        self.assertIn("协助考生", veto.note)
        self.assertEqual(internal.total_score, 0)
        self.assertEqual(plan.state, "suspended")
        with self.assertRaisesRegex(UserError, "already ticked"):
            internal.with_user(self.user_supervisor)._do_record_veto(veto, "again")

    def test_annex_3_veto_zeroes_and_leaves_suspension_to_a_manager(self):
        """X4: the standing veto blocks the confirmation of the results."""
        plan = self.create_plan()
        self.to_result_notice(plan)
        external = self.external_form(plan)
        with freeze_time("2026-03-25 09:00:00"):
            self.record_veto(external, self.user_external)
        self.assertEqual(external.total_score, 0)
        self.assertEqual(plan.state, "result_notice")
        self.assertIn(self.user_manager, plan.activity_ids.user_id)
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            with self.assertRaisesRegex(UserError, "a veto item of .* stands"):
                plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            with self.assertRaises(AccessError):
                external.with_user(self.user_officer)._do_lift_veto("无")
            external.with_user(self.user_manager)._do_lift_veto("经核实不影响认定结果，继续")
            self.assertTrue(external.veto_lifted)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
        self.assertEqual(plan.results_supervisor_id, self.user_supervisor)

    def test_veto_recorded_only_by_the_plans_supervisors(self):
        plan = self.create_plan()
        self.to_result_notice(plan)
        internal = self.internal_form(plan)
        with self.assertRaises(UserError):
            internal.with_user(self.user_officer).action_open_veto_wizard()
        with self.assertRaises(AccessError):
            internal.with_user(self.user_officer)._do_record_veto(internal.veto_ids[0], "x")
        self.assertFalse(internal.veto_ids.filtered("checked"))

    def test_head_is_not_the_confirming_supervisor(self):
        """X2: Annex 4 is signed by two people."""
        self.user_supervisor.group_ids |= self.env.ref(
            "l10n_cn_hr_skill_certification.group_skill_cert_manager"
        )
        plan = self.create_plan()
        self.to_result_notice(plan)
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            self.assertFalse(plan.with_user(self.user_supervisor).can_head_confirm_results)
            with self.assertRaisesRegex(UserError, "falls to another person"):
                plan.with_user(self.user_supervisor).action_head_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        self.assertEqual(plan.state, "confirmed")

    def test_occupation_turned_access_type_fails_the_review(self):
        """X3: an occupation marked access-type after its plan was filed."""
        plan = self.create_plan()
        registrations = self.to_review(plan)
        self.assertTrue(all(registrations.mapped("is_eligible")))
        self.lathe.is_access_type = True
        registrations.sudo()._check_eligibility()
        self.assertFalse(any(registrations.mapped("is_eligible")))
        self.assertIn("access-type", registrations[0].eligibility_notes)
        with (
            freeze_time("2026-03-02 09:00:00"),
            self.assertRaisesRegex(UserError, "do not meet the registration conditions"),
        ):
            registrations.with_user(self.user_officer).action_approve()
