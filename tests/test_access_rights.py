from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SkillCertCommon


@tagged("post_install", "-at_install", "access_rights")
class TestAccessRights(SkillCertCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_certificate = cls.env["skill.cert.certificate"].create(
            cls.certificate_vals(cls, serial=1)
        )
        cls.colleague_certificate = cls.env["skill.cert.certificate"].create(
            cls.certificate_vals(cls, employee=cls.colleague, serial=2)
        )

    def test_employees_read_only_their_own_certificates(self):
        for user in (self.user_employee, self.user_examiner, self.user_supervisor):
            Certificate = self.env["skill.cert.certificate"].with_user(user)
            visible = Certificate.search([])
            self.assertNotIn(self.colleague_certificate, visible)
            with self.assertRaises(AccessError):
                self.colleague_certificate.with_user(user).read(["name"])
        mine = self.env["skill.cert.certificate"].with_user(self.user_employee).search([])
        self.assertEqual(mine, self.own_certificate)
        self.assertEqual(
            self.own_certificate.with_user(self.user_employee).employee_skill_id,
            self.own_certificate.employee_skill_id,
        )

    def test_employee_cannot_change_own_certificate(self):
        with self.assertRaises(AccessError):
            self.own_certificate.with_user(self.user_employee).write({"issue_date": "2024-01-01"})

    def test_hr_and_officers_read_all_certificates_of_their_company(self):
        for user in (self.user_hr, self.user_officer, self.user_manager):
            visible = self.env["skill.cert.certificate"].with_user(user).search([])
            self.assertIn(self.colleague_certificate, visible)
            self.assertIn(self.own_certificate, visible)

    def test_multi_company_isolation(self):
        Certificate = self.env["skill.cert.certificate"].with_user(self.user_other_officer)
        self.assertFalse(Certificate.search([("id", "in", self.own_certificate.ids)]))
        with self.assertRaises(AccessError):
            self.own_certificate.with_user(self.user_other_officer).read(["name"])
        own_company_occupation = self.env["skill.cert.occupation"].create(
            {"name": "本公司专用", "code": "6-99-98-01", "company_id": self.company.id}
        )
        Occupation = self.env["skill.cert.occupation"].with_user(self.user_other_officer)
        self.assertNotIn(own_company_occupation, Occupation.search([]))
        self.assertIn(self.lathe, Occupation.search([]))

    def test_id_number_hidden_from_non_officers(self):
        """Employees, examiners and supervisors can neither read nor search ID numbers."""
        for user in (self.user_employee, self.user_examiner, self.user_supervisor):
            with self.assertRaises(AccessError):
                self.colleague.with_user(user).read(["identification_id"])
            # non-HR users are redirected to hr.employee.public, which has no such field
            try:
                found = (
                    self.env["hr.employee"]
                    .with_user(user)
                    .search([("identification_id", "=", "330503199207040020")])
                )
            except (AccessError, ValueError):
                found = None
            self.assertIsNone(found, "a non-officer searched employees by ID number")
            public = self.env["hr.employee.public"].with_user(user).browse(self.colleague.id)
            self.assertEqual(public.name, "李娜")
            self.assertNotIn("identification_id", public._fields)
            self.assertNotIn("skill_cert_pension_months", public._fields)

    def test_officers_and_hr_read_personal_data(self):
        for user in (self.user_officer, self.user_hr):
            data = self.colleague.with_user(user).read(
                ["identification_id", "skill_cert_employment_category"]
            )[0]
            self.assertEqual(data["identification_id"], "330503199207040020")
        self.colleague.with_user(self.user_officer).skill_cert_pension_months = 24
        self.assertEqual(self.colleague.skill_cert_pension_months, 24)

    def test_officer_records_certificate_manager_revokes(self):
        certificate = self.create_certificate(user=self.user_officer, grade=3, serial=3)
        self.assertEqual(certificate.create_uid, self.user_officer)
        with self.assertRaises(AccessError):
            certificate.with_user(self.user_officer).action_open_revoke_wizard()
        action = certificate.with_user(self.user_manager).action_open_revoke_wizard()
        self.assertEqual(action["res_model"], "skill.cert.reason.wizard")
        self.assertEqual(
            action["context"],
            {
                "default_res_model": certificate._name,
                "default_res_ids": certificate.ids,
                "default_action": "revoke",
            },
        )
        with self.assertRaises(AccessError):
            self.create_certificate(user=self.user_hr, grade=3, serial=4)
        with self.assertRaises(AccessError):
            self.create_certificate(user=self.user_employee, grade=3, serial=5)
