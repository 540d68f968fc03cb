import base64
import hashlib
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import shanghai_today
from ..tools.locks import wait_for_rows
from ..tools.masking import mask_id_number, mask_name

CERTIFICATE_DOCUMENT_REPORT = "l10n_cn_hr_skill_certification.action_report_certificate_document"
# 32 random bytes, URL-safe: 43 characters nobody can guess or count through.
TOKEN_BYTES = 32
PRINT_STATES = [("current", "Current"), ("superseded", "Superseded")]


class SkillCertCertificatePrint(models.Model):
    """One print of a certificate the enterprise issued (制证): the certificate document
    with its own serial and the token of its QR code, and the fingerprint of the PDF as
    it was issued.

    A reissue (补发) keeps the certificate number and makes a new print; the earlier one
    verifies as superseded. Prints are made by the certificate's actions only, and
    nothing of a print changes afterwards but its supersession.

    Access: read by whoever reads the certificate; the verification page reads the
    print of its token only.
    """

    _name = "skill.cert.certificate.print"
    _description = "Certificate Print"
    _order = "certificate_id, sequence desc"
    _check_company_auto = True

    certificate_id = fields.Many2one(
        "skill.cert.certificate", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(related="certificate_id.company_id", store=True)
    sequence = fields.Integer(required=True, readonly=True, default=1)
    name = fields.Char(
        string="Print Serial",
        required=True,
        readonly=True,
        help="The certificate number and the number of the print: 01 for the first, 02 for "
        "the first reissue ...",
    )
    token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        groups="l10n_cn_hr_skill_certification.group_skill_cert_officer",
        help="The random key in the QR code of this print.",
    )
    state = fields.Selection(PRINT_STATES, required=True, default="current", readonly=True)
    issue_date = fields.Date(required=True, readonly=True, default=lambda self: shanghai_today())
    reason = fields.Text(string="Reissue Reason", readonly=True)
    superseded_date = fields.Date(readonly=True)
    document_id = fields.Many2one("ir.attachment", string="Document as Issued", readonly=True)
    sha256 = fields.Char(string="SHA-256 Fingerprint", readonly=True)
    printed_by_id = fields.Many2one("res.users", readonly=True)
    verification_count = fields.Integer(
        compute="_compute_verification_count", string="Verifications"
    )

    _token_unique = models.Constraint("UNIQUE(token)", "Two prints cannot share a token.")
    _serial_unique = models.Constraint(
        "UNIQUE(certificate_id, sequence)", "A certificate has one print per number."
    )

    def _compute_verification_count(self):
        # sudo: the verification log is written by anonymous visitors and read as counts.
        counts = dict(
            self.env["skill.cert.verification.log"]
            .sudo()
            ._read_group([("print_id", "in", self.ids)], ["print_id"], ["__count"])
        )
        for certificate_print in self:
            certificate_print.verification_count = counts.get(certificate_print, 0)

    @api.model
    def _new_token(self):
        return secrets.token_urlsafe(TOKEN_BYTES)

    @api.model
    def _prepare_vals(self, certificate, sequence, reason=False):
        return {
            "certificate_id": certificate.id,
            "sequence": sequence,
            "name": f"{certificate.name}-{sequence:02d}",
            "token": self._new_token(),
            "reason": reason,
        }

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Print %(serial)s is kept as it was issued: reissue the certificate for a "
                    "new print.",
                    serial=self[:1].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        raise UserError(
            self.env._(
                "Print %(serial)s is kept for the record: its QR code must still verify.",
                serial=self[:1].name,
            )
        )

    def _get_verification_url(self):
        self.ensure_one()
        # sudo: the token is an officer's field; the document shows it in its QR code.
        return f"{self.get_base_url()}/skill-cert/verify/{self.sudo().token}"

    def _get_qr_data_uri(self):
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "QR", self._get_verification_url(), width=300, height=300, quiet=False
        )
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def _get_holder_id_document(self):
        """(type, number) of the holder's identity document, as the certificate prints
        them (in Chinese, as the whole document): it carries the full number."""
        self.ensure_one()
        # sudo: ID numbers are HR officer data; the certificate document shows them.
        employee = self.certificate_id.employee_id.sudo()
        if employee.identification_id and employee.version_id._skill_cert_holds_resident_id():
            return "居民身份证", employee.identification_id
        if employee.passport_id:
            return "护照", employee.passport_id
        return "其他证件", employee.identification_id or ""

    def _get_public_values(self):
        """What the public verification page shows: masked holder, no ID of a record."""
        self.ensure_one()
        # sudo: the page is public; it shows only what is masked below.
        certificate = self.sudo().certificate_id
        id_type, id_number = self._get_holder_id_document()
        status, status_date = self._get_status()
        return {
            "holder_name": mask_name(certificate.employee_id.name),
            "id_type": id_type,
            "id_number": mask_id_number(id_number),
            "occupation": certificate.occupation_id._get_skill_name(),
            "level": certificate.level_id.name,
            "number": certificate.name,
            "serial": self.name,
            "issuer": certificate.issuer_name,
            "issue_date": certificate.issue_date,
            "status": status,
            "status_date": status_date,
            "sha256": self.sha256,
            "current_serial": certificate.current_print_id.name if status == "superseded" else "",
        }

    def _ensure_document(self):
        """Render the PDF of each print that has none, once: what is rendered first is
        the document as issued, and its fingerprint is kept."""
        if not self:
            return
        # Two people printing at once must not both render a first document.
        wait_for_rows(self)
        self.invalidate_recordset(["document_id", "sha256"])
        # sudo: the document and its fingerprint are written by the print step itself;
        # the print and its file are then readable by whoever reads the certificate.
        Report = self.env["ir.actions.report"].sudo()
        report = Report._get_report(CERTIFICATE_DOCUMENT_REPORT)
        for certificate_print in self.sudo().filtered(lambda p: not p.document_id):
            certificate = certificate_print.certificate_id
            # Printed through the report itself (its URL), the file is already kept.
            attachment = report.retrieve_attachment(certificate)
            if attachment:
                pdf = attachment.raw
            else:
                # One certificate per rendering: Debian's wkhtmltopdf cannot split several.
                pdf, _type = Report.with_context(
                    force_report_rendering=True, report_pdf_no_attachment=True
                )._render_qweb_pdf(CERTIFICATE_DOCUMENT_REPORT, certificate.ids)
                attachment = (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        {
                            "name": f"{certificate_print.name}.pdf",
                            "raw": pdf,
                            "mimetype": "application/pdf",
                            "res_model": "skill.cert.certificate",
                            "res_id": certificate.id,
                        }
                    )
                )
            certificate_print.write(
                {
                    "document_id": attachment.id,
                    "sha256": hashlib.sha256(pdf).hexdigest(),
                    "printed_by_id": self.env.uid,
                }
            )

    def _get_status(self):
        """What the verification page says of this print: (code, date)."""
        self.ensure_one()
        certificate = self.certificate_id
        if self.state == "superseded":
            return "superseded", self.superseded_date
        if certificate.state == "revoked":
            return "revoked", certificate.revoke_date
        if certificate.state == "expired":
            return "expired", certificate.valid_until
        return "valid", False
