import hashlib
import re

from odoo import http
from odoo.http import request

# Tokens are 43 URL-safe characters (tools: secrets.token_urlsafe(32)); anything else is
# not looked up at all.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{40,64}$")
MAX_COMPARED_BYTES = 20 * 1024 * 1024
TEMPLATE = "l10n_cn_hr_skill_certification.certificate_verification_page"


class SkillCertVerification(http.Controller):
    """The public page a certificate's QR code opens (no login): what the certificate
    says, masked, whether it still holds, and a check of a PDF against the file as
    issued. Tokens only, never record ids; every request is counted against the
    visitor."""

    @http.route(
        "/skill-cert/verify/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def verify(self, token, **kwargs):
        return self._respond(token, "view")

    @http.route(
        "/skill-cert/verify/<string:token>/compare",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def compare(self, token, document=None, **kwargs):
        return self._respond(token, "compare", document)

    def _respond(self, token, kind, document=None):
        # sudo: anonymous visitors read the print of their token only, and log the request.
        Log = request.env["skill.cert.verification.log"].sudo()
        Print = request.env["skill.cert.certificate.print"].sudo()
        visitor = Log._visitor_hash(request.httprequest.remote_addr or "")
        if Log._is_rate_limited(visitor):
            return request.render(TEMPLATE, {"outcome": "limited"}, status=429)
        certificate_print = Print
        if TOKEN_PATTERN.match(token or ""):
            certificate_print = Print.search([("token", "=", token)], limit=1)
        values = {"outcome": "unknown"}
        matched = False
        if certificate_print:
            values = certificate_print._get_public_values()
            values["outcome"] = "found"
            values["token"] = token
            if kind == "compare":
                values["comparison"] = self._compare(certificate_print, document)
                matched = values["comparison"] == "match"
            lang = certificate_print.company_id.partner_id.lang
            if lang and request.env["res.lang"]._get_data(code=lang):
                request.update_context(lang=lang)
        Log.create(
            {
                "print_id": certificate_print.id,
                "kind": kind if certificate_print else "unknown",
                "visitor_hash": visitor,
                "matched": matched,
            }
        )
        return request.render(TEMPLATE, values, status=200 if certificate_print else 404)

    def _compare(self, certificate_print, document):
        if not certificate_print.sha256:
            return "not_printed"
        if not document or not hasattr(document, "read"):
            return "no_file"
        content = document.read(MAX_COMPARED_BYTES + 1)
        if len(content) > MAX_COMPARED_BYTES:
            return "too_large"
        return (
            "match"
            if hashlib.sha256(content).hexdigest() == certificate_print.sha256
            else "mismatch"
        )
