from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.mimetypes import guess_mimetype

from ..tools import internal
from ..tools.attachments import attach_own_uploads
from ..tools.dates import shanghai_today
from ..tools.masking import mask_id_number, mask_name
from ..tools.plan_steps import progress_index
from ..tools.roles import GROUP_MANAGER, GROUP_OFFICER
from .skill_cert_certificate import normalize_certificate_number

REQUIRED_PENSION_MONTHS = 12  # Article 3
# What a worker may upload as a proof from the portal: scans and photographs, never a
# file the officer's browser would run (the portal's files are stored on his behalf).
PORTAL_PROOF_TYPES = ("application/pdf", "image/jpeg", "image/png")

# Fields that may change only while the plan is at the given step.
FIELDS_OPEN_BY_PLAN_STATE = {
    "candidate_notice": (
        "ticket_number",
        "theory_session_id",
        "theory_seat",
        "practical_session_id",
        "practical_seat",
    ),
    "arranged": ("attendance",),
    "examined": (
        "theory_score",
        "theory_examiner_id",
        "practical_score",
        "practical_examiner_id",
        "review_score",
        "review_examiner_id",
    ),
    "confirmed": ("certificate_number",),
}
SCORE_FIELDS = ("theory_score", "practical_score", "review_score")
EXAMINER_FIELDS = ("theory_examiner_id", "practical_examiner_id", "review_examiner_id")
CANDIDATE_EDITABLE_FIELDS = {"plan_id", "proof_attachment_ids"}
# Written by the registration's steps only (submit, review, eligibility check).
STEP_FIELDS = {
    "state",
    "is_eligible",
    "eligibility_notes",
    "reject_reason",
    "exception_reason",
    "exception_requested_by_id",
    "exception_confirmed_by_id",
}


