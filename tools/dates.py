"""Dates of the regulation are Asia/Shanghai dates, whatever the server's timezone."""

import contextlib
import contextvars
import datetime

import pytz

SHANGHAI = pytz.timezone("Asia/Shanghai")

# The demo loader replays the history of its plans at their own dates. A context
# variable belongs to the running thread only, and no request can set it.
_REPLAYED_DAY = contextvars.ContextVar("skill_cert_replayed_day", default=None)


def shanghai_today():
    return _REPLAYED_DAY.get() or datetime.datetime.now(tz=SHANGHAI).date()


@contextlib.contextmanager
def replaying(day):
    """Make ``day`` today for the code inside (the demo loader's history)."""
    token = _REPLAYED_DAY.set(day)
    try:
        yield
    finally:
        _REPLAYED_DAY.reset(token)
