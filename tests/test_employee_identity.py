from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from ..tools.dates import shanghai_today
from .common import SkillCertCommon


@tagged("post_install", "-at_install")
class TestEmployeeIdentity(SkillCertCommon):
    def new_employee(self, **vals):
        return (
            self.env["hr.employee"]
            .with_company(self.company)
            .create({"name": "新员工", "company_id": self.company.id, **vals})
        )

    def test_birthday_and_gender_filled_from_id_number(self):
        employee = self.new_employee(identification_id="330523199705010065")
        self.assertEqual(employee.birthday, date(1997, 5, 1))
        self.assertEqual(employee.sex, "female")

    def test_id_number_is_normalised(self):
        employee = self.new_employee(identification_id=" 34122119930916009x ")
        self.assertEqual(employee.identification_id, "34122119930916009X")

    def test_wrong_checksum_refused_naming_employee(self):
        with self.assertRaisesRegex(ValidationError, "新员工.*check digit"):
            self.new_employee(identification_id="330523199705010066")
        self.assertFalse(self.env["hr.employee"].search([("name", "=", "新员工")]))

    def test_wrong_length_and_format_refused(self):
        with self.assertRaisesRegex(ValidationError, "18 characters"):
            self.new_employee(identification_id="33050319970501006")
        with self.assertRaisesRegex(ValidationError, "17 digits"):
            self.new_employee(identification_id="33050319970501A065")

    def test_impossible_birth_date_refused(self):
        # 1997-02-30 does not exist; the check digit is right for these 17 digits
        with self.assertRaisesRegex(ValidationError, "birth date"):
            self.new_employee(identification_id="330503199702300061")

    def test_birthday_mismatch_refused(self):
        with self.assertRaisesRegex(ValidationError, "新员工.*birthday"):
            self.new_employee(identification_id="330523199705010065", birthday="1997-05-02")
        with self.assertRaisesRegex(ValidationError, "张伟.*birthday"):
            self.employee.birthday = date(1990, 1, 1)

    def test_gender_mismatch_refused(self):
        with self.assertRaisesRegex(ValidationError, "gender"):
            self.new_employee(identification_id="330523199705010065", sex="male")

    def test_id_number_unique_per_company(self):
        with self.assertRaisesRegex(ValidationError, "another employee"):
            self.new_employee(identification_id=self.employee.identification_id)
        self.employee.action_archive()
        with self.assertRaisesRegex(ValidationError, "maybe archived"):
            self.new_employee(identification_id="330503198803120014")
        # the same person may be employed by another company of the group
        other = (
            self.env["hr.employee"]
            .with_company(self.other_company)
            .create(
                {
                    "name": "张伟",
                    "company_id": self.other_company.id,
                    "identification_id": "330503198803120014",
                }
            )
        )
        self.assertEqual(other.birthday, date(1988, 3, 12))

    def test_foreign_employee_id_not_checked_as_resident_id(self):
        employee = self.new_employee(
            identification_id="X1234567", country_id=self.env.ref("base.fr").id
        )
        self.assertEqual(employee.identification_id, "X1234567")
        self.assertFalse(employee.birthday)

    def test_id_number_tracked_masked_only(self):
        """The chatter records that the ID number changed, never the number itself."""
        employee = self.new_employee()
        # drop the pending tracking of the fixtures, made without tracking
        self.env.flush_all()
        self.env.cr.precommit.clear()
        employee = employee.with_context(tracking_disable=False)
        employee.identification_id = "330523199705010065"
        employee.write({"birthday": False, "sex": False})
        employee.identification_id = "341221199309160081"
        self.assertEqual(employee.birthday, date(1993, 9, 16))
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when committing
        values = (
            self.env["mail.tracking.value"]
            .search([("field_id.name", "=", "identification_id")])
            .filtered(
                lambda value: value.mail_message_id.res_id in employee.ids + employee.version_id.ids
            )
        )
        self.assertTrue(values)
        texts = values.mapped("old_value_char") + values.mapped("new_value_char")
        self.assertIn("3412**********0081", texts)
        for text in texts:
            self.assertNotIn("3305231997", text or "")
            self.assertNotIn("3412211993", text or "")

    def test_negative_pension_months_refused(self):
        with self.assertRaisesRegex(ValidationError, "张伟.*negative"):
            self.employee.skill_cert_pension_months = -1

    def test_pension_months(self):
        employee = self.new_employee(skill_cert_pension_since="2024-01-15")
        self.assertEqual(employee._skill_cert_pension_months_at(date(2025, 1, 14)), 11)
        self.assertEqual(employee._skill_cert_pension_months_at(date(2025, 1, 15)), 12)
        other = self.new_employee(skill_cert_pension_months=10)
        # the day is Shanghai's, whatever the server's clock says
        self.assertEqual(other.skill_cert_pension_months_date, shanghai_today())
        other.skill_cert_pension_months_date = date(2025, 1, 1)
        self.assertEqual(other._skill_cert_pension_months_at(date(2025, 3, 1)), 12)
        with self.assertRaisesRegex(ValidationError, "future"):
            employee.skill_cert_pension_since = date(2999, 1, 1)

    def test_seniority_years(self):
        employee = self.new_employee(skill_cert_seniority_since="2015-06-01")
        self.assertGreaterEqual(employee.skill_cert_seniority_years, 10)

    def test_employment_category_needs_subsidiary_or_agency(self):
        agency = self.env["res.partner"].create({"name": "某劳务派遣公司", "is_company": True})
        with self.assertRaisesRegex(ValidationError, "dispatching agency"):
            self.employee.skill_cert_employment_category = "dispatched"
        self.employee.write(
            {
                "skill_cert_employment_category": "dispatched",
                "skill_cert_dispatch_agency_id": agency.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "subsidiary"):
            self.employee.skill_cert_employment_category = "subsidiary"

    def test_chinese_education_levels(self):
        field = self.env["hr.employee"]._fields["certificate"]
        selection = dict(field._description_selection(self.env))
        self.assertEqual(selection["junior_college"], "Junior college")
        self.assertIn("bachelor", selection)

    def test_form_onchange_fills_and_warns_for_unknown_region(self):
        with Form(self.env["hr.employee"].with_company(self.company)) as form:
            form.name = "表单员工"
            form.identification_id = "330523199705010065"
            self.assertEqual(form.birthday, date(1997, 5, 1))
            self.assertEqual(form.sex, "female")
        # checksum and birth date are right, but no region has the code 990503
        employee = self.env["hr.employee"].new(
            {"name": "x", "company_id": self.company.id, "identification_id": "990503199705010062"}
        )
        result = employee._onchange_skill_cert_identification_id()
        self.assertIn("region table", result["warning"]["message"])
        self.assertEqual(employee.birthday, date(1997, 5, 1))
        # a warning only: the number is accepted
        self.new_employee(identification_id="990503199705010062")
