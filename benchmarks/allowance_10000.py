"""Generating the monthly skill allowance sheet of 10,000 employees, timed against
plainly creating 10,000 allowance lines with the ORM, in the same run and database.

Run with ``benchmarks/run.sh allowance_10000`` (odoo shell). ``SKILL_CERT_BENCH_SIZE`` sets
the number of employees (default 10000; tests/test_benchmarks.py runs it with 20).
Everything happens in a company of its own, inside a savepoint rolled back at the end: the
database is left as it was found. Prints both timings, their ratio (goal: at most 1.5x)
and the queries the generation used (bound: QUERY_BOUND of tests/test_allowance_scale.py,
whatever the headcount).
"""

import base64
import os
import time
from contextlib import closing

from odoo.addons.l10n_cn_hr_skill_certification.tests.test_allowance_scale import QUERY_BOUND

SIZE = int(os.environ.get("SKILL_CERT_BENCH_SIZE") or 10000)


def run(env, size):
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    company = env["res.company"].create(
        {"name": "Benchmark allowance company", "country_id": env.ref("base.cn").id}
    )
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    levels = env["hr.skill.type"]._skill_cert_get_levels()
    lathe = env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_01")
    department = env["hr.department"].create(
        {"name": "Benchmark workshop", "company_id": company.id}
    )
    env["skill.cert.allowance.policy"].create({"company_id": company.id, "date_from": "2026-01-01"})

    start = time.perf_counter()
    employees = (
        env["hr.employee"]
        .with_company(company)
        .create(
            [
                {"name": f"Bench{i:05d}", "company_id": company.id, "department_id": department.id}
                for i in range(size)
            ]
        )
    )
    # in chunks: hr_skills checks overlapping skill rows with one OR clause per new row
    for chunk_start in range(0, size, 500):
        env["skill.cert.certificate"].create(
            [
                {
                    "name": f"Y33050300120025{4 - i % 3}{i:06d}",
                    "employee_id": employee.id,
                    "occupation_id": lathe.id,
                    "level_id": levels[4 - i % 3].id,
                    "issue_date": "2025-01-01",
                    "document": base64.b64encode(b"%PDF-1.4 scan"),
                }
                for i, employee in enumerate(
                    employees[chunk_start : chunk_start + 500], start=chunk_start
                )
            ]
        )
    employees[::7].write({"contract_date_start": "2026-03-11"})
    env.flush_all()
    print(f"setup: {size} employees with certificates in {time.perf_counter() - start:.0f}s")

    # --- the sheet ----------------------------------------------------------------------
    sheet = env["skill.cert.allowance.sheet"].create(
        {"company_id": company.id, "month": "2026-03-01"}
    )
    env.flush_all()
    env.invalidate_all()
    queries_before = env.cr.sql_log_count
    start = time.perf_counter()
    sheet.action_generate()
    env.flush_all()
    generation = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries_before
    assert sheet.line_count == size, sheet.line_count

    # --- baseline: plainly create the same lines with the ORM --------------------------
    values = sheet.line_ids.read(
        [
            "employee_id",
            "department_id",
            "level_id",
            "certificate_id",
            "base_amount",
            "paid_days",
            "month_days",
            "amount",
            "total_amount",
            "change",
            "reason",
        ],
        load=None,
    )
    baseline_sheet = env["skill.cert.allowance.sheet"].create(
        {"company_id": company.id, "month": "2026-04-01"}
    )
    rows = [
        {
            **{key: value for key, value in row.items() if key != "id"},
            "sheet_id": baseline_sheet.id,
            "company_id": company.id,
            "month": "2026-04-01",
            "period": "2026-04",
        }
        for row in values
    ]
    env.flush_all()
    env.invalidate_all()
    start = time.perf_counter()
    env["skill.cert.allowance.line"].create(rows)
    env.flush_all()
    baseline = time.perf_counter() - start

    print(
        f"allowance sheet of {size} employees: generated in {generation:.2f}s "
        f"with {queries} queries"
    )
    print(f"plain ORM creation of the same {size} lines: {baseline:.2f}s")
    print(f"RATIO {generation / baseline:.2f}x (goal <= 1.5x)")
    print(f"QUERIES {queries} (bound {QUERY_BOUND}): {'OK' if queries <= QUERY_BOUND else 'OVER'}")


if "env" in globals():  # odoo shell, or tests/test_benchmarks.py
    with closing(globals()["env"].cr.savepoint()):  # rolled back: nothing is left behind
        run(globals()["env"], SIZE)
