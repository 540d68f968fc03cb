import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import arrangement, internal
from ..tools.dates import shanghai_today
from ..tools.roles import GROUP_MANAGER

# Seed only recent years: notices are published now, not in 2004.
FIRST_SEEDED_YEAR = 2020
# From this month on, managers are reminded to load the next year (the State Council
# usually publishes it in November or December).
REMINDER_MONTH = 11
YEAR_STATES = [("draft", "Draft"), ("confirmed", "Confirmed")]
YEAR_SOURCES = [
    ("library", "chinese_calendar library"),
    ("notice", "The State Council notice"),
    ("manual", "Entered by hand"),
]
# Backward compatibility for callers of the former module constant.
HOLIDAY_NAMES = arrangement.HOLIDAY_NAMES


class SkillCertOfficialYear(models.Model):
    """A year of the State Council's arrangement of public holidays and adjusted working
    days (国务院办公厅关于部分节假日安排的通知).

    Notice periods count official working days; a count that reaches a day of a year
    whose arrangement is not confirmed is refused rather than estimated, because
    adjusted working days (调休) turn weekends into working days and cannot be guessed.
    A year counts only once confirmed: by a manager, with the notice's reference and at
    least its holidays, or at install for the years the chinese_calendar library knows
    (source "library", whose reference is the library itself).

    Access: everybody reads; certification managers load, confirm and correct years.
    The days of a confirmed year change only by loading the year again (the wizard
    shows what changes) or after setting it back to draft.
    """

    _name = "skill.cert.official.year"
    _description = "Official Holiday Arrangement (Year)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc"
    _rec_name = "year"

    year = fields.Integer(required=True)
    state = fields.Selection(
        YEAR_STATES, required=True, default="draft", readonly=True, copy=False, tracking=True
    )
    source = fields.Selection(YEAR_SOURCES, required=True, default="manual", tracking=True)
    reference = fields.Char(
        tracking=True,
        help="The State Council notice, e.g. 国办发明电〔2025〕7号. Required to confirm a year "
        "loaded from the notice or entered by hand.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    day_ids = fields.One2many("skill.cert.official.day", "year_id", string="Days")
    holiday_count = fields.Integer(compute="_compute_counts")
    workday_count = fields.Integer(compute="_compute_counts", string="Adjusted Working Days")
    library_knows_year = fields.Boolean(
        compute="_compute_library_knows_year",
        help="The installed chinese_calendar library has this year's arrangement.",
    )

    _year_unique = models.Constraint("UNIQUE(year)", "Each year is loaded once.")

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("day_ids.day_type")
    def _compute_counts(self):
        for year in self:
            year.holiday_count = len(year.day_ids.filtered(lambda d: d.day_type == "holiday"))
            year.workday_count = len(year.day_ids.filtered(lambda d: d.day_type == "workday"))

    @api.depends("year")
    def _compute_library_knows_year(self):
        known = set(arrangement.library_years())
        for year in self:
            year.library_knows_year = year.year in known

    @api.constrains("year")
    def _check_year(self):
        for year in self:
            if not 2000 <= year.year <= 2100:
                raise ValidationError(
                    self.env._("%(year)s is not a plausible year.", year=year.year)
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state") == "confirmed" for vals in vals_list) and not (
            internal.is_internal(self, internal.OFFICIAL_YEAR)
        ):
            raise UserError(
                self.env._("A year is confirmed with its button, once its days are entered.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not internal.is_internal(self, internal.OFFICIAL_YEAR):
            if "state" in vals:
                raise UserError(
                    self.env._("A year is confirmed or set back to draft with its buttons.")
                )
            if vals.keys() & {"year", "source", "day_ids"}:
                self._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_draft()

    def _check_draft(self):
        confirmed = self.filtered(lambda year: year.state == "confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "The arrangement of %(year)s is confirmed: load it again (Load an "
                    "Arrangement) to change its days, or set it back to draft first.",
                    year=confirmed[0].year,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(
                self.env._(
                    "Only a certification manager confirms or changes the official holiday "
                    "arrangement."
                )
            )

    def _get_confirm_problem(self):
        """Why this year cannot be confirmed, or None."""
        self.ensure_one()
        if self.source != "library" and not (self.reference or "").strip():
            return self.env._(
                "%(year)s: give the reference of the State Council notice (e.g. "
                "国办发明电〔%(previous)s〕7号) before confirming.",
                year=self.year,
                previous=self.year - 1,
            )
        if not self.day_ids.filtered(lambda day: day.day_type == "holiday"):
            return self.env._(
                "%(year)s has no public holiday: a year's arrangement always has its "
                "holidays. Enter or load them before confirming.",
                year=self.year,
            )
        return None

    def action_confirm(self):
        """The manager confirms that the days are the State Council's: notices may now
        count working days in this year."""
        self._check_manager()
        for year in self:
            problem = year._get_confirm_problem()
            if problem:
                raise UserError(problem)
        self._do_confirm()
        return True

    def _do_confirm(self):
        internal.internally(self, internal.OFFICIAL_YEAR).write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(
            ["l10n_cn_hr_skill_certification.mail_activity_load_official_year"],
            feedback=self.env._("Arrangement confirmed."),
        )

    def action_reset_to_draft(self):
        """Correct a confirmed year by hand: until it is confirmed again, no notice can
        count working days in it."""
        self._check_manager()
        internal.internally(self, internal.OFFICIAL_YEAR).write(
            {"state": "draft", "confirmed_by_id": False, "confirmed_date": False}
        )
        return True

    def action_open_load_wizard(self):
        self._check_manager()
        return self.env["skill.cert.official.year.load"]._open_for(self[:1].year or None)

    # ------------------------------------------------------------------
    # Seeding, loading and reminding
    # ------------------------------------------------------------------

    @api.model
    def _seed_from_library(self):
        """Load every year the chinese_calendar library knows since FIRST_SEEDED_YEAR
        and that is not loaded yet (administrators may have entered it by hand). The
        library follows the State Council's notices: its years count as confirmed."""
        loaded = set(self.search([("year", ">=", FIRST_SEEDED_YEAR)]).mapped("year"))
        vals_list = []
        for year in arrangement.library_years():
            days = arrangement.library_days(year) if year >= FIRST_SEEDED_YEAR else None
            if days is None or year in loaded:
                continue
            vals_list.append(
                {
                    "year": year,
                    "source": "library",
                    "state": "confirmed",
                    "confirmed_date": fields.Datetime.now(),
                    "day_ids": [
                        fields.Command.create({"date": day, "day_type": kind, "holiday_name": name})
                        for day, (kind, name) in sorted(days.items())
                    ],
                }
            )
        internal.internally(self, internal.OFFICIAL_YEAR).create(vals_list)

    def _get_days(self):
        """{date: (day type, holiday name)} of this year as loaded."""
        self.ensure_one()
        return {day.date: (day.day_type, day.holiday_name or "") for day in self.day_ids}

    @api.model
    def _load_days(self, year, days, source, reference):
        """Make ``year`` hold exactly ``days`` ({date: (type, name)}) and confirm it:
        days are added, changed or removed, so loading twice changes nothing. Returns
        the year and the changes (see tools.arrangement.compare)."""
        record = self.search([("year", "=", year)])
        if not record:
            record = self.create({"year": year, "source": source})
        changes = arrangement.compare(record._get_days(), days)
        by_date = {day.date: day for day in record.day_ids}
        commands = []
        for day, _old, new in changes:
            if new is None:
                commands.append(fields.Command.delete(by_date[day].id))
            elif day in by_date:
                commands.append(
                    fields.Command.update(
                        by_date[day].id, {"day_type": new[0], "holiday_name": new[1]}
                    )
                )
            else:
                commands.append(
                    fields.Command.create({"date": day, "day_type": new[0], "holiday_name": new[1]})
                )
        loader = internal.internally(record, internal.OFFICIAL_YEAR)
        loader.write(
            {"source": source, "reference": reference or record.reference, "day_ids": commands}
        )
        problem = record._get_confirm_problem()
        if problem:
            raise UserError(problem)
        if record.state != "confirmed" or changes:
            loader._do_confirm()
        return record, changes

    @api.model
    def _cron_remind_next_year(self):
        """From 1 November (Asia/Shanghai), while next year's arrangement is not
        confirmed, every certification manager has an activity to load it."""
        today = shanghai_today()
        if today.month < REMINDER_MONTH:
            return
        next_year = today.year + 1
        record = self.search([("year", "=", next_year)])
        if record.state == "confirmed":
            return
        if not record:
            record = self.create({"year": next_year, "source": "notice"})
        activity_type = self.env.ref(
            "l10n_cn_hr_skill_certification.mail_activity_load_official_year"
        )
        reminded = record.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        ).user_id
        # sudo: the cron reads who the managers are to remind them.
        managers = (
            self.env.ref(GROUP_MANAGER)
            .sudo()
            .all_user_ids.filtered(lambda user: not user.share and not user._is_superuser())
        )
        if record.library_knows_year:
            note = self.env._(
                "The installed chinese_calendar library knows %(year)s: open the year and "
                "load it from the library, check the preview against the State Council "
                "notice and confirm.",
                year=next_year,
            )
        else:
            note = self.env._(
                "Once the State Council publishes the holiday arrangement of %(year)s, paste "
                "it under Official Holidays > Load an Arrangement, check the preview and "
                "confirm. Until then, no notice can run into %(year)s.",
                year=next_year,
            )
        for manager in managers - reminded:
            record.activity_schedule(
                "l10n_cn_hr_skill_certification.mail_activity_load_official_year",
                date_deadline=datetime.date(today.year, 12, 1),
                summary=self.env._(
                    "Load the official holiday arrangement of %(year)s", year=next_year
                ),
                note=note,
                user_id=manager.id,
            )

    # ------------------------------------------------------------------
    # Counting working days
    # ------------------------------------------------------------------

    @api.model
    def _is_working_day(self, day, special_days):
        """``special_days`` maps dates to 'holiday' or 'workday' (see _get_special_days)."""
        kind = special_days.get(day)
        if kind:
            return kind == "workday"
        return day.weekday() < 5

    @api.model
    def _get_confirmed_years(self, years):
        return self.search([("year", "in", list(years)), ("state", "=", "confirmed")])

    @api.model
    def _get_special_days(self, date_from, date_to):
        """{date: day type} between the two dates; refused when a year between them is
        not confirmed."""
        self._check_years_loaded(date_from, date_to)
        days = self.env["skill.cert.official.day"].search(
            [("date", ">=", date_from), ("date", "<=", date_to)]
        )
        return {day.date: day.day_type for day in days}

    @api.model
    def _check_years_loaded(self, date_from, date_to):
        wanted = set(range(date_from.year, date_to.year + 1))
        missing = wanted - set(self._get_confirmed_years(wanted).mapped("year"))
        if missing:
            first_missing = min(missing)
            raise UserError(
                self.env._(
                    "The official holiday arrangement for %(years)s is not loaded, so working "
                    "days cannot be counted past %(last)s. A certification manager loads and "
                    "confirms it under Skill Certification > Configuration > Official "
                    "Holidays once the State Council publishes it.",
                    years=", ".join(str(year) for year in sorted(missing)),
                    last=datetime.date(first_missing - 1, 12, 31),
                )
            )

    @api.model
    def _add_working_days(self, start, count):
        """The date on which a period of ``count`` official working days that starts the
        day after ``start`` ends: the day of publication is not counted (Civil Code,
        Article 201). Refused only when the count reaches a day of a year that is not
        confirmed."""
        special_days = {}
        years_read = set()
        day, counted = start, 0
        while counted < count:
            day += datetime.timedelta(days=1)
            if day.year not in years_read:
                special_days.update(
                    self._get_special_days(
                        datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
                    )
                )
                years_read.add(day.year)
            if self._is_working_day(day, special_days):
                counted += 1
        return day

    @api.model
    def _get_countable_until(self):
        """The last day up to which working days can be counted from today: the end of
        the last confirmed year in an unbroken run from this year on (None when this
        year itself is not confirmed)."""
        year = shanghai_today().year
        confirmed = set(self._get_confirmed_years(range(year, year + 10)).mapped("year"))
        if year not in confirmed:
            return None
        while year + 1 in confirmed:
            year += 1
        return datetime.date(year, 12, 31)

    @api.model
    def _today(self):
        return shanghai_today()

    def _post_changes(self, changes, source_label):
        """Log a load in the year's chatter: what it added, changed and removed."""
        self.ensure_one()
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Loaded from %(origin)s: %(summary)s",
                origin=source_label,
                summary=self.env["skill.cert.official.year.load"]._describe_changes(changes),
            ),
            subtype_xmlid="mail.mt_note",
        )
