import base64

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import arrangement
from ..tools.allowance import month_label
from ..tools.dates import shanghai_today
from ..tools.roles import GROUP_MANAGER

WEEKDAYS = "一二三四五六日"
# A pasted or uploaded arrangement is a page of text; anything larger is not one.
MAX_TEXT_LENGTH = 20000


class SkillCertOfficialYearLoad(models.TransientModel):
    """Load a year's holiday arrangement in a minute: paste the State Council notice's
    lines (or upload them as a text file), or take the year from the installed
    chinese_calendar library; check the preview month by month and what changes against
    what is loaded; confirm. Loading the same arrangement again changes nothing."""

    _name = "skill.cert.official.year.load"
    _description = "Load an Official Holiday Arrangement"

    year = fields.Integer(required=True, default=lambda self: shanghai_today().year + 1)
    reference = fields.Char(
        help="The State Council notice, e.g. 国办发明电〔2026〕7号.",
    )
    source = fields.Selection(
        [("notice", "The State Council notice"), ("library", "chinese_calendar library")],
        required=True,
        default="notice",
    )
    text = fields.Text(
        string="Arrangement",
        help="One line per holiday, as the notice prints it, e.g. "
        "“一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。”",
    )
    file = fields.Binary(string="Or a Text File", attachment=False)
    file_name = fields.Char()
    library_knows_year = fields.Boolean(compute="_compute_library_knows_year")
    problem = fields.Char(compute="_compute_preview")
    preview = fields.Html(compute="_compute_preview", sanitize=False)
    changes = fields.Html(compute="_compute_preview", sanitize=False)
    has_changes = fields.Boolean(compute="_compute_preview")

    @api.depends("year")
    def _compute_library_knows_year(self):
        known = set(arrangement.library_years())
        for wizard in self:
            wizard.library_knows_year = wizard.year in known

    @api.depends("year", "text", "source")
    def _compute_preview(self):
        for wizard in self:
            wizard.update({"problem": False, "preview": False, "changes": False})
            wizard.has_changes = False
            if not wizard.year or not (wizard.text or "").strip():
                continue
            try:
                days = wizard._get_days()
            except UserError as error:
                wizard.problem = error.args[0]
                continue
            wizard.preview = wizard._render_preview(days)
            loaded = self.env["skill.cert.official.year"].search([("year", "=", wizard.year)])
            changes = arrangement.compare(loaded._get_days() if loaded else {}, days)
            wizard.has_changes = bool(changes) or loaded.state != "confirmed"
            wizard.changes = escape(self._describe_changes(changes))

    @api.onchange("file")
    def _onchange_file(self):
        if self.file:
            self.text = self._decode_file(self.file)
            self.source = "notice"

    @api.model
    def _open_for(self, year=None):
        context = {"default_year": year} if year else {}
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Load an Arrangement"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Load an Arrangement"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    def _decode_file(self, data):
        raw = base64.b64decode(data or b"")
        if len(raw) > MAX_TEXT_LENGTH * 4:
            raise UserError(
                self.env._(
                    "The file is larger than a holiday arrangement (%(limit)s characters at "
                    "most): paste the notice's lines instead.",
                    limit=MAX_TEXT_LENGTH,
                )
            )
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise UserError(self.env._("The file is not text (UTF-8 or GB18030)."))

    def _get_days(self):
        """{date: (type, name)} of the wizard's year, read from its text."""
        self.ensure_one()
        text = self.text or ""
        if len(text) > MAX_TEXT_LENGTH:
            raise UserError(
                self.env._(
                    "The arrangement is longer than %(limit)s characters: paste only the "
                    "lines of the holidays.",
                    limit=MAX_TEXT_LENGTH,
                )
            )
        try:
            holidays = arrangement.parse_notice(text, self.year)
            return arrangement.holidays_to_days(holidays, self.year)
        except arrangement.ArrangementError as error:
            raise UserError(self._error_message(error)) from None

    def _error_message(self, error):
        params = error.params
        messages = {
            "empty": self.env._("Paste the arrangement: one line per holiday."),
            "no_name": self.env._("the holiday's name is missing before “：”"),
            "no_days_off": self.env._(
                "no days off found: write them as 1月1日至3日, or 2027-01-01至2027-01-03"
            ),
            "bad_date": self.env._("a date that does not exist"),
            "range_backwards": self.env._(
                "the days off end (%(last)s) before they start (%(first)s)",
                first=params.get("first"),
                last=params.get("last"),
            ),
            "range_too_long": self.env._(
                "%(days)s days off in a row (%(first)s to %(last)s): check the dates",
                days=params.get("days"),
                first=params.get("first"),
                last=params.get("last"),
            ),
            "other_year": self.env._(
                "%(holiday)s: the working day %(date)s is not in %(year)s; load it with its "
                "own year",
                holiday=params.get("holiday"),
                date=params.get("date"),
                year=self.year,
            ),
            "weekday_working_day": self.env._(
                "%(holiday)s: %(date)s is a weekday, so it cannot be an adjusted working day "
                "(调休上班 turns a weekend day into a working day)",
                holiday=params.get("holiday"),
                date=params.get("date"),
            ),
            "both": self.env._(
                "%(holiday)s: %(date)s is given both as a day off and as a working day",
                holiday=params.get("holiday"),
                date=params.get("date"),
            ),
            "no_holiday_in_year": self.env._(
                "No day off of the text falls in %(year)s: check the year.", year=self.year
            ),
        }
        message = messages[error.code]
        if error.line:
            return self.env._(
                "Line %(line)s (“%(text)s”): %(reason)s",
                line=error.line,
                text=error.text[:60],
                reason=message,
            )
        return message

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------

    def _render_preview(self, days):
        rows = Markup()
        for month, days_off, working in arrangement.months(days):
            rows += Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                month_label(month),
                self._describe_dates(days_off, days),
                self._describe_dates(working, days) or "—",
            )
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Month"),
            self.env._("Days off"),
            self.env._("Working weekends"),
        )
        return Markup('<table class="table table-sm o_skill_cert_arrangement">%s%s</table>') % (
            header,
            rows,
        )

    def _describe_dates(self, dates, days):
        """One entry per run of consecutive days: first and last day, weekday, holiday."""
        parts = []
        for first, last in arrangement._runs(dates):
            text = f"{first.day}日（{WEEKDAYS[first.weekday()]}）"
            if last != first:
                text += f"–{last.day}日（{WEEKDAYS[last.weekday()]}）"
            parts.append(f"{text} {days[first][1]}")
        return "；".join(parts)

    @api.model
    def _describe_changes(self, changes):
        if not changes:
            return self.env._("no change: the loaded days are the same.")
        labels = dict(
            self.env["skill.cert.official.day"]._fields["day_type"]._description_selection(self.env)
        )

        def label(value):
            return f"{labels[value[0]]}（{value[1]}）" if value else ""

        added = [f"{day} {label(new)}" for day, old, new in changes if old is None]
        removed = [f"{day} {label(old)}" for day, old, new in changes if new is None]
        changed = [f"{day} {label(old)} → {label(new)}" for day, old, new in changes if old and new]
        parts = []
        if added:
            parts.append(
                self.env._("%(count)s added: %(days)s", count=len(added), days="、".join(added))
            )
        if changed:
            parts.append(
                self.env._(
                    "%(count)s changed: %(days)s", count=len(changed), days="、".join(changed)
                )
            )
        if removed:
            parts.append(
                self.env._(
                    "%(count)s removed: %(days)s", count=len(removed), days="、".join(removed)
                )
            )
        return "; ".join(parts)

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

    def action_load_library(self):
        """Fill the wizard with the installed chinese_calendar's days of the year."""
        self.ensure_one()
        self._check_manager()
        days = arrangement.library_days(self.year)
        if days is None:
            raise UserError(
                self.env._(
                    "The installed chinese_calendar library does not know %(year)s yet: "
                    "paste the State Council notice instead (or update the library).",
                    year=self.year,
                )
            )
        self.write({"text": arrangement.days_to_notice(days), "source": "library"})
        return self._reopen()

    def action_preview(self):
        self.ensure_one()
        self._get_days()
        return self._reopen()

    def action_confirm(self):
        """Load the days, replacing those of the year (idempotent), and confirm it."""
        self.ensure_one()
        self._check_manager()
        days = self._get_days()
        if self.source == "library" and days != arrangement.library_days(self.year):
            # The text was edited after taking the library's days: it is the notice's now.
            self.source = "notice"
        year, changes = self.env["skill.cert.official.year"]._load_days(
            self.year, days, self.source, self.reference
        )
        source_label = dict(self._fields["source"]._description_selection(self.env))[self.source]
        year._post_changes(changes, source_label)
        return {
            "type": "ir.actions.act_window",
            "res_model": year._name,
            "res_id": year.id,
            "view_mode": "form",
            "target": "current",
        }
