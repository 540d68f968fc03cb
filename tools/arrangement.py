"""The State Council's holiday arrangement (国务院办公厅关于部分节假日安排的通知) as data:
read from the notice's own text, or from the chinese_calendar library, and compared with
what is loaded.

The notice gives, per holiday, the days off and the adjusted working days, one line per
holiday (see EXAMPLE); a line may also use ISO dates. Everything here is plain Python;
the wizard turns ``ArrangementError`` into a message.
"""

import datetime
import re
from typing import NamedTuple

from .allowance import add_months

EXAMPLE = (
    "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。\n"
    "二、春节：2月15日（农历腊月二十八、周日）至23日放假调休，共9天。"
    "2月14日（周六）、2月28日（周六）上班。\n"
    "三、清明节：2027-04-03至2027-04-05放假"
)
# Official Chinese names of the holidays chinese_calendar names in English.
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
# The longest run of days off the State Council has given (春节 2025: 8 days, 国庆 9).
MAX_HOLIDAY_LENGTH = 12

_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．)）]\s*")
_FULL_DATE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"|(?P<iso_year>\d{4})[-/.](?P<iso_month>\d{1,2})[-/.](?P<iso_day>\d{1,2})"
)
# The end of a range: 至3日, 至2月3日, 至2027-01-03, ~ 3日 ...
_RANGE_END = re.compile(
    r"^\s*(?:（[^）]*）|\([^)]*\))?\s*(?:至|到|~|～|—|–)\s*"
    r"(?:(?:(?P<year>\d{4})\s*年\s*)?(?:(?P<month>\d{1,2})\s*月\s*)?(?P<day>\d{1,2})\s*日"
    r"|(?P<iso_year>\d{4})[-/.](?P<iso_month>\d{1,2})[-/.](?P<iso_day>\d{1,2}))"
)
_SENTENCES = re.compile(r"[。；;]")


class ArrangementError(Exception):
    """A line of the notice that cannot be read: ``code`` says why (see the wizard)."""

    def __init__(self, code, line=None, text=None, **params):
        super().__init__(code)
        self.code = code
        self.line = line
        self.text = text
        self.params = params


class Holiday(NamedTuple):
    name: str
    days_off: tuple  # dates
    working_days: tuple  # dates


def _date(year, match):
    group = match.group
    if group("iso_day"):
        return datetime.date(int(group("iso_year")), int(group("iso_month")), int(group("iso_day")))
    return datetime.date(int(group("year") or year), int(group("month")), int(group("day")))


def _dates_in(sentence, year):
    return [_date(year, match) for match in _FULL_DATE.finditer(sentence)]


def _days_off_in(sentence, year):
    """The days of the first range (or single date) of a sentence."""
    match = _FULL_DATE.search(sentence)
    if not match:
        return []
    first = _date(year, match)
    end = _RANGE_END.match(sentence[match.end() :])
    if not end:
        return [first]
    if end.group("iso_day"):
        last = datetime.date(
            int(end.group("iso_year")), int(end.group("iso_month")), int(end.group("iso_day"))
        )
    else:
        last_year = int(end.group("year") or first.year)
        last_month = int(end.group("month") or first.month)
        last = datetime.date(last_year, last_month, int(end.group("day")))
        if last < first and not end.group("year") and not end.group("month"):
            # 12月31日至3日: the range crosses into the next month.
            last = add_months(first.replace(day=1), 1).replace(day=last.day)
    if last < first:
        raise ArrangementError("range_backwards", first=first, last=last)
    length = (last - first).days + 1
    if length > MAX_HOLIDAY_LENGTH:
        raise ArrangementError("range_too_long", first=first, last=last, days=length)
    return [first + datetime.timedelta(days=offset) for offset in range(length)]


def parse_notice(text, year):
    """The holidays of ``text``, one per non-empty line, as the notice prints them.

    Raises ArrangementError naming the line for a line without a name or without days
    off, or with an impossible date."""
    holidays = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            holidays.append(_parse_line(line, year))
        except ArrangementError as error:
            error.line, error.text = number, line
            raise
        except ValueError as error:  # 2月30日
            raise ArrangementError("bad_date", line=number, text=line) from error
    if not holidays:
        raise ArrangementError("empty")
    return holidays


