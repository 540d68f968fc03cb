import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import PlanCommon

# Queries allowed for one bulk step, whatever the number of candidates. Odoo reads
# records by chunks of 1,000 (PREFETCH_MAX) and inserts them by 100 (INSERT_BATCH_SIZE),
# hence a few more per thousand: issuing 2,000 inserts 2,000 certificates and their
# 2,000 first prints, 20 statements each.
QUERY_BOUND = 80
QUERY_BOUND_2000 = 150


@tagged("post_install", "-at_install", "skill_cert_scale")
class TestPlanScale(PlanCommon):
    """Bulk steps run in a bounded number of SQL queries: the same count for 20 and
    for 200 candidates (the 2,000-candidate timing is in benchmarks/)."""

    CANDIDATES = 0

    def measure(self, size, name):
        """Query counts of the bulk steps of a plan with ``size`` candidates."""
        employees = self.create_candidates(size, prefix=f"规模{name}")
        plan = self.create_plan(name=name)
        self.to_registration(plan)
        registrations = self.register(plan, employees)
        counts = {}
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        with freeze_time("2026-03-02 09:00:00"):
            counts["approve"] = self.count_queries(
                registrations.with_user(self.user_officer).action_approve
            )
            plan.with_user(self.user_officer).action_publish_candidate_notice()
            counts["tickets"] = self.count_queries(
                plan.with_user(self.user_officer).action_generate_tickets
            )
        with freeze_time("2026-03-10 09:00:00"):
            plan.with_user(self.user_officer).action_arrange()
        with freeze_time("2026-03-21 17:00:00"):
            registrations.with_user(self.user_officer).write({"attendance": "present"})
            self.sign_forms_at_exam(plan)
            plan.with_user(self.user_officer).action_mark_examined()
        examiner = plan.staff_ids.filtered(lambda s: s.role == "examiner")[:1]
        sheet = [["准考证号", "身份证号", "理论成绩", "实操成绩", "实操考评员"]] + [
            [
                registration.ticket_number,
                registration.sudo().employee_id.identification_id,
                60 + index % 40,
                61 + index % 39,
                examiner.employee_id.name,
            ]
            for index, registration in enumerate(registrations)
        ]
        wizard = self.import_wizard(plan, "scores", sheet)
        counts["score_sheet_import"] = self.count_queries(wizard.action_import)
        self.assertEqual(set(registrations.mapped("has_practical_score")), {True})
        with freeze_time("2026-03-23 09:00:00"):
            self.review_scores(plan)
            plan.with_user(self.user_officer).action_publish_result_notice()
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        with freeze_time("2026-04-10 09:00:00"):
            base = 1000 if size < 100 else 2000
            sheet = [["身份证号", "证书编号"]] + [
                [
                    registration.sudo().employee_id.identification_id,
                    self.certificate_number(4, base + index, year=26),
                ]
                for index, registration in enumerate(registrations)
            ]
            wizard = self.import_wizard(plan, "certificate_numbers", sheet)
            counts["certificate_list_import"] = self.count_queries(wizard.action_import)
            plan.with_user(self.user_officer).action_mark_numbered()
            counts["issue"] = self.count_queries(plan.with_user(self.user_officer).action_issue)
        self.assertEqual(len(plan.certificate_ids), size)
        return counts

    def test_bulk_steps_are_bounded(self):
        small = self.measure(20, "SCALE-20")
        large = self.measure(200, "SCALE-200")
        for step, count in large.items():
            with self.subTest(step=step):
                self.assertLessEqual(count, QUERY_BOUND, f"{step}: {count} queries for 200")
                self.assertLessEqual(
                    count, small[step] + 5, f"{step}: {small[step]} queries for 20, {count} for 200"
                )

    def test_issuance_query_count(self):
        """The same bound, with Odoo's own assertQueryCount, on 2,000 candidates."""
        employees = self.create_candidates(2000, prefix="发证")
        plan = self.create_plan(name="SCALE-ISSUE")
        plan.session_ids.capacity = 2000
        registrations = self.to_numbered_with(plan, employees)
        self.env.flush_all()  # the fixtures' pending computations are not issuance's
        with self.assertQueryCount(QUERY_BOUND_2000), freeze_time("2026-04-15 09:00:00"):
            plan.with_user(self.user_officer).action_issue()
        self.assertEqual(plan.certificate_ids.registration_id, registrations)
        # Annex 5 of the 2,000 certificates renders, in a bounded number of queries too
        self.env.invalidate_all()
        with self.assertQueryCount(QUERY_BOUND_2000):
            html = (
                self.env["ir.actions.report"]
                .with_user(self.user_officer)
                ._render_qweb_html("l10n_cn_hr_skill_certification.report_annex5", plan.ids)[0]
                .decode()
            )
        self.assertEqual(html.count(self.certificate_number(4, 0, year=26)[:16]), 2000)

    def import_wizard(self, plan, kind, rows):
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return (
            self.env["skill.cert.plan.import"]
            .with_user(self.user_officer)
            .create({"plan_id": plan.id, "kind": kind, "file": base64.b64encode(buffer.getvalue())})
        )

    def to_numbered_with(self, plan, employees):
        self.candidates = employees
        return self.to_numbered(plan)
