from freezegun import freeze_time

from odoo.tests import tagged

from .tours import TourCommon


@tagged("post_install", "-at_install", "tours")
class TestRegulationTours(TourCommon):
    """The records the regulation adds to the plan's journey, clicked in the browser by
    their roles: the pilot filing, a justified admission, a veto found after signing."""

    CANDIDATES = 2

    def test_manager_records_the_pilot_filing(self):
        self.tour("skill_cert_manager_records_pilot_filing", self.user_manager, "2026-01-05 09:00")
        filing = self.env["skill.cert.pilot.filing"].search([("name", "like", "〔2026〕3号")])
        self.assertEqual(filing.state, "confirmed")
        self.assertEqual(
            (filing.scope_ids.occupation_id, filing.scope_ids.level_id),
            (self.milling, self.levels[4]),
        )

    def test_candidate_admitted_with_a_confirmed_justification(self):
        newcomer = self.create_candidates(1, prefix="新员工")
        newcomer.skill_cert_seniority_since = "2025-09-01"
        plan = self.create_plan(name="330503202603011")
        self.to_registration(plan)
        registration = self.register(plan, newcomer)
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        self.assertFalse(registration.is_eligible)
        self.tour(
            "skill_cert_officer_admits_with_justification", self.user_officer, "2026-03-02 09:00"
        )
        self.assertEqual(registration.exception_requested_by_id, self.user_officer)
        self.assertIn("原件已核验", registration.exception_reason)
        self.tour(
            "skill_cert_manager_confirms_justification", self.user_manager, "2026-03-02 10:00"
        )
        self.assertEqual(registration.exception_confirmed_by_id, self.user_manager)
        with freeze_time("2026-03-02 11:00:00"):
            registration.with_user(self.user_officer).action_approve()
        self.assertEqual(registration.state, "approved")

    def test_veto_found_after_signing_and_the_managers_decision(self):
        plan = self.create_plan(name="330503202603010")
        self.to_result_notice(plan)
        external = self.external_form(plan)
        self.tour(
            "skill_cert_external_supervisor_records_veto", self.user_external, "2026-03-25 09:00"
        )
        veto = external.veto_ids.filtered("checked")
        self.assertEqual(veto.checked_by_id, self.user_external)
        self.assertEqual(external.total_score, 0)
        self.assertEqual(plan.state, "result_notice")
        self.tour("skill_cert_manager_lifts_veto", self.user_manager, "2026-03-25 10:00")
        self.assertTrue(external.veto_lifted)
