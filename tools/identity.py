"""Resident identity card numbers (居民身份证号码, GB 11643-1999).

Pure functions on top of ``stdnum.cn.ric``: the callers turn the problem codes
into translated messages, so that nothing here ever echoes the number itself.
"""

import datetime
import functools
import os

import stdnum
from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent
from stdnum.util import isdigits

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


class IdNumberProblem:
    LENGTH = "length"
    FORMAT = "format"
    CHECKSUM = "checksum"
    BIRTH_DATE = "birth_date"


def compact(number):
    return ric.compact(number or "")


def find_problem(number, today):
    """Return None when ``number`` is a well-formed ID number, else a problem code.

    The region code is deliberately not checked here (see :func:`is_region_known`):
    real numbers carry region codes newer than the table shipped with stdnum.
    """
    number = compact(number)
    if len(number) != 18:
        return IdNumberProblem.LENGTH
    if not isdigits(number[:-1]) or not (isdigits(number[-1]) or number[-1] == "X"):
        return IdNumberProblem.FORMAT
    if number[-1] != ric.calc_check_digit(number):
        return IdNumberProblem.CHECKSUM
    try:
        birth_date = ric.get_birth_date(number)
    except InvalidComponent:
        return IdNumberProblem.BIRTH_DATE
    if not EARLIEST_BIRTH_DATE <= birth_date <= today:
        return IdNumberProblem.BIRTH_DATE
    return None


def birth_date(number):
    return ric.get_birth_date(compact(number))


def sex(number):
    """'male' or 'female', from the parity of the sequence code (17th digit)."""
    return "male" if int(compact(number)[16]) % 2 else "female"


@functools.cache
def _region_table():
    # stdnum's own get_birth_place() opens the table through importlib.resources,
    # which Odoo's import hooks break ("Can't open orphan path"): read the file itself.
    path = os.path.join(os.path.dirname(stdnum.__file__), "cn", "loc.dat")
    with open(path, encoding="utf-8") as table:
        return numdb.read(table)


def is_region_known(number):
    """Whether the first six digits are a region code of the table shipped with stdnum
    (a warning only: regions created after the table are real)."""
    return bool(_region_table().info(compact(number)[:6])[0][1])
