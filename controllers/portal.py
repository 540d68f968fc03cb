from psycopg2 import IntegrityError

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

PORTAL_URL = "/my/skill-cert"
MESSAGE_KEY = "skill_cert_portal_message"
MAX_PROOF_FILES = 10
MAX_PROOF_BYTES = 10 * 1024 * 1024
TICKET_REPORT = "l10n_cn_hr_skill_certification.action_report_admission_ticket"
REFUSALS = (AccessError, MissingError, UserError, ValidationError)


class SkillCertPortal(CustomerPortal):
    """技能等级认定 on /my: a worker's registrations, admission tickets, results,
    certificates, allowances and the company's notices, for workers with a portal
    user as for employees with an internal one.

    Records are always searched as the user, with his own record rules and an explicit
    "his own" domain, and only then read in sudo for their related names; every step
    goes through the model's own methods, which refuse what is not allowed."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "skill_cert_count" in counters:
            values["skill_cert_count"] = request.env["skill.cert.registration"].search_count(
                self._own_domain()
            ) + request.env["skill.cert.certificate"].search_count(self._own_domain())
        return values

    def _own_employees(self):
        # sudo: a portal worker cannot read employees; these are his own.
        return request.env.user.sudo().employee_ids

    def _own_domain(self):
        return [("employee_id", "in", self._own_employees().ids)]

    def _own_companies(self):
        return self._own_employees().company_id

    def _get(self, model, record_id):
        """The user's own record ``record_id`` of ``model``, or an empty recordset."""
        domain = [("id", "=", int(record_id))]
        if model != "skill.cert.notice":
            domain += self._own_domain()
        return request.env[model].search(domain, limit=1)

    def _page_values(self):
        env = request.env
        companies = self._own_companies()
        # sudo: each recordset is found as the user (his rules, his own records) and read
        # in sudo only for the names of its occupation, level and plan.
        return {
            "page_name": "skill_cert",
            "message": request.session.pop(MESSAGE_KEY, None),
            "open_plans": env["skill.cert.plan"]
            .search([("state", "=", "registration"), ("company_id", "in", companies.ids)])
            .sudo(),
            "registrations": env["skill.cert.registration"].search(self._own_domain()).sudo(),
            "certificates": env["skill.cert.certificate"].search(self._own_domain()).sudo(),
            # his record rule keeps confirmed months only; an officer's own lines too
            "allowance_lines": env["skill.cert.allowance.line"]
            .search(self._own_domain())
            .sudo()
            .filtered(lambda line: line.sheet_id.state == "confirmed"),
            "notices": env["skill.cert.notice"]
            .search([("state", "!=", "withdrawn"), ("company_id", "in", companies.ids)], limit=20)
            .sudo(),
        }

    @http.route(PORTAL_URL, type="http", auth="user", methods=["GET"], website=True)
    def skill_cert_home(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update(self._page_values())
        return request.render("l10n_cn_hr_skill_certification.portal_my_skill_cert", values)

    def _run(self, step):
        """Run ``step``; a refusal is rolled back and shown on the page, never a trace."""
        try:
            with request.env.cr.savepoint():
                step()
        except REFUSALS as error:
            request.session[MESSAGE_KEY] = {"kind": "danger", "text": str(error.args[0])}
        except IntegrityError:
            # the same registration sent twice at once: the second meets the first's
            # unique index before it could see it
            request.session[MESSAGE_KEY] = {
                "kind": "danger",
                "text": request.env._(
                    "This was sent twice at once: reload the page to see where it stands."
                ),
            }
        return request.redirect(PORTAL_URL)

    @http.route(f"{PORTAL_URL}/register", type="http", auth="user", methods=["POST"], website=True)
    def skill_cert_register(self, plan_id=None, **kwargs):
        files = request.httprequest.files.getlist("proofs")

        def register():
            plan = request.env["skill.cert.plan"]
            if str(plan_id or "").isdigit():
                plan = plan.search([("id", "=", int(plan_id)), ("state", "=", "registration")])
            if not plan:
                raise UserError(request.env._("Choose a plan open for registration."))
            uploads = [(f.filename, f.read(MAX_PROOF_BYTES + 1)) for f in files if f.filename]
            if len(uploads) > MAX_PROOF_FILES or any(
                len(content) > MAX_PROOF_BYTES for _name, content in uploads
            ):
                raise UserError(
                    request.env._(
                        "Attach at most %(count)s files of at most 10 MB each.",
                        count=MAX_PROOF_FILES,
                    )
                )
            request.env["skill.cert.registration"]._register_from_portal(plan, uploads)
            request.session[MESSAGE_KEY] = {
                "kind": "success",
                "text": request.env._(
                    "Your registration for %(plan)s is submitted: the officers review it.",
                    plan=plan.sudo().display_name,
                ),
            }

        return self._run(register)

    @http.route(
        f"{PORTAL_URL}/registration/<int:registration_id>/<string:step>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def skill_cert_registration_step(self, registration_id, step, **kwargs):
        def run_step():
            registration = self._get("skill.cert.registration", registration_id)
            if not registration:
                raise MissingError(request.env._("This registration is not yours."))
            if step == "withdraw":
                registration.action_withdraw()
            elif step == "submit":
                # sudo: his own draft (found with his rules above); submitting reads the
                # employee's data, which a portal user cannot.
                registration.sudo().action_submit()
            elif step == "delete" and registration.state == "draft":
                # sudo: the worker deletes his own draft (found with his rules above);
                # portal users have no unlink right, and a submitted one is kept.
                registration.sudo().unlink()
            else:
                raise UserError(request.env._("This step does not exist."))

        return self._run(run_step)

    def _pdf_response(self, content, filename):
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(content)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    @http.route(
        f"{PORTAL_URL}/registration/<int:registration_id>/ticket",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def skill_cert_ticket(self, registration_id, **kwargs):
        registration = self._get("skill.cert.registration", registration_id)
        if not registration or registration.state != "approved" or not registration.ticket_number:
            return request.not_found()
        # sudo: his own ticket (found above); the report reads the plan's names.
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(TICKET_REPORT, registration.ids)
        )
        return self._pdf_response(pdf, f"{registration.ticket_number}.pdf")

    @http.route(
        f"{PORTAL_URL}/certificate/<int:certificate_id>/pdf",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def skill_cert_certificate_pdf(self, certificate_id, **kwargs):
        certificate = self._get("skill.cert.certificate", certificate_id)
        if not certificate or certificate.state == "revoked" or certificate.issuer_type != "self":
            return request.not_found()
        # sudo: his own certificate (found above); its print is rendered once and kept.
        certificate = certificate.sudo()
        certificate._create_first_prints()  # recorded before prints existed
        certificate_print = certificate.current_print_id
        certificate_print._ensure_document()
        return self._pdf_response(certificate_print.document_id.raw, f"{certificate.name}.pdf")

    @http.route(
        f"{PORTAL_URL}/notice/<int:notice_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def skill_cert_notice(self, notice_id, **kwargs):
        notice = self._get("skill.cert.notice", notice_id)
        if (
            not notice
            or notice.state == "withdrawn"
            or notice.company_id not in self._own_companies()
        ):
            return request.not_found()
        values = self._prepare_portal_layout_values()
        # sudo: a published notice of his company; its lines are the masked snapshot.
        values.update({"page_name": "skill_cert", "notice": notice.sudo()})
        return request.render("l10n_cn_hr_skill_certification.portal_my_skill_cert_notice", values)
