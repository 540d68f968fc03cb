"""The regulation trace (docs/regulation-trace.md) stays true.

The page maps every article and annex of the Nanxun measures (2023) to features and to the tests
that prove them. These tests read it and fail when:

- an article (1-15) or an annex (1-5) has no section, or a section no table row;
- a row does not have the four columns | Line | Requirement | Feature | Tests |, or its
  Tests cell is neither "—" nor a list of test references;
- a test reference ``tests/<file>.py::<Class>::<method>`` named anywhere on the page does
  not exist: the file, the class defined in it, or the ``test_`` method on the class or
  one of its bases (in the same file, or imported from another file of tests/, such as
  tests/common.py);
- fewer than 60% of the rows name a test.

How it fails: rename a test method the page names (say ``test_annex1`` to
``test_annex_one``) and ``test_every_named_test_exists`` fails, naming the reference; delete
the section of an article and ``test_every_article_and_annex_has_its_section`` fails.
``test_the_checks_catch_what_they_should`` proves this on made-up pages and test files.
"""

import ast
import re
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

MODULE = "l10n_cn_hr_skill_certification"
DOC = "docs/regulation-trace.md"
ARTICLES = range(1, 16)
ANNEXES = range(1, 6)
MIN_TESTED_SHARE = 0.6
COLUMNS = ["Line", "Requirement", "Feature", "Tests"]
NO_TEST = "—"

HEADING = re.compile(r"^## (Article|Annex) (\d+)（(.*)）\s*$")
REFERENCE = re.compile(r"tests/(\w+)\.py::(\w+)::(\w+)")
# Whatever looks like the start of a reference, to catch malformed ones.
REFERENCE_LIKE = re.compile(r"tests/[^\s`|<,]*::[^\s`|<,]*")
SEPARATOR_ROW = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
# What a Tests cell may hold besides references: backticks, line breaks, commas.
TESTS_CELL_FILLER = re.compile(r"`|<br\s*/?>|,|\s")
CHINESE_DIGITS = "一二三四五六七八九"


def chinese_number(number):
    """1 → 一, 10 → 十, 14 → 十四 (enough for the measures' 15 articles)."""
    tens, units = divmod(number, 10)
    text = ("十" if tens == 1 else f"{CHINESE_DIGITS[tens - 1]}十") if tens else ""
    return text + (CHINESE_DIGITS[units - 1] if units else "")


def expected_labels(kind, number):
    """The Chinese labels a heading may give: 第5条 or 第五条; 附件2."""
    if kind == "Article":
        return {f"第{number}条", f"第{chinese_number(number)}条"}
    return {f"附件{number}"}


def split_cells(line):
    """The cells of a Markdown table row (pipes escaped as \\| stay in their cell)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def parse_trace(text):
    """Read the page: ``(sections, problems)`` where ``sections`` maps ("Article", 5)
    to the rows (lists of cells) of its tables, and ``problems`` lists what is wrong with
    the headings and the tables' shape."""
    sections, problems = {}, []
    current = None
    expect_header = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            current = None
            match = HEADING.match(line)
            if not match:
                problems.append(f"line {number}: not a heading of an article or annex: {line}")
                continue
            kind, value, label = match.group(1), int(match.group(2)), match.group(3)
            key = (kind, value)
            if value not in (ARTICLES if kind == "Article" else ANNEXES):
                problems.append(f"line {number}: there is no {kind} {value}")
            elif label not in expected_labels(kind, value):
                problems.append(
                    f"line {number}: {kind} {value} is labelled （{label}）, expected "
                    f"（{' or '.join(sorted(expected_labels(kind, value)))}）"
                )
            if key in sections:
                problems.append(f"line {number}: {kind} {value} has a second section")
            sections.setdefault(key, [])
            current = key
            expect_header = True
        elif line.startswith("|") and current:
            if SEPARATOR_ROW.match(line):
                continue
            cells = split_cells(line)
            if expect_header:
                expect_header = False
                if cells != COLUMNS:
                    problems.append(
                        f"line {number}: the table of {current[0]} {current[1]} has the columns "
                        f"{cells}, expected {COLUMNS}"
                    )
                continue
            if len(cells) != len(COLUMNS):
                problems.append(
                    f"line {number}: a row of {current[0]} {current[1]} has {len(cells)} "
                    f"cells, expected {len(COLUMNS)}"
                )
                continue
            sections[current].append(cells)
        elif line.strip() and not line.startswith("|"):
            # Text between tables: the next table starts with its header again.
            expect_header = True
    return sections, problems


