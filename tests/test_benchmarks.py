"""Every script of benchmarks/ runs, at a small size, as ``benchmarks/run.sh`` runs it
(its source executed with ``env`` as its globals, as ``odoo shell`` does with its stdin):
a benchmark the code has outgrown fails here, not on the day someone times it. The
benchmarks are found by glob, so a new one is tested without being listed here.
"""

import contextlib
import glob
import io
import os
import re
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks")
SIZE = "20"
RATIO_LINE = re.compile(r"^RATIO \d+\.\d+x", re.MULTILINE)
# What a benchmark creates, to check that it leaves nothing behind.
CHECKED_MODELS = (
    "res.company",
    "res.users",
    "res.partner",
    "hr.employee",
    "hr.department",
    "ir.attachment",
    "ir.ui.view",
    "skill.cert.plan",
    "skill.cert.registration",
    "skill.cert.certificate",
    "skill.cert.notice",
    "skill.cert.allowance.policy",
    "skill.cert.allowance.sheet",
    "skill.cert.allowance.line",
    "skill.cert.pilot.filing",
    "skill.cert.question.bank",
    "skill.cert.fee.standard",
)


def benchmark_paths():
    return sorted(glob.glob(os.path.join(BENCHMARKS, "*.py")))


@tagged("post_install", "-at_install")
class TestBenchmarks(TransactionCase):
    """One test per benchmark (added below), plus one that there are benchmarks."""

    def test_benchmarks_found(self):
        self.assertTrue(benchmark_paths(), f"no benchmark in {BENCHMARKS}")

    def counts(self):
        self.env.invalidate_all()
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in CHECKED_MODELS
        }

    def run_benchmark(self, path):
        with open(path, encoding="utf-8") as handle:
            code = compile(handle.read(), path, "exec")
        before = self.counts()
        output = io.StringIO()
        with (
            patch.dict(os.environ, {"SKILL_CERT_BENCH_SIZE": SIZE}),
            contextlib.redirect_stdout(output),
        ):
            exec(code, {"env": self.env, "__name__": "__main__"})
        printed = output.getvalue()
        self.assertRegex(printed, RATIO_LINE, f"{path} printed no ratio line:\n{printed}")
        # the cursor still works, and the benchmark left the database as it found it
        self.env.cr.execute("SELECT 1")
        self.assertEqual(self.counts(), before, f"{path} left records behind")


def _benchmark_test(path):
    def test(self):
        self.run_benchmark(path)

    test.__doc__ = f"benchmarks/{os.path.basename(path)} runs at size {SIZE}."
    return test


for _path in benchmark_paths():
    _name = re.sub(r"\W", "_", os.path.splitext(os.path.basename(_path))[0])
    setattr(TestBenchmarks, f"test_benchmark_{_name}", _benchmark_test(_path))
