"""Who is owed which skill allowance for a month (Article 5(3)), from plain facts.

The sheet gathers the facts (policy terms, certificates, employment periods) in a few
queries; this module decides, without touching the database, so that 10,000 employees
cost the same number of queries as ten. Notes explain each decision as a code and
its parameters; the sheet words them in the user's language.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from odoo.tools import float_round


def month_label(month):
    """A month as people write it on payroll papers: 2026-11."""
    return f"{month:%Y-%m}"


def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month, count):
    years, month_index = divmod(month.month - 1 + count, 12)
    return datetime.date(month.year + years, month_index + 1, 1)


@dataclass(frozen=True)
class Terms:
    """One version of a company's allowance policy."""

    policy_id: int
    date_from: datetime.date
    date_to: datetime.date | None
    amounts: dict  # level id -> monthly amount
    counting: str  # "highest" | "per_occupation"
    start: str  # "issue_month" | "next_month"
    end: str  # "end_month_paid" | "end_month_unpaid"
    proration: str  # "none" | "calendar_days"
    back_pay_months: int

    def covers(self, month):
        return self.date_from <= month and (not self.date_to or month <= self.date_to)


@dataclass(frozen=True)
class Certificate:
    id: int
    employee_id: int
    occupation_id: int
    level_id: int
    grade: int  # 1 (Senior Technician) ... 5 (Elementary)
    issue_date: datetime.date
    name: str
    ends_on: datetime.date | None = None  # first day it no longer holds
    end_kind: str | None = None  # "revoked" | "expired"

    def first_month(self, terms):
        month = self.issue_date.replace(day=1)
        return add_months(month, 1) if terms.start == "next_month" else month

    def last_month(self, terms):
        """The last month paid, or None while the certificate holds."""
        if not self.ends_on:
            return None
        last_day = self.ends_on - datetime.timedelta(days=1)
        month = last_day.replace(day=1)
        if terms.end == "end_month_unpaid" and last_day != month_end(month):
            return add_months(month, -1)
        return month


@dataclass(frozen=True)
class Employment:
    """The days an employee is employed: periods of (first day, last day), open ends
    as None."""

    employee_id: int
    periods: tuple = ()
    archived_without_date: bool = False

    def days_in(self, month):
        """(number of days employed in ``month``, first such day, last such day)."""
        first, last = month, month_end(month)
        days = set()
        for start, end in self.periods:
            start = max(start or first, first)
            end = min(end or last, last)
            days.update(
                start + datetime.timedelta(days=offset) for offset in range((end - start).days + 1)
            )
        if not days:
            return 0, None, None
        return len(days), min(days), max(days)


@dataclass
class Entitlement:
    amount: float = 0.0
    base_amount: float = 0.0
    counted: list = field(default_factory=list)  # counted certificates, highest first
    paid_days: int = 0
    month_days: int = 0
    notes: list = field(default_factory=list)  # (code, {parameters})

    @property
    def best(self):
        return self.counted[0] if self.counted else None


def _choose(certificates, counting):
    """The certificates that count: the highest one, or the highest of each occupation."""

    def rank(certificate):
        return (certificate.grade, -certificate.issue_date.toordinal(), -certificate.id)

    ordered = sorted(certificates, key=rank)
    if counting == "per_occupation":
        chosen, seen = [], set()
        for certificate in ordered:
            if certificate.occupation_id not in seen:
                seen.add(certificate.occupation_id)
                chosen.append(certificate)
        return chosen
    return ordered[:1]


def entitlement(month, terms, certificates, employment, rounding=0.01):
    """The allowance of one employee for ``month`` (its first day) under ``terms``."""
    result = Entitlement(month_days=month_end(month).day)
    if terms is None:
        result.notes.append(("no_policy", {}))
        return result
    days, first_day, last_day = employment.days_in(month)
    if not days:
        code = "archived" if employment.archived_without_date else "not_employed"
        result.notes.append((code, {}))
        return result
    result.paid_days = days

    holding = []
    for certificate in certificates:
        first_month = certificate.first_month(terms)
        last_month = certificate.last_month(terms)
        if month < first_month:
            result.notes.append(
                ("starts_later", {"certificate": certificate, "month": first_month})
            )
        elif last_month is not None and last_month < month:
            result.notes.append(
                (
                    certificate.end_kind,
                    {
                        "certificate": certificate,
                        "date": certificate.ends_on,
                        "last_month": last_month,
                    },
                )
            )
        else:
            holding.append(certificate)
    if not certificates:
        result.notes.append(("no_certificate", {}))
    chosen = _choose(holding, terms.counting)
    for certificate in holding:
        if certificate not in chosen:
            result.notes.append(("not_counted", {"certificate": certificate}))
    result.counted = chosen
    result.base_amount = sum(terms.amounts.get(certificate.level_id, 0.0) for certificate in chosen)
    result.notes[:0] = [
        (
            "counted",
            {
                "certificate": certificate,
                "amount": terms.amounts.get(certificate.level_id, 0.0),
                "month": certificate.first_month(terms),
            },
        )
        for certificate in chosen
    ]
    if not result.base_amount:
        result.paid_days = 0
        return result

    if days < result.month_days and terms.proration == "calendar_days":
        result.amount = float_round(
            result.base_amount * days / result.month_days, precision_rounding=rounding
        )
        result.notes.append(
            (
                "prorated",
                {
                    "days": days,
                    "month_days": result.month_days,
                    "first_day": first_day,
                    "last_day": last_day,
                },
            )
        )
    else:
        result.amount = result.base_amount
        result.paid_days = result.month_days
    return result


def back_pay(months, terms_of, certificates, employment, paid, rounding=0.01):
    """What is still owed for earlier, already paid ``months``: a list of
    (month, amount owed, entitlement now) where the entitlement computed today is
    higher than what was paid for that month (``paid``: month -> amount). Amounts
    paid above today's entitlement are not clawed back."""
    owed = []
    for month in months:
        due = entitlement(month, terms_of(month), certificates, employment, rounding)
        difference = float_round(due.amount - paid.get(month, 0.0), precision_rounding=rounding)
        if difference > 0:
            owed.append((month, difference, due))
    return owed