def problem_of_tests_cell(cell):
    """Why a Tests cell is neither "—" nor a list of references, or None."""
    if cell == NO_TEST:
        return None
    rest = TESTS_CELL_FILLER.sub("", REFERENCE.sub("", cell))
    if not REFERENCE.search(cell) or rest:
        return f'the Tests cell "{cell}" is neither "{NO_TEST}" nor test references'
    return None


class SuiteSources:
    """The test files of tests/, parsed with ``ast`` (nothing is imported or run).

    ``read`` gives a file's source by module name (``"common"`` for tests/common.py),
    or None when there is no such file.
    """

    def __init__(self, read):
        self._read = read
        self._modules = {}

    @classmethod
    def from_folder(cls, folder):
        def read(module):
            path = Path(folder, f"{module}.py")
            return path.read_text(encoding="utf-8") if path.is_file() else None

        return cls(read)

    def _module(self, module):
        if module not in self._modules:
            source = self._read(module)
            self._modules[module] = ast.parse(source) if source is not None else None
        return self._modules[module]

    def exists(self, module):
        return self._module(module) is not None

    def classes(self, module):
        tree = self._module(module)
        return {
            node.name: node for node in getattr(tree, "body", ()) if isinstance(node, ast.ClassDef)
        }

    def imported_names(self, module):
        """{local name: (module, name)} of the ``from .x import Name`` of ``module``."""
        names = {}
        for node in getattr(self._module(module), "body", ()):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                for alias in node.names:
                    names[alias.asname or alias.name] = (node.module, alias.name)
        return names

    def find_class(self, module, name, seen=frozenset()):
        """(module, ClassDef) of the class ``name`` as seen from ``module``: defined in
        it, imported into it from another file of tests/, or else from tests/common.py."""
        if (module, name) in seen:
            return None
        seen = seen | {(module, name)}
        node = self.classes(module).get(name)
        if node:
            return module, node
        imported = self.imported_names(module).get(name)
        if imported:
            return self.find_class(imported[0], imported[1], seen)
        if module != "common":
            return self.find_class("common", name, seen)
        return None

    def has_method(self, module, node, method, seen=frozenset()):
        """Whether the class ``node`` of ``module`` defines ``method`` or inherits it from
        a base class found in the test files (bases from Odoo, such as TransactionCase,
        define no test)."""
        if (module, node.name) in seen:
            return False
        seen = seen | {(module, node.name)}
        if any(
            isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == method
            for item in node.body
        ):
            return True
        for base in node.bases:
            if isinstance(base, ast.Name):
                found = self.find_class(module, base.id)
            elif isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name):
                # ``common.PlanCommon`` after ``from . import common``
                found = self.find_class(base.value.id, base.attr)
            else:
                found = None
            if found and self.has_method(*found, method, seen):
                return True
        return False

    def reference_problem(self, module, class_name, method):
        """Why ``tests/<module>.py::<class_name>::<method>`` names no test, or None."""
        reference = f"tests/{module}.py::{class_name}::{method}"
        if not self.exists(module):
            return f"{reference}: there is no file tests/{module}.py"
        node = self.classes(module).get(class_name)
        if not node:
            return f"{reference}: tests/{module}.py defines no class {class_name}"
        if not method.startswith("test"):
            return f"{reference}: {method} is not a test method"
        if not self.has_method(module, node, method):
            return f"{reference}: {class_name} has no method {method}, nor do its bases"
        return None


def reference_problems(text, sources):
    """What is wrong with the test references of ``text``: malformed references, and
    references to tests that do not exist."""
    problems = [
        f"malformed test reference: {candidate}"
        for candidate in REFERENCE_LIKE.findall(text)
        if not REFERENCE.fullmatch(candidate)
    ]
    for module, class_name, method in sorted(set(REFERENCE.findall(text))):
        problem = sources.reference_problem(module, class_name, method)
        if problem:
            problems.append(problem)
    return problems


