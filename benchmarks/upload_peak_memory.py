"""Peak memory of the worker reading the largest score sheet the default limits accept,
against openpyxl loading the same file (what a plain import does), in the same run.

The file: 10,000 rows (the row limit) whose remarks fill it up to just under the
unpacked-size limit (50 MB), within the 10 MB file limit. Each reading runs in a fresh
Python process; its peak is the process's high-water mark (VmHWM) less what it held
before reading (VmRSS): the worker's own growth.

Run with ``benchmarks/run.sh upload_peak_memory`` (odoo shell; nothing is written to
the database) or ``python benchmarks/upload_peak_memory.py [rows]``. ``SKILL_CERT_BENCH_SIZE``
sets the rows (default 10000; the unpacked size follows, in proportion). The test suite
runs it on small files (tests/test_upload_files.py, tests/test_benchmarks.py).
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else None
TOOLS = None


def _tools_dir():
    """tools/ of the addon, from this file or, under odoo shell (stdin), the module."""
    if HERE and os.path.isdir(os.path.join(HERE, "..", "tools")):
        return os.path.normpath(os.path.join(HERE, "..", "tools"))
    from odoo.modules.module import get_module_path  # noqa: PLC0415

    return os.path.join(get_module_path("l10n_cn_hr_skill_certification"), "tools")


def _load_xlsx(tools_dir):
    """tools/xlsx.py without Odoo: a package of its own around the tools folder."""
    package = types.ModuleType("skill_cert_tools")
    package.__path__ = [tools_dir]
    sys.modules["skill_cert_tools"] = package
    import importlib  # noqa: PLC0415

    return importlib.import_module("skill_cert_tools.xlsx")


COLUMNS = {
    "ticket_number": "准考证号",
    "name": "姓名",
    "id_number": "身份证号",
    "theory_score": "理论成绩",
    "practical_score": "实操成绩",
    "practical_examiner": "实操考评员",
    "note": "备注",
}
REQUIRED = ["ticket_number", "id_number", "theory_score", "practical_score"]


def build_file(xlsx, rows, unzipped_target):
    """The score sheet of ``rows`` candidates, remarks filling it to ``unzipped_target``
    bytes unpacked (shared strings, as Excel and xlsxwriter write them)."""
    note_length = max(10, unzipped_target // max(rows, 1) - 260)
    phrase = "实操考核中表现良好，安全操作规范，工件尺寸合格。"
    body = []
    for index in range(rows):
        note = f"{index:06d}" + (phrase * (note_length // len(phrase) // 3 + 1))
        note = note[: note_length // 3]  # CJK: 3 bytes a character in UTF-8
        body.append(
            [
                f"26{index:09d}",
                f"候选人{index:05d}",
                f"3305031990{index % 10000:04d}{index % 1000:03d}X",
                80.5,
                70,
                "考评员甲",
                note,
            ]
        )
    header = list(COLUMNS.values())
    return xlsx.write_workbook([("成绩", header, body, [12] * len(header))])


def unzipped_size(data):
    import zipfile  # noqa: PLC0415

    return sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())


CHILD = r"""
import json, sys
def rss(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
mode, path, tools_dir = sys.argv[1:4]
sys.path.insert(0, %(bench)r)
import upload_peak_memory as bench
xlsx = bench._load_xlsx(tools_dir)
import openpyxl, lxml.etree  # imported before measuring, for both
with open(path, "rb") as handle:
    data = handle.read()
before = rss("VmRSS")
if mode == "ours":
    table = xlsx.read_table(data, bench.COLUMNS, bench.REQUIRED, xlsx.Limits())
    rows = len(table.rows)
else:
    workbook = openpyxl.load_workbook(__import__("io").BytesIO(data))
    rows = len([row for row in workbook.worksheets[0].iter_rows(values_only=True)][1:])
print(json.dumps({"peak": rss("VmHWM") - before, "rows": rows}))
"""


def measure_in_child(mode, path, tools_dir):
    bench_dir = os.path.dirname(os.path.abspath(__file__)) if HERE else _bench_dir(tools_dir)
    done = subprocess.run(
        [sys.executable, "-c", CHILD % {"bench": bench_dir}, mode, path, tools_dir],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"{mode} reading failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _bench_dir(tools_dir):
    return os.path.normpath(os.path.join(tools_dir, "..", "benchmarks"))


FULL_ROWS = 10000


def run(rows=FULL_ROWS, unzipped_target=None):
    """Build the file, measure both readings; returns the figures (bytes). The file
    fills 95% of the unpacked-size limit at FULL_ROWS rows, in proportion below."""
    tools_dir = _tools_dir()
    xlsx = _load_xlsx(tools_dir)
    limits = xlsx.Limits()
    if unzipped_target is None:
        unzipped_target = int(limits.unzipped_bytes * 0.95 * min(rows, FULL_ROWS) / FULL_ROWS)
    data = build_file(xlsx, rows, unzipped_target)
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as handle:
        handle.write(data)
        path = handle.name
    try:
        ours = measure_in_child("ours", path, tools_dir)
        baseline = measure_in_child("openpyxl", path, tools_dir)
    finally:
        os.unlink(path)
    return {
        "rows": rows,
        "file": len(data),
        "unzipped": unzipped_size(data),
        "ours": ours["peak"],
        "ours_rows": ours["rows"],
        "baseline": baseline["peak"],
        "baseline_rows": baseline["rows"],
        "ratio": ours["peak"] / baseline["peak"] if baseline["peak"] else 0.0,
        "limits": limits,
    }


def report(figures):
    mb = 1024 * 1024
    limits = figures["limits"]
    print(
        f"Largest accepted score sheet: {figures['rows']} rows, {figures['file'] / mb:.1f} MB "
        f"(limit {limits.file_bytes / mb:.0f} MB), {figures['unzipped'] / mb:.1f} MB unpacked "
        f"(limit {limits.unzipped_bytes / mb:.0f} MB)"
    )
    print(f"  upload reader (tools/xlsx.read_table): peak +{figures['ours'] / mb:.1f} MB")
    print(f"  openpyxl.load_workbook, same file:     peak +{figures['baseline'] / mb:.1f} MB")
    print(f"RATIO {figures['ratio']:.2f}x")


if __name__ == "__main__" or "env" in globals():
    # the rows: from the command line, or (odoo shell, tests) the environment only
    arguments = [] if "env" in globals() else [a for a in sys.argv[1:] if a.isdigit()]
    size = arguments[0] if arguments else os.environ.get("SKILL_CERT_BENCH_SIZE")
    report(run(int(size) if size else FULL_ROWS))
