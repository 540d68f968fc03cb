from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..tools.dates import shanghai_today

LOCKED_WHEN_PUBLISHED = {"occupation_id", "level_id", "amount", "basis", "company_id"}


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
    _inherit = ["mail.thread"]
    _order = "occupation_id, level_grade desc, date_from desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    occupation_id = fields.Many2one(
        "skill.cert.occupation",
        string="Occupation (Work Type)",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    level_id = fields.Many2one(
        "hr.skill.level",
        required=True,
        ondelete="restrict",
        domain="[('skill_cert_grade', '!=', False)]",
        tracking=True,
    )
    level_grade = fields.Integer(related="level_id.skill_cert_grade", store=True)
    amount = fields.Monetary(string="Fee per Candidate", tracking=True)
    basis = fields.Text(
        string="Pricing Basis",
        help="How the fee follows from the venue, equipment, materials and service "
        "(Article 12), and the rules it is set under.",
    )
    date_from = fields.Date(string="Applies From", default=fields.Date.context_today)
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

    @api.constrains("occupation_id")
    def _check_occupation(self):
        for fee in self:
            fee.occupation_id._check_certifiable_for(
                self.env._("Fee standard %(fee)s", fee=fee.display_name)
            )

    @api.constrains("state", "occupation_id", "level_id", "company_id")
    def _check_one_published(self):
        for fee in self.filtered(lambda f: f.state == "published"):
            if self.search_count(
                [
                    ("id", "!=", fee.id),
                    ("state", "=", "published"),
                    ("company_id", "=", fee.company_id.id),
                    ("occupation_id", "=", fee.occupation_id.id),
                    ("level_id", "=", fee.level_id.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "%(fee)s: another fee standard of this occupation and level is published.",
                        fee=fee.display_name,
                    )
                )

    def write(self, vals):
        locked = LOCKED_WHEN_PUBLISHED & vals.keys()
        published = self.filtered(lambda f: f.state != "draft")
        if locked and published:
            raise UserError(
                self.env._(
                    "Fee standard %(fee)s has been published and stays as it was published: "
                    "create a new standard instead.",
                    fee=published[0].display_name,
                )
            )
        return super().write(vals)

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
            fee._find_published(fee.company_id, fee.occupation_id, fee.level_id).write(
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

    @api.model
    def _find_published(self, company, occupation, level):
        return self.search(
            [
                ("state", "=", "published"),
                ("company_id", "=", company.id),
                ("occupation_id", "=", occupation.id),
                ("level_id", "=", level.id),
            ],
            limit=1,
        )
