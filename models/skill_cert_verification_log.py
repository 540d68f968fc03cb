import datetime
import hashlib

from odoo import api, fields, models

# Requests one visitor may make to the verification pages in the window.
RATE_LIMIT_REQUESTS = 30
RATE_LIMIT_WINDOW = datetime.timedelta(minutes=10)
LOG_KINDS = [
    ("view", "Page viewed"),
    ("compare", "File compared"),
    ("unknown", "Unknown token"),
]


class SkillCertVerificationLog(models.Model):
    """One request to the public verification pages: counts each print's views and
    limits how fast one visitor may try tokens.

    The visitor's address is kept only as a salted hash (it is personal data, and
    only equality matters). Nobody edits the log; it is written by the public pages.
    """

    _name = "skill.cert.verification.log"
    _description = "Certificate Verification Request"
    _order = "id desc"
    _log_access = False

    print_id = fields.Many2one(
        "skill.cert.certificate.print", index=True, ondelete="cascade", readonly=True
    )
    kind = fields.Selection(LOG_KINDS, required=True, readonly=True)
    visitor_hash = fields.Char(required=True, index=True, readonly=True)
    request_time = fields.Datetime(
        required=True, index=True, readonly=True, default=fields.Datetime.now
    )
    matched = fields.Boolean(readonly=True, help="A compared file was the document as issued.")

    @api.model
    def _visitor_hash(self, address):
        salt = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()

    @api.model
    def _is_rate_limited(self, visitor_hash):
        since = fields.Datetime.now() - RATE_LIMIT_WINDOW
        return (
            self.search_count(
                [("visitor_hash", "=", visitor_hash), ("request_time", ">=", since)],
                limit=RATE_LIMIT_REQUESTS,
            )
            >= RATE_LIMIT_REQUESTS
        )

    @api.autovacuum
    def _gc_old_requests(self):
        """Keep one year of requests: enough for the counts people ask about."""
        self.search(
            [("request_time", "<", fields.Datetime.now() - datetime.timedelta(days=366))]
        ).unlink()
