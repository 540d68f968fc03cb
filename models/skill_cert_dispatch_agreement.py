from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.attachments import attach_own_uploads
from ..tools.locks import wait_for_rows
from ..tools.roles import GROUP_OFFICER


class SkillCertDispatchAgreement(models.Model):
    """The documents Article 6 asks before dispatched workers are certified: the labour
    dispatch agreement (《劳务派遣协议》) with the agency, the labour contracts
    (《劳动合同》), and the bank-stamped records of what the company paid the agency,
    whose amount matches the number of workers dispatched.

    A dispatched worker's registration is approved only while a confirmed agreement of
    his agency is in force, and while the workers of that agency registered in the plan
    do not outnumber the headcount the payment records pay for.

    Access: officers record and confirm; managers too.
    """

    _name = "skill.cert.dispatch.agreement"
    _description = "Labour Dispatch Documents"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Agreement Number", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    agency_id = fields.Many2one(
        "res.partner", string="Dispatching Agency", required=True, index=True, tracking=True
    )
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid Until", tracking=True)
    agreement_document = fields.Binary(string="Dispatch Agreement", attachment=True)
    agreement_document_name = fields.Char()
    contract_ids = fields.Many2many(
        "ir.attachment",
        "skill_cert_dispatch_contract_rel",
        "agreement_id",
        "attachment_id",
        string="Labour Contracts",
    )
    payment_record_ids = fields.Many2many(
        "ir.attachment",
        "skill_cert_dispatch_payment_rel",
        "agreement_id",
        "attachment_id",
        string="Payment Records",
        help="The statements of the fees paid to the agency, with the bank's stamp or an "
        "electronic receipt seal.",
    )
    payments_bank_stamped = fields.Boolean(
        string="Bank-stamped",
        help="The payment records bear the bank's stamp (银行盖章或电子回单章).",
    )
    paid_headcount = fields.Integer(
        string="Workers Paid For",
        tracking=True,
        help="The number of dispatched workers the payment records' amount corresponds to.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )

    _headcount_positive = models.Constraint(
        "CHECK(paid_headcount >= 0)", "The headcount paid for cannot be negative."
    )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        for field_name in ("contract_ids", "payment_record_ids"):
            attach_own_uploads(agreements, field_name)
        return agreements

    def write(self, vals):
        result = super().write(vals)
        for field_name in {"contract_ids", "payment_record_ids"} & vals.keys():
            attach_own_uploads(self, field_name)
        return result

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for agreement in self.filtered("date_to"):
            if agreement.date_to < agreement.date_from:
                raise ValidationError(
                    self.env._(
                        "Dispatch agreement %(agreement)s ends before it starts.",
                        agreement=agreement.name,
                    )
                )

    def action_confirm(self):
        """The officer confirms the documents are complete (Article 6)."""
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Certification officers confirm dispatch documents."))
        # Two officers confirming at once: the second waits, then finds it confirmed.
        wait_for_rows(self)
        self.invalidate_recordset(["state"])
        for agreement in self:
            if agreement.state == "confirmed":
                raise UserError(
                    self.env._(
                        "Dispatch documents %(agreement)s are already confirmed.",
                        agreement=agreement.name,
                    )
                )
            missing = [
                label
                for label, present in (
                    (self.env._("the dispatch agreement"), agreement.agreement_document),
                    (self.env._("the labour contracts"), agreement.contract_ids),
                    (self.env._("the payment records"), agreement.payment_record_ids),
                    (self.env._("the bank's stamp on them"), agreement.payments_bank_stamped),
                    (self.env._("the headcount they pay for"), agreement.paid_headcount),
                )
                if not present
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Dispatch documents %(agreement)s of %(agency)s: attach %(missing)s "
                        "(Article 6).",
                        agreement=agreement.name,
                        agency=agreement.agency_id.name,
                        missing=self.env._("、").join(missing),
                    )
                )
        self.write({"state": "confirmed"})

    def action_back_to_draft(self):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Certification officers edit dispatch documents."))
        self.write({"state": "draft"})

    @api.model
    def _get_dispatch_problems(self, registrations):
        """{registration: reason} for the dispatched workers of ``registrations`` that
        Article 6's documents do not cover."""
        # sudo: the employment category and agency are HR data; the check runs for the
        # candidate and his officer alike, and shows only the agency's name.
        dispatched = registrations.sudo().filtered(
            lambda r: r.employee_id.skill_cert_employment_category == "dispatched"
        )
        if not dispatched:
            return {}
        # sudo: the documents are checked for the candidate, who may not read them.
        agreements = self.sudo().search(
            [
                ("company_id", "in", dispatched.company_id.ids),
                ("state", "=", "confirmed"),
                ("agency_id", "in", dispatched.employee_id.skill_cert_dispatch_agency_id.ids),
            ]
        )
        # The dispatched workers each agency has registered, per plan: counted once.
        registered = Counter(
            (registration.plan_id, registration.employee_id.skill_cert_dispatch_agency_id)
            for registration in dispatched.plan_id.registration_ids
            if registration.state in ("submitted", "approved")
            and registration.employee_id.skill_cert_employment_category == "dispatched"
        )
        problems = {}
        for registration in dispatched:
            agency = registration.employee_id.skill_cert_dispatch_agency_id
            day = registration.plan_id.registration_deadline or fields.Date.to_date(
                registration.create_date
            )
            in_force = agreements.filtered(
                lambda a: (
                    a.agency_id == agency
                    and a.company_id == registration.company_id
                    and a.date_from <= day
                    and (not a.date_to or a.date_to >= day)
                )
            )
            original = registration.with_env(registrations.env)
            if not in_force:
                problems[original] = self.env._(
                    "no confirmed dispatch agreement, labour contracts and payment records of "
                    "%(agency)s in force (Article 6)",
                    agency=agency.name or self.env._("the dispatching agency"),
                )
                continue
            count = registered[registration.plan_id, agency]
            paid = max(in_force.mapped("paid_headcount"))
            if count > paid:
                problems[original] = self.env._(
                    "%(count)s workers of %(agency)s are registered but the payment records "
                    "pay for %(paid)s (Article 6)",
                    count=count,
                    agency=agency.name,
                    paid=paid,
                )
        return problems
