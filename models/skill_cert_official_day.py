from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SkillCertOfficialDay(models.Model):
    """A public holiday (放假) or an adjusted working day (调休上班) of the official
    arrangement. Days not listed follow the week: Monday to Friday are working days."""

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
