from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import shanghai_today

# Article 14: the base information whose change is reported to the authority.
REPORTED_COMPANY_FIELDS = (
    "name",
    "skill_cert_contact_name",
    "phone",
    "street",
    "street2",
    "city",
    "state_id",
    "zip",
)


class SkillCertCompanyChange(models.Model):
    """A change of the enterprise's base information (name, contact, phone, address)
    to be reported to the human resources authority (Article 14). Written by the
    company form itself; officers record when and how it was reported. Never deleted
    (Article 13).

    Access: officers read and record the report; managers too; nobody creates them
    by hand or deletes them.
    """

    _name = "skill.cert.company.change"
    _description = "Base Information Change"
    _inherit = ["mail.thread"]
    _order = "state desc, changed_on desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    field_name = fields.Selection(
        selection="_selection_field_name", string="Information", required=True, readonly=True
    )
    old_value = fields.Char(string="Before", readonly=True)
    new_value = fields.Char(string="After", readonly=True)
    changed_by_id = fields.Many2one("res.users", readonly=True)
    changed_on = fields.Datetime(readonly=True, default=fields.Datetime.now)
    state = fields.Selection(
        [("to_report", "To Report"), ("reported", "Reported")],
        required=True,
        default="to_report",
        readonly=True,
        tracking=True,
    )
    reported_on = fields.Date(tracking=True)
    report_reference = fields.Char(
        tracking=True,
        help="How it was reported, e.g. the platform's application number.",
    )

    @api.model
    def _selection_field_name(self):
        """The company's reported fields, labelled in the reader's language."""
        Company = self.env["res.company"]
        return [
            (name, Company._fields[name].get_description(self.env)["string"])
            for name in REPORTED_COMPANY_FIELDS
        ]

    @api.depends("field_name", "changed_on")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._selection_field_name())
        for change in self:
            change.display_name = self.env._(
                "%(information)s changed on %(date)s",
                information=labels.get(change.field_name, ""),
                date=fields.Date.to_string(change.changed_on) if change.changed_on else "",
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "%(change)s is part of the record of base information changes (Articles 13 "
                "and 14) and cannot be deleted.",
                change=self[:1].display_name,
            )
        )

    def action_mark_reported(self):
        for change in self:
            if change.state != "to_report":
                raise UserError(
                    self.env._("%(change)s is already reported.", change=change.display_name)
                )
            if not change.report_reference:
                raise UserError(
                    self.env._(
                        "%(change)s: give the report reference (how and where it was "
                        "reported) first.",
                        change=change.display_name,
                    )
                )
        for change in self:
            change.write(
                {"state": "reported", "reported_on": change.reported_on or shanghai_today()}
            )

    @api.model
    def _demo_report_all(self, company_id, reference):
        changes = self.search([("company_id", "=", company_id), ("state", "=", "to_report")])
        changes.write({"report_reference": reference})
        changes.action_mark_reported()

    @api.model
    def _values_of(self, companies, field_names):
        """{company id: {field: readable value}} for the fields in ``field_names``."""
        values = {}
        for company in companies:
            readable = {}
            for name in field_names:
                value = company[name]
                readable[name] = (
                    value.display_name if isinstance(value, models.BaseModel) else (value or "")
                )
            values[company.id] = readable
        return values

    @api.model
    def _record(self, before, after):
        """Create one change per field whose readable value differs. Filling in a value
        left empty so far is completing the record, not a change to report."""
        vals_list = []
        for company_id, old_values in before.items():
            for name, old in old_values.items():
                new = after[company_id][name]
                if old and old != new:
                    vals_list.append(
                        {
                            "company_id": company_id,
                            "field_name": name,
                            "old_value": old,
                            "new_value": new,
                            "changed_by_id": self.env.uid,
                        }
                    )
        # sudo: the record of Article 14 is written whoever edits the company (a settings
        # administrator usually holds no certification group).
        return self.sudo().create(vals_list)
