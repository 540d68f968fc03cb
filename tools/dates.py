"""Dates of the regulation are Asia/Shanghai dates, whatever the server's timezone."""

import datetime

import pytz

SHANGHAI = pytz.timezone("Asia/Shanghai")


def shanghai_today():
    return datetime.datetime.now(tz=SHANGHAI).date()
