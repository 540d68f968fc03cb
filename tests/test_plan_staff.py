from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanStaff(PlanCommon):
    """Article 9: minimum staffing, avoidance (回避), and staff locked once arranged."""

    def arrange(self, plan):
        with freeze_time("2026-03-10 09:00:00"):
            plan.with_user(self.user_officer).action_arrange()

    def examiners(self, plan):
        return plan.staff_ids.filtered(lambda s: s.role == "examiner")

    def test_three_examiners_needed(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        self.examiners(plan)[2].with_user(self.user_officer).unlink()
        with self.assertRaisesRegex(UserError, "at least 3 examiners"):
            self.arrange(plan)
        self.assertEqual(plan.state, "candidate_notice")

    def test_two_internal_supervisors_needed(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        plan.staff_ids.filtered(lambda s: s.role == "internal_supervisor")[1].unlink()
        with self.assertRaisesRegex(UserError, "at least 2 internal supervisors"):
            self.arrange(plan)

    def test_one_group_leader(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        self.examiners(plan).write({"is_group_leader": False})
        with self.assertRaisesRegex(UserError, "exactly one examiner leads"):
            self.arrange(plan)

    def test_examiner_never_examines_themselves(self):
        plan = self.create_plan()
        self.to_registration(plan)
        self.examiner_employees[1].write(
            {"skill_cert_pension_since": "2015-01-01", "skill_cert_seniority_since": "2005-01-01"}
        )
        registrations = self.register(plan, self.candidates | self.examiner_employees[1])
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        with freeze_time("2026-03-02 09:00:00"):
            registrations.with_user(self.user_officer).action_approve()
            plan.with_user(self.user_officer).action_publish_candidate_notice()
            plan.with_user(self.user_officer).action_generate_tickets()
        examiner = self.examiners(plan).filtered(
            lambda s: s.employee_id == self.examiner_employees[1]
        )
        examiner.with_user(self.user_manager)._do_waive_avoidance("试图豁免")
        with self.assertRaisesRegex(UserError, "is a candidate of this plan"):
            self.arrange(plan)

    def test_same_department_needs_a_managers_waiver(self):
        plan = self.create_plan()
        self.to_candidate_notice(plan)
        examiner = self.examiners(plan)[1]
        examiner.employee_id.department_id = self.department  # the candidates' workshop
        with self.assertRaisesRegex(UserError, "works in 机加工车间 like candidates"):
            self.arrange(plan)
        with self.assertRaisesRegex(UserError, "Only a skill certification manager"):
            examiner.with_user(self.user_officer)._do_waive_avoidance("车间唯一的高级技师")
        examiner.with_user(self.user_manager)._do_waive_avoidance("车间唯一的高级技师")
        self.assertEqual(examiner.avoidance_waived_by_id, self.user_manager)
        self.arrange(plan)
        self.assertEqual(plan.state, "arranged")

    def test_one_role_per_person(self):
        plan = self.create_plan()
        with self.assertRaisesRegex(ValidationError, "one person holds one role"):
            plan.with_user(self.user_officer).write(
                {
                    "staff_ids": [
                        Command.create(
                            {
                                "role": "internal_supervisor",
                                "employee_id": self.examiner_employees[0].id,
                            }
                        )
                    ]
                }
            )

    def test_external_supervisor_is_a_township_person(self):
        plan = self.create_plan()
        with self.assertRaisesRegex(ValidationError, "person of the township"):
            self.env["skill.cert.plan.staff"].create(
                {"plan_id": plan.id, "role": "external_supervisor"}
            )

    def test_staff_locked_once_arranged(self):
        plan = self.create_plan()
        self.to_arranged(plan)
        examiner = self.examiners(plan)[2]
        with self.assertRaisesRegex(UserError, "staff are locked"):
            examiner.with_user(self.user_officer).write({"qualification": "X"})
        with self.assertRaisesRegex(UserError, "staff are locked"):
            examiner.with_user(self.user_officer).unlink()
        with self.assertRaisesRegex(UserError, "staff are locked"):
            self.env["skill.cert.plan.staff"].with_user(self.user_officer).create(
                {"plan_id": plan.id, "role": "invigilator", "employee_id": self.candidates[0].id}
            )
        self.assertEqual(len(self.examiners(plan)), 3)

    def test_staff_change_approved_by_another_manager(self):
        plan = self.create_plan()
        self.to_arranged(plan)
        leaving = self.examiners(plan)[2]
        newcomer = (
            self.env["hr.employee"]
            .with_company(self.company)
            .create(
                {
                    "name": "替补考评员",
                    "company_id": self.company.id,
                    "department_id": self.quality.id,
                }
            )
        )
        change = (
            self.env["skill.cert.staff.change"]
            .with_user(self.user_officer)
            .create(
                {
                    "plan_id": plan.id,
                    "staff_id": leaving.id,
                    "role": "examiner",
                    "new_employee_id": newcomer.id,
                    "reason": "原考评员因病无法到场",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "Only a skill certification manager"):
            change.with_user(self.user_officer).action_approve()
        change_by_manager = change.with_user(self.user_manager)
        change_by_manager.requested_by_id = self.user_manager
        with self.assertRaisesRegex(UserError, "another manager decides"):
            change_by_manager.action_approve()
        change.requested_by_id = self.user_officer
        change.with_user(self.user_manager).action_approve()
        self.assertEqual(change.state, "approved")
        self.assertFalse(leaving.active)
        self.assertIn(newcomer, self.examiners(plan).employee_id)
        self.assertEqual(len(self.examiners(plan)), 3)

    def test_staff_change_that_breaks_article_9_refused(self):
        plan = self.create_plan()
        self.to_arranged(plan)
        change = (
            self.env["skill.cert.staff.change"]
            .with_user(self.user_officer)
            .create(
                {
                    "plan_id": plan.id,
                    "staff_id": self.examiners(plan)[2].id,
                    "role": "invigilator",
                    "new_employee_id": self.candidates[0].id,
                    "reason": "考评员改为监考",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "at least 3 examiners"):
            change.with_user(self.user_manager).action_approve()
        self.assertEqual(change.state, "requested")
        self.assertEqual(len(self.examiners(plan)), 3)

    def test_refused_staff_change_keeps_staff(self):
        plan = self.create_plan()
        self.to_arranged(plan)
        change = (
            self.env["skill.cert.staff.change"]
            .with_user(self.user_officer)
            .create(
                {
                    "plan_id": plan.id,
                    "role": "invigilator",
                    "new_employee_id": self.candidates[0].id,
                    "reason": "增加监考",
                }
            )
        )
        change.with_user(self.user_manager)._do_refuse("考生不能担任监考")
        self.assertEqual(change.state, "refused")
        self.assertNotIn(self.candidates[0], plan.staff_ids.employee_id)
