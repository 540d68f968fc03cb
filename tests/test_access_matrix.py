import re

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .access_matrix import ACCESS_MATRIX, ROLE_LABELS, ROLES
from .common import PlanCommon

MODULE = "l10n_cn_hr_skill_certification"
GROUPS = {
    "portal": "base.group_portal",
    "employee": "base.group_user",
    "examiner": f"base.group_user,{MODULE}.group_skill_cert_examiner",
    "supervisor": f"base.group_user,{MODULE}.group_skill_cert_supervisor",
    "external": f"base.group_user,{MODULE}.group_skill_cert_external_supervisor",
    "officer": f"base.group_user,{MODULE}.group_skill_cert_officer",
    "manager": f"base.group_user,{MODULE}.group_skill_cert_manager",
    "hr": "base.group_user,hr.group_hr_user",
    "payroll": f"base.group_user,{MODULE}.group_skill_allowance_officer",
    "allowance_manager": f"base.group_user,{MODULE}.group_skill_allowance_manager",
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


def readme_table():
    """The access table as the README shows it."""
    header = "| Model | " + " | ".join(ROLE_LABELS[role] for role in ROLES) + " |"
    lines = [header, "|" + "---|" * (len(ROLES) + 1)]
    for model, rights in ACCESS_MATRIX.items():
        lines.append(f"| `{model}` | " + " | ".join(rights.split()) + " |")
    return "\n".join(lines)


@tagged("post_install", "-at_install", "access_rights")
class TestAccessMatrix(PlanCommon):
    """The declared matrix is what the database grants, every model of the addon is in
    it, and record rules keep each company's and each plan's data in its lane."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {
            role: cls.new_user(f"matrix_{role}", groups) for role, groups in GROUPS.items()
        }

    def test_matrix_is_what_the_database_grants(self):
        Access = self.env["ir.model.access"]
        for model, rights in ACCESS_MATRIX.items():
            for role, allowed in zip(ROLES, rights.split(), strict=True):
                user = self.role_users[role]
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            Access.with_user(user).check(model, operation, raise_exception=False),
                            letter in allowed,
                        )

    def test_every_model_is_declared(self):
        models = {
            model.model
            for model in self.env["ir.model"].search([("model", "like", "skill.cert.")])
            if not self.env[model.model]._abstract
        }
        self.assertEqual(models, set(ACCESS_MATRIX))

    def test_readme_shows_the_matrix(self):
        with open(f"{get_module_path(MODULE)}/README.md", encoding="utf-8") as readme:
            text = readme.read()
        rows = [line for line in text.splitlines() if re.match(r"^\| (Model|`skill\.cert\.)", line)]
        self.assertEqual(
            "\n".join(rows[:1] + rows[1:]),
            "\n".join(line for line in readme_table().splitlines() if not line.startswith("|-")),
            "README's access table differs from tests/access_matrix.py; it should read:\n"
            + readme_table(),
        )

    def test_record_rules_across_two_companies(self):
        """An officer and a manager of another company read none of this company's
        certification records, whatever the model; employees read their own only."""
        plan = self.create_plan()
        self.to_confirmed(plan)
        self.create_certificate()
        other_manager = self.new_user(
            "matrix_other_manager", GROUPS["manager"], company=self.other_company
        )
        company_paths = {
            "skill.cert.inspection.line.part": "line_id.company_id",
            "skill.cert.inspection.veto": "inspection_id.company_id",
        }
        for model in ACCESS_MATRIX:
            Model = self.env[model]
            path = company_paths.get(model, "company_id")
            if Model._transient or path.split(".")[0] not in Model._fields:
                continue
            mine = Model.search([(path, "=", self.company.id)])
            for user in (self.user_other_officer, other_manager):
                with self.subTest(model=model, user=user.login):
                    self.assertFalse(mine.with_user(user)._filtered_access("read"))
        registrations = plan.registration_ids
        candidate = self.new_user("matrix_candidate", "base.group_user")
        registrations[0].employee_id.user_id = candidate
        Registration = self.env["skill.cert.registration"].with_user(candidate)
        self.assertEqual(Registration.search([]), registrations[0])
        self.assertFalse(
            self.env["skill.cert.allowance.sheet"].with_user(candidate).has_access("read")
        )
