"""Browser tours of the roles: the base class runs them in headless Chromium through
Odoo's tour framework, each at its own (frozen) date, and can keep screenshots.

Set ``SKILL_CERT_SCREENSHOTS`` to a folder to have the tours' screenshot steps saved
there (the README's pictures), with the screens in Chinese.
"""

import base64
import os
import pathlib
from contextlib import contextmanager
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import HttpCase
from odoo.tests.common import ChromeBrowser

from .common import PlanCommon

MODULE = "l10n_cn_hr_skill_certification"
SCREENSHOT_SIGNAL = "skill-cert-screenshot "


def _screenshot_folder():
    folder = os.environ.get("SKILL_CERT_SCREENSHOTS")
    return pathlib.Path(folder) if folder else None


class TourCommon(PlanCommon, HttpCase):
    """A plan's fixtures (PlanCommon) served to a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if _screenshot_folder():
            cls.env["res.lang"]._activate_lang("zh_CN")
            cls.env["ir.module.module"]._load_module_terms(
                ["base", "web", "mail", "hr", "hr_skills", MODULE], ["zh_CN"], overwrite=True
            )
            cls.env["res.users"].search([("login", "like", "sc_%")]).write(
                {"lang": "zh_CN", "tz": "Asia/Shanghai"}
            )
            # what the test does for a user, it does in his language, as he would
            cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
            # The README's pictures show the people and money of a Chinese factory.
            for user, name in (
                (cls.user_officer, "周敏"),
                (cls.user_officer2, "吴婷"),
                (cls.user_manager, "沈建国"),
                (cls.user_supervisor, "王强"),
                (cls.user_employee, "张伟"),
            ):
                user.name = name
            cny = cls.env.ref("base.CNY")
            cny.active = True
            cls.company.currency_id = cny

    @contextmanager
    def _screenshots(self):
        folder = _screenshot_folder()
        if not folder:
            yield
            return
        folder.mkdir(parents=True, exist_ok=True)
        original = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, stackTrace=None, **kw):
            if args and type == "log":
                text = str(browser._from_remoteobject(args[0]))
                if text.startswith(SCREENSHOT_SIGNAL):
                    path = folder / f"{text[len(SCREENSHOT_SIGNAL) :].strip()}.png"
                    # Asynchronous: this runs in the thread that reads the browser's answers.
                    future = browser._websocket_send("Page.captureScreenshot", with_future=True)
                    future.add_done_callback(
                        lambda done: path.write_bytes(base64.b64decode(done.result()["data"]))
                    )
                    return None
            return original(browser, type, args=args, stackTrace=stackTrace, **kw)

        with patch.object(ChromeBrowser, "_handle_console", handle_console):
            yield

    def tour(self, name, user, day, url="/odoo"):
        """Run the tour ``name`` as ``user`` (None: an anonymous visitor) from ``url`` on
        ``day`` (a date or datetime string)."""
        with freeze_time(day), self._screenshots():
            self.start_tour(url, name, login=user and user.login, timeout=180)
        self.env.invalidate_all()
