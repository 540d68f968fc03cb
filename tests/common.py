import base64
from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

SCAN = base64.b64encode(b"%PDF-1.4 scan of a certificate")


class SkillCertCommon(TransactionCase):
    """A company in China with two departments, occupations, employees and one user
    per role of skill certification, plus a second company for multi-company tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        china = cls.env.ref("base.cn")
        cls.company = cls.env["res.company"].create(
            {"name": "南浔示范电机有限公司", "country_id": china.id}
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "另一家试点企业", "country_id": china.id}
        )
        cls.levels = cls.env["hr.skill.type"]._skill_cert_get_levels()
        cls.level_type = cls.env["hr.skill.type"]._skill_cert_get_level_type()
        cls.lathe = cls.env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_01")
        cls.milling = cls.env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_02")
        cls.welding = cls.env["skill.cert.occupation"].create(
            {"code": "6-18-02-99", "name": "测试准入类职业", "is_access_type": True}
        )

        def user(login, groups, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
                name=login,
            )

        group = "l10n_cn_hr_skill_certification.group_skill_cert_"
        cls.user_employee = user("sc_employee", "base.group_user")
        cls.user_colleague = user("sc_colleague", "base.group_user")
        cls.user_examiner = user("sc_examiner", f"base.group_user,{group}examiner")
        cls.user_supervisor = user("sc_supervisor", f"base.group_user,{group}supervisor")
        cls.user_officer = user("sc_officer", f"base.group_user,{group}officer")
        cls.user_manager = user("sc_manager", f"base.group_user,{group}manager")
        cls.user_hr = user("sc_hr", "base.group_user,hr.group_hr_user")
        cls.user_other_officer = user(
            "sc_other_officer", f"base.group_user,{group}officer", cls.other_company
        )

        cls.department = cls.env["hr.department"].create(
            {"name": "机加工车间", "company_id": cls.company.id}
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        cls.employee = Employee.create(
            {
                "name": "张伟",
                "company_id": cls.company.id,
                "department_id": cls.department.id,
                "user_id": cls.user_employee.id,
                "identification_id": "330503198803120014",
            }
        )
        cls.colleague = Employee.create(
            {
                "name": "李娜",
                "company_id": cls.company.id,
                "department_id": cls.department.id,
                "user_id": cls.user_colleague.id,
                "identification_id": "330503199207040020",
            }
        )
        cls.other_employee = (
            cls.env["hr.employee"]
            .with_company(cls.other_company)
            .create({"name": "王强", "company_id": cls.other_company.id})
        )

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Like unittest's, but inside Odoo's savepoint (as ``assertRaises`` is), so
        that a refused operation leaves the database as it was for the next step."""
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    @staticmethod
    def certificate_number(grade, serial=1, year=24, letter="Y"):
        """A well-formed number: letter, 12 digits, year, level digit, 6-digit serial."""
        return f"{letter}330503001200{year:02d}{grade}{serial:06d}"

    def certificate_vals(self, employee=None, grade=4, serial=1, occupation=None, **extra):
        return {
            "name": self.certificate_number(grade, serial),
            "employee_id": (employee or self.employee).id,
            "occupation_id": (occupation or self.lathe).id,
            "level_id": self.levels[grade].id,
            "issue_date": "2024-06-28",
            "document": SCAN,
            "document_name": "scan.pdf",
            **extra,
        }

    def create_certificate(self, user=None, **kwargs):
        Certificate = self.env["skill.cert.certificate"]
        if user:
            Certificate = Certificate.with_user(user)
        return Certificate.create(self.certificate_vals(**kwargs))
