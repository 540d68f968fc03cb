from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..tools.dates import shanghai_today


class SkillCertFeeStandard(models.Model):
    """The fee charged for certifying one occupation at one level (收费标准), Article 12:
    set from the venue, equipment, materials and service, and published on the
    authority's website, the enterprise's website and at the venue before candidates
    register. A fee of zero (free for the staff) is a standard too, and is published.

    Access: every employee reads published standards (they are public); officers keep
    them; managers may delete a draft one.
    """

    _name = "skill.cert.fee.standard"
    _description = "Certification Fee Standard"
    _inherit = ["skill.cert.occupation.level.mixin", "mail.thread"]
    _order = "occupation_id, level_grade desc, date_from desc, id desc"
    _check_company_auto = True
    _state_in_force = "published"
    _locked_fields = frozenset({"occupation_id", "level_id", "amount", "basis", "company_id"})

    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Fee per Candidate", tracking=True)
    basis = fields.Text(
        string="Pricing Basis",
        help="How the fee follows from the venue, equipment, materials and service "
        "(Article 12), and the rules it is set under.",
    )
    date_from = fields.Date(string="Applies From", default=lambda self: shanghai_today())
    published_on_authority_site = fields.Boolean(string="On the Authority's Website")
    published_on_company_site = fields.Boolean(string="On Our Website")
    published_at_venue = fields.Boolean(string="At the Venue")
    publication_url = fields.Char(string="Publication Link")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    published_date = fields.Date(readonly=True, copy=False)

    @api.depends("occupation_id", "level_id", "amount", "currency_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for fee in self:
            fee.display_name = self.env._(
                "%(occupation)s %(level)s: %(amount)s",
                occupation=fee.occupation_id.display_name or "",
                level=fee.level_id.name or "",
                amount=format_amount(self.env, fee.amount, fee.currency_id)
                if fee.currency_id
                else fee.amount,
            )

    @api.constrains("amount")
    def _check_amount(self):
        for fee in self.filtered(lambda f: f.amount < 0):
            raise ValidationError(
                self.env._(
                    "Fee standard %(fee)s: a certification fee cannot be negative.",
                    fee=fee.display_name,
                )
            )

    def _record_label(self):
        return self.env._("Fee standard %(fee)s", fee=self.display_name)

    def _in_force_conflict_message(self, other):
        return self.env._(
            "%(fee)s: another fee standard of this occupation and level is published.",
            fee=self.display_name,
        )

    def _locked_message(self, field_names):
        return self.env._(
            "Fee standard %(fee)s has been published and stays as it was published: "
            "create a new standard instead.",
            fee=self.display_name,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        published = self.filtered(lambda f: f.state != "draft")
        if published:
            raise UserError(
                self.env._(
                    "Fee standard %(fee)s has been published and is kept as a record (Article 13).",
                    fee=published[0].display_name,
                )
            )

    def action_publish(self):
        """Publish the standard in the three places of Article 12; a standard published
        before for the same occupation and level is withdrawn."""
        for fee in self:
            if fee.state != "draft":
                raise UserError(
                    self.env._("Fee standard %(fee)s is not a draft.", fee=fee.display_name)
                )
            missing = [
                label
                for label, done in (
                    (self.env._("the pricing basis"), fee.basis),
                    (
                        self.env._("publication on the authority's website"),
                        fee.published_on_authority_site,
                    ),
                    (self.env._("publication on our website"), fee.published_on_company_site),
                    (self.env._("publication at the venue"), fee.published_at_venue),
                )
                if not done
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fee standard %(fee)s cannot be published (Article 12): "
                        "%(missing)s is missing.",
                        fee=fee.display_name,
                        missing=self.env._(", ").join(missing),
                    )
                )
            fee._find_in_force(fee.company_id, fee.occupation_id, fee.level_id).write(
                {"state": "withdrawn"}
            )
            fee.write({"state": "published", "published_date": shanghai_today()})

    def action_withdraw(self):
        for fee in self:
            if fee.state != "published":
                raise UserError(
                    self.env._("Fee standard %(fee)s is not published.", fee=fee.display_name)
                )
        self.write({"state": "withdrawn"})