class SkillCertRegistration(models.Model):
    """A candidate's registration (报名) for a certification plan, and everything that
    follows for that candidate: qualification review, admission ticket, attendance,
    scores, result and certificate number.

    Access:
      - Employee: creates and submits their own registration while registration is open,
        and reads it afterwards;
      - Examiner / Internal Supervisor: read the registrations of their plans, with the
        ID number masked;
      - Officer: reviews, approves or rejects, arranges, records attendance, scores and
        certificate numbers; Manager likewise.
    """

    _name = "skill.cert.registration"
    _description = "Certification Registration"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "plan_id desc, ticket_number, id"
    _check_company_auto = True
    _rec_name = "employee_id"

    # No check_company: the registration's company is the plan's (a related field), so
    # the plan is always of the registration's company; record rules keep plans of other
    # companies out of reach.
    plan_id = fields.Many2one(
        "skill.cert.plan",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'registration')]",
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    # What a candidate needs to know of the plan, without opening it.
    plan_occupation_id = fields.Many2one(related="plan_id.occupation_id", string="Occupation")
    plan_level_id = fields.Many2one(related="plan_id.level_id", string="Level")
    plan_fee_amount = fields.Monetary(related="plan_id.fee_amount", string="Fee")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    plan_registration_deadline = fields.Date(
        related="plan_id.registration_deadline", string="Registration Deadline"
    )
    plan_exam_date = fields.Date(related="plan_id.exam_date", string="Exam Date")
    plan_venue = fields.Text(related="plan_id.venue", string="Venues")
    plan_shows_scores = fields.Boolean(
        related="plan_id.shows_scores", export_string_translation=False
    )
    open_field_names = fields.Json(
        related="plan_id.open_registration_field_names", export_string_translation=False
    )
    results_visible = fields.Boolean(
        compute="_compute_results_visible",
        export_string_translation=False,
        help="Officers see scores once entered; candidates, examiners and supervisors with "
        "the result notice.",
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Candidate",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        default=lambda self: self.env.user.employee_id,
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    can_withdraw = fields.Boolean(compute="_compute_can_withdraw", export_string_translation=False)
    proof_attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Proof Documents",
        help="Documents proving the registration conditions (Article 10(1)): certificates, "
        "proof of work years, pension insurance records.",
    )
    is_eligible = fields.Boolean(string="Eligible", readonly=True, copy=False)
    eligibility_notes = fields.Text(string="Eligibility Check", readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False, tracking=True)
    proof_hint = fields.Text(
        string="Proofs to Attach",
        compute="_compute_proof_hint",
        help="What the registration conditions of the plan ask the candidate to attach.",
    )
    # An officer may admit a candidate the rules flag, with a justification a manager
    # confirms (Article 8: the standard's conditions; the rules may not cover every route).
    exception_reason = fields.Text(string="Justification", readonly=True, copy=False, tracking=True)
    exception_requested_by_id = fields.Many2one(
        "res.users", string="Justified By", readonly=True, copy=False, tracking=True
    )
    exception_confirmed_by_id = fields.Many2one(
        "res.users", string="Justification Confirmed By", readonly=True, copy=False, tracking=True
    )
    name_masked = fields.Char(string="Name (masked)", compute="_compute_masked", compute_sudo=True)
    id_number = fields.Char(
        string="ID Number",
        related="employee_id.identification_id",
        groups="hr.group_hr_user",
    )
    id_number_masked = fields.Char(
        string="ID Number (masked)", compute="_compute_masked", compute_sudo=True
    )
    ticket_number = fields.Char(string="Admission Ticket", copy=False, index=True)
    theory_session_id = fields.Many2one(
        "skill.cert.session", domain="[('plan_id', '=', plan_id), ('kind', '=', 'theory')]"
    )
    theory_seat = fields.Integer()
    practical_session_id = fields.Many2one(
        "skill.cert.session", domain="[('plan_id', '=', plan_id), ('kind', '=', 'practical')]"
    )
    practical_seat = fields.Integer()
    attendance = fields.Selection(
        [("present", "Present"), ("absent", "Absent"), ("disqualified", "Disqualified")],
        tracking=True,
        copy=False,
    )
    theory_score = fields.Float(copy=False, tracking=True)
    theory_examiner_id = fields.Many2one(
        "skill.cert.plan.staff",
        domain="[('plan_id', '=', plan_id), ('role', '=', 'examiner')]",
        copy=False,
    )
    practical_score = fields.Float(copy=False, tracking=True)
    practical_examiner_id = fields.Many2one(
        "skill.cert.plan.staff",
        domain="[('plan_id', '=', plan_id), ('role', '=', 'examiner')]",
        copy=False,
    )
    review_score = fields.Float(
        string="Comprehensive Review Score",
        copy=False,
        tracking=True,
        help="综合评审, for levels 2 and 1.",
    )
    review_examiner_id = fields.Many2one(
        "skill.cert.plan.staff",
        domain="[('plan_id', '=', plan_id), ('role', '=', 'examiner')]",
        copy=False,
    )
    has_theory_score = fields.Boolean(copy=False)
    has_practical_score = fields.Boolean(copy=False)
    has_review_score = fields.Boolean(copy=False)
    comprehensive_score = fields.Float(compute="_compute_result", store=True)
    result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")], compute="_compute_result", store=True
    )
    certificate_number = fields.Char(copy=False, tracking=True)
    certificate_id = fields.Many2one("skill.cert.certificate", compute="_compute_certificate_id")

    _plan_employee_unique = models.Constraint(
        "UNIQUE(plan_id, employee_id)", "An employee registers once for a plan."
    )
    _ticket_unique = models.Constraint(
        "UNIQUE(ticket_number)", "Two candidates cannot share an admission ticket number."
    )
    _scores_range = models.Constraint(
        "CHECK(theory_score BETWEEN 0 AND 100 AND practical_score BETWEEN 0 AND 100"
        " AND review_score BETWEEN 0 AND 100)",
        "Scores are between 0 and 100.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("plan_id.state", "plan_id.suspended_state")
    @api.depends_context("uid")
    def _compute_results_visible(self):
        officer = self.env.user.has_group(GROUP_OFFICER)
        first = progress_index("examined" if officer else "result_notice")
        for registration in self:
            state = registration.plan_id._get_effective_state() if registration.plan_id else "draft"
            registration.results_visible = progress_index(state) >= first

    def action_delete_draft(self):
        """Delete a registration never submitted (a submitted one is kept, rejected)."""
        self.unlink()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_registration_action_my"
        )

    def action_print_ticket(self):
        return self.env.ref(
            "l10n_cn_hr_skill_certification.action_report_admission_ticket"
        ).report_action(self)

    def action_open_score_correction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct a Score"),
            "res_model": "skill.cert.score.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_registration_id": self.id},
        }

    @api.depends("employee_id")
    def _compute_masked(self):
        for registration in self:
            employee = registration.employee_id
            registration.name_masked = mask_name(employee.name)
            registration.id_number_masked = mask_id_number(employee.identification_id)

    @api.depends(
        "attendance",
        "theory_score",
        "practical_score",
        "review_score",
        "has_theory_score",
        "has_practical_score",
        "has_review_score",
        "plan_id.theory_pass_score",
        "plan_id.practical_pass_score",
        "plan_id.review_pass_score",
        "plan_id.theory_weight",
        "plan_id.practical_weight",
        "plan_id.review_weight",
        "plan_id.level_grade",
    )
    def _compute_result(self):
        for registration in self:
            plan = registration.plan_id
            registration.comprehensive_score = (
                registration.theory_score * plan.theory_weight
                + registration.practical_score * plan.practical_weight
                + registration.review_score * plan.review_weight
            )
            if registration.attendance in ("absent", "disqualified"):
                registration.result = "failed"
            elif registration.attendance != "present" or not registration._has_all_scores():
                registration.result = False
            else:
                passed = (
                    registration.theory_score >= plan.theory_pass_score
                    and registration.practical_score >= plan.practical_pass_score
                    and (
                        not plan.needs_review_score
                        or registration.review_score >= plan.review_pass_score
                    )
                )
                registration.result = "passed" if passed else "failed"

    def _compute_certificate_id(self):
        certificates = self.env["skill.cert.certificate"].search(
            [("registration_id", "in", self.ids)]
        )
        by_registration = {certificate.registration_id: certificate for certificate in certificates}
        for registration in self:
            registration.certificate_id = by_registration.get(registration, False)

    def _has_all_scores(self):
        self.ensure_one()
        return (
            self.has_theory_score
            and self.has_practical_score
            and (self.has_review_score or not self.plan_id.needs_review_score)
        )

    @api.constrains(*SCORE_FIELDS)
    def _check_score_range(self):
        for registration in self:
            problems = registration._get_score_problems(
                {name: registration[name] for name in SCORE_FIELDS}
            )
            if problems:
                raise ValidationError("\n".join(problems))

    def _get_score_problems(self, values, plan=None, where=None):
        """What is wrong with the scores and examiners ``values`` of this candidate:
        the one check of the form, the constraint, the batch entry and the upload.
        ``where`` names the row of an upload."""
        self.ensure_one()
        name = where or self.employee_id.name
        if plan and (self.plan_id != plan or self.state != "approved"):
            return [self.env._("%(candidate)s is not a candidate of this plan", candidate=name)]
        problems = []
        for field_name in SCORE_FIELDS:
            score = values.get(field_name)
            if score is None or score is False:
                continue
            if (
                isinstance(score, bool)
                or not isinstance(score, (int, float))
                or not (0 <= score <= 100)
            ):
                problems.append(
                    self.env._(
                        "%(candidate)s: %(field)s %(score)s is out of range: scores are "
                        "between 0 and 100.",
                        candidate=name,
                        field=self._fields[field_name]._description_string(self.env),
                        score=score,
                    )
                )
        examiners = self.plan_id.staff_ids.filtered(lambda s: s.role == "examiner")
        for field_name in EXAMINER_FIELDS:
            examiner_id = values.get(field_name)
            if examiner_id and examiner_id not in examiners.ids:
                problems.append(
                    self.env._(
                        "%(candidate)s: the examiner is not an examiner of this plan",
                        candidate=name,
                    )
                )
        return problems

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        by_step = {name for vals in vals_list for name in vals} & STEP_FIELDS
        if by_step and not internal.is_internal(self, internal.REGISTRATION_STEP):
            raise UserError(
                self.env._(
                    "A registration starts as a draft; it is submitted and reviewed with its "
                    "buttons."
                )
            )
        if not self.env.su and not self.env.user.has_group(GROUP_OFFICER):
            own = self.env.user.employee_id.id
            if any(vals.get("employee_id", own) != own for vals in vals_list):
                raise AccessError(
                    self.env._(
                        "You register yourself; a certification officer registers colleagues."
                    )
                )
        self._check_not_registered(vals_list)
        registrations = super().create(vals_list)
        attach_own_uploads(registrations, "proof_attachment_ids")
        closed = registrations.filtered(lambda r: r.plan_id.state != "registration")
        if closed and not self.env.user.has_group(GROUP_OFFICER):
            raise UserError(
                self.env._(
                    "Plan %(plan)s is not open for registration.",
                    plan=closed[0].plan_id.name,
                )
            )
        return registrations

    def _check_not_registered(self, vals_list):
        """Name the candidate registered twice, before the unique index refuses it."""
        default_employee = self.env.user.employee_id.id
        keys = [
            (vals.get("plan_id"), vals.get("employee_id", default_employee)) for vals in vals_list
        ]
        # sudo: a candidate may not see the registration an officer made for them.
        existing = self.sudo().search(
            [
                ("plan_id", "in", [plan_id for plan_id, _employee in keys]),
                ("employee_id", "in", [employee_id for _plan, employee_id in keys]),
            ]
        )
        taken = {(r.plan_id.id, r.employee_id.id): r for r in existing}
        seen = set()
        for key in keys:
            if key in taken or key in seen:
                employee = self.env["hr.employee"].browse(key[1]).sudo()
                plan = self.env["skill.cert.plan"].browse(key[0]).sudo()
                raise ValidationError(
                    self.env._(
                        "%(candidate)s is already registered for plan %(plan)s.",
                        candidate=employee.name,
                        plan=plan.name,
                    )
                )
            seen.add(key)

    def write(self, vals):
        if STEP_FIELDS & vals.keys() and not internal.is_internal(self, internal.REGISTRATION_STEP):
            raise UserError(
                self.env._(
                    "The registration of %(candidate)s: its status and qualification review "
                    "change through its buttons (Submit, Approve, Reject).",
                    candidate=self[:1].employee_id.name,
                )
            )
        if vals.get("certificate_number"):
            vals["certificate_number"] = normalize_certificate_number(vals["certificate_number"])
        if not self.env.su and not self.env.user.has_group(GROUP_OFFICER):
            self.check_access("write")
            self._check_candidate_write(vals)
        if not internal.is_internal(self, internal.PLAN_STEP):
            self._check_fields_open(vals)
        for score_field in SCORE_FIELDS:
            if score_field in vals:
                vals[f"has_{score_field}"] = vals[score_field] is not False
        result = super().write(vals)
        if "proof_attachment_ids" in vals:
            attach_own_uploads(self, "proof_attachment_ids")
        return result

    def _step_write(self, vals):
        return internal.internally(self, internal.REGISTRATION_STEP).write(vals)

    def _do_withdraw_after_objection(self, reason):
        """An objection to the candidate notice is upheld: the candidate leaves the plan
        (a rejection on record, with the objection's reason)."""
        not_candidates = self.filtered(
            lambda r: r.state != "approved" or r.plan_id.state != "candidate_notice"
        )
        if not_candidates:
            raise UserError(
                self.env._(
                    "%(candidate)s can leave the plan on an objection only while the candidate "
                    "notice runs.",
                    candidate=not_candidates[0].employee_id.name,
                )
            )
        self._step_write({"state": "rejected", "reject_reason": reason})

    def _check_candidate_write(self, vals):
        """Candidates edit their own draft: which plan, and the proof documents."""
        not_draft = self.filtered(lambda r: r.state != "draft")
        if not_draft or vals.keys() - CANDIDATE_EDITABLE_FIELDS:
            raise UserError(
                self.env._(
                    "Once submitted, a registration is changed by the certification officers "
                    "only; before that, a candidate may change the plan and the proof documents, "
                    "not who the candidate is."
                )
            )

    def _check_fields_open(self, vals):
        for plan_state, field_names in FIELDS_OPEN_BY_PLAN_STATE.items():
            changed = set(field_names) & vals.keys()
            if not changed:
                continue
            locked = self.filtered(lambda r: r.plan_id.state != plan_state)
            if locked:
                field_name = sorted(changed)[0]
                raise UserError(
                    self.env._(
                        "%(candidate)s: %(field)s can only be changed while plan %(plan)s is "
                        "%(expected)s; it is %(state)s.",
                        candidate=locked[0].employee_id.name,
                        field=self._fields[field_name]._description_string(self.env),
                        plan=locked[0].plan_id.name,
                        expected=locked[0].plan_id._state_label(plan_state),
                        state=locked[0].plan_id._state_label(locked[0].plan_id.state),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        submitted = self.filtered(lambda r: r.state != "draft")
        if submitted:
            raise UserError(
                self.env._(
                    "The registration of %(candidate)s was submitted and is kept for the "
                    "record: reject it instead of deleting it.",
                    candidate=submitted[0].employee_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_submit(self):
        for registration in self:
            if registration.state != "draft":
                raise UserError(
                    self.env._(
                        "The registration of %(candidate)s is already submitted.",
                        candidate=registration.employee_id.name,
                    )
                )
            if registration.plan_id.state != "registration":
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is not open for registration.",
                        plan=registration.plan_id.name,
                    )
                )
        self._check_proofs_attached()
        # sudo: candidates submit their own draft (checked by the record rules and above),
        # but may not otherwise write the state or the eligibility result.
        self.sudo()._step_write({"state": "submitted"})
        self.sudo()._check_eligibility()

    def _get_withdraw_problem(self):
        """Why the registration cannot be withdrawn (撤回) now, or None: a candidate takes
        back a submitted registration until the officers review it."""
        self.ensure_one()
        if self.state != "submitted":
            return self.env._(
                "The registration of %(candidate)s is not waiting for review: it cannot be "
                "withdrawn.",
                candidate=self.employee_id.name,
            )
        if self.plan_id.state != "registration" or self.exception_requested_by_id:
            return self.env._(
                "The registration of %(candidate)s is being reviewed: ask the certification "
                "officers.",
                candidate=self.employee_id.name,
            )
        return None

    @api.depends("state", "plan_id.state", "exception_requested_by_id")
    def _compute_can_withdraw(self):
        for registration in self:
            registration.can_withdraw = not registration._get_withdraw_problem()

    def action_withdraw(self):
        """The candidate takes his submitted registration back: it is a draft again, to
        correct and submit, or to delete."""
        self.check_access("read")
        officer = self.env.user.has_group(GROUP_OFFICER)
        # sudo: whose registration it is, for a candidate without access to employees.
        for registration in self.sudo():
            if not officer and registration.employee_id.user_id != self.env.user:
                raise AccessError(self.env._("You may withdraw your own registration only."))
            problem = registration._get_withdraw_problem()
            if problem:
                raise UserError(problem)
        # sudo: candidates withdraw their own registration (checked above), but may not
        # otherwise write its state or its eligibility result.
        self.sudo()._step_write(
            {"state": "draft", "is_eligible": False, "eligibility_notes": False}
        )

    @api.model
    def _register_from_portal(self, plan, uploads):
        """A worker registers himself for ``plan`` on the portal, with his proof files
        (``uploads``: (file name, content) pairs), and submits at once."""
        plan.check_access("read")
        # sudo: a portal worker cannot read employees; he registers as his own employee.
        employee = self.env.user.sudo().employee_ids.filtered(
            lambda e: e.company_id == plan.sudo().company_id
        )[:1]
        if not employee:
            raise AccessError(
                self.env._(
                    "You are not an employee of %(company)s: ask its certification officers.",
                    company=plan.sudo().company_id.name,
                )
            )
        if not uploads:
            raise UserError(
                self.env._(
                    "Attach the documents proving your registration conditions (Article 10(1))."
                )
            )
        kinds = {name: guess_mimetype(content) for name, content in uploads}
        refused = [name for name, kind in kinds.items() if kind not in PORTAL_PROOF_TYPES]
        if refused:
            raise UserError(
                self.env._(
                    "%(file)s is not a PDF, JPG or PNG file: scan or photograph the proof.",
                    file=refused[0],
                )
            )
        # sudo: the candidate is forced to the worker's own employee above; create() still
        # refuses a plan not open for registration and a second registration.
        registration = self.sudo().create({"plan_id": plan.id, "employee_id": employee.id})
        registration.proof_attachment_ids = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "raw": content,
                        "mimetype": kinds[name],
                        "res_model": self._name,
                        "res_id": registration.id,
                    }
                    for name, content in uploads
                ]
            )
        )
        registration.action_submit()
        return registration.with_env(self.env)

    @api.depends("plan_id")
    def _compute_proof_hint(self):
        Rule = self.env["skill.cert.eligibility.rule"]
        rules_for = Rule._get_rules_by_key(self.plan_id)
        for registration in self:
            plan = registration.plan_id
            rules = rules_for(plan.occupation_id, plan.level_id) if plan else Rule
            proofs = [rule.proof_required for rule in rules if rule.proof_required]
            registration.proof_hint = (
                self.env._("One of: %(proofs)s", proofs=self.env._("; or ").join(proofs))
                if len(proofs) > 1
                else (proofs[0] if proofs else False)
            )

    def _check_proofs_attached(self):
        """Article 10(1): a registration comes with the proofs of its conditions."""
        for registration in self.filtered(lambda r: not r.proof_attachment_ids):
            raise UserError(
                self.env._(
                    "The registration of %(candidate)s needs its proof documents (Article "
                    "10(1)): %(proofs)s",
                    candidate=registration.employee_id.name,
                    proofs=registration.proof_hint
                    or self.env._("the documents proving the registration conditions"),
                )
            )

    def _do_request_exception(self, reason):
        """An officer admits a candidate the rules flag, with a justification (a route of
        the standard the rules do not express, e.g.); a manager confirms it."""
        self._check_reviewable()
        flagged = self.filtered(lambda r: not r.is_eligible)
        if flagged != self:
            raise UserError(
                self.env._(
                    "%(candidate)s meets the conditions: approve the registration.",
                    candidate=(self - flagged)[0].employee_id.name,
                )
            )
        self._step_write(
            {
                "exception_reason": reason,
                "exception_requested_by_id": self.env.uid,
                "exception_confirmed_by_id": False,
            }
        )
        for registration in self:
            for manager in registration.plan_id._get_managers():
                registration.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Confirm the justification of a registration"),
                    note=reason,
                    user_id=manager.id,
                )

    def action_open_exception_wizard(self):
        self._check_reviewable()
        return self.env["skill.cert.reason.wizard"]._open_for(self, "request_exception")

    def action_confirm_exception(self):
        """A manager, not the officer who wrote it, confirms the justification."""
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(
                self.env._("A skill certification manager confirms the justifications.")
            )
        for registration in self:
            if not registration.exception_reason or registration.exception_confirmed_by_id:
                raise UserError(
                    self.env._(
                        "The registration of %(candidate)s has no justification to confirm.",
                        candidate=registration.employee_id.name,
                    )
                )
            if registration.exception_requested_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You wrote the justification of %(candidate)s: another manager "
                        "confirms it.",
                        candidate=registration.employee_id.name,
                    )
                )
        self._step_write({"exception_confirmed_by_id": self.env.uid})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_check_eligibility(self):
        self._check_reviewable()
        self._check_eligibility()

    def action_approve(self):
        """Approve the qualification of the selected candidates (资格初审)."""
        self._check_reviewable()
        self._check_eligibility()
        ineligible = self.filtered(lambda r: not r.is_eligible and not r.exception_confirmed_by_id)
        if ineligible:
            raise UserError(
                self.env._(
                    "These candidates do not meet the registration conditions; reject them, "
                    "correct their data, or admit them with a justification a manager "
                    "confirms:\n%(details)s",
                    details="\n".join(
                        f"• {r.employee_id.name}: {r.eligibility_notes}" for r in ineligible[:20]
                    ),
                )
            )
        self._step_write({"state": "approved"})

    def _do_reject(self, reason):
        self._check_reviewable()
        self._step_write({"state": "rejected", "reject_reason": reason})

    def action_open_reject_wizard(self):
        self._check_reviewable()
        return self.env["skill.cert.reason.wizard"]._open_for(self, "reject")

    def _check_reviewable(self):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Only certification officers review registrations."))
        for registration in self:
            if registration.plan_id.state != "review" or registration.state != "submitted":
                raise UserError(
                    self.env._(
                        "The registration of %(candidate)s cannot be reviewed now: it is %(state)s "
                        "and its plan %(plan)s is %(plan_state)s (review happens once "
                        "registration is closed).",
                        candidate=registration.employee_id.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            registration.state
                        ],
                        plan=registration.plan_id.name,
                        plan_state=registration.plan_id._state_label(registration.plan_id.state),
                    )
                )

    # ------------------------------------------------------------------
    # Eligibility (Articles 3 and 8)
    # ------------------------------------------------------------------

    def _check_eligibility(self):
        """Store, for every registration, whether the candidate meets the conditions and
        why: the condition met, or every condition missing. Batch: one search for the
        rules and one for the certificates."""
        results = self._get_eligibility()
        for registration in self:
            problems, notes = results[registration]
            if problems:
                vals = {"is_eligible": False, "eligibility_notes": "\n".join(problems + notes)}
            else:
                vals = {"is_eligible": True, "eligibility_notes": "\n".join(notes)}
            registration._step_write(vals)

    def _get_eligibility(self):
        """{registration: (problems, notes)}: what bars the candidate, and what the
        officer should know (the condition met, a level already held)."""
        rules_by_key = self.env["skill.cert.eligibility.rule"]._get_rules_by_key(self.plan_id)
        # sudo: the check reads the candidates' certificates, which they may not all read.
        certificates = (
            self.env["skill.cert.certificate"]
            .sudo()
            .search([("employee_id", "in", self.employee_id.ids), ("state", "=", "valid")])
        )
        certificates_by_employee = defaultdict(list)
        for certificate in certificates:
            certificates_by_employee[certificate.employee_id.id].append(certificate)
        dispatch_problems = self.env["skill.cert.dispatch.agreement"]._get_dispatch_problems(self)
        counted = {}
        results = {}
        for registration in self:
            plan = registration.plan_id
            # sudo: the check reads HR data (pension insurance, seniority) the candidate
            # may submit for but not read.
            employee = registration.employee_id.sudo()
            reference_date = plan.registration_deadline or shanghai_today()
            reasons, notes = [], []
            if not plan.occupation_id.is_certifiable:
                reasons.append(self.env._("the occupation is access-type (准入类)"))
            months = employee._skill_cert_pension_months_at(reference_date)
            if months < REQUIRED_PENSION_MONTHS:
                reasons.append(
                    self.env._(
                        "%(months)s months of pension insurance paid by %(date)s; "
                        "%(required)s are required (Article 3)",
                        months=months,
                        date=format_date(self.env, reference_date),
                        required=REQUIRED_PENSION_MONTHS,
                    )
                )
            reasons += registration._get_employment_category_problems(employee)
            if registration in dispatch_problems:
                reasons.append(dispatch_problems[registration])
            held = certificates_by_employee[employee.id]
            rules = rules_by_key(plan.occupation_id, plan.level_id)
            if rules:
                missing = {
                    rule: rule._get_missing(employee, held, plan, reference_date, counted)
                    for rule in rules
                }
                met = [rule for rule in rules if not missing[rule]]
                if not met:
                    reasons.append(
                        self.env._(
                            "none of the conditions of the standard is met: %(rules)s",
                            rules=self.env._("; or ").join(
                                self.env._(
                                    "%(rule)s (missing: %(missing)s)",
                                    rule=rule.name,
                                    missing=self.env._("、").join(missing[rule]),
                                )
                                for rule in rules
                            ),
                        )
                    )
                else:
                    notes.append(self.env._("Condition met: %(rule)s", rule=met[0].name))
            root = plan.occupation_id.parent_id or plan.occupation_id
            already = [
                certificate
                for certificate in held
                if (certificate.occupation_id.parent_id or certificate.occupation_id) == root
                and certificate.level_grade <= plan.level_grade
            ]
            if already:
                notes.append(
                    self.env._(
                        "Note: already holds %(level)s of %(occupation)s (%(number)s).",
                        level=already[0].level_id.name,
                        occupation=already[0].occupation_id.display_name,
                        number=already[0].name,
                    )
                )
            if not reasons and not notes:
                notes.append(self.env._("All conditions met."))
            results[registration] = (reasons, notes)
        return results

    def _get_employment_category_problems(self, employee):
        """Article 6: subsidiary staff only of the subsidiaries filed, dispatched workers
        only while they are at most 10% of the company's staff."""
        company = self.plan_id.company_id
        category = employee.skill_cert_employment_category
        if category == "subsidiary" and (
            employee.skill_cert_subsidiary_id not in company.skill_cert_subsidiary_ids
        ):
            return [
                self.env._(
                    "works for %(subsidiary)s, which is not among the subsidiaries filed "
                    "(Article 6)",
                    subsidiary=employee.skill_cert_subsidiary_id.name,
                )
            ]
        if category == "dispatched" and not company.skill_cert_dispatched_within_limit:
            return [
                self.env._(
                    "dispatched workers are %(share)s of the staff of %(company)s, above the "
                    "10%% allowed to certify them (Article 6)",
                    share=f"{company.skill_cert_dispatched_share:.1%}",
                    company=company.name,
                )
            ]
        return []

    # ------------------------------------------------------------------
    # Arrangement: tickets and seats
    # ------------------------------------------------------------------

    def _assign_tickets_and_seats(self):
        """Number the admission tickets and fill the sessions' seats, in batch."""
        plan = self.plan_id
        plan.ensure_one()
        candidates = self.sorted(lambda r: (r.department_id.name or "", r.employee_id.name, r.id))
        numbered = candidates.filtered("ticket_number")
        serial = max(
            (int(r.ticket_number[-4:]) for r in numbered if r.ticket_number[-4:].isdigit()),
            default=0,
        )
        new_tickets = {}
        for registration in candidates - numbered:
            serial += 1
            new_tickets[registration] = f"{plan.ticket_prefix}{serial:04d}"
        clash = self.search(
            [("ticket_number", "in", list(new_tickets.values())), ("id", "not in", self.ids)]
        )
        if clash:
            raise UserError(
                self.env._(
                    "Admission ticket number %(ticket)s is already used by %(candidate)s of plan "
                    "%(plan)s: change the ticket prefix of plan %(this_plan)s.",
                    ticket=clash[0].ticket_number,
                    candidate=clash[0].employee_id.name,
                    plan=clash[0].plan_id.name,
                    this_plan=plan.name,
                )
            )
        seats = {}
        for kind in ("theory", "practical"):
            sessions = plan.session_ids.filtered(lambda s, kind=kind: s.kind == kind).sorted(
                lambda s: (s.date, s.time_start, s.id)
            )
            capacity = sum(sessions.mapped("capacity"))
            if capacity < len(candidates):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: the %(kind)s sessions seat %(capacity)s candidates but "
                        "%(count)s are approved; add a session or raise a capacity.",
                        plan=plan.name,
                        kind=dict(sessions._fields["kind"]._description_selection(self.env))[kind],
                        capacity=capacity,
                        count=len(candidates),
                    )
                )
            slots = [
                (session, seat) for session in sessions for seat in range(1, session.capacity + 1)
            ]
            for registration, (session, seat) in zip(candidates, slots, strict=False):
                seats.setdefault(registration, {}).update(
                    {f"{kind}_session_id": session.id, f"{kind}_seat": seat}
                )
        for registration in candidates:
            vals = dict(seats[registration])
            if registration in new_tickets:
                vals["ticket_number"] = new_tickets[registration]
            registration.write(vals)

    # ------------------------------------------------------------------
    # Scores
    # ------------------------------------------------------------------

    def _check_scores_complete(self):
        problems = []
        for registration in self.filtered(lambda r: r.attendance == "present"):
            plan = registration.plan_id
            missing = []
            if not registration.has_theory_score:
                missing.append(self.env._("theory score"))
            if plan.exam_mode == "paper" and not registration.theory_examiner_id:
                missing.append(self.env._("theory examiner"))
            if not registration.has_practical_score:
                missing.append(self.env._("practical score"))
            if not registration.practical_examiner_id:
                missing.append(self.env._("practical examiner"))
            if plan.needs_review_score:
                if not registration.has_review_score:
                    missing.append(self.env._("comprehensive review score"))
                if not registration.review_examiner_id:
                    missing.append(self.env._("review examiner"))
            if missing:
                problems.append(f"• {registration.employee_id.name}: {', '.join(missing)}")
        if problems:
            raise UserError(
                self.env._(
                    "These candidates' scores are incomplete:\n%(problems)s",
                    problems="\n".join(problems[:30]),
                )
            )

    def _check_certificate_numbers(self):
        numbers = [normalize_certificate_number(r.certificate_number) for r in self]
        Certificate = self.env["skill.cert.certificate"]
        Certificate._check_numbers_available(numbers)
        problems = []
        for registration, number in zip(self, numbers, strict=True):
            problem = Certificate._get_number_problem(
                number, registration.plan_id.level_id, registration.company_id
            )
            if problem:
                problems.append(f"• {registration.employee_id.name}: {problem}")
        if problems:
            raise UserError("\n".join(problems))

    def _prepare_certificate_vals(self):
        """The certificates of these passed candidates, as the plan issues them."""
        return [
            {
                "name": registration.certificate_number,
                "employee_id": registration.employee_id.id,
                "company_id": registration.company_id.id,
                "occupation_id": registration.plan_id.occupation_id.id,
                "level_id": registration.plan_id.level_id.id,
                "issue_date": registration.plan_id.issue_date,
                "issuer_type": "self",
                "origin": "plan",
                "plan_id": registration.plan_id.id,
                "registration_id": registration.id,
            }
            for registration in self
        ]
