from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import identity
from ..tools.dates import shanghai_today
from ..tools.roles import GROUP_OFFICER

EMPLOYMENT_CATEGORIES = [
    ("own", "Own staff"),
    ("subsidiary", "Subsidiary staff"),
    ("dispatched", "Dispatched worker"),
]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    skill_cert_employment_category = fields.Selection(
        EMPLOYMENT_CATEGORIES,
        string="Employment Category",
        default="own",
        groups="hr.group_hr_user",
        tracking=True,
        help="Article 3: own staff, staff of a wholly-owned or controlled subsidiary, "
        "or workers dispatched by a labour dispatch agency.",
    )
    skill_cert_subsidiary_id = fields.Many2one(
        "res.partner",
        string="Subsidiary",
        groups="hr.group_hr_user",
        tracking=True,
    )
    skill_cert_dispatch_agency_id = fields.Many2one(
        "res.partner",
        string="Dispatching Agency",
        groups="hr.group_hr_user",
        tracking=True,
    )
    skill_cert_unit_name = fields.Char(
        string="Work Unit",
        compute="_compute_skill_cert_unit_name",
        groups="hr.group_hr_user",
        help="The unit printed on certification forms (所在单位).",
    )
    skill_cert_pension_since = fields.Date(
        string="Pension Insurance Paid Since",
        groups="hr.group_hr_user",
        tracking=True,
        help="Start of uninterrupted basic pension insurance contributions, "
        "by the company or the dispatching agency.",
    )
    skill_cert_pension_months = fields.Integer(
        string="Pension Insurance Months Paid",
        groups="hr.group_hr_user",
        tracking=True,
        help="Months of contributions already paid, when the start date is not known.",
    )
    skill_cert_pension_months_date = fields.Date(
        string="Months Counted On",
        compute="_compute_skill_cert_pension_months_date",
        store=True,
        readonly=False,
        groups="hr.group_hr_user",
    )
    skill_cert_pension_months_current = fields.Integer(
        string="Pension Insurance Months",
        compute="_compute_skill_cert_pension_months_current",
        groups="hr.group_hr_user",
    )
    skill_cert_seniority_since = fields.Date(
        string="In the Occupation Since",
        groups="hr.group_hr_user",
        tracking=True,
        help="Start of work in the occupation, for the professional seniority (专业工龄).",
    )
    skill_cert_school_major_id = fields.Many2one(
        "skill.cert.occupation",
        string="Graduated in (Speciality)",
        groups="hr.group_hr_user",
        tracking=True,
        help="The occupation the speciality studied corresponds to (本专业或相关专业), for the "
        "schooling routes of the registration conditions.",
    )
    skill_cert_school_level_id = fields.Many2one(
        "hr.skill.level",
        string="School Trains for",
        domain="[('skill_cert_grade', '!=', False)]",
        groups="hr.group_hr_user",
        tracking=True,
        help="The skill level the school's programme trains for (培养目标): a technical school "
        "trains intermediate workers (level 4), a senior technical school or technician "
        "college senior workers (level 3) or technicians (level 2).",
    )
    skill_cert_graduation_date = fields.Date(
        string="Graduation Date",
        groups="hr.group_hr_user",
        tracking=True,
        help="The date on the graduation certificate; for a student, the expected date.",
    )
    skill_cert_current_student = fields.Boolean(
        string="Current-year Student",
        groups="hr.group_hr_user",
        tracking=True,
        help="Still at school, graduating this year (在校应届毕业生).",
    )
    skill_cert_seniority_years = fields.Integer(
        string="Professional Seniority (Years)",
        compute="_compute_skill_cert_seniority_years",
        groups="hr.group_hr_user",
    )
    skill_cert_certificate_ids = fields.One2many(
        "skill.cert.certificate",
        "employee_id",
        string="Skill Certificates",
        groups="hr.group_hr_user",
    )
    skill_cert_certificate_count = fields.Integer(
        compute="_compute_skill_cert_certificate_count", groups="hr.group_hr_user"
    )
    skill_cert_highest_certificate_id = fields.Many2one(
        "skill.cert.certificate",
        string="Highest Certificate",
        compute="_compute_skill_cert_highest",
        store=True,
        groups="hr.group_hr_user",
    )
    skill_cert_highest_level_id = fields.Many2one(
        "hr.skill.level",
        string="Highest Skill Level",
        compute="_compute_skill_cert_highest",
        store=True,
        index="btree_not_null",
    )
    skill_cert_allowance_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Allowance Currency", groups="hr.group_hr_user"
    )
    skill_cert_allowance_amount = fields.Monetary(
        string="Skill Allowance This Month",
        compute="_compute_skill_cert_allowance_amount",
        currency_field="skill_cert_allowance_currency_id",
        groups="hr.group_hr_user",
        help="What the allowance policy pays the employee for the current month, before "
        "back pay; the monthly sheets hold what was actually paid.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.model
    def _get_certificate_selection(self):
        # The Chinese schooling levels (文化程度) printed on Annex 5 come first.
        chinese_levels = {
            "primary": self.env._("Primary school"),
            "junior_high": self.env._("Junior high school"),
            "senior_high": self.env._("Senior high school"),
            "secondary_vocational": self.env._("Secondary vocational / technical school"),
            "junior_college": self.env._("Junior college"),
        }
        return [*chinese_levels.items(), *super()._get_certificate_selection()]

    @api.depends("skill_cert_employment_category", "skill_cert_subsidiary_id", "company_id")
    def _compute_skill_cert_unit_name(self):
        for employee in self:
            if employee.skill_cert_employment_category == "subsidiary":
                employee.skill_cert_unit_name = employee.skill_cert_subsidiary_id.name
            else:
                employee.skill_cert_unit_name = employee.company_id.name

    @api.depends("skill_cert_pension_months")
    def _compute_skill_cert_pension_months_date(self):
        today = shanghai_today()
        for employee in self:
            employee.skill_cert_pension_months_date = (
                today if employee.skill_cert_pension_months else False
            )

    def _compute_skill_cert_pension_months_current(self):
        today = shanghai_today()
        for employee in self:
            employee.skill_cert_pension_months_current = employee._skill_cert_pension_months_at(
                today
            )

    def _compute_skill_cert_seniority_years(self):
        today = shanghai_today()
        for employee in self:
            since = employee.skill_cert_seniority_since
            employee.skill_cert_seniority_years = (
                relativedelta(today, since).years if since and since <= today else 0
            )

    def _compute_skill_cert_certificate_count(self):
        counts = dict(
            self.env["skill.cert.certificate"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.skill_cert_certificate_count = counts.get(employee, 0)

    def _compute_skill_cert_allowance_amount(self):
        month = shanghai_today().replace(day=1)
        Sheet = self.env["skill.cert.allowance.sheet"]
        amounts = {}
        for company, employees in self.grouped("company_id").items():
            entitlements = Sheet._compute_entitlements(company, month, employees)
            amounts.update({key: due.amount for key, due in entitlements.items()})
        for employee in self:
            employee.skill_cert_allowance_amount = amounts.get(employee.id, 0.0)

    @api.depends(
        "skill_cert_certificate_ids.state",
        "skill_cert_certificate_ids.level_id",
    )
    def _compute_skill_cert_highest(self):
        for employee in self:
            valid = employee.skill_cert_certificate_ids.filtered(
                lambda certificate: certificate.state == "valid"
            )
            # Level 1 (Senior Technician) is the highest; the earliest-issued wins a tie.
            highest = valid.sorted(
                lambda certificate: (certificate.level_grade, certificate.issue_date)
            )[:1]
            employee.skill_cert_highest_certificate_id = highest
            employee.skill_cert_highest_level_id = highest.level_id

    def _skill_cert_pension_months_at(self, date):
        """Months of pension insurance paid by ``date`` (Article 3 requires 12)."""
        self.ensure_one()
        if self.skill_cert_pension_since and self.skill_cert_pension_since <= date:
            delta = relativedelta(date, self.skill_cert_pension_since)
            return delta.years * 12 + delta.months
        if self.skill_cert_pension_months_date and self.skill_cert_pension_months:
            delta = relativedelta(date, self.skill_cert_pension_months_date)
            return self.skill_cert_pension_months + max(delta.years * 12 + delta.months, 0)
        return 0

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains("birthday")
    def _check_skill_cert_birthday(self):
        for employee in self:
            version = employee.version_id
            if version.identification_id and version._skill_cert_holds_resident_id():
                version._skill_cert_check_resident_id()

    @api.constrains(
        "skill_cert_pension_months", "skill_cert_pension_since", "skill_cert_seniority_since"
    )
    def _check_skill_cert_pension(self):
        today = shanghai_today()
        for employee in self:
            if employee.skill_cert_pension_months < 0:
                raise ValidationError(
                    self.env._(
                        "%(employee)s: months of pension insurance paid cannot be negative.",
                        employee=employee.name,
                    )
                )
            for field_name in ("skill_cert_pension_since", "skill_cert_seniority_since"):
                if employee[field_name] and employee[field_name] > today:
                    raise ValidationError(
                        self.env._(
                            "%(employee)s: %(field)s cannot be in the future.",
                            employee=employee.name,
                            field=self._fields[field_name]._description_string(self.env),
                        )
                    )

    @api.constrains(
        "skill_cert_employment_category",
        "skill_cert_subsidiary_id",
        "skill_cert_dispatch_agency_id",
    )
    def _check_skill_cert_employment_category(self):
        for employee in self:
            category = employee.skill_cert_employment_category
            if category == "subsidiary" and not employee.skill_cert_subsidiary_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s works for a subsidiary: say which one.",
                        employee=employee.name,
                    )
                )
            if category == "dispatched" and not employee.skill_cert_dispatch_agency_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is a dispatched worker: give the dispatching agency.",
                        employee=employee.name,
                    )
                )

    @api.onchange("identification_id")
    def _onchange_skill_cert_identification_id(self):
        number = identity.compact(self.identification_id)
        country = self.country_id or self.company_id.country_id
        if not number or country.code != "CN":
            return None
        if identity.find_problem(number, shanghai_today()):
            return None
        self.birthday = self.birthday or identity.birth_date(number)
        self.sex = self.sex if self.sex in ("male", "female") else identity.sex(number)
        if not identity.is_region_known(number):
            return {
                "warning": {
                    "title": self.env._("Unknown region code"),
                    "message": self.env._(
                        "The first six digits of this resident ID number are not in the "
                        "region table. Numbers issued in newly created regions can be "
                        "right: check it against the ID card."
                    ),
                }
            }
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees._skill_cert_fill_from_identity()
        return employees

    def write(self, vals):
        result = super().write(vals)
        if vals.get("identification_id"):
            self._skill_cert_fill_from_identity()
        return result

    def _skill_cert_fill_from_identity(self):
        """Fill an empty birthday and gender from a valid resident ID number."""
        today = shanghai_today()
        for employee in self:
            version = employee.version_id
            number = version.identification_id
            if (
                not number
                or not version._skill_cert_holds_resident_id()
                or identity.find_problem(number, today)
            ):
                continue
            vals = {}
            if not employee.birthday:
                vals["birthday"] = identity.birth_date(number)
            if version.sex not in ("male", "female"):
                vals["sex"] = identity.sex(number)
            if vals:
                employee.write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_skill_cert_view_allowance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.action_skill_cert_allowance_line"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_skill_cert_view_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_certificate_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Portal access of workers without an Odoo user
    # ------------------------------------------------------------------

    def action_skill_cert_invite_portal(self):
        """Give each selected worker without an Odoo user a portal user, through Odoo's
        own portal invitation (which mails him his sign-up link), so that he registers,
        fetches his admission ticket and sees his results and certificates himself."""
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(
                self.env._("Only certification officers invite workers to the portal.")
            )
        employees = self.filtered(lambda employee: not employee.user_id)
        if not employees:
            raise UserError(self.env._("Every selected employee already has an Odoo user."))
        without_email = employees.filtered(
            lambda employee: not (employee.work_email or employee.private_email)
        )
        if without_email:
            raise UserError(
                self.env._(
                    "Record a work or private email of these employees first: the portal "
                    "invitation is sent by email and the email is their login.\n%(names)s",
                    names="\n".join(without_email[:30].mapped("name")),
                )
            )
        for employee in employees:
            # sudo: officers are not contact managers; the invitation is Odoo's own portal
            # wizard, for the employee's own work contact, in the employee's company.
            partner = employee.work_contact_id.sudo()
            if not partner:
                employee.sudo()._create_work_contacts()
                partner = employee.work_contact_id.sudo()
            existing = partner.with_context(active_test=False).user_ids.filtered("share")[:1]
            if existing:
                # invited before without being linked: link him, do not invite twice
                employee.sudo().user_id = existing
                continue
            if not partner.email:
                partner.email = employee.work_email or employee.private_email
            wizard = (
                self.env["portal.wizard"]
                .sudo()
                .with_company(employee.company_id)
                .create({"partner_ids": [fields.Command.set(partner.ids)]})
            )
            wizard.user_ids.action_grant_access()
            employee.sudo().user_id = wizard.user_ids.user_id
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s workers are invited to the portal: %(names)s",
                    count=len(employees),
                    names=", ".join(employees[:30].mapped("name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
