from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestRegistration(PlanCommon):
    """Registration, eligibility (Articles 3 and 8), qualification review, tickets."""

    def test_employee_registers_and_submits_own(self):
        plan = self.create_plan()
        self.to_registration(plan)
        registration = (
            self.env["skill.cert.registration"]
            .with_user(self.user_employee)
            .create({"plan_id": plan.id})
        )
        with freeze_time("2026-02-20 10:00:00"), self.assertRaisesRegex(UserError, "proof"):
            registration.action_submit()
        registration.proof_attachment_ids = self.proof(self.user_employee)
        self.assertEqual(registration.employee_id, self.employee)
        with freeze_time("2026-02-20 10:00:00"):
            registration.action_submit()
        self.assertEqual(registration.state, "submitted")
        # the candidate can no longer change it, nor approve it
        with self.assertRaisesRegex(UserError, "Once submitted"):
            registration.write({"proof_attachment_ids": [(5, 0, 0)]})
        with self.assertRaisesRegex(UserError, "change through its buttons"):
            registration.write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "Only certification officers"):
            registration.action_approve()
        self.assertEqual(registration.state, "submitted")

    def test_employee_cannot_register_someone_else(self):
        plan = self.create_plan()
        self.to_registration(plan)
        with self.assertRaises(AccessError):
            self.env["skill.cert.registration"].with_user(self.user_employee).create(
                {"plan_id": plan.id, "employee_id": self.colleague.id}
            )

    def test_registration_only_while_open(self):
        plan = self.create_plan()
        with self.assertRaisesRegex(UserError, "not open for registration"):
            self.env["skill.cert.registration"].with_user(self.user_employee).create(
                {"plan_id": plan.id}
            )
        self.assertFalse(plan.registration_ids)

    def test_one_registration_per_plan(self):
        plan = self.create_plan()
        self.to_registration(plan)
        self.register(plan, self.candidates[0])
        name = self.candidates[0].name
        with self.assertRaisesRegex(ValidationError, f"{name} is already registered for plan"):
            self.register(plan, self.candidates[0])
        twice = {"plan_id": plan.id, "employee_id": self.candidates[1].id}
        with self.assertRaisesRegex(ValidationError, "is already registered"):
            self.env["skill.cert.registration"].with_user(self.user_officer).create([twice, twice])

    def test_pension_insurance_twelve_months(self):
        short = self.create_candidates(1, prefix="新员工")
        short.skill_cert_pension_since = "2025-06-01"  # 8 months before the deadline
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, short)
        self.assertFalse(registration.is_eligible)
        self.assertIn(
            "8 months of pension insurance paid by 02/27/2026", registration.eligibility_notes
        )
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        with self.assertRaisesRegex(UserError, "do not meet the registration conditions"):
            registration.with_user(self.user_officer).action_approve()
        self.assertEqual(registration.state, "submitted")
        registration.with_user(self.user_officer)._do_reject("养老保险不满12个月")
        self.assertEqual(registration.state, "rejected")
        self.assertEqual(registration.reject_reason, "养老保险不满12个月")

    def test_dispatched_worker_with_months_counted(self):
        agency = self.env["res.partner"].create({"name": "某派遣公司", "is_company": True})
        worker = self.create_candidates(1, prefix="派遣工")
        worker.write(
            {
                "skill_cert_employment_category": "dispatched",
                "skill_cert_dispatch_agency_id": agency.id,
                "skill_cert_pension_since": False,
                "skill_cert_pension_months": 10,
                "skill_cert_pension_months_date": "2025-12-01",
            }
        )
        self.dispatch_documents(agency).action_confirm()
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, worker)
        self.assertTrue(registration.is_eligible, registration.eligibility_notes)

    def test_level_rules_kept_as_data(self):
        """Level 3 asks for a level-4 certificate held 5 years in the same occupation."""
        worker = self.create_candidates(1, prefix="高级工候选")
        plan = self.create_plan(grade=3)
        self.to_registration(plan)
        registration = self.register(plan, worker)
        self.assertFalse(registration.is_eligible)
        self.assertIn("none of the conditions", registration.eligibility_notes)
        self.assertIn("四级/中级工证书后", registration.eligibility_notes)
        # a level-4 electrician certificate is of an occupation not related to the lathe
        electrician = self.env.ref("l10n_cn_hr_skill_certification.occupation_6_31_01_03")
        self.env["skill.cert.certificate"].create(
            self.certificate_vals(
                employee=worker, occupation=electrician, serial=501, issue_date="2019-01-01"
            )
        )
        registration.sudo()._check_eligibility()
        self.assertFalse(registration.is_eligible)
        self.env["skill.cert.certificate"].create(
            self.certificate_vals(employee=worker, serial=502, issue_date="2019-01-01")
        )
        registration.sudo()._check_eligibility()
        self.assertTrue(registration.is_eligible)
        # an occupation's own rule replaces the general ones
        self.env["skill.cert.eligibility.rule"].with_user(self.user_officer).create(
            {
                "name": "取得本职业四级证书后累计从事本职业工作8年以上",
                "occupation_id": self.lathe.id,
                "level_id": self.levels[3].id,
                "prior_level_id": self.levels[4].id,
                "min_years_since_prior": 8,
            }
        )
        registration.sudo()._check_eligibility()
        self.assertFalse(registration.is_eligible)
        self.assertIn("8年以上", registration.eligibility_notes)

    def test_review_only_when_registration_closed(self):
        plan = self.create_plan()
        self.to_registration(plan)
        registrations = self.register(plan)
        with self.assertRaisesRegex(UserError, "cannot be reviewed now"):
            registrations.with_user(self.user_officer).action_approve()

    def test_bulk_approval(self):
        plan = self.create_plan()
        registrations = self.to_review(plan)
        registrations.with_user(self.user_officer).action_approve()
        self.assertEqual(set(registrations.mapped("state")), {"approved"})
        self.assertEqual(plan.candidate_count, self.CANDIDATES)

    def test_tickets_and_seats(self):
        plan = self.create_plan(ticket_prefix="ZK2603")
        registrations = self.to_candidate_notice(plan)
        tickets = sorted(registrations.mapped("ticket_number"))
        self.assertEqual(tickets[0], "ZK26030001")
        self.assertEqual(len(set(tickets)), self.CANDIDATES)
        self.assertEqual(
            sorted(registrations.mapped("theory_seat")), list(range(1, self.CANDIDATES + 1))
        )
        self.assertTrue(all(registrations.mapped("practical_session_id")))
        # generating again keeps the numbers
        plan.with_user(self.user_officer).action_generate_tickets()
        self.assertEqual(sorted(registrations.mapped("ticket_number")), tickets)

    def test_capacity_too_small(self):
        plan = self.create_plan()
        registrations = self.to_review(plan)
        plan.session_ids.filtered(lambda s: s.kind == "theory").capacity = 2
        with freeze_time("2026-03-02 09:00:00"):
            registrations.with_user(self.user_officer).action_approve()
            plan.with_user(self.user_officer).action_publish_candidate_notice()
            with self.assertRaisesRegex(UserError, "seat 2 candidates but 6 are approved"):
                plan.with_user(self.user_officer).action_generate_tickets()
        self.assertFalse(any(registrations.mapped("ticket_number")))

    def test_ticket_number_clash_refused(self):
        first = self.create_plan(name="P-1", ticket_prefix="ZK")
        first_registrations = self.to_candidate_notice(first)
        # "ZK0" + "0001" = "ZK00001": distinct prefixes, yet a number typed by hand clashes
        second = self.create_plan(name="P-2", ticket_prefix="ZK0")
        first_registrations[0].ticket_number = "ZK00001"
        self.to_registration(second)
        registrations = self.register(second, self.create_candidates(2, prefix="二期"))
        with freeze_time("2026-02-27 18:00:00"):
            second.with_user(self.user_officer).action_close_registration()
        with freeze_time("2026-03-02 09:00:00"):
            registrations.with_user(self.user_officer).action_approve()
            second.with_user(self.user_officer).action_publish_candidate_notice()
            with self.assertRaisesRegex(UserError, "ZK00001 is already used by"):
                second.with_user(self.user_officer).action_generate_tickets()
        self.assertFalse(any(registrations.mapped("ticket_number")))

    def test_examiner_sees_only_assigned_plans(self):
        plan = self.create_plan()
        self.to_arranged(plan)
        other = self.create_plan(name="330503202603999")
        other.staff_ids.unlink()
        examiner = self.user_examiners[0]
        visible = self.env["skill.cert.plan"].with_user(examiner).search([])
        self.assertIn(plan, visible)
        outsider = self.env["skill.cert.plan"].with_user(self.user_outsider_examiner).search([])
        self.assertNotIn(plan, outsider)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_outsider_examiner).read(["name"])
        # the assigned examiner sees the candidates, but not their ID numbers
        registrations = (
            self.env["skill.cert.registration"]
            .with_user(examiner)
            .search([("plan_id", "=", plan.id)])
        )
        self.assertEqual(len(registrations), self.CANDIDATES)
        self.assertRegex(registrations[0].id_number_masked or "", r"^(\d{4}\*{10}\d{3}[\dX])?$")
        with self.assertRaises(AccessError):
            registrations[0].read(["id_number"])
        with self.assertRaises(AccessError):
            registrations[0].write({"theory_score": 100})

    def test_employee_sees_only_own_registration(self):
        plan = self.create_plan()
        self.to_registration(plan)
        registrations = self.register(plan, self.employee | self.colleague)
        own = self.env["skill.cert.registration"].with_user(self.user_employee).search([])
        self.assertEqual(own.employee_id, self.employee)
        with self.assertRaises(AccessError):
            (registrations - own).with_user(self.user_employee).read(["state"])
