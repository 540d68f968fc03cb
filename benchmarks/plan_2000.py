"""End-to-end bulk steps of a 2,000-candidate certification plan, timed against plainly
creating the same records with the ORM, in the same run and the same database.

Run with ``benchmarks/run.sh plan_2000`` (odoo shell; everything is rolled back).
Prints the two timings and their ratio (goal: at most 2x).
"""

import time

from freezegun import freeze_time

from odoo.fields import Command

N = 2000
env = env  # noqa: F821 - provided by odoo shell
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
company = env.company
company.country_id = env.ref("base.cn")
levels = env["hr.skill.type"]._skill_cert_get_levels()
lathe = env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_01")
department = env["hr.department"].create({"name": "Benchmark workshop"})
quality = env["hr.department"].create({"name": "Benchmark quality"})


def employees(count, prefix, department):
    return env["hr.employee"].create(
        [
            {
                "name": f"{prefix}{i:05d}",
                "department_id": department.id,
                "skill_cert_pension_since": "2020-01-01",
                "skill_cert_seniority_since": "2010-01-01",
            }
            for i in range(count)
        ]
    )


def number(serial):
    return f"Y330503001200264{serial:06d}"


staff = employees(5, "BenchStaff", quality)
candidates_a = employees(N, "BenchA", department)
candidates_b = employees(N, "BenchB", department)
env.flush_all()

plan = env["skill.cert.plan"].create(
    {
        "name": "BENCH-2000",
        "occupation_id": lathe.id,
        "level_id": levels[4].id,
        "registration_deadline": "2026-02-27",
        "exam_date": "2026-03-20",
        "venue": "bench",
        "township_id": env["res.partner"].create({"name": "Bench township"}).id,
        "filing_date": "2026-02-02",
        "session_ids": [
            Command.create({"kind": kind, "date": "2026-03-20", "room": kind, "capacity": N})
            for kind in ("theory", "practical")
        ],
        "staff_ids": [
            Command.create({"role": "examiner", "employee_id": e.id, "is_group_leader": not i})
            for i, e in enumerate(staff[:3])
        ]
        + [Command.create({"role": "internal_supervisor", "employee_id": e.id}) for e in staff[3:]],
    }
)
with freeze_time("2026-02-02 10:00:00"):
    plan.action_file()
    plan.action_open_registration()
registrations = env["skill.cert.registration"].create(
    [{"plan_id": plan.id, "employee_id": e.id} for e in candidates_a]
)
with freeze_time("2026-02-20 10:00:00"):
    registrations.action_submit()
with freeze_time("2026-02-27 18:00:00"):
    plan.action_close_registration()
env.flush_all()

# --- the workflow's bulk steps -------------------------------------------------------
start = time.perf_counter()
with freeze_time("2026-03-02 09:00:00"):
    registrations.action_approve()
    plan.action_publish_candidate_notice()
    plan.action_generate_tickets()
with freeze_time("2026-03-10 09:00:00"):
    plan.action_arrange()
    registrations.write({"attendance": "present"})
    plan.action_mark_examined()
examiner = plan.staff_ids.filtered(lambda s: s.role == "examiner")[:1]
plan._write_scores(
    [
        {
            "registration": r,
            "theory_score": 70,
            "practical_score": 80,
            "practical_examiner_id": examiner.id,
        }
        for r in registrations
    ]
)
# the review steps are single-record writes; the bench user plays every role
plan.write({"state": "result_notice", "scores_entered_by_id": env.uid})
plan.notice_ids.write({"state": "closed"})
plan.write({"state": "confirmed"})
plan._write_certificate_numbers(
    [{"registration": r, "certificate_number": number(i)} for i, r in enumerate(registrations)]
)
with freeze_time("2026-04-10 09:00:00"):
    plan.action_mark_numbered()
    plan.action_issue()
env.flush_all()
workflow = time.perf_counter() - start
assert len(plan.certificate_ids) == N, len(plan.certificate_ids)

# --- baseline: plainly create the same records with the ORM --------------------------
plan_b = plan.copy({"name": "BENCH-2000-B", "ticket_prefix": "B"})
env.flush_all()
start = time.perf_counter()
theory = plan.session_ids.filtered(lambda s: s.kind == "theory")
practical = plan.session_ids.filtered(lambda s: s.kind == "practical")
registrations_b = env["skill.cert.registration"].create(
    [
        {
            "plan_id": plan_b.id,
            "employee_id": e.id,
            "state": "approved",
            "ticket_number": f"B{i:05d}",
            "theory_session_id": theory.id,
            "practical_session_id": practical.id,
            "theory_seat": i + 1,
            "practical_seat": i + 1,
            "attendance": "present",
            "theory_score": 70,
            "practical_score": 80,
            "has_theory_score": True,
            "has_practical_score": True,
            "certificate_number": number(N + i),
        }
        for i, e in enumerate(candidates_b)
    ]
)
env["skill.cert.notice.line"].create(
    [
        {
            "notice_id": plan.notice_ids[0].id,
            "sequence": i,
            "name_masked": "x",
            "id_number_masked": "x",
        }
        for i in range(N)
    ]
)
env["skill.cert.certificate"].create(
    [
        {
            "name": number(N + i),
            "employee_id": r.employee_id.id,
            "occupation_id": lathe.id,
            "level_id": levels[4].id,
            "issue_date": "2026-04-10",
            "origin": "plan",
            "plan_id": plan_b.id,
            "registration_id": r.id,
        }
        for i, r in enumerate(registrations_b)
    ]
)
env.flush_all()
baseline = time.perf_counter() - start

print(f"plan with {N} candidates: workflow bulk steps {workflow:.2f}s,")
print(f"plain ORM creation of the same records {baseline:.2f}s")
print(f"RATIO {workflow / baseline:.2f}x (goal <= 2x)")
env.cr.rollback()
