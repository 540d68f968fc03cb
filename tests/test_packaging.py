"""The tool versions cannot drift: .pre-commit-config.yaml runs the static checks at the
versions of requirements-lint.txt (which scripts/test.sh installs), and both addons
declare whool as their build backend (scripts/check_wheels.sh builds and installs them).

Plain file reading: no database. A hook repository this file does not know fails the
test until it is mapped to its package, so a new tool cannot escape the comparison.
"""

import re
from pathlib import Path

from odoo.tests import BaseCase, tagged

BRIDGE = "l10n_cn_hr_skill_certification_payroll"
# pre-commit hook repository -> the PyPI package requirements-lint.txt pins
HOOK_PACKAGES = {
    "https://github.com/astral-sh/ruff-pre-commit": "ruff",
    "https://github.com/OCA/pylint-odoo": "pylint-odoo",
    "https://github.com/OCA/odoo-pre-commit-hooks": "oca-odoo-pre-commit-hooks",
}
# pinned in requirements-lint.txt without being a pre-commit hook
NOT_HOOKS = {"whool"}  # builds the wheels (scripts/build_wheels.sh)
HOOK_IDS = {"ruff-check", "ruff-format", "pylint_odoo", "oca-checks-odoo-module", "oca-checks-po"}

REPO_LINE = re.compile(r"^\s*-\s+repo:\s*(\S+)\s*$")
REV_LINE = re.compile(r"^\s*rev:\s*['\"]?([^'\"\s]+)['\"]?\s*$")
ID_LINE = re.compile(r"^\s*-\s+id:\s*(\S+)\s*$")
PIN_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(\S+)\s*$")


def pinned_versions(text):
    """{package: version} of a requirements file, and the lines that are not pins."""
    pins, others = {}, []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN_LINE.match(line)
        if match:
            pins[match[1].lower()] = match[2]
        else:
            others.append(line)
    return pins, others


def hook_revisions(text):
    """{repository: rev} and the hook ids of a .pre-commit-config.yaml (local repositories
    have no rev)."""
    revisions, ids, repo = {}, set(), None
    for line in text.splitlines():
        if match := REPO_LINE.match(line):
            repo = match[1]
            revisions[repo] = None
        elif (match := REV_LINE.match(line)) and repo:
            revisions[repo] = match[1]
        elif match := ID_LINE.match(line):
            ids.add(match[1])
    revisions.pop("local", None)
    return revisions, ids


def drift(config_text, requirements_text):
    """What differs between the hooks and the pins, in words (empty: nothing)."""
    pins, others = pinned_versions(requirements_text)
    revisions, _ids = hook_revisions(config_text)
    problems = [f"requirements-lint.txt: {line!r} is not pinned with ==" for line in others]
    for repo, rev in revisions.items():
        package = HOOK_PACKAGES.get(repo)
        if not package:
            problems.append(f"{repo}: unknown hook repository; map it in HOOK_PACKAGES")
        elif package not in pins:
            problems.append(f"{repo}: {package} is not pinned in requirements-lint.txt")
        elif rev != f"v{pins[package]}":
            problems.append(f"{repo}: rev {rev}, requirements-lint.txt has {pins[package]}")
    hooked = {HOOK_PACKAGES.get(repo) for repo in revisions}
    problems += [
        f"requirements-lint.txt pins {package}, which has no hook in .pre-commit-config.yaml"
        for package in sorted(set(pins) - hooked - NOT_HOOKS)
    ]
    return problems


@tagged("post_install", "-at_install")
class TestPackaging(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the checkout itself (the addons folder of scripts/test.sh links its entries,
        # not its dotfiles), or the installed addon
        cls.root = Path(__file__).resolve().parent.parent

    def text_of(self, relative):
        return (self.root / relative).read_text(encoding="utf-8")

    def test_pre_commit_runs_the_pinned_versions(self):
        config, requirements = (
            self.text_of(".pre-commit-config.yaml"),
            self.text_of("requirements-lint.txt"),
        )
        self.assertEqual(drift(config, requirements), [])
        _revisions, ids = hook_revisions(config)
        self.assertLessEqual(HOOK_IDS, ids, "a static check of scripts/test.sh has no hook")
        self.assertIn("--rcfile=.pylintrc", config)

    def test_the_addons_build_with_whool(self):
        if not (self.root / "pyproject.toml").is_file():
            # whool leaves pyproject.toml out of the wheels (scripts/check_wheels.sh
            # fails when the checkout lacks it: the wheels do not build)
            self.skipTest("the addon is installed from its wheel")
        for relative in ("pyproject.toml", f"bridges/{BRIDGE}/pyproject.toml"):
            with self.subTest(relative):
                text = self.text_of(relative)
                self.assertIn('build-backend = "whool.buildapi"', text)
                self.assertRegex(text, r'requires = \["whool"\]')

    def test_the_checks_catch_what_they_should(self):
        requirements = "ruff==1.0\npylint-odoo==2.0\noca-odoo-pre-commit-hooks==3.0\nwhool==4\n"
        config = (
            "repos:\n"
            "  - repo: local\n    hooks:\n      - id: forbidden-files\n"
            "  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v1.0\n"
            "  - repo: https://github.com/OCA/pylint-odoo\n    rev: v2.0\n"
            "  - repo: https://github.com/OCA/odoo-pre-commit-hooks\n    rev: 'v3.0'\n"
        )
        self.assertEqual(drift(config, requirements), [])
        self.assertEqual(
            drift(config.replace("rev: v2.0", "rev: v2.1"), requirements),
            ["https://github.com/OCA/pylint-odoo: rev v2.1, requirements-lint.txt has 2.0"],
        )
        self.assertIn(
            "requirements-lint.txt pins black, which has no hook in .pre-commit-config.yaml",
            drift(config, requirements + "black==24.1\n"),
        )
        self.assertIn(
            "requirements-lint.txt: 'ruff>=1' is not pinned with ==",
            drift(config, requirements.replace("ruff==1.0", "ruff>=1")),
        )
        unknown = config + "  - repo: https://github.com/psf/black\n    rev: 24.1\n"
        self.assertIn(
            "https://github.com/psf/black: unknown hook repository; map it in HOOK_PACKAGES",
            drift(unknown, requirements),
        )