@tagged("post_install", "-at_install")
class TestRegulationTrace(TransactionCase):
    """docs/regulation-trace.md covers every article and annex, and names tests that
    exist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module_path = get_module_path(MODULE)
        cls.doc_path = Path(module_path, DOC)
        cls.text = cls.doc_path.read_text(encoding="utf-8")
        cls.sections, cls.shape_problems = parse_trace(cls.text)
        cls.sources = SuiteSources.from_folder(Path(module_path, "tests"))

    def rows(self):
        return [row for rows in self.sections.values() for row in rows]

    def test_every_article_and_annex_has_its_section(self):
        expected = {("Article", n) for n in ARTICLES} | {("Annex", n) for n in ANNEXES}
        missing = sorted(expected - self.sections.keys())
        self.assertFalse(missing, f"{DOC}: no section for {missing}")
        self.assertFalse(self.shape_problems, "\n".join(self.shape_problems))

    def test_every_section_has_a_table_row(self):
        empty = sorted(key for key, rows in self.sections.items() if not rows)
        self.assertFalse(empty, f"{DOC}: these sections have no table row: {empty}")

    def test_tests_cells_name_tests_or_say_none(self):
        problems = [
            f"{kind} {number}, line {row[0]}: {problem}"
            for (kind, number), rows in sorted(self.sections.items())
            for row in rows
            if (problem := problem_of_tests_cell(row[3]))
        ]
        self.assertFalse(problems, "\n".join(problems))

    def test_every_named_test_exists(self):
        problems = reference_problems(self.text, self.sources)
        self.assertTrue(REFERENCE.search(self.text), f"{DOC} names no test at all")
        self.assertFalse(problems, f"{DOC}:\n" + "\n".join(problems))

    def test_most_rows_name_a_test(self):
        rows = self.rows()
        tested = [row for row in rows if REFERENCE.search(row[3])]
        self.assertTrue(rows)
        self.assertGreaterEqual(
            len(tested) / len(rows),
            MIN_TESTED_SHARE,
            f"{DOC}: only {len(tested)} of {len(rows)} rows name a test",
        )

    def test_the_checks_catch_what_they_should(self):
        """The checks above on made-up pages and test files: a renamed or missing test,
        a missing section or table, a malformed reference are all reported; a test
        inherited from a base class (same file or tests/common.py) is found."""
        files = {
            "common": "class Base:\n    def test_inherited_from_common(self):\n        pass\n",
            "test_thing": (
                "from .common import Base\n"
                "from . import common\n"
                "class Local(Base):\n    def test_local_base(self):\n        pass\n"
                "class TestThing(Local):\n    def test_own(self):\n        pass\n"
                "    def helper(self):\n        pass\n"
                "class TestOther(common.Base):\n    pass\n"
            ),
        }
        sources = SuiteSources(files.get)
        good = (
            "tests/test_thing.py::TestThing::test_own "
            "tests/test_thing.py::TestThing::test_local_base "
            "tests/test_thing.py::TestThing::test_inherited_from_common "
            "tests/test_thing.py::TestOther::test_inherited_from_common"
        )
        self.assertEqual(reference_problems(good, sources), [])
        bad = {
            "tests/test_thing.py::TestThing::test_renamed": "has no method test_renamed",
            "tests/test_thing.py::TestGone::test_own": "defines no class TestGone",
            "tests/test_thing.py::Base::test_inherited_from_common": "defines no class Base",
            "tests/test_nothing.py::TestThing::test_own": "no file tests/test_nothing.py",
            "tests/test_thing.py::TestThing::helper": "helper is not a test method",
            "tests/test_thing.py::TestThing": "malformed test reference",
        }
        for reference, expected in bad.items():
            with self.subTest(reference=reference):
                problems = reference_problems(f"| x | `{reference}` |", sources)
                self.assertEqual(len(problems), 1, problems)
                self.assertIn(expected, problems[0])

        table = "| Line | Requirement | Feature | Tests |\n|---|---|---|---|\n"
        row = "| (1) | 「…」 | a feature | `tests/test_thing.py::TestThing::test_own` |\n"
        page = (
            f"## Article 1（第一条）\n\n{table}{row}\n## Article 2（第2条）\n\n{table}"
            f"\n## Article 3（第4条）\n\n{table}| (1) | 「…」 | a feature |\n"
            "\n## Annex 6（附件6）\n\n"
        )
        sections, problems = parse_trace(page)
        self.assertEqual(
            sections[("Article", 1)],
            [["(1)", "「…」", "a feature", "`tests/test_thing.py::TestThing::test_own`"]],
        )
        self.assertEqual(sections[("Article", 2)], [])  # a table without a row
        self.assertEqual(len(problems), 3, problems)
        self.assertIn("Article 3 is labelled （第4条）", problems[0])
        self.assertIn("has 3 cells, expected 4", problems[1])
        self.assertIn("there is no Annex 6", problems[2])
        self.assertNotIn(("Article", 4), sections)  # a missing section stays missing
        self.assertIsNone(problem_of_tests_cell(NO_TEST))
        self.assertIsNone(
            problem_of_tests_cell("`tests/a.py::B::test_c`<br>`tests/a.py::B::test_d`")
        )
        self.assertTrue(problem_of_tests_cell("see test_annex1"))
        self.assertTrue(problem_of_tests_cell("`tests/a.py::B::test_c` and more"))
