"""Annex 5 of 2,000 issued certificates, timed against a bare QWeb template printing the
same rows (same columns, no layout, no data preparation), in the same run.

Run with ``benchmarks/run.sh annex5_2000`` (odoo shell). ``SKILL_CERT_BENCH_SIZE`` sets the
number of rows (default 2000; tests/test_benchmarks.py runs it with 20). Everything happens
inside a savepoint rolled back at the end: the database is left as it was found. Prints
both timings and their ratio (goal: at most 1.2x).

The plan is created issued, as the addon's own steps write it (their internal bypass):
what is timed is the rendering, not the workflow (benchmarks/plan_2000.py times that).
"""

import os
import time
from contextlib import closing

from odoo.addons.l10n_cn_hr_skill_certification.tools import internal

SIZE = int(os.environ.get("SKILL_CERT_BENCH_SIZE") or 2000)


def run(env, size):
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    env.company.country_id = env.ref("base.cn")
    levels = env["hr.skill.type"]._skill_cert_get_levels()
    lathe = env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_01")
    employees = env["hr.employee"].create(
        [
            {"name": f"Bench{i:05d}", "certificate": "junior_college", "sex": "male"}
            for i in range(size)
        ]
    )
    plan = internal.internally(env["skill.cert.plan"], internal.PLAN_STEP).create(
        {
            "name": "BENCH-ANNEX5",
            "occupation_id": lathe.id,
            "level_id": levels[4].id,
            "state": "issued",
        }
    )
    internal.internally(env["skill.cert.registration"], internal.REGISTRATION_STEP).create(
        [
            {
                "plan_id": plan.id,
                "employee_id": employee.id,
                "state": "approved",
                "ticket_number": f"BA{i:05d}",
                "attendance": "present",
                "theory_score": 80,
                "practical_score": 75,
                "has_theory_score": True,
                "has_practical_score": True,
                "certificate_number": f"Y330503001200264{i:06d}",
            }
            for i, employee in enumerate(employees)
        ]
    )
    env.flush_all()
    bare = env["ir.ui.view"].create(
        {
            "name": "bench_bare_annex5",
            "type": "qweb",
            "arch": """<t t-name="bench_bare_annex5"><table><tr t-foreach="rows" t-as="row">
                <td t-out="row.id"/><td t-out="row.employee_id.name"/>
                <td t-out="row.employee_id.sex"/><td t-out="row.employee_id.birthday"/>
                <td t-out="row.employee_id.certificate"/>
                <td t-out="row.employee_id.identification_id"/>
                <td t-out="row.employee_id.company_id.name"/>
                <td t-out="row.employee_id.skill_cert_seniority_years"/>
                <td t-out="row.theory_score"/><td t-out="row.practical_score"/>
                <td t-out="row.certificate_number"/></tr></table></t>""",
        }
    )
    Report = env["ir.actions.report"]

    def annex5():
        env.invalidate_all()
        return Report._render_qweb_html("l10n_cn_hr_skill_certification.report_annex5", plan.ids)

    def bare_qweb():
        env.invalidate_all()
        return env["ir.qweb"]._render(bare.id, {"rows": plan.registration_ids})

    for function in (annex5, bare_qweb):  # warm the caches of both
        function()
    timings = {}
    for function in (annex5, bare_qweb):
        start = time.perf_counter()
        for _round in range(3):
            function()
        timings[function.__name__] = (time.perf_counter() - start) / 3
    print(
        f"Annex 5 with {size} rows: {timings['annex5']:.2f}s; bare QWeb of the same rows: "
        f"{timings['bare_qweb']:.2f}s"
    )
    print(f"RATIO {timings['annex5'] / timings['bare_qweb']:.2f}x (goal <= 1.2x)")


if "env" in globals():  # odoo shell, or tests/test_benchmarks.py
    with closing(globals()["env"].cr.savepoint()):  # rolled back: nothing is left behind
        run(globals()["env"], SIZE)
