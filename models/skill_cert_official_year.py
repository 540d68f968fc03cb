import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import shanghai_today

# Seed only recent years: notices are published now, not in 2004.
FIRST_SEEDED_YEAR = 2020
# Official Chinese names of the holidays the library names in English.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class SkillCertOfficialYear(models.Model):
    """A year whose official arrangement of public holidays and adjusted working days
    (国务院办公厅关于放假安排的通知) is loaded.

    Notice periods count official working days; a period reaching into a year that is
    not loaded is refused rather than estimated, because adjusted working days (调休)
    turn weekends into working days and cannot be guessed.

    Access: everybody reads; certification managers add a year when its arrangement is
    published, with its days.
    """

    _name = "skill.cert.official.year"
    _description = "Official Holiday Arrangement (Year)"
    _order = "year desc"
    _rec_name = "year"

    year = fields.Integer(required=True)
    source = fields.Selection(
        [("library", "chinese_calendar library"), ("manual", "Entered by hand")],
        required=True,
        default="manual",
    )
    reference = fields.Char(
        help="The State Council notice, e.g. 国办发明电〔2025〕7号.",
    )
    day_ids = fields.One2many("skill.cert.official.day", "year_id", string="Days")
    holiday_count = fields.Integer(compute="_compute_counts")
    workday_count = fields.Integer(compute="_compute_counts", string="Adjusted Working Days")

    _year_unique = models.Constraint("UNIQUE(year)", "Each year is loaded once.")

    @api.depends("day_ids.day_type")
    def _compute_counts(self):
        for year in self:
            year.holiday_count = len(year.day_ids.filtered(lambda d: d.day_type == "holiday"))
            year.workday_count = len(year.day_ids.filtered(lambda d: d.day_type == "workday"))

    @api.constrains("year")
    def _check_year(self):
        for year in self:
            if not 2000 <= year.year <= 2100:
                raise ValidationError(
                    self.env._("%(year)s is not a plausible year.", year=year.year)
                )

    @api.model
    def _seed_from_library(self):
        """Load every year the chinese_calendar library knows since FIRST_SEEDED_YEAR
        and that is not loaded yet (administrators may have entered it by hand)."""
        from chinese_calendar import constants  # noqa: PLC0415 - optional at import time

        days_by_year = {}
        for day_type, table in (("holiday", constants.holidays), ("workday", constants.workdays)):
            for day, name in table.items():
                if day.year >= FIRST_SEEDED_YEAR:
                    days_by_year.setdefault(day.year, []).append((day, day_type, name))
        loaded = set(self.search([("year", ">=", FIRST_SEEDED_YEAR)]).mapped("year"))
        self.create(
            [
                {
                    "year": year,
                    "source": "library",
                    "day_ids": [
                        fields.Command.create(
                            {
                                "date": day,
                                "day_type": day_type,
                                "holiday_name": HOLIDAY_NAMES.get(name, name),
                            }
                        )
                        for day, day_type, name in sorted(days)
                    ],
                }
                for year, days in sorted(days_by_year.items())
                if year not in loaded
            ]
        )

    @api.model
    def _is_working_day(self, day, special_days):
        """``special_days`` maps dates to 'holiday' or 'workday' (see _get_special_days)."""
        kind = special_days.get(day)
        if kind:
            return kind == "workday"
        return day.weekday() < 5

    @api.model
    def _get_special_days(self, date_from, date_to):
        self._check_years_loaded(date_from, date_to)
        days = self.env["skill.cert.official.day"].search(
            [("date", ">=", date_from), ("date", "<=", date_to)]
        )
        return {day.date: day.day_type for day in days}

    @api.model
    def _check_years_loaded(self, date_from, date_to):
        wanted = set(range(date_from.year, date_to.year + 1))
        missing = wanted - set(self.search([("year", "in", list(wanted))]).mapped("year"))
        if missing:
            raise UserError(
                self.env._(
                    "The official holiday arrangement for %(years)s is not loaded, so working "
                    "days cannot be counted. Add it under Skill Certification > Configuration > "
                    "Official Holidays once the State Council publishes it.",
                    years=", ".join(str(year) for year in sorted(missing)),
                )
            )

    @api.model
    def _add_working_days(self, start, count):
        """The date on which a period of ``count`` official working days that starts the
        day after ``start`` ends: the day of publication is not counted (Civil Code,
        Article 201)."""
        # Count year by year: only a year the count actually reaches must be loaded.
        day, counted, special_days = start, 0, {}
        loaded_until = start - datetime.timedelta(days=1)
        while counted < count:
            day += datetime.timedelta(days=1)
            if day > loaded_until:
                year_end = datetime.date(day.year, 12, 31)
                special_days.update(self._get_special_days(day, year_end))
                loaded_until = year_end
            if self._is_working_day(day, special_days):
                counted += 1
        return day

    @api.model
    def _today(self):
        return shanghai_today()
