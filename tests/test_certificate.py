from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SkillCertCommon


@tagged("post_install", "-at_install")
class TestCertificate(SkillCertCommon):
    def mirrors(self, employee=None):
        return self.env["hr.employee.skill"].search(
            [
                ("employee_id", "=", (employee or self.employee).id),
                ("skill_type_id", "=", self.level_type.id),
            ]
        )

    def test_valid_certificate_shows_in_employee_skills(self):
        """A recorded certificate becomes a certification row of the employee's skills."""
        certificate = self.create_certificate(user=self.user_officer, grade=4)
        mirror = certificate.employee_skill_id
        self.assertTrue(mirror)
        self.assertEqual(mirror.employee_id, self.employee)
        self.assertEqual(mirror.skill_id, self.lathe.skill_id)
        self.assertEqual(mirror.skill_level_id, self.levels[4])
        self.assertEqual(mirror.valid_from, date(2024, 6, 28))
        self.assertFalse(mirror.valid_to)
        self.assertIn(mirror, self.employee.certification_ids)
        self.assertIn(self.lathe.skill_id, self.employee.skill_ids)
        self.assertEqual(self.lathe.skill_id.name, "车工")

    def test_highest_valid_level_on_employee(self):
        """The employee shows the highest valid level; level 1 is the highest."""
        self.assertFalse(self.employee.skill_cert_highest_level_id)
        self.create_certificate(grade=4, serial=1)
        self.assertEqual(self.employee.skill_cert_highest_level_id, self.levels[4])
        senior = self.create_certificate(grade=3, serial=2)
        self.create_certificate(grade=5, serial=3, occupation=self.milling)
        self.assertEqual(self.employee.skill_cert_highest_level_id, self.levels[3])
        self.assertEqual(self.employee.skill_cert_highest_certificate_id, senior)
        self.assertEqual(len(self.mirrors()), 3)

    def test_revoke_updates_certificate_mirror_and_highest_level(self):
        """Revoking keeps the certificate, ends its skill row and lowers the highest level."""
        lower = self.create_certificate(grade=4, serial=1)
        higher = self.create_certificate(grade=3, serial=2)
        # an issue date in the past: hr_skills archives (not deletes) rows older than a day
        mirror = higher.employee_skill_id
        action = higher.with_user(self.user_manager).action_open_revoke_wizard()
        self.env["skill.cert.reason.wizard"].with_user(self.user_manager).with_context(
            **action["context"]
        ).create({"reason": "材料造假"}).action_confirm()
        self.assertEqual(higher.state, "revoked")
        self.assertEqual(higher.revoke_reason, "材料造假")
        self.assertEqual(higher.revoked_by_id, self.user_manager)
        self.assertEqual(mirror.valid_to, date.today() - timedelta(days=1))
        self.assertEqual(self.employee.skill_cert_highest_certificate_id, lower)
        self.assertEqual(self.employee.skill_cert_highest_level_id, self.levels[4])
        # revoking the last one leaves no level at all
        lower.with_user(self.user_manager)._do_revoke("撤销")
        self.assertFalse(self.employee.skill_cert_highest_level_id)

    def test_revoke_needs_manager_and_reason(self):
        certificate = self.create_certificate()
        with self.assertRaises(AccessError):
            certificate.with_user(self.user_officer)._do_revoke("reason")
        with self.assertRaises(UserError):
            certificate.with_user(self.user_manager)._do_revoke("  ")
        self.assertEqual(certificate.state, "valid")
        certificate.with_user(self.user_manager)._do_revoke("reason")
        with self.assertRaisesRegex(UserError, "already revoked"):
            certificate.with_user(self.user_manager)._do_revoke("again")

    def test_revoked_certificate_is_frozen(self):
        certificate = self.create_certificate()
        certificate._do_revoke("reason")
        with self.assertRaisesRegex(UserError, "revoked"):
            certificate.with_user(self.user_officer).write({"issue_date": "2024-07-01"})

    def test_correcting_level_moves_the_mirror(self):
        certificate = self.create_certificate(grade=4)
        old_mirror = certificate.employee_skill_id
        certificate.with_user(self.user_officer).write(
            {"level_id": self.levels[3].id, "name": self.certificate_number(3)}
        )
        self.assertNotEqual(certificate.employee_skill_id, old_mirror)
        self.assertEqual(certificate.employee_skill_id.skill_level_id, self.levels[3])
        self.assertEqual(len(self.mirrors().filtered(lambda row: not row.valid_to)), 1)

    def test_nobody_deletes_a_certificate(self):
        certificate = self.create_certificate()
        with self.assertRaises(AccessError):
            certificate.with_user(self.user_officer).unlink()
        with self.assertRaises(AccessError):
            certificate.with_user(self.user_manager).unlink()
        with self.assertRaisesRegex(UserError, "revoke"):
            certificate.unlink()
        self.assertTrue(certificate.exists())

    def test_duplicate_number_refused_naming_holder(self):
        self.create_certificate(serial=7)
        with self.assertRaisesRegex(ValidationError, "already used by the certificate of 张伟"):
            self.create_certificate(employee=self.colleague, serial=7)
        self.assertEqual(
            self.env["skill.cert.certificate"].search_count(
                [("name", "=", self.certificate_number(4, 7))]
            ),
            1,
        )

    def test_number_shape_and_level_digit(self):
        with self.assertRaisesRegex(ValidationError, "21 digits"):
            self.create_certificate(name="Y12345")
        with self.assertRaisesRegex(ValidationError, "level digit 3"):
            self.create_certificate(grade=4, name=self.certificate_number(3))
        # lower-case letters and spaces are normalised
        certificate = self.create_certificate(name=" " + self.certificate_number(4).lower())
        self.assertEqual(certificate.name, self.certificate_number(4))

    def test_relaxed_number_check_is_logged(self):
        partner = self.company.partner_id
        messages_before = len(partner.message_ids)
        self.company.skill_cert_relax_number_check = True
        self.assertEqual(len(partner.message_ids), messages_before + 1)
        self.assertIn("relaxed", partner.message_ids[0].body)
        certificate = self.create_certificate(name="ZJ-2024-0001")
        self.assertEqual(certificate.name, "ZJ-2024-0001")
        self.company.skill_cert_relax_number_check = False
        self.assertIn("restored", partner.message_ids[0].body)

    def test_access_type_occupation_refused(self):
        with self.assertRaisesRegex(ValidationError, "access-type"):
            self.create_certificate(occupation=self.welding)
        self.assertFalse(
            self.env["skill.cert.certificate"].search([("occupation_id", "=", self.welding.id)])
        )

    def test_work_type_of_access_type_occupation_refused(self):
        work_type = self.env["skill.cert.occupation"].create(
            {"name": "某工种", "parent_id": self.welding.id}
        )
        self.assertFalse(work_type.is_certifiable)
        with self.assertRaisesRegex(ValidationError, "access-type"):
            self.create_certificate(occupation=work_type)

    def test_manual_certificate_needs_a_scan(self):
        with self.assertRaisesRegex(ValidationError, "scan"):
            self.create_certificate(document=False)

    def test_second_valid_certificate_same_occupation_level_refused(self):
        self.create_certificate(serial=1)
        with self.assertRaisesRegex(ValidationError, "already holds a valid certificate"):
            self.create_certificate(serial=2)

    def test_issuer_name_follows_type(self):
        own = self.create_certificate(serial=1)
        self.assertEqual(own.issuer_name, self.company.name)
        other = self.create_certificate(
            serial=2, grade=3, issuer_type="other", issuer_name="浙江省某评价机构"
        )
        self.assertEqual(other.issuer_name, "浙江省某评价机构")

    def test_employee_cannot_forge_a_level_in_skills(self):
        """hr_skills lets employees edit their own skills; not the vocational levels."""
        certificate = self.create_certificate()
        own_employee = self.employee.with_user(self.user_employee)
        with self.assertRaisesRegex(UserError, "certificates"):
            self.env["hr.employee.skill"].with_user(self.user_employee).create(
                {
                    "employee_id": self.employee.id,
                    "skill_type_id": self.level_type.id,
                    "skill_id": self.milling.skill_id.id,
                    "skill_level_id": self.levels[1].id,
                }
            )
        with self.assertRaisesRegex(UserError, "certificates"):
            certificate.employee_skill_id.with_user(self.user_employee).write(
                {"skill_level_id": self.levels[1].id}
            )
        with self.assertRaisesRegex(UserError, "certificates"):
            own_employee.sudo().write(
                {"employee_skill_ids": [Command.delete(certificate.employee_skill_id.id)]}
            )
        self.assertFalse(certificate.employee_skill_id.valid_to)
        self.assertEqual(certificate.employee_skill_id.skill_level_id, self.levels[4])

    def test_certificate_of_other_company_employee_refused(self):
        with self.assertRaises(UserError):
            self.create_certificate(employee=self.other_employee, company_id=self.company.id)
