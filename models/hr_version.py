from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools import identity
from ..tools.dates import shanghai_today


class HrVersion(models.Model):
    _inherit = "hr.version"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("identification_id"):
                vals["identification_id"] = identity.compact(vals["identification_id"])
        versions = super().create(vals_list)
        return versions

    def write(self, vals):
        if vals.get("identification_id"):
            vals["identification_id"] = identity.compact(vals["identification_id"])
        return super().write(vals)

    @api.constrains("identification_id", "sex", "country_id", "company_id", "employee_id")
    def _check_skill_cert_identity(self):
        # A version is checked once it belongs to an employee, whose name the messages give.
        for version in self.filtered("employee_id"):
            if version.identification_id and version._skill_cert_holds_resident_id():
                version._skill_cert_check_resident_id()

    def _skill_cert_holds_resident_id(self):
        """Whether the identification number is a mainland resident ID card number:
        for Chinese nationals, or when no nationality is given in a company in China."""
        self.ensure_one()
        country = self.country_id or self.company_id.country_id
        return country.code == "CN"

    def _skill_cert_check_resident_id(self):
        self.ensure_one()
        holder = self.employee_id.name
        number = self.identification_id
        problem = identity.find_problem(number, shanghai_today())
        if problem:
            raise ValidationError(
                self.env._(
                    "%(employee)s: the resident ID number is not valid (%(problem)s).",
                    employee=holder,
                    problem=self._skill_cert_describe_problem(problem),
                )
            )
        employee = self.employee_id
        if employee.birthday and employee.birthday != identity.birth_date(number):
            raise ValidationError(
                self.env._(
                    "%(employee)s: the birthday %(birthday)s does not match the birth date "
                    "in the resident ID number.",
                    employee=holder,
                    birthday=employee.birthday,
                )
            )
        if self.sex in ("male", "female") and self.sex != identity.sex(number):
            raise ValidationError(
                self.env._(
                    "%(employee)s: the gender does not match the resident ID number.",
                    employee=holder,
                )
            )
        # sudo: the number must be unique in the company, including employees the
        # user cannot see (archived ones or those of departments out of reach).
        same_number = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("identification_id", "=", number),
                    ("company_id", "=", self.company_id.id),
                    ("id", "!=", employee.id),
                ],
                limit=1,
            )
        )
        if same_number:
            raise ValidationError(
                self.env._(
                    "%(employee)s: another employee of %(company)s (maybe archived) "
                    "already has this resident ID number.",
                    employee=holder,
                    company=self.company_id.name,
                )
            )

    def _skill_cert_describe_problem(self, problem):
        return {
            identity.IdNumberProblem.LENGTH: self.env._("it must have 18 characters"),
            identity.IdNumberProblem.FORMAT: self.env._(
                "17 digits and a final digit or X are expected"
            ),
            identity.IdNumberProblem.CHECKSUM: self.env._("the check digit is wrong"),
            identity.IdNumberProblem.BIRTH_DATE: self.env._(
                "the birth date in it is not a real, past date"
            ),
        }[problem]
