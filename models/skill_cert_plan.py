from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..tools import internal
from ..tools.dates import shanghai_today
from ..tools.locks import wait_for_rows
from ..tools.plan_steps import (
    ARRANGED_STATES,
    ASIDE_STEPS,
    FIELDS_OPEN_UNTIL,
    FINAL_STATES,
    PLAN_STATES,
    PLAN_STEPS,
    STEP_FIELDS,
    progress_index,
)
from ..tools.roles import GROUP_MANAGER, GROUP_OFFICER
from .skill_cert_registration import FIELDS_OPEN_BY_PLAN_STATE

NOTICE_WORKING_DAYS = 5  # Article 10(1) and 10(4)
# Weights of the comprehensive score: levels 5-3 have no comprehensive review (综合评审).
WEIGHTS_WITHOUT_REVIEW = {"theory_weight": 0.3, "practical_weight": 0.7, "review_weight": 0.0}
WEIGHTS_WITH_REVIEW = {"theory_weight": 0.2, "practical_weight": 0.5, "review_weight": 0.3}


class SkillCertPlan(models.Model):
    """A certification plan (认定计划), the heart of Article 10: from filing with the
    township to issued certificates.

    Every step is an ``action_*`` method. Whether the current user may do a step now is
    decided in one place, ``_get_step_problem``, from the table of ``tools/plan_steps``:
    the same reason hides the step's button (``can_<step>``) and refuses the step on the
    server. Fields close by state in ``write`` (a suspended plan counts as the state it
    was suspended in); the state and the step fields change only through the steps.

    Access:
      - Officer: creates plans and runs the steps, except approvals;
      - Manager: files plans (approval), suspends, resumes and cancels them, waives
        avoidance, approves staff changes, signs the Annex 4 confirmation as the
        enterprise's certification head;
      - Internal Supervisor / Examiner: read the plans they are assigned to; the plan's
        internal supervisors review the scores and sign the Annex 4 confirmation;
      - Employee: reads plans open for registration and those they registered for.
    """

    _name = "skill.cert.plan"
    _description = "Certification Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Plan Number",
        required=True,
        copy=False,
        tracking=True,
        help="The plan number given by the Zhejiang vocational ability platform (认定计划号).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        PLAN_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    occupation_id = fields.Many2one(
        "skill.cert.occupation",
        string="Occupation (Work Type)",
        required=True,
        check_company=True,
        domain="[('is_certifiable', '=', True)]",
        tracking=True,
    )
    level_id = fields.Many2one(
        "hr.skill.level",
        required=True,
        domain="[('skill_cert_grade', '!=', False)]",
        tracking=True,
    )
    level_grade = fields.Integer(related="level_id.skill_cert_grade", store=True)
    needs_review_score = fields.Boolean(
        compute="_compute_needs_review_score",
        help="Technicians and senior technicians (levels 2 and 1) also pass a "
        "comprehensive review (综合评审).",
    )
    question_bank_id = fields.Many2one(
        "skill.cert.question.bank",
        compute="_compute_pilot_conditions",
        help="The certified question bank of the occupation and level (Article 5(6)); "
        "the exam cannot be arranged without one.",
    )
    fee_standard_id = fields.Many2one(
        "skill.cert.fee.standard",
        compute="_compute_pilot_conditions",
        help="The published fee of the occupation and level (Article 12); registration "
        "cannot open without one.",
    )
    fee_amount = fields.Monetary(string="Fee per Candidate", compute="_compute_pilot_conditions")
    currency_id = fields.Many2one(related="company_id.currency_id")
    registration_deadline = fields.Date(tracking=True)
    exam_date = fields.Date(tracking=True)
    venue = fields.Text(string="Venues", help="The certification venues (认定地点).")
    exam_mode = fields.Selection(
        [("computer", "Computer-based"), ("paper", "Paper")],
        string="Theory Exam Mode",
        required=True,
        default="computer",
        tracking=True,
    )
    township_id = fields.Many2one(
        "res.partner",
        string="Township (Sub-district)",
        tracking=True,
        help="The township or sub-district with which the plan is filed (乡镇（街道）备案).",
    )
    filing_date = fields.Date(
        tracking=True, help="Filled in with the day of filing when left empty."
    )
    recommendation_letter = fields.Binary(attachment=True, copy=False)
    recommendation_letter_name = fields.Char(copy=False)
    officer_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("all_group_ids", "in", self.env.ref(GROUP_OFFICER).ids)],
        tracking=True,
    )
    theory_pass_score = fields.Float(default=60.0, tracking=True)
    practical_pass_score = fields.Float(default=60.0, tracking=True)
    review_pass_score = fields.Float(default=60.0, tracking=True)
    # Set from the level (levels 2 and 1 add the comprehensive review), editable in draft.
    theory_weight = fields.Float(
        compute="_compute_weights",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Weight of the theory score in the comprehensive score.",
    )
    practical_weight = fields.Float(
        compute="_compute_weights", store=True, readonly=False, precompute=True, tracking=True
    )
    review_weight = fields.Float(
        compute="_compute_weights", store=True, readonly=False, precompute=True, tracking=True
    )
    ticket_prefix = fields.Char(
        copy=False,
        help="Admission ticket numbers are this prefix followed by a 4-digit serial.",
    )
    issue_date = fields.Date(string="Certificate Issue Date", copy=False, tracking=True)

    registration_ids = fields.One2many("skill.cert.registration", "plan_id", string="Registrations")
    notice_ids = fields.One2many("skill.cert.notice", "plan_id", string="Public Notices")
    session_ids = fields.One2many("skill.cert.session", "plan_id", string="Sessions")
    staff_ids = fields.One2many("skill.cert.plan.staff", "plan_id", copy=True)
    staff_change_ids = fields.One2many("skill.cert.staff.change", "plan_id", string="Staff Changes")
    certificate_ids = fields.One2many("skill.cert.certificate", "plan_id", string="Certificates")
    inspection_ids = fields.One2many("skill.cert.inspection", "plan_id", string="Supervision Forms")
    rectification_ids = fields.One2many(
        "skill.cert.rectification", "plan_id", string="Rectifications"
    )
    score_correction_ids = fields.One2many(
        "skill.cert.score.correction", "plan_id", string="Score Corrections"
    )
    open_rectification_count = fields.Integer(compute="_compute_open_rectification_count")
    inspection_count = fields.Integer(compute="_compute_inspection_count")
    registration_count = fields.Integer(compute="_compute_counts")
    candidate_count = fields.Integer(compute="_compute_counts", string="Candidates")
    passed_count = fields.Integer(compute="_compute_counts", string="Passed")
    certificate_count = fields.Integer(compute="_compute_counts")

    # Separation of duties: who did each step of the score review (Article 10(4)).
    scores_entered_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    scores_checked_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    scores_supervised_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    initial_review_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    re_review_by_id = fields.Many2one(
        "res.users", string="Re-review By", readonly=True, copy=False, tracking=True
    )
    # Annex 4: confirmed by an internal supervisor and the enterprise's certification head.
    results_supervisor_id = fields.Many2one(
        "res.users", string="Confirmed by Supervisor", readonly=True, copy=False, tracking=True
    )
    results_head_id = fields.Many2one(
        "res.users",
        string="Confirmed by Certification Head",
        readonly=True,
        copy=False,
        tracking=True,
    )
    results_confirmed_count = fields.Integer(readonly=True, copy=False)
    suspended_state = fields.Selection(PLAN_STATES, readonly=True, copy=False)
    suspend_reason = fields.Text(readonly=True, copy=False, tracking=True)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)

    # What the current user may do now: one boolean per step, for the buttons.
    can_file = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_open_registration = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_close_registration = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_publish_candidate_notice = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_generate_tickets = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_arrange = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_mark_examined = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_submit_scores = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_check_scores = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_supervise_scores = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_initial_review = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_re_review = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_publish_result_notice = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_supervisor_confirm_results = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_head_confirm_results = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_mark_numbered = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    can_issue = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_close = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_suspend = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_resume = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_cancel = fields.Boolean(compute="_compute_can_steps", export_string_translation=False)
    can_correct_scores = fields.Boolean(
        compute="_compute_can_steps", export_string_translation=False
    )
    next_step_note = fields.Char(
        compute="_compute_can_steps",
        export_string_translation=False,
        help="What comes next, and who does it.",
    )
    # For the form: which fields are closed now, from FIELDS_OPEN_UNTIL.
    locked_field_names = fields.Json(
        compute="_compute_locked_field_names", export_string_translation=False
    )
    # The state a suspended plan was suspended in, else the state (for the view's rules).
    effective_state = fields.Char(
        compute="_compute_effective_state", export_string_translation=False
    )
    shows_scores = fields.Boolean(
        compute="_compute_effective_state", export_string_translation=False
    )
    # Which registration fields are open now (FIELDS_OPEN_BY_PLAN_STATE), for the list.
    open_registration_field_names = fields.Json(
        compute="_compute_locked_field_names", export_string_translation=False
    )

    _name_unique = models.Constraint("UNIQUE(name)", "Two plans cannot share a plan number.")
    _ticket_prefix_unique = models.Constraint(
        "UNIQUE(ticket_prefix)", "Two plans cannot share an admission ticket prefix."
    )
    _pass_scores_range = models.Constraint(
        "CHECK(theory_pass_score BETWEEN 0 AND 100 AND practical_pass_score BETWEEN 0 AND 100"
        " AND review_pass_score BETWEEN 0 AND 100)",
        "Pass scores are between 0 and 100.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("name", "occupation_id", "level_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for plan in self:
            subject = " ".join(
                part for part in (plan.occupation_id.name, plan.level_id.name) if part
            )
            plan.display_name = (
                self.env._("%(subject)s (%(plan)s)", subject=subject, plan=plan.name)
                if subject and plan.name
                else plan.name or subject
            )

    @api.depends("level_grade")
    def _compute_needs_review_score(self):
        for plan in self:
            plan.needs_review_score = bool(plan.level_grade) and plan.level_grade <= 2

    @api.depends("level_id")
    def _compute_weights(self):
        for plan in self:
            needs_review = (
                bool(plan.level_id.skill_cert_grade) and plan.level_id.skill_cert_grade <= 2
            )
            plan.update(WEIGHTS_WITH_REVIEW if needs_review else WEIGHTS_WITHOUT_REVIEW)

    def _compute_counts(self):
        Registration = self.env["skill.cert.registration"]
        by_state = Registration._read_group(
            [("plan_id", "in", self.ids)], ["plan_id", "state"], ["__count"]
        )
        passed = dict(
            Registration._read_group(
                [("plan_id", "in", self.ids), ("result", "=", "passed")], ["plan_id"], ["__count"]
            )
        )
        # sudo: how many certificates a plan issued is no secret to a reader of the plan.
        certificates = dict(
            self.env["skill.cert.certificate"]
            .sudo()
            ._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
        )
        for plan in self:
            plan.registration_count = sum(
                count for group_plan, _state, count in by_state if group_plan == plan
            )
            plan.candidate_count = sum(
                count
                for group_plan, state, count in by_state
                if group_plan == plan and state == "approved"
            )
            plan.passed_count = passed.get(plan, 0)
            plan.certificate_count = certificates.get(plan.sudo(), 0)

    @api.depends("rectification_ids.state")
    def _compute_open_rectification_count(self):
        for plan in self:
            plan.open_rectification_count = len(
                plan.rectification_ids.filtered(lambda r: r.state == "open")
            )

    def _compute_inspection_count(self):
        counts = dict(
            self.env["skill.cert.inspection"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.inspection_count = counts.get(plan, 0)

    @api.depends("state", "suspended_state")
    def _compute_effective_state(self):
        for plan in self:
            plan.effective_state = plan._get_effective_state()
            plan.shows_scores = progress_index(plan.effective_state) >= progress_index("examined")

    @api.depends("state", "suspended_state")
    def _compute_locked_field_names(self):
        for plan in self:
            plan.locked_field_names = sorted(plan._get_locked_fields())
            plan.open_registration_field_names = list(FIELDS_OPEN_BY_PLAN_STATE.get(plan.state, ()))

    @api.depends(*STEP_FIELDS, "staff_ids.user_id", "notice_ids.state", "session_ids.date")
    @api.depends_context("uid")
    def _compute_can_steps(self):
        for plan in self:
            for step in PLAN_STEPS:
                plan[f"can_{step}"] = not plan._get_step_problem(step)
            plan.next_step_note = plan._get_next_step_note()

    @api.constrains("theory_weight", "practical_weight", "review_weight")
    def _check_weights(self):
        for plan in self:
            weights = (plan.theory_weight, plan.practical_weight, plan.review_weight)
            if min(weights) < 0 or abs(sum(weights) - 1) > 0.0001:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: the weights of the comprehensive score must be "
                        "positive and add up to 1.",
                        plan=plan.name,
                    )
                )

    @api.constrains("occupation_id")
    def _check_occupation(self):
        for plan in self:
            plan.occupation_id._check_certifiable_for(self.env._("Plan %(plan)s", plan=plan.name))

    @api.depends("company_id", "occupation_id", "level_id")
    def _compute_pilot_conditions(self):
        # sudo: which bank and fee apply is no secret to a reader of the plan (candidates
        # see the published fee anyway); the banks themselves stay closed to them.
        Bank = self.env["skill.cert.question.bank"].sudo()
        Fee = self.env["skill.cert.fee.standard"].sudo()
        for plan in self:
            known = bool(plan.occupation_id and plan.level_id and plan.company_id)
            args = (plan.company_id, plan.occupation_id, plan.level_id)
            plan.question_bank_id = Bank._find_in_force(*args) if known else False
            plan.fee_standard_id = Fee._find_in_force(*args) if known else False
            plan.fee_amount = plan.fee_standard_id.amount

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        step_fields = {name for vals in vals_list for name in vals} & set(STEP_FIELDS)
        if step_fields and not internal.is_internal(self, internal.PLAN_STEP):
            raise UserError(
                self.env._(
                    "A new plan starts as a draft: %(fields)s are set by its steps.",
                    fields=self._field_labels(step_fields),
                )
            )
        plans = super().create(vals_list)
        for plan in plans.filtered(lambda plan: not plan.ticket_prefix):
            plan.ticket_prefix = f"{shanghai_today():%y}{plan.id:05d}"
        return plans

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for plan, vals in zip(self, vals_list, strict=True):
            if "name" not in (default or {}):
                vals["name"] = self.env._("%(plan)s (copy)", plan=plan.name)
        return vals_list

    def write(self, vals):
        if not internal.is_internal(self, internal.PLAN_STEP):
            self._check_fields_open(vals)
        return super().write(vals)

    def _check_fields_open(self, vals):
        """Fields close by state (FIELDS_OPEN_UNTIL); the state and the step fields are
        written by the steps only."""
        by_step = set(STEP_FIELDS) & vals.keys()
        if by_step:
            raise UserError(
                self.env._(
                    "Plan %(plan)s: %(fields)s change only through the plan's steps.",
                    plan=", ".join(self.mapped("name")),
                    fields=self._field_labels(by_step),
                )
            )
        for plan in self:
            closed = plan._get_locked_fields() & vals.keys()
            closed = {name for name in closed if plan._changes(name, vals[name])}
            if closed:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s: %(fields)s can no longer be changed.",
                        plan=plan.name,
                        state=plan._state_label(plan.state),
                        fields=self._field_labels(closed),
                    )
                )

    def _changes(self, field_name, value):
        """Whether writing ``value`` changes the field: writing a field its own value
        (an import or a form saving unchanged fields) is no change."""
        field = self._fields[field_name]
        if field.type == "binary":
            return True
        new = field.convert_to_record(field.convert_to_cache(value, self), self)
        return new != self[field_name]

    def _get_locked_fields(self):
        """Names of the fields that are closed in the plan's (effective) state."""
        self.ensure_one()
        state = self._get_effective_state()
        if state in FINAL_STATES:
            locked = set(FIELDS_OPEN_UNTIL)
        else:
            index = progress_index(state)
            locked = {
                name for name, last in FIELDS_OPEN_UNTIL.items() if index > progress_index(last)
            }
        if state in ARRANGED_STATES or state == "cancelled":
            locked |= {"staff_ids", "session_ids"}
        return locked

    def _field_labels(self, field_names):
        return self.env._("、").join(
            self._fields[name]._description_string(self.env) for name in sorted(field_names)
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda plan: plan.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "Plan %(plans)s has left the draft state and is kept for the record "
                    "(Article 13): cancel it instead.",
                    plans=", ".join(started.mapped("name")),
                )
            )

    def action_delete_draft(self):
        """Delete a draft plan (a plan that left the draft is kept and cancelled)."""
        self._check_group(GROUP_OFFICER, self.env._("Delete the draft plan"))
        self.unlink()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_plan_action"
        )

    # ------------------------------------------------------------------
    # The gatekeeper: who may do which step now
    # ------------------------------------------------------------------

    def _get_effective_state(self):
        """A suspended plan counts as the state it was suspended in."""
        self.ensure_one()
        return self.suspended_state if self.state == "suspended" else self.state

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _is_plan_supervisor(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        supervisors = self.staff_ids.filtered(lambda s: s.role == "internal_supervisor")
        return user in supervisors.user_id

    def _get_step_problem(self, step, access_only=False):
        """Why the current user cannot do ``step`` on this plan now, or None.

        The reasons come in this order: the role (``AccessError``), then the state (a
        step already done says so), then what must come first and the dates. With
        ``access_only`` only the role is judged.
        """
        self.ensure_one()
        access = self._get_step_access_problem(step)
        if access or access_only:
            return access
        return self._get_step_state_problem(step)

    def _get_step_access_problem(self, step):
        rule = PLAN_STEPS[step]
        user = self.env.user
        label = self._step_label(step)
        if not user.has_group(rule.group):
            return self.env._(
                "You may not do “%(step)s”: it needs the %(group)s role of Skill Certification.",
                step=label,
                group=self.env.ref(rule.group).name,
            )
        if rule.by_plan_supervisor and not self._is_plan_supervisor(user):
            return self.env._(
                "Only an internal supervisor of plan %(plan)s may do “%(step)s”.",
                plan=self.name,
                step=label,
            )
        if rule.not_by_plan_staff and user in self.staff_ids.user_id:
            return self.env._(
                "Plan %(plan)s: you are among its examiners and supervisors, so “%(step)s” "
                "falls to another person (separation of duties).",
                plan=self.name,
                step=label,
            )
        return None

    def _get_step_state_problem(self, step):
        rule = PLAN_STEPS[step]
        label = self._step_label(step)
        state = self.state
        if state not in rule.from_states:
            if self._is_step_done(step):
                return self.env._(
                    "Plan %(plan)s: “%(step)s” is already done.", plan=self.name, step=label
                )
            return self.env._(
                "Plan %(plan)s is %(state)s: “%(step)s” can only be done when it is %(expected)s.",
                plan=self.name,
                state=self._state_label(state),
                step=label,
                expected=self.env._(" or ").join(
                    self._state_label(expected) for expected in rule.from_states
                ),
            )
        if rule.done_field and self[rule.done_field]:
            return self.env._(
                "Plan %(plan)s: “%(step)s” is already done (%(user)s).",
                plan=self.name,
                step=label,
                user=self[rule.done_field].name,
            )
        if rule.after_field and not self[rule.after_field]:
            before = next(
                self._step_label(other)
                for other, other_rule in PLAN_STEPS.items()
                if other_rule.done_field == rule.after_field
            )
            return self.env._(
                "Plan %(plan)s: “%(before)s” comes before “%(step)s”.",
                plan=self.name,
                before=before,
                step=label,
            )
        check = getattr(self, f"_get_{step}_problem", None)
        return check() if check else None

    def _step_label(self, step):
        return PLAN_STEPS[step].label._translate(self.env.lang or "en_US")

    def _is_step_done(self, step):
        rule = PLAN_STEPS[step]
        if step == "resume":
            return False
        if rule.to_state in ("suspended", "cancelled"):
            return self.state == rule.to_state
        effective = progress_index(self._get_effective_state())
        last_from = max(progress_index(state) for state in rule.from_states)
        return last_from >= 0 and effective > last_from

    def _check_step(self, step):
        """Refuse ``step`` with its reason (the same reason that hides its button) and
        lock the plans, so that two clicks at once make one step: the second waits, and
        is retried once the first is committed, then finds the step done."""
        self._lock_for_step()
        for plan in self:
            access = plan._get_step_access_problem(step)
            if access:
                raise AccessError(access)
            problem = plan._get_step_state_problem(step)
            if problem:
                raise UserError(problem)

    def _lock_for_step(self):
        wait_for_rows(self)

    def _get_next_step_note(self):
        """The plan's way forward from here, and why the current user cannot take it,
        if that is the case: e.g. who files a draft, until when a notice runs."""
        self.ensure_one()
        state = self.state
        for step, rule in PLAN_STEPS.items():
            if step in ASIDE_STEPS or state not in rule.from_states:
                continue
            if rule.done_field and self[rule.done_field]:
                continue
            problem = self._get_step_problem(step)
            if problem:
                return self.env._(
                    "Next: %(step)s. %(reason)s", step=self._step_label(step), reason=problem
                )
            return False
        return False

    def _step_write(self, vals):
        """Write the state or the step fields: the one way to do it."""
        if "state" in vals:
            for plan in self:
                plan._check_transition(vals["state"])
        return internal.internally(self, internal.PLAN_STEP).write(vals)

    def _check_transition(self, new_state):
        """A state change must be a step of the table (resume returns to the state the
        plan was suspended in)."""
        self.ensure_one()
        allowed = {rule.to_state for rule in PLAN_STEPS.values() if self.state in rule.from_states}
        if self.state == "suspended":
            allowed.add(self.suspended_state)
        if new_state not in allowed:
            raise UserError(
                self.env._(
                    "Plan %(plan)s cannot go from %(state)s to %(new_state)s.",
                    plan=self.name,
                    state=self._state_label(self.state),
                    new_state=self._state_label(new_state),
                )
            )

    # Date and order rules of some steps, part of their reason ------------------

    def _get_arrange_problem(self):
        return self._current_notice("candidates")._get_close_problem()

    def _get_supervisor_confirm_results_problem(self):
        return self._current_notice("results")._get_close_problem()

    def _get_head_confirm_results_problem(self):
        # The supervisor who confirmed is among the plan's staff, whom the step's
        # not_by_plan_staff already turns away: Annex 4 gets two people.
        return self._current_notice("results")._get_close_problem()

    def _get_check_scores_problem(self):
        if self.scores_entered_by_id == self.env.user:
            return self.env._(
                "Plan %(plan)s: the scores were entered by you; another person must check "
                "them (双人复核).",
                plan=self.name,
            )
        return None

    def _get_re_review_problem(self):
        if self.initial_review_by_id == self.env.user:
            return self.env._(
                "Plan %(plan)s: you did the initial review; another person must do the re-review.",
                plan=self.name,
            )
        return None

    def _get_mark_examined_problem(self):
        last_day = max(self.session_ids.mapped("date"), default=self.exam_date)
        if last_day and shanghai_today() < last_day:
            return self.env._(
                "Plan %(plan)s: the exam ends on %(date)s; its holding is recorded from then.",
                plan=self.name,
                date=format_date(self.env, last_day),
            )
        return None

    # ------------------------------------------------------------------
    # Steps of Article 10
    # ------------------------------------------------------------------

    def action_file(self):
        """Approve the plan and record its filing with the township (10(1))."""
        self._check_step("file")
        # Article 5(3): only an enterprise paying the skill allowance is a pilot.
        self.company_id._skill_cert_check_allowance_condition()
        Filing = self.env["skill.cert.pilot.filing"]
        for plan in self:
            # Article 2: within the pilot's filed scope and period.
            problem = Filing._get_filing_problem(plan)
            if problem:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s cannot be filed: %(problem)s",
                        plan=plan.name,
                        problem=problem,
                    )
                )
            missing = [
                label
                for label, value in (
                    (self.env._("township"), plan.township_id),
                    (self.env._("registration deadline"), plan.registration_deadline),
                    (self.env._("exam date"), plan.exam_date),
                    (self.env._("venues"), plan.venue),
                )
                if not value
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s cannot be filed: give the %(fields)s first.",
                        plan=plan.name,
                        fields=self.env._("、").join(missing),
                    )
                )
        for plan in self.filtered(lambda plan: not plan.filing_date):
            plan.filing_date = shanghai_today()
        self._step_write({"state": "filed"})

    def action_open_registration(self):
        self._check_step("open_registration")
        self._check_fee_standard()
        self._step_write({"state": "registration"})

    def action_close_registration(self):
        self._check_step("close_registration")
        for plan in self:
            if not plan.registration_ids.filtered(lambda r: r.state != "draft"):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s has no submitted registration to review.", plan=plan.name
                    )
                )
        self._step_write({"state": "review"})

    def action_publish_candidate_notice(self):
        """Publish the list of approved candidates for 5 working days (10(1))."""
        self._check_step("publish_candidate_notice")
        for plan in self:
            undecided = plan.registration_ids.filtered(lambda r: r.state == "submitted")
            if undecided:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: decide on every registration first; %(count)s are "
                        "still waiting for the qualification review (e.g. %(names)s).",
                        plan=plan.name,
                        count=len(undecided),
                        names="、".join(undecided[:5].mapped("employee_id.name")),
                    )
                )
            if not plan._candidates():
                raise UserError(
                    self.env._("Plan %(plan)s has no approved candidate.", plan=plan.name)
                )
        notices = self.env["skill.cert.notice"]._publish(self, "candidates")
        self._step_write({"state": "candidate_notice"})
        notices._schedule_end_reminders()

    def action_generate_tickets(self):
        """Give every approved candidate an admission ticket number and a seat in the
        theory and practical sessions, in one pass."""
        self._check_step("generate_tickets")
        for plan in self:
            plan._candidates()._assign_tickets_and_seats()

    def action_arrange(self):
        """Close the candidate notice and confirm the exam arrangement (10(2))."""
        self._check_step("arrange")
        self._check_question_bank()
        for plan in self:
            candidates = plan._candidates()
            problems = plan.staff_ids._get_staffing_problems(candidates)
            if problems:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: the exam cannot be arranged (Article 9):\n%(problems)s",
                        plan=plan.name,
                        problems="\n".join(f"• {problem}" for problem in problems),
                    )
                )
            problems = plan.session_ids._get_seating_problems(candidates)
            if problems:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: the exam cannot be arranged:\n%(problems)s",
                        plan=plan.name,
                        problems="\n".join(f"• {problem}" for problem in problems),
                    )
                )
        self._current_notice("candidates")._close()
        self._step_write({"state": "arranged"})
        self.env["skill.cert.inspection"]._create_for_plans(self)

    def action_mark_all_present(self):
        """Record every candidate without an attendance as present (the officer then
        marks the absent and the disqualified ones)."""
        self._check_group(GROUP_OFFICER, self.env._("Record the attendance"))
        for plan in self:
            plan._candidates().filtered(lambda r: not r.attendance).write({"attendance": "present"})

    def action_mark_examined(self):
        """The exam was held (10(3)): every candidate's attendance is recorded."""
        self._check_step("mark_examined")
        for plan in self:
            blocker = plan.inspection_ids._get_exam_blocker(plan)
            if blocker:
                raise UserError(blocker)
            missing = plan._candidates().filtered(lambda r: not r.attendance)
            if missing:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: record the attendance of %(count)s candidates first "
                        "(e.g. %(names)s).",
                        plan=plan.name,
                        count=len(missing),
                        names="、".join(missing[:5].mapped("employee_id.name")),
                    )
                )
        self._step_write({"state": "examined"})

    def action_submit_scores(self):
        """Scores are entered; they wait for a second person's check (双人复核)."""
        self._check_step("submit_scores")
        for plan in self:
            plan._candidates()._check_scores_complete()
        self._step_write({"state": "scored", "scores_entered_by_id": self.env.uid})

    def action_check_scores(self):
        self._check_step("check_scores")
        self._step_write({"scores_checked_by_id": self.env.uid})

    def action_supervise_scores(self):
        self._check_step("supervise_scores")
        # sudo: internal supervisors only read plans; the step was checked above.
        self.sudo()._step_write({"scores_supervised_by_id": self.env.uid})

    def action_initial_review(self):
        self._check_step("initial_review")
        self._step_write({"initial_review_by_id": self.env.uid})

    def action_re_review(self):
        self._check_step("re_review")
        self._step_write({"re_review_by_id": self.env.uid, "state": "reviewed"})

    def action_publish_result_notice(self):
        """Publish the results for 5 working days (10(4))."""
        self._check_step("publish_result_notice")
        notices = self.env["skill.cert.notice"]._publish(self, "results")
        self._step_write({"state": "result_notice"})
        notices._schedule_end_reminders()

    def action_supervisor_confirm_results(self):
        """Annex 4, first signature: an internal supervisor confirms the results."""
        self._check_step("supervisor_confirm_results")
        for plan in self:
            blocker = plan.inspection_ids._get_results_blocker(plan)
            if blocker:
                raise UserError(blocker)
        # sudo: internal supervisors only read plans; the step was checked above.
        self.sudo()._step_write({"results_supervisor_id": self.env.uid})

    def action_head_confirm_results(self):
        """Annex 4, second signature: the enterprise's certification head."""
        self._check_step("head_confirm_results")
        for plan in self:
            blocker = plan.inspection_ids._get_results_blocker(plan)
            if blocker:
                raise UserError(blocker)
        self._current_notice("results")._close()
        for plan in self:
            plan._step_write(
                {
                    "results_head_id": self.env.uid,
                    "results_confirmed_count": plan.passed_count,
                    "state": "confirmed",
                }
            )

    def action_mark_numbered(self):
        """The authority assigned the certificate numbers (证书赋码)."""
        self._check_step("mark_numbered")
        for plan in self:
            passed = plan._passed()
            missing = passed.filtered(lambda r: not r.certificate_number)
            if missing:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: %(count)s passed candidates have no certificate number "
                        "yet (e.g. %(names)s).",
                        plan=plan.name,
                        count=len(missing),
                        names="、".join(missing[:5].mapped("employee_id.name")),
                    )
                )
            passed._check_certificate_numbers()
        self._step_write({"state": "numbered"})

    def action_issue(self):
        """Issue the certificates of every passed candidate (Annex 5)."""
        self._check_step("issue")
        today = shanghai_today()
        for plan in self.filtered(lambda plan: not plan.issue_date):
            plan.issue_date = today
        self.env["skill.cert.certificate"].with_context(
            mail_create_nolog=True, mail_notrack=True
        ).create([vals for plan in self for vals in plan._passed()._prepare_certificate_vals()])
        self._step_write({"state": "issued"})
        for plan in self:
            plan._log_step(
                self._step_label("issue"),
                self.env._("%(count)s certificates issued.", count=len(plan.certificate_ids)),
            )

    def action_close(self):
        self._check_step("close")
        self._step_write({"state": "closed"})

    def _do_suspend(self, reason):
        """A manager suspends the plan, keeping every record."""
        self._check_step("suspend")
        self._suspend(reason)

    def _suspend(self, reason, notify_managers=False):
        """Suspend the plans (a manager's decision, or a veto item of a supervision form);
        the managers get an activity to decide whether to resume."""
        for plan in self:
            if plan.state not in PLAN_STEPS["suspend"].from_states:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s and cannot be suspended.",
                        plan=plan.name,
                        state=self._state_label(plan.state),
                    )
                )
            plan._step_write(
                {"suspended_state": plan.state, "state": "suspended", "suspend_reason": reason}
            )
        managers = (self._get_managers() or self.env.user) if notify_managers else self.env.user
        for manager in managers:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Suspended certification plan: decide whether to resume it"),
                note=reason,
                user_id=manager.id,
            )

    def _get_managers(self):
        """The certification managers of the plans' companies (not the superuser)."""
        # sudo: who the managers are is needed to give them an activity, whoever asks.
        return (
            self.env.ref(GROUP_MANAGER)
            .sudo()
            .all_user_ids.filtered(
                lambda user: (
                    not user.share
                    and not user._is_superuser()
                    and self.company_id <= user.company_ids
                )
            )
        )

    def _do_resume(self, reason):
        """A manager resumes the plan; a veto that suspended it is lifted, with the reason."""
        self._check_step("resume")
        for plan in self:
            plan._step_write({"state": plan.suspended_state, "suspended_state": False})
        self.inspection_ids._lift_veto(reason)
        self._log_step(self._step_label("resume"), reason)

    def _do_cancel(self, reason):
        self._check_step("cancel")
        self._step_write({"state": "cancelled", "cancel_reason": reason})

    def action_open_reason_wizard(self):
        """Suspend, resume or cancel: each needs a reason (context key ``reason_action``)."""
        action = self.env.context.get("reason_action")
        if action not in ("suspend", "resume", "cancel"):
            raise UserError(self.env._("Unknown action."))
        for plan in self:
            access = plan._get_step_problem(action)
            if access:
                raise UserError(access)
        return self.env["skill.cert.reason.wizard"]._open_for(self, action)

    def _log_step(self, step, details=None):
        body = Markup("<p><b>%s</b></p>") % step
        if details:
            body += Markup("<p>%s</p>") % details
        for plan in self:
            plan.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Conditions of the steps
    # ------------------------------------------------------------------

    def _check_question_bank(self):
        for plan in self.filtered(lambda p: not p.question_bank_id):
            raise UserError(
                self.env._(
                    "Plan %(plan)s: %(occupation)s %(level)s has no certified question bank "
                    "of at least 600 questions (Article 5(6)).",
                    plan=plan.name,
                    occupation=plan.occupation_id.display_name,
                    level=plan.level_id.name,
                )
            )

    def _check_fee_standard(self):
        for plan in self.filtered(lambda p: not p.fee_standard_id):
            raise UserError(
                self.env._(
                    "Plan %(plan)s: %(occupation)s %(level)s has no published fee standard "
                    "(Article 12); publish one before registration opens.",
                    plan=plan.name,
                    occupation=plan.occupation_id.display_name,
                    level=plan.level_id.name,
                )
            )

    def _check_group(self, group, step):
        if not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "You may not do “%(step)s”: it needs the %(group)s role of Skill "
                    "Certification.",
                    step=step,
                    group=self.env.ref(group).name,
                )
            )

    def _check_staff_open(self):
        """Article 9: staff and sessions are locked from the arrangement on, suspension
        included; staff then change through an approved staff change."""
        locked = self.filtered(lambda plan: "staff_ids" in plan._get_locked_fields())
        if locked and not internal.is_internal(self, internal.STAFF_CHANGE):
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the exam is arranged and its staff are locked (Article 9). "
                    "Request a staff change with a reason; a manager approves it.",
                    plan=locked[0].name,
                )
            )

    def _check_sessions_open(self):
        locked = self.filtered(lambda plan: "session_ids" in plan._get_locked_fields())
        if locked:
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the exam is arranged; its sessions are kept as arranged.",
                    plan=locked[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _candidates(self):
        return self.registration_ids.filtered(lambda r: r.state == "approved")

    def _passed(self):
        return self._candidates().filtered(lambda r: r.result == "passed")

    def _current_notice(self, kind):
        return self.notice_ids.filtered(lambda n: n.kind == kind and n.state == "published")

    def action_create_inspections(self):
        """Create the supervision forms a plan lacks (e.g. the external form once the
        township's external supervisor is added by a staff change)."""
        self._check_group(GROUP_OFFICER, self.env._("Create the supervision forms"))
        return self.env["skill.cert.inspection"]._create_for_plans(self)

    def _write_scores(self, rows):
        """Record the scores of many candidates at once (entry form or score sheet).

        ``rows``: dicts with ``registration`` and any of the score and examiner fields.
        Every row is checked first and all problems are reported together; nothing is
        written unless all rows are right.
        """
        self.ensure_one()
        self._check_group(GROUP_OFFICER, self.env._("Enter scores"))
        if self.state != "examined":
            raise UserError(
                self.env._(
                    "Plan %(plan)s is %(state)s: scores are entered while it is %(expected)s.",
                    plan=self.name,
                    state=self._state_label(self.state),
                    expected=self._state_label("examined"),
                )
            )
        problems = []
        for row in rows:
            registration = row["registration"]
            values = {key: value for key, value in row.items() if key != "registration"}
            problems += registration._get_score_problems(values, plan=self)
        if problems:
            raise UserError("\n".join(problems))
        for row in rows:
            row["registration"].write(
                {key: value for key, value in row.items() if key != "registration"}
            )

    def _write_certificate_numbers(self, rows):
        """Record the certificate numbers the authority assigned (证书赋码), in batch.
        ``rows``: dicts with ``registration`` and ``certificate_number``."""
        self.ensure_one()
        self._check_step("mark_numbered")
        foreign = [row for row in rows if row["registration"].plan_id != self]
        if foreign:
            raise UserError(
                self.env._(
                    "%(candidate)s is not a candidate of this plan",
                    candidate=foreign[0]["registration"].employee_id.name,
                )
            )
        for row in rows:
            row["registration"].certificate_number = row["certificate_number"]
        self.env["skill.cert.registration"].browse(
            [row["registration"].id for row in rows]
        )._check_certificate_numbers()

    # ------------------------------------------------------------------
    # Prints, exports and navigation
    # ------------------------------------------------------------------

    def action_print_tickets(self):
        self.ensure_one()
        candidates = self._candidates().filtered("ticket_number")
        if not candidates:
            raise UserError(
                self.env._("Plan %(plan)s: generate the admission tickets first.", plan=self.name)
            )
        return self.env.ref(
            "l10n_cn_hr_skill_certification.action_report_admission_ticket"
        ).report_action(candidates)

    def action_print_report(self):
        """Print one of the plan's forms; the context key ``report`` names it."""
        self.ensure_one()
        reports = {
            "annex1": "l10n_cn_hr_skill_certification.action_report_annex1",
            "annex4": "l10n_cn_hr_skill_certification.action_report_annex4",
            "annex5": "l10n_cn_hr_skill_certification.action_report_annex5",
        }
        report = reports.get(self.env.context.get("report"))
        if not report:
            raise UserError(self.env._("Unknown form."))
        return self.env.ref(report).report_action(self)

    def action_export_xlsx(self):
        """Download a spreadsheet of the plan; the context key ``xlsx`` names it."""
        self.ensure_one()
        return self.env["report.l10n_cn_hr_skill_certification.plan_xlsx"]._export(
            self, self.env.context.get("xlsx")
        )

    def action_export_odt(self):
        """Annex 4 or 5 as an editable document; context keys ``odt`` (annex4, annex5) and
        ``odt_format`` (odt, pdf, docx)."""
        self.ensure_one()
        return self.env["report.l10n_cn_hr_skill_certification.plan_odt"]._export(
            self, self.env.context.get("odt"), self.env.context.get("odt_format", "odt")
        )

    def action_open_import(self):
        """Upload scores or certificate numbers; the context key ``import_kind`` says which."""
        self.ensure_one()
        kind = self.env.context.get("import_kind")
        return {
            "type": "ir.actions.act_window",
            "name": dict(
                self.env["skill.cert.plan.import"]._fields["kind"]._description_selection(self.env)
            ).get(kind),
            "res_model": "skill.cert.plan.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id, "default_kind": kind},
        }

    def _action_for(self, xmlid, **context):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            f"l10n_cn_hr_skill_certification.{xmlid}"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = context
        return action

    def action_view_registrations(self):
        return self._action_for("skill_cert_registration_action", default_plan_id=self.id)

    def action_view_inspections(self):
        return self._action_for("skill_cert_inspection_action", create=False)

    def action_view_rectifications(self):
        return self._action_for("skill_cert_rectification_action", default_plan_id=self.id)

    def action_print_certificates(self):
        """Print every certificate the plan issued and that still holds, in one PDF."""
        certificates = self.certificate_ids.filtered(
            lambda c: c.issuer_type == "self" and c.state != "revoked"
        )
        if not certificates:
            raise UserError(
                self.env._(
                    "Plan %(plan)s has no certificate to print.",
                    plan=", ".join(self.mapped("name")),
                )
            )
        return certificates.action_print_document()

    def action_invite_candidates(self):
        """Invite the plan's candidates who have no Odoo user to the portal."""
        # sudo: which candidates have a user; the invitation checks the officer's rights.
        employees = self.registration_ids.sudo().employee_id.filtered(lambda e: not e.user_id)
        return employees.with_env(self.env).action_skill_cert_invite_portal()

    def action_view_certificates(self):
        return self._action_for("skill_cert_certificate_action", create=False)

    def action_view_score_corrections(self):
        return self._action_for("skill_cert_score_correction_action", create=False)