def _parse_line(line, year):
    line = _NUMBERING.sub("", line)
    name, separator, rest = line.replace(":", "：").partition("：")
    if not separator:
        # "元旦 2027-01-01至2027-01-03 ..." : the name is what comes before the first date
        match = _FULL_DATE.search(line)
        if not match:
            raise ArrangementError("no_days_off")
        name, rest = line[: match.start()], line[match.start() :]
    name = name.strip(" \t,，")
    if not name:
        raise ArrangementError("no_name")
    days_off, working_days = [], []
    for sentence in _SENTENCES.split(rest):
        if "上班" in sentence:
            working_days += _dates_in(sentence, year)
        elif not days_off:
            days_off = _days_off_in(sentence, year)
    if not days_off:
        raise ArrangementError("no_days_off")
    return Holiday(name, tuple(days_off), tuple(working_days))


def holidays_to_days(holidays, year):
    """{date: (day type, holiday name)} of ``year``; days off of another year (a New
    Year holiday starting on 31 December) are left out.

    Raises ArrangementError when a date is both a day off and a working day, when an
    adjusted working day is not a weekend day (it would change nothing), or when a
    working day falls in another year."""
    days = {}
    for holiday in holidays:
        for day in holiday.days_off:
            if day.year == year:
                days[day] = ("holiday", holiday.name)
    for holiday in holidays:
        for day in holiday.working_days:
            if day.year != year:
                raise ArrangementError("other_year", date=day, holiday=holiday.name)
            if day.weekday() < 5:
                raise ArrangementError("weekday_working_day", date=day, holiday=holiday.name)
            if day in days:
                raise ArrangementError("both", date=day, holiday=holiday.name)
            days[day] = ("workday", holiday.name)
    if not any(kind == "holiday" for kind, _name in days.values()):
        raise ArrangementError("no_holiday_in_year", year=year)
    return days


def library_days(year):
    """{date: (day type, holiday name)} of ``year`` from the installed chinese_calendar,
    or None when the library does not know the year."""
    from chinese_calendar import constants  # noqa: PLC0415 - optional at import time

    days = {}
    for day_type, table in (("holiday", constants.holidays), ("workday", constants.workdays)):
        for day, name in table.items():
            if day.year == year:
                days[day] = (day_type, HOLIDAY_NAMES.get(name, name))
    if not any(kind == "holiday" for kind, _name in days.values()):
        return None
    return days


def library_years():
    """The years the installed chinese_calendar knows."""
    from chinese_calendar import constants  # noqa: PLC0415

    return sorted({day.year for day in constants.holidays})


def days_to_notice(days):
    """The arrangement written back as lines of a notice (ISO dates), one per holiday,
    in the order of their first day off: what the wizard shows for the library's days."""
    by_name = {}
    for day in sorted(days):
        kind, name = days[day]
        entry = by_name.setdefault(name, {"holiday": [], "workday": []})
        entry[kind].append(day)
    lines = []
    for name, entry in sorted(
        by_name.items(), key=lambda item: min(item[1]["holiday"] or item[1]["workday"])
    ):
        parts = []
        for first, last in _runs(entry["holiday"]):
            parts.append(f"{first}至{last}放假" if first != last else f"{first}放假")
        if entry["workday"]:
            parts.append("、".join(str(day) for day in entry["workday"]) + "上班")
        lines.append(f"{name}：{'；'.join(parts)}")
    return "\n".join(lines)


def _runs(dates):
    """Consecutive runs of sorted ``dates`` as (first, last) pairs."""
    runs = []
    for day in dates:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [tuple(run) for run in runs]


def compare(old, new):
    """What loading ``new`` changes in ``old`` (both {date: (type, name)}): lists of
    (date, old value or None, new value or None), by date."""
    return [
        (day, old.get(day), new.get(day))
        for day in sorted(old.keys() | new.keys())
        if old.get(day) != new.get(day)
    ]


def months(days):
    """[(first day of month, days off, weekend working days)] of the months that have
    special days, each list sorted: the wizard's month-by-month preview."""
    by_month = {}
    for day in sorted(days):
        kind, _name = days[day]
        entry = by_month.setdefault(day.replace(day=1), ([], []))
        (entry[0] if kind == "holiday" else entry[1]).append(day)
    return [(month, off, working) for month, (off, working) in sorted(by_month.items())]
