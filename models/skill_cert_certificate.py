import re
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from ..tools import internal
from ..tools.dates import shanghai_today
from ..tools.locks import wait_for_rows
from ..tools.roles import GROUP_MANAGER, GROUP_OFFICER

# One capital letter (body category: Y employer, S social organisation, ...) and 21
# digits: body code, province, site, 2-digit year, level digit, 6-digit serial.
CERTIFICATE_NUMBER_PATTERN = re.compile(r"^[A-Z]\d{21}$")
LEVEL_DIGIT_INDEX = -7


def normalize_certificate_number(number):
    """Certificate numbers as the authority prints them: no spaces (inside or around,
    as copied from a PDF), the letter in capitals. Every path stores them this way."""
    return re.sub(r"\s+", "", number or "").upper()


ISSUER_TYPES = [
    ("self", "This enterprise (pilot)"),
    ("other", "Another evaluation body"),
]
ORIGINS = [
    ("manual", "Recorded by hand"),
    ("plan", "Certification plan"),
]
CERTIFICATE_STATES = [
    ("valid", "Valid"),
    ("expired", "Expired"),
    ("revoked", "Revoked"),
]


class SkillCertCertificate(models.Model):
    """A vocational skill level certificate (职业技能等级证书) held by an employee.

    The certificate, not the employee's skill rows, is the source of truth for
    levels: allowances and eligibility read it. Each valid certificate is mirrored
    into ``hr.employee.skill`` so it shows with the employee's skills.

    Access:
      - Employee, Examiner, Internal Supervisor: read their own certificates;
      - HR officers: read all certificates of their companies;
      - Certification Officer: record and correct certificates;
      - Certification Manager: also revokes them;
      - nobody deletes a certificate (Article 13): revoke it, with a reason.
    """

    _name = "skill.cert.certificate"
    _description = "Vocational Skill Level Certificate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "issue_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Certificate Number", required=True, copy=False, index=True, tracking=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    occupation_id = fields.Many2one(
        "skill.cert.occupation",
        string="Occupation (Work Type)",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        domain="[('is_certifiable', '=', True)]",
        tracking=True,
    )
    level_id = fields.Many2one(
        "hr.skill.level",
        required=True,
        ondelete="restrict",
        domain="[('skill_cert_grade', '!=', False)]",
        tracking=True,
    )
    level_grade = fields.Integer(
        related="level_id.skill_cert_grade", string="Level Number", store=True
    )
    issue_date = fields.Date(required=True, default=lambda self: shanghai_today(), tracking=True)
    valid_until = fields.Date(
        tracking=True,
        help="Leave empty: vocational skill level certificates hold without limit unless "
        "the issuing body states a period. The certificate expires the day after.",
    )
    issuer_type = fields.Selection(
        ISSUER_TYPES, string="Issued By", required=True, default="self", tracking=True
    )
    issuer_name = fields.Char(
        string="Issuing Body",
        compute="_compute_issuer_name",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
    )
    origin = fields.Selection(ORIGINS, required=True, default="manual", readonly=True)
    document = fields.Binary(string="Certificate Scan", attachment=True, copy=False)
    document_name = fields.Char(copy=False)
    state = fields.Selection(
        CERTIFICATE_STATES,
        required=True,
        default="valid",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    revoke_reason = fields.Text(readonly=True, copy=False, tracking=True)
    revoke_date = fields.Date(readonly=True, copy=False)
    revoked_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    plan_id = fields.Many2one(
        "skill.cert.plan", string="Certification Plan", readonly=True, index=True, copy=False
    )
    registration_id = fields.Many2one("skill.cert.registration", readonly=True, copy=False)
    print_ids = fields.One2many("skill.cert.certificate.print", "certificate_id", readonly=True)
    current_print_id = fields.Many2one(
        "skill.cert.certificate.print",
        compute="_compute_current_print_id",
        help="The print whose QR code verifies as valid; earlier prints are superseded.",
    )
    verification_count = fields.Integer(
        compute="_compute_verification_count", string="Verifications of the Current Print"
    )
    employee_skill_id = fields.Many2one(
        "hr.employee.skill",
        string="Skill Row",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The row that shows this certificate among the employee's skills.",
    )

    _name_unique = models.Constraint(
        "UNIQUE(name)", "Two certificates cannot share a certificate number."
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("employee_id")
    def _compute_company_id(self):
        for certificate in self:
            certificate.company_id = (
                certificate.employee_id.company_id or certificate.company_id or self.env.company
            )

    @api.depends("issuer_type", "company_id")
    def _compute_issuer_name(self):
        for certificate in self:
            if certificate.issuer_type == "self":
                certificate.issuer_name = certificate.company_id.name
            elif certificate.issuer_name == certificate.company_id.name:
                certificate.issuer_name = False

    @api.depends("print_ids.state")
    def _compute_current_print_id(self):
        for certificate in self:
            certificate.current_print_id = certificate.print_ids.filtered(
                lambda p: p.state == "current"
            )[:1]

    def _compute_verification_count(self):
        for certificate in self:
            certificate.verification_count = certificate.current_print_id.verification_count

    @api.depends("name", "employee_id", "level_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for certificate in self:
            certificate.display_name = " ".join(
                part for part in (certificate.name, certificate.employee_id.name) if part
            )

    def _check_numbers_available(self, numbers):
        """Refuse numbers already used, naming the holder, before the unique index
        would refuse them with a bare database error."""
        repeated = {number for number, count in Counter(numbers).items() if count > 1}
        if repeated:
            raise ValidationError(
                self.env._("Certificate number %(number)s is given twice.", number=min(repeated))
            )
        # sudo: a number must be unique across companies, even those the user cannot see.
        used_sudo = self.sudo().search([("name", "in", numbers), ("id", "not in", self.ids)])
        if used_sudo:
            readable = used_sudo.with_env(self.env)._filtered_access("read")
            if readable:
                message = self.env._(
                    "Certificate number %(number)s is already used by the certificate of "
                    "%(holders)s.",
                    number=used_sudo[0].name,
                    holders=", ".join(readable.employee_id.mapped("name")),
                )
            else:
                message = self.env._(
                    "Certificate number %(number)s is already used by another certificate.",
                    number=used_sudo[0].name,
                )
            raise ValidationError(message)

    @api.model
    def _get_number_problem(self, number, level, company):
        """Why ``number`` cannot be the number of a certificate of ``level``, or None."""
        if company.skill_cert_relax_number_check:
            return None
        if not CERTIFICATE_NUMBER_PATTERN.match(number or ""):
            return self.env._(
                "number %(number)s is not one capital letter followed by 21 digits",
                number=number,
            )
        if int(number[LEVEL_DIGIT_INDEX]) != level.skill_cert_grade:
            return self.env._(
                "number %(number)s carries level digit %(digit)s but the certificate is for "
                "%(level)s",
                number=number,
                digit=number[LEVEL_DIGIT_INDEX],
                level=level.name,
            )
        return None

    @api.constrains("name", "level_id", "company_id")
    def _check_number(self):
        for certificate in self:
            problem = self._get_number_problem(
                certificate.name, certificate.level_id, certificate.company_id
            )
            if problem:
                raise ValidationError(
                    self.env._(
                        "Certificate of %(employee)s: %(problem)s.",
                        employee=certificate.employee_id.name,
                        problem=problem,
                    )
                )

    @api.constrains("issue_date", "valid_until")
    def _check_validity_dates(self):
        for certificate in self:
            if certificate.valid_until and certificate.valid_until < certificate.issue_date:
                raise ValidationError(
                    self.env._(
                        "Certificate %(number)s of %(employee)s: it cannot be valid until "
                        "%(until)s, before its issue date %(issued)s.",
                        number=certificate.name,
                        employee=certificate.employee_id.name,
                        until=certificate.valid_until,
                        issued=certificate.issue_date,
                    )
                )

    @api.constrains("occupation_id")
    def _check_occupation_certifiable(self):
        for certificate in self:
            certificate.occupation_id._check_certifiable_for(
                self.env._(
                    "Certificate %(number)s of %(employee)s",
                    number=certificate.name,
                    employee=certificate.employee_id.name,
                )
            )

    @api.constrains("level_id")
    def _check_level(self):
        for certificate in self:
            if not certificate.level_id.skill_cert_grade:
                raise ValidationError(
                    self.env._(
                        "Certificate %(number)s: %(level)s is not a vocational skill level.",
                        number=certificate.name,
                        level=certificate.level_id.name,
                    )
                )

    @api.constrains("origin", "document", "plan_id")
    def _check_document(self):
        for certificate in self:
            if certificate.origin == "plan" and not certificate.plan_id:
                raise ValidationError(
                    self.env._(
                        "Certificate %(number)s: a certificate from a certification plan is "
                        "issued by the plan.",
                        number=certificate.name,
                    )
                )
            if certificate.origin == "manual" and not certificate.document:
                raise ValidationError(
                    self.env._(
                        "Certificate %(number)s of %(employee)s is recorded by hand: attach "
                        "a scan of the certificate.",
                        number=certificate.name,
                        employee=certificate.employee_id.name,
                    )
                )

    @api.constrains("employee_id", "occupation_id", "level_id", "state")
    def _check_single_valid_certificate(self):
        valid = self.filtered(lambda certificate: certificate.state == "valid")
        if not valid:
            return
        groups = self._read_group(
            [
                ("employee_id", "in", valid.employee_id.ids),
                ("occupation_id", "in", valid.occupation_id.ids),
                ("state", "=", "valid"),
            ],
            ["employee_id", "occupation_id", "level_id"],
            ["id:recordset"],
        )
        for employee, occupation, level, certificates in groups:
            if len(certificates) > 1:
                raise ValidationError(
                    self.env._(
                        "%(employee)s already holds a valid certificate for %(occupation)s "
                        "at %(level)s (%(numbers)s).",
                        employee=employee.name,
                        occupation=occupation.display_name,
                        level=level.name,
                        numbers=", ".join(certificates.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name"):
                vals["name"] = normalize_certificate_number(vals["name"])
        self._check_numbers_available([vals["name"] for vals in vals_list if vals.get("name")])
        certificates = super().create(vals_list)
        certificates._sync_expiry_state()
        certificates._sync_employee_skills()
        certificates._create_first_prints()
        return certificates

    def write(self, vals):
        if vals.get("name"):
            vals["name"] = normalize_certificate_number(vals["name"])
            self._check_numbers_available([vals["name"]] * len(self))
        locked = self._get_locked_fields() & vals.keys()
        revoked = self.filtered(lambda certificate: certificate.state == "revoked")
        if locked and revoked:
            raise UserError(
                self.env._(
                    "Certificate %(numbers)s is revoked and can no longer be changed.",
                    numbers=", ".join(revoked.mapped("name")),
                )
            )
        result = super().write(vals)
        if "valid_until" in vals:
            self._sync_expiry_state()
        if self._get_mirrored_fields() & vals.keys():
            self._sync_employee_skills()
        return result

    def _sync_expiry_state(self):
        """Valid until ``valid_until`` (Asia/Shanghai date), expired after it; a
        corrected date brings an expired certificate back."""
        today = shanghai_today()
        expired = self.filtered(
            lambda c: c.state == "valid" and c.valid_until and c.valid_until < today
        )
        renewed = self.filtered(
            lambda c: c.state == "expired" and (not c.valid_until or c.valid_until >= today)
        )
        expired.write({"state": "expired"})
        renewed.write({"state": "valid"})

    @api.model
    def _cron_sync_expiry(self):
        today = shanghai_today()
        certificates = self.search(
            [
                "|",
                "&",
                ("state", "=", "valid"),
                ("valid_until", "<", today),
                "&",
                ("state", "=", "expired"),
                "|",
                ("valid_until", "=", False),
                ("valid_until", ">=", today),
            ]
        )
        certificates._sync_expiry_state()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_any(self):
        raise UserError(
            self.env._(
                "Certificates are kept for the record (Article 13): revoke certificate "
                "%(numbers)s with a reason instead of deleting it.",
                numbers=", ".join(self.mapped("name")),
            )
        )

    @api.model
    def _get_locked_fields(self):
        return {
            "name",
            "employee_id",
            "company_id",
            "occupation_id",
            "level_id",
            "issue_date",
            "valid_until",
            "issuer_type",
            "issuer_name",
            "document",
            "state",
            "revoke_reason",
            "revoke_date",
        }

    @api.model
    def _get_mirrored_fields(self):
        return {"employee_id", "occupation_id", "level_id", "issue_date", "state"}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_revoke_wizard(self):
        self._check_can_revoke()
        return self.env["skill.cert.reason.wizard"]._open_for(self, "revoke")

    def _create_first_prints(self):
        """The enterprise's own certificates get their first print, with the token of
        their QR code, when they are issued."""
        issued = self.filtered(lambda c: c.issuer_type == "self" and not c.print_ids)
        Print = self.env["skill.cert.certificate.print"]
        # sudo: prints are made by the issue step only; nobody creates them by hand.
        Print.sudo().create([Print._prepare_vals(certificate, 1) for certificate in issued])

    def _check_issued_here(self):
        foreign = self.filtered(lambda c: c.issuer_type != "self")
        if foreign:
            raise UserError(
                self.env._(
                    "Certificate %(number)s was issued by %(issuer)s: only the issuing body "
                    "prints it.",
                    number=foreign[0].name,
                    issuer=foreign[0].issuer_name or self.env._("another evaluation body"),
                )
            )

    def action_print_document(self):
        """Print the certificate documents: each is rendered once, when first printed,
        and the same file is given out afterwards."""
        self._check_issued_here()
        revoked = self.filtered(lambda c: c.state == "revoked")
        if revoked:
            raise UserError(
                self.env._(
                    "Certificate %(number)s is revoked: it is no longer printed.",
                    number=revoked[0].name,
                )
            )
        self._create_first_prints()
        self.current_print_id._ensure_document()
        return self.env.ref(
            "l10n_cn_hr_skill_certification.action_report_certificate_document"
        ).report_action(self)

    def action_open_reissue_wizard(self):
        self._check_can_reissue()
        return self.env["skill.cert.reason.wizard"]._open_for(self, "reissue")

    def _check_can_reissue(self):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(
                self.env._("Only a skill certification officer may reissue certificates.")
            )
        self._check_issued_here()
        not_valid = self.filtered(lambda c: c.state != "valid")
        if not_valid:
            raise UserError(
                self.env._(
                    "Certificate %(number)s is %(state)s: only a valid certificate is reissued.",
                    number=not_valid[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        not_valid[0].state
                    ],
                )
            )

    def _do_reissue(self, reason):
        """补发: the same certificate number on a new print with a new token; the print
        it replaces verifies as superseded from today."""
        self._check_can_reissue()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for reissuing the certificate."))
        # Two reissues at once must not both take the same print number: the second waits
        # for the print the first supersedes, and is retried once that is committed.
        wait_for_rows(self.current_print_id)
        self.invalidate_recordset(["print_ids"])
        Print = self.env["skill.cert.certificate.print"]
        # sudo: prints change only through this step (and the issue).
        for certificate in self.sudo():
            previous = certificate.print_ids.filtered(lambda p: p.state == "current")
            previous.write({"state": "superseded", "superseded_date": shanghai_today()})
            sequence = max(certificate.print_ids.mapped("sequence"), default=0) + 1
            Print.sudo().create(Print._prepare_vals(certificate, sequence, reason.strip()))
            certificate.message_post(
                body=self.env._(
                    "Reissued as print %(serial)s: %(reason)s",
                    serial=f"{certificate.name}-{sequence:02d}",
                    reason=reason.strip(),
                )
            )

    def _check_can_revoke(self):
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(
                self.env._("Only a skill certification manager may revoke certificates.")
            )
        revoked = self.filtered(lambda certificate: certificate.state == "revoked")
        if revoked:
            raise UserError(
                self.env._(
                    "Certificate %(numbers)s is already revoked.",
                    numbers=", ".join(revoked.mapped("name")),
                )
            )

    def _do_revoke(self, reason):
        self._check_can_revoke()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for revoking the certificate."))
        self.write(
            {
                "state": "revoked",
                "revoke_reason": reason.strip(),
                "revoke_date": shanghai_today(),
                "revoked_by_id": self.env.uid,
            }
        )

    # ------------------------------------------------------------------
    # Mirror into hr_skills
    # ------------------------------------------------------------------

    def _prepare_employee_skill_vals(self):
        self.ensure_one()
        return {
            "employee_id": self.employee_id.id,
            "skill_type_id": self.level_id.skill_type_id.id,
            "skill_id": self.occupation_id.skill_id.id,
            "skill_level_id": self.level_id.id,
            "valid_from": self.issue_date,
            "valid_to": False,
        }

    def _mirror_matches(self):
        self.ensure_one()
        mirror = self.employee_skill_id
        expected = self._prepare_employee_skill_vals()
        return bool(mirror) and (
            mirror.employee_id.id,
            mirror.skill_id.id,
            mirror.skill_level_id.id,
            mirror.valid_from,
            mirror.valid_to,
        ) == (
            expected["employee_id"],
            expected["skill_id"],
            expected["skill_level_id"],
            expected["valid_from"],
            expected["valid_to"],
        )

    def _sync_employee_skills(self):
        """Make ``hr.employee.skill`` show exactly the valid certificates of ``self``.

        Commands go through hr_skills' own transformation, so its rules (archive
        rather than delete, no duplicates) apply; the result is applied in batch.
        """
        # sudo: the mirror rows are written on behalf of the certificate, whose own
        # access rules already allowed this change; employees cannot edit them.
        certificates = self.sudo()
        valid = certificates.filtered(lambda certificate: certificate.state == "valid")
        today = shanghai_today()
        outdated = certificates.filtered(
            lambda certificate: (
                certificate.employee_skill_id
                and (
                    not certificate.employee_skill_id.valid_to
                    or certificate.employee_skill_id.valid_to >= today
                )
                and (certificate.state != "valid" or not certificate._mirror_matches())
            )
        )
        to_mirror = valid.filtered(
            lambda certificate: not certificate.employee_skill_id or certificate in outdated
        )
        commands = [Command.delete(mirror.id) for mirror in outdated.employee_skill_id]
        commands += [
            Command.create(certificate._prepare_employee_skill_vals()) for certificate in to_mirror
        ]
        if not commands:
            return
        employee_skills = internal.internally(
            self.env["hr.employee.skill"].sudo(), internal.SKILL_SYNC
        )
        transformed = employee_skills._get_transformed_commands(commands, self.env["hr.employee"])
        employee_skills._skill_cert_apply_commands(transformed)
        to_mirror._link_employee_skills()

    def _link_employee_skills(self):
        if not self:
            return
        mirrors = self.env["hr.employee.skill"].search(
            Domain("employee_id", "in", self.employee_id.ids)
            & Domain("skill_id", "in", self.occupation_id.skill_id.ids)
            & Domain("valid_to", "=", False)
        )
        by_key = {
            (
                mirror.employee_id.id,
                mirror.skill_id.id,
                mirror.skill_level_id.id,
                mirror.valid_from,
            ): mirror
            for mirror in mirrors
        }
        for certificate in self:
            certificate.employee_skill_id = by_key.get(
                (
                    certificate.employee_id.id,
                    certificate.occupation_id.skill_id.id,
                    certificate.level_id.id,
                    certificate.issue_date,
                )
            )
