from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import internal


class SkillCertOfficialDay(models.Model):
    """A public holiday (放假) or an adjusted working day (调休上班) of the official
    arrangement. Days not listed follow the week: Monday to Friday are working days.
    The days of a confirmed year change only by loading the year again."""

    _name = "skill.cert.official.day"
    _description = "Official Holiday or Adjusted Working Day"
    _order = "date"

    year_id = fields.Many2one(
        "skill.cert.official.year", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(
        [("holiday", "Public holiday"), ("workday", "Adjusted working day")],
        string="Type",
        required=True,
    )
    holiday_name = fields.Char(string="Holiday")

    _date_unique = models.Constraint("UNIQUE(date)", "A date is listed once.")

    @api.constrains("date", "year_id")
    def _check_year(self):
        for day in self:
            if day.date.year != day.year_id.year:
                raise ValidationError(
                    self.env._(
                        "%(date)s does not belong to the arrangement of %(year)s.",
                        date=day.date,
                        year=day.year_id.year,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not internal.is_internal(self, internal.OFFICIAL_YEAR):
            self.check_access("create")
            year_ids = {vals.get("year_id") for vals in vals_list}
            self.env["skill.cert.official.year"].browse(year_ids)._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        if not internal.is_internal(self, internal.OFFICIAL_YEAR):
            self.check_access("write")
            self.year_id._check_draft()
            if vals.get("year_id"):
                self.env["skill.cert.official.year"].browse(vals["year_id"])._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_year(self):
        if not internal.is_internal(self, internal.OFFICIAL_YEAR):
            self.year_id._check_draft()
