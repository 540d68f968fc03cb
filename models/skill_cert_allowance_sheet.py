import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, LockError, UserError, ValidationError

from ..tools import allowance
from ..tools.allowance import month_label
from ..tools.dates import shanghai_today

SHEET_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
]
OFFICER_GROUP = "l10n_cn_hr_skill_certification.group_skill_allowance_officer"
# Lines compared before confirming: what the sheet pays, and why.
COMPARED_FIELDS = ("amount", "back_pay_amount", "level_id", "certificate_id")


class SkillCertAllowanceSheet(models.Model):
    """The skill allowance of one company for one month: one line per employee who is
    paid, or who was paid last month and no longer is.

    A payroll officer generates the sheet (as often as needed while it is a draft),
    reviews the changes against the previous month and confirms it; a confirmed sheet
    is locked, and later corrections reach employees as back pay on a later sheet.
    Months are confirmed in order, so back pay always knows what was paid.
    """

    _name = "skill.cert.allowance.sheet"
    _description = "Monthly Skill Allowance Sheet"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, company_id"
    _check_company_auto = True

    name = fields.Char(string="Month", compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        string="First Day of Month",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_month(),
        help="First day of the month paid.",
    )
    state = fields.Selection(
        SHEET_STATES, required=True, default="draft", readonly=True, copy=False, tracking=True
    )
    policy_id = fields.Many2one(
        "skill.cert.allowance.policy", string="Policy Version", readonly=True, copy=False
    )
    line_ids = fields.One2many(
        "skill.cert.allowance.line", "sheet_id", string="Lines", readonly=True
    )
    generated_date = fields.Datetime(string="Generated On", readonly=True, copy=False)
    generated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(
        string="Confirmed On", readonly=True, copy=False, tracking=True
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    confirmable_date = fields.Date(
        string="Can Be Confirmed From",
        compute="_compute_confirmable_date",
        help="The last day of the month (Asia/Shanghai), or the payroll cut-off day of the "
        "company's settings.",
    )
    line_count = fields.Integer(string="Employees", compute="_compute_totals")
    new_count = fields.Integer(string="New", compute="_compute_totals")
    changed_count = fields.Integer(string="Changed", compute="_compute_totals")
    stopped_count = fields.Integer(string="Stopped", compute="_compute_totals")
    back_pay_count = fields.Integer(string="With Back Pay", compute="_compute_totals")
    amount_total = fields.Monetary(string="Allowance", compute="_compute_totals")
    back_pay_total = fields.Monetary(string="Back Pay", compute="_compute_totals")
    total = fields.Monetary(string="Total to Pay", compute="_compute_totals")

    _month_unique = models.Constraint(
        "UNIQUE(company_id, month)", "A company has one allowance sheet per month."
    )

    # ------------------------------------------------------------------
    # Defaults, computes and constraints
    # ------------------------------------------------------------------

    @api.model
    def _default_month(self):
        """The first month without a sheet: the month after the company's latest sheet,
        or this month (Asia/Shanghai) for its first sheet."""
        company = self.env["res.company"].browse(self.env.context.get("default_company_id"))
        company = company or self.env.company
        # sudo: which months have a sheet is no secret to whoever creates one.
        latest = (
            self.sudo().search([("company_id", "=", company.id)], order="month desc", limit=1).month
        )
        if latest:
            return allowance.add_months(latest, 1)
        return shanghai_today().replace(day=1)

    @api.depends("month", "company_id.skill_cert_payroll_cutoff_day")
    def _compute_confirmable_date(self):
        for sheet in self:
            sheet.confirmable_date = sheet.month and sheet._get_confirmable_date()

    def _get_confirmable_date(self):
        """The first day on which the sheet's month may be confirmed."""
        self.ensure_one()
        cutoff = self.company_id.skill_cert_payroll_cutoff_day
        if cutoff:
            return self.month.replace(day=cutoff)
        return allowance.month_end(self.month)

    @api.depends("month")
    def _compute_name(self):
        # The stored name is the month, the same in every language; the display name
        # says what it is in the reader's language.
        for sheet in self:
            sheet.name = month_label(sheet.month) if sheet.month else False

    @api.depends("name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for sheet in self:
            sheet.display_name = self.env._("Skill Allowance %(month)s", month=sheet.name or "")

    @api.depends("line_ids")
    def _compute_totals(self):
        # Lines are written in bulk: totals are read in one query, never cached as stored.
        groups = self.env["skill.cert.allowance.line"]._read_group(
            [("sheet_id", "in", self.ids)],
            ["sheet_id", "change"],
            ["__count", "amount:sum", "back_pay_amount:sum", "total_amount:sum"],
        )
        back_pay_groups = dict(
            self.env["skill.cert.allowance.line"]._read_group(
                [("sheet_id", "in", self.ids), ("back_pay_amount", ">", 0)],
                ["sheet_id"],
                ["__count"],
            )
        )
        for sheet in self:
            sheet.update(
                {
                    "line_count": 0,
                    "new_count": 0,
                    "changed_count": 0,
                    "stopped_count": 0,
                    "amount_total": 0.0,
                    "back_pay_total": 0.0,
                    "total": 0.0,
                    "back_pay_count": back_pay_groups.get(sheet, 0),
                }
            )
        for sheet, change, count, amount, back_pay, total in groups:
            sheet.line_count += count
            if change in ("new", "changed", "stopped"):
                sheet[f"{change}_count"] = count
            sheet.amount_total += amount
            sheet.back_pay_total += back_pay
            sheet.total += total

    @api.constrains("month")
    def _check_month(self):
        for sheet in self:
            if sheet.month.day != 1:
                raise ValidationError(
                    self.env._(
                        "An allowance sheet covers a whole month: its month starts on the "
                        "first day, not on %(date)s.",
                        date=sheet.month,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Said in words before the unique index refuses it; sudo: the existing sheet may
        # lie outside the companies the user works in.
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            month = (
                fields.Date.to_date(vals.get("month"))
                or self.with_context(default_company_id=company.id)._default_month()
            )
            if self.sudo().search_count([("company_id", "=", company.id), ("month", "=", month)]):
                raise ValidationError(
                    self.env._(
                        "%(company)s already has an allowance sheet for %(month)s.",
                        company=company.name,
                        month=month_label(month),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.keys() & {"company_id", "month", "state"}:
            self._check_draft(self.env._("Change"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_draft(self.env._("Delete"))

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_officer(self, step):
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._(
                    "You may not do “%(step)s” on allowance sheets: it needs the %(group)s "
                    "role of Skill Allowance.",
                    step=step,
                    group=self.env.ref(OFFICER_GROUP).name,
                )
            )

    def _check_draft(self, step):
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(
                    self.env._(
                        "Allowance sheet %(sheet)s of %(company)s is confirmed and locked: "
                        "“%(step)s” is no longer possible. Corrections are paid as back pay "
                        "on a later month.",
                        sheet=sheet.display_name,
                        company=sheet.company_id.name,
                        step=step,
                    )
                )

    def _check_months_in_order(self, step):
        """Months are confirmed one after the other, from the first sheet on: back pay
        relies on knowing what every earlier month paid."""
        for sheet in self:
            earlier = self.search(
                [("company_id", "=", sheet.company_id.id), ("month", "<", sheet.month)],
                order="month desc",
                limit=1,
            )
            later = self.search(
                [
                    ("company_id", "=", sheet.company_id.id),
                    ("month", ">", sheet.month),
                    ("state", "=", "confirmed"),
                ],
                limit=1,
            )
            previous_month = allowance.add_months(sheet.month, -1)
            if later:
                raise UserError(
                    self.env._(
                        "Allowance sheet %(sheet)s: %(later)s is already confirmed. Months "
                        "are paid in order; “%(step)s” on an earlier month is not possible.",
                        sheet=sheet.display_name,
                        later=later.display_name,
                        step=step,
                    )
                )
            if earlier and (earlier.month != previous_month or earlier.state != "confirmed"):
                raise UserError(
                    self.env._(
                        "Allowance sheet %(sheet)s: confirm the sheet of %(previous)s first "
                        "(“%(step)s” follows the months in order).",
                        sheet=sheet.display_name,
                        previous=month_label(previous_month),
                        step=step,
                    )
                )

    def _check_not_future(self, step):
        this_month = shanghai_today().replace(day=1)
        for sheet in self:
            if sheet.month > this_month:
                raise UserError(
                    self.env._(
                        "Allowance sheet %(sheet)s: %(month)s has not begun (today is %(today)s "
                        "in Asia/Shanghai); “%(step)s” is possible from its first day.",
                        sheet=sheet.display_name,
                        month=month_label(sheet.month),
                        today=shanghai_today(),
                        step=step,
                    )
                )

    def _check_confirmable_today(self):
        today = shanghai_today()
        for sheet in self:
            confirmable = sheet._get_confirmable_date()
            if today < confirmable:
                raise UserError(
                    self.env._(
                        "Allowance sheet %(sheet)s can be confirmed from %(date)s (the last "
                        "day of the month, or the payroll cut-off day of the settings); today "
                        "is %(today)s in Asia/Shanghai. Until then it may change and is not "
                        "paid.",
                        sheet=sheet.display_name,
                        date=confirmable,
                        today=today,
                    )
                )

    def _lock_and_refresh(self):
        """Two officers clicking at once: the second waits for nothing and is told."""
        try:
            self.lock_for_update()
        except LockError:
            raise UserError(
                self.env._(
                    "Allowance sheet %(sheet)s is being processed by someone else; try "
                    "again in a moment.",
                    sheet=", ".join(self.mapped("display_name")),
                )
            ) from None
        self.invalidate_recordset(["state"])

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_generate(self):
        step = self.env._("Generate")
        self._check_officer(step)
        self.check_access("write")
        self._lock_and_refresh()
        self._check_draft(step)
        self._check_not_future(step)
        self._check_months_in_order(step)
        for sheet in self:
            sheet._generate_lines()
        return True

    def action_confirm(self):
        step = self.env._("Confirm")
        self._check_officer(step)
        self.check_access("write")
        self._lock_and_refresh()
        self._check_draft(step)
        self._check_confirmable_today()
        self._check_months_in_order(step)
        for sheet in self:
            sheet._check_up_to_date()
        self.write(
            {
                "state": "confirmed",
                "confirmed_date": fields.Datetime.now(),
                "confirmed_by_id": self.env.uid,
            }
        )
        return True

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env["report.l10n_cn_hr_skill_certification.allowance_xlsx"]._export(self)

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.action_skill_cert_allowance_line"
        )
        action["domain"] = [("sheet_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _demo_run_recent_months(self, company_id, user_id):
        """Demo data: the last two months confirmed, this month generated (a month is
        confirmed from its last day, so the two before this one always can be)."""
        user = self.env["res.users"].browse(user_id)
        Sheet = self.with_user(user).with_company(company_id).with_context(lang=user.lang)
        this_month = shanghai_today().replace(day=1)
        for offset in (-2, -1, 0):
            sheet = Sheet.create(
                {"company_id": company_id, "month": allowance.add_months(this_month, offset)}
            )
            sheet.action_generate()
            if offset:
                sheet.action_confirm()

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------

    def _generate_lines(self):
        self.ensure_one()
        terms_by_month, lines = self._compute_line_values()
        self.line_ids.unlink()
        inserted = self.env["skill.cert.allowance.line"]._insert_rows(
            [values for values, _back_pay in lines]
        )
        line_of_employee = {employee_id: line_id for line_id, employee_id in inserted}
        back_pay_rows = [
            {"line_id": line_of_employee[row["employee_id"]], **row}
            for _values, back_pay in lines
            for row in back_pay
        ]
        self.env["skill.cert.allowance.back.pay"]._insert_rows(back_pay_rows)
        policy_id = terms_by_month[self.month].policy_id
        self.write(
            {
                "policy_id": policy_id,
                "generated_date": fields.Datetime.now(),
                "generated_by_id": self.env.uid,
            }
        )
        self.invalidate_recordset(["line_ids"])
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Generated: %(count)s employees, %(total)s to pay.",
                count=self.line_count,
                total=f"{self.total:.2f}",
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _compute_line_values(self):
        """The lines the sheet should have now: (terms by month, [(line values,
        [back pay values])]), from a handful of queries whatever the headcount."""
        self.ensure_one()
        month = self.month
        terms = self.env["skill.cert.allowance.policy"]._get_terms_by_month(
            self.company_id, month, month
        )[month]
        if not terms:
            raise UserError(
                self.env._(
                    "No allowance policy of %(company)s covers %(month)s: add a policy "
                    "version under Skill Allowance › Policy Versions first.",
                    company=self.company_id.name,
                    month=month_label(month),
                )
            )
        previous_month = allowance.add_months(month, -1)
        back_pay_from = allowance.add_months(month, -terms.back_pay_months)
        history_from = min(back_pay_from, previous_month)
        terms_by_month = self.env["skill.cert.allowance.policy"]._get_terms_by_month(
            self.company_id, history_from, month
        )
        confirmed_months = self._get_confirmed_months(history_from, month)
        back_pay_months = [
            paid_month for paid_month in confirmed_months if paid_month >= back_pay_from
        ]
        paid = self.env["skill.cert.allowance.line"]._get_paid_amounts(
            self.company_id, history_from, month
        )
        facts = self._gather_facts(
            self.company_id, history_from, month, extra_employee_ids=set(paid)
        )
        rounding = self.currency_id.rounding
        lines = []
        for employee_id, info in facts["employees"].items():
            certificates = facts["certificates"].get(employee_id, [])
            employment = facts["employment"][employee_id]
            due = allowance.entitlement(month, terms, certificates, employment, rounding)
            paid_by_month = paid.get(employee_id, {})
            owed = allowance.back_pay(
                back_pay_months,
                terms_by_month.get,
                certificates,
                employment,
                paid_by_month,
                rounding,
            )
            previous = paid_by_month.get(previous_month, 0.0)
            if not (due.amount or owed or previous):
                continue
            lines.append(self._prepare_line(info, due, owed, previous, facts))
        return terms_by_month, lines

    def _get_confirmed_months(self, first_month, month):
        sheets = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "confirmed"),
                ("month", ">=", first_month),
                ("month", "<", month),
            ]
        )
        return sorted(sheets.mapped("month"))

    def _prepare_line(self, info, due, owed, previous, facts):
        back_pay_amount = sum(amount for _month, amount, _due in owed)
        if due.amount and not previous:
            change = "new"
        elif previous and not due.amount:
            change = "stopped"
        elif due.amount != previous:
            change = "changed"
        else:
            change = "unchanged"
        best = due.best
        reasons = [self._describe_note(code, params, facts) for code, params in due.notes]
        reasons += [
            self.env._(
                "Back pay for %(month)s: %(amount)s",
                month=month_label(owed_month),
                amount=f"{amount:.2f}",
            )
            for owed_month, amount, _due in owed
        ]
        values = {
            "sheet_id": self.id,
            "company_id": self.company_id.id,
            "month": self.month,
            "employee_id": info["id"],
            "employee_number": info["badge"],
            "department_id": info["department_id"],
            "employment_category": info["category"],
            "level_id": best.level_id if best else None,
            "certificate_id": best.id if best else None,
            "certificate_count": len(due.counted),
            "base_amount": due.base_amount,
            "paid_days": due.paid_days,
            "month_days": due.month_days,
            "amount": due.amount,
            "back_pay_amount": back_pay_amount,
            "total_amount": due.amount + back_pay_amount,
            "previous_amount": previous,
            "change": change,
            "reason": "\n".join(reasons),
        }
        back_pay = [
            {
                "sheet_id": self.id,
                "company_id": self.company_id.id,
                "employee_id": info["id"],
                "month": owed_month,
                "amount": amount,
            }
            for owed_month, amount, _due in owed
        ]
        return values, back_pay

    def _describe_note(self, code, params, facts):
        certificate = params.get("certificate")
        number = certificate.name if certificate else ""
        level = facts["level_names"].get(certificate.level_id, "") if certificate else ""
        occupation = (
            facts["occupation_names"].get(certificate.occupation_id, "") if certificate else ""
        )
        if code == "counted":
            return self.env._(
                "Certificate %(number)s, %(level)s (%(occupation)s): %(amount)s a month from "
                "%(month)s",
                number=number,
                level=level,
                occupation=occupation,
                amount=f"{params['amount']:.2f}",
                month=month_label(params["month"]),
            )
        if code == "starts_later":
            return self.env._(
                "Certificate %(number)s, %(level)s: paid from %(month)s",
                number=number,
                level=level,
                month=month_label(params["month"]),
            )
        if code == "revoked":
            return self.env._(
                "Certificate %(number)s, %(level)s: revoked on %(date)s; last month paid "
                "%(last_month)s",
                number=number,
                level=level,
                date=params["date"],
                last_month=month_label(params["last_month"]),
            )
        if code == "expired":
            return self.env._(
                "Certificate %(number)s, %(level)s: valid until %(date)s; last month paid "
                "%(last_month)s",
                number=number,
                level=level,
                date=params["date"] - datetime.timedelta(days=1),
                last_month=month_label(params["last_month"]),
            )
        if code == "not_counted":
            return self.env._(
                "Certificate %(number)s, %(level)s: not counted, a higher certificate counts",
                number=number,
                level=level,
            )
        if code == "prorated":
            return self.env._(
                "Prorated: employed %(days)s of %(month_days)s days (%(first)s to %(last)s)",
                days=params["days"],
                month_days=params["month_days"],
                first=params["first_day"],
                last=params["last_day"],
            )
        messages = {
            "not_employed": self.env._("Not employed this month"),
            "archived": self.env._("Archived without a departure date"),
            "no_certificate": self.env._("No vocational skill level certificate"),
            "no_policy": self.env._("No allowance policy covers the month"),
        }
        return messages[code]

    def _check_up_to_date(self):
        """Confirm what was reviewed, and only if it is still right: certificates or
        employment may have changed since the sheet was generated."""
        self.ensure_one()
        if not self.generated_date:
            raise UserError(
                self.env._(
                    "Allowance sheet %(sheet)s has not been generated yet.", sheet=self.display_name
                )
            )
        _terms, lines = self._compute_line_values()
        expected = {
            values["employee_id"]: tuple(values[name] or False for name in COMPARED_FIELDS)
            for values, _back_pay in lines
        }
        self.line_ids.fetch(["employee_id", *COMPARED_FIELDS])
        actual = {
            line.employee_id.id: (
                line.amount,
                line.back_pay_amount,
                line.level_id.id,
                line.certificate_id.id,
            )
            for line in self.line_ids
        }
        differing = [
            employee_id
            for employee_id in expected.keys() | actual.keys()
            if expected.get(employee_id) != actual.get(employee_id)
        ]
        if differing:
            names = self.env["hr.employee"].browse(differing[:5]).with_context(active_test=False)
            raise UserError(
                self.env._(
                    "Allowance sheet %(sheet)s no longer matches the certificates and "
                    "employment records: %(count)s lines differ (%(names)s). Generate it "
                    "again, review it, then confirm.",
                    sheet=self.display_name,
                    count=len(differing),
                    # sudo: the officer may lack HR rights on (archived) employees
                    names=", ".join(names.sudo().mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Facts
    # ------------------------------------------------------------------

    @api.model
    def _gather_facts(
        self, company, first_month, last_month, employee_ids=None, extra_employee_ids=()
    ):
        """Certificates and employment of the company's certificate holders, in a fixed
        number of queries.

        sudo: contract dates, departure dates and badge numbers are HR-manager fields,
        and certificates of all employees are read to decide their allowance; callers
        have checked the user's right to the result (sheet write, own employee)."""
        last_day = allowance.month_end(last_month)
        certificate_domain = [("company_id", "=", company.id), ("issue_date", "<=", last_day)]
        if employee_ids is not None:
            certificate_domain.append(("employee_id", "in", list(employee_ids)))
        certificate_records = (
            self.env["skill.cert.certificate"]
            .sudo()
            .search_fetch(
                certificate_domain,
                [
                    "employee_id",
                    "occupation_id",
                    "level_id",
                    "level_grade",
                    "issue_date",
                    "name",
                    "state",
                    "revoke_date",
                    "valid_until",
                ],
            )
        )
        certificates = {}
        for record in certificate_records:
            ends = []
            if record.state == "revoked" and record.revoke_date:
                ends.append((record.revoke_date, "revoked"))
            if record.valid_until:
                ends.append((record.valid_until + datetime.timedelta(days=1), "expired"))
            ends_on, end_kind = min(ends) if ends else (None, None)
            if ends_on and ends_on <= first_month:
                continue
            certificates.setdefault(record.employee_id.id, []).append(
                allowance.Certificate(
                    id=record.id,
                    employee_id=record.employee_id.id,
                    occupation_id=record.occupation_id.id,
                    level_id=record.level_id.id,
                    grade=record.level_grade,
                    issue_date=record.issue_date,
                    name=record.name,
                    ends_on=ends_on,
                    end_kind=end_kind,
                )
            )
        wanted = set(certificates) | set(extra_employee_ids)
        if employee_ids is not None:
            wanted &= set(employee_ids)
        employees = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", list(wanted)), ("company_id", "=", company.id)],
                [
                    "name",
                    "active",
                    "current_version_id",
                    "skill_cert_employment_category",
                    "barcode",
                ],
            )
        )
        versions = (
            self.env["hr.version"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("employee_id", "in", employees.ids)],
                [
                    "employee_id",
                    "active",
                    "contract_date_start",
                    "contract_date_end",
                    "departure_date",
                    "department_id",
                ],
            )
        )
        versions_by_employee = versions.grouped("employee_id")
        employment = {}
        info = {}
        for employee in employees:
            employee_versions = versions_by_employee.get(employee, versions.browse())
            current = employee.current_version_id
            departure = current.departure_date
            employment[employee.id] = self._get_employment(employee, employee_versions, departure)
            info[employee.id] = {
                "id": employee.id,
                "badge": employee.barcode or None,
                "department_id": current.department_id.id or None,
                "category": employee.skill_cert_employment_category or None,
            }
        levels = self.env["hr.skill.level"].browse(
            {record.level_id.id for record in certificate_records}
        )
        occupations = certificate_records.occupation_id
        return {
            "certificates": certificates,
            "employment": employment,
            "employees": info,
            "level_names": {level.id: level.name for level in levels},
            "occupation_names": {
                occupation.id: occupation.display_name for occupation in occupations
            },
        }

    @api.model
    def _get_employment(self, employee, versions, departure):
        """Employment periods from the contract dates of the employee's versions, ended
        by the departure date; without contract dates, employed until departure."""
        periods = {
            (version.contract_date_start, version.contract_date_end)
            for version in versions
            if version.active and version.contract_date_start
        }
        if departure:
            periods = {
                (start, min(end or departure, departure))
                for start, end in periods
                if start <= departure
            }
        open_ended = not periods or any(end is None for _start, end in periods)
        if not employee.active and not departure and open_ended:
            return allowance.Employment(employee.id, archived_without_date=True)
        if not periods:
            periods = {(None, departure or None)}
        return allowance.Employment(employee.id, periods=tuple(sorted(periods, key=str)))

    @api.model
    def _compute_entitlements(self, company, month, employees):
        """{employee id: Entitlement} for ``month`` under the company's policy, without
        back pay: what the employee's allowance is this month."""
        terms = self.env["skill.cert.allowance.policy"]._get_terms_by_month(company, month, month)[
            month
        ]
        facts = self._gather_facts(company, month, month, employee_ids=set(employees.ids))
        rounding = company.currency_id.rounding
        return {
            employee_id: allowance.entitlement(
                month,
                terms,
                facts["certificates"].get(employee_id, []),
                facts["employment"][employee_id],
                rounding,
            )
            for employee_id in facts["employees"]
        }
