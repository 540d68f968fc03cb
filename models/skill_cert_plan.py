from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.dates import shanghai_today

PLAN_STATES = [
    ("draft", "Draft"),
    ("filed", "Filed with Township"),
    ("registration", "Registration Open"),
    ("review", "Qualification Review"),
    ("candidate_notice", "Candidate Notice"),
    ("arranged", "Exam Arranged"),
    ("examined", "Examined"),
    ("scored", "Scores Entered"),
    ("reviewed", "Scores Reviewed"),
    ("result_notice", "Result Notice"),
    ("confirmed", "Results Confirmed"),
    ("numbered", "Certificates Numbered"),
    ("issued", "Certificates Issued"),
    ("closed", "Closed"),
    ("suspended", "Suspended"),
    ("cancelled", "Cancelled"),
]
# States in which staff are locked: changes go through an approved change record.
STAFF_LOCKED_STATES = (
    "arranged",
    "examined",
    "scored",
    "reviewed",
    "result_notice",
    "confirmed",
    "numbered",
    "issued",
    "closed",
)
FINAL_STATES = ("closed", "cancelled")

GROUP_OFFICER = "l10n_cn_hr_skill_certification.group_skill_cert_officer"
GROUP_MANAGER = "l10n_cn_hr_skill_certification.group_skill_cert_manager"

MIN_EXAMINERS = 3  # Article 9
MIN_INTERNAL_SUPERVISORS = 2  # Article 9
NOTICE_WORKING_DAYS = 5  # Article 10(1) and 10(4)


class SkillCertPlan(models.Model):
    """A certification plan (认定计划), the heart of Article 10: from filing with the
    township to issued certificates.

    Each step is an ``action_*`` method that checks the state, the user's role and the
    step's preconditions, then moves the plan; the chatter records who and when.

    Access:
      - Officer: creates plans and runs the steps, except approvals;
      - Manager: files plans (approval), suspends, resumes and cancels them, waives
        avoidance, approves staff changes, signs the Annex 4 confirmation as the
        enterprise's certification head;
      - Internal Supervisor / Examiner: read the plans they are assigned to; supervisors
        review scores and sign the Annex 4 confirmation;
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
    filing_date = fields.Date(tracking=True)
    recommendation_letter = fields.Binary(attachment=True, copy=False)
    recommendation_letter_name = fields.Char(copy=False)
    officer_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    theory_pass_score = fields.Float(default=60.0)
    practical_pass_score = fields.Float(default=60.0)
    review_pass_score = fields.Float(default=60.0)
    theory_weight = fields.Float(
        default=0.3, help="Weight of the theory score in the comprehensive score."
    )
    practical_weight = fields.Float(default=0.7)
    review_weight = fields.Float(default=0.0)
    ticket_prefix = fields.Char(
        copy=False,
        help="Admission ticket numbers are this prefix followed by a 4-digit serial.",
    )
    issue_date = fields.Date(string="Certificate Issue Date", copy=False, tracking=True)

    registration_ids = fields.One2many("skill.cert.registration", "plan_id", string="Registrations")
    notice_ids = fields.One2many("skill.cert.notice", "plan_id", string="Public Notices")
    session_ids = fields.One2many("skill.cert.session", "plan_id", string="Sessions")
    staff_ids = fields.One2many("skill.cert.plan.staff", "plan_id")
    staff_change_ids = fields.One2many("skill.cert.staff.change", "plan_id", string="Staff Changes")
    certificate_ids = fields.One2many("skill.cert.certificate", "plan_id", string="Certificates")
    inspection_ids = fields.One2many("skill.cert.inspection", "plan_id", string="Supervision Forms")
    rectification_ids = fields.One2many(
        "skill.cert.rectification", "plan_id", string="Rectifications"
    )
    open_rectification_count = fields.Integer(compute="_compute_open_rectification_count")
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

    @api.depends("level_grade")
    def _compute_needs_review_score(self):
        for plan in self:
            plan.needs_review_score = bool(plan.level_grade) and plan.level_grade <= 2

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
        certificates = dict(
            self.env["skill.cert.certificate"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
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
            plan.certificate_count = certificates.get(plan, 0)

    @api.depends("rectification_ids.state")
    def _compute_open_rectification_count(self):
        for plan in self:
            plan.open_rectification_count = len(
                plan.rectification_ids.filtered(lambda r: r.state == "open")
            )

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

    @api.onchange("level_id")
    def _onchange_level_id(self):
        if self.level_id.skill_cert_grade and self.level_id.skill_cert_grade <= 2:
            self.update({"theory_weight": 0.2, "practical_weight": 0.5, "review_weight": 0.3})

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        for plan in plans.filtered(lambda plan: not plan.ticket_prefix):
            plan.ticket_prefix = f"{shanghai_today():%y}{plan.id:05d}"
        return plans

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

    # ------------------------------------------------------------------
    # Guards shared by the steps
    # ------------------------------------------------------------------

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    @api.depends("company_id", "occupation_id", "level_id")
    def _compute_pilot_conditions(self):
        # sudo: which bank and fee apply is no secret to a reader of the plan (candidates
        # see the published fee anyway); the banks themselves stay closed to them.
        Bank = self.env["skill.cert.question.bank"].sudo()
        Fee = self.env["skill.cert.fee.standard"].sudo()
        for plan in self:
            found = plan.occupation_id and plan.level_id
            plan.question_bank_id = found and Bank._find_in_force(
                plan.company_id, plan.occupation_id, plan.level_id
            )
            plan.fee_standard_id = found and Fee._find_in_force(
                plan.company_id, plan.occupation_id, plan.level_id
            )
            plan.fee_amount = plan.fee_standard_id.amount

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

    def _check_state(self, step, *states):
        for plan in self:
            if plan.state not in states:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s: “%(step)s” can only be done when it is "
                        "%(expected)s.",
                        plan=plan.name,
                        state=self._state_label(plan.state),
                        step=step,
                        expected=self.env._(" or ").join(self._state_label(s) for s in states),
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

    def _check_internal_supervisor(self, step):
        for plan in self:
            supervisors = plan.staff_ids.filtered(lambda s: s.role == "internal_supervisor")
            if self.env.user not in supervisors.user_id:
                raise AccessError(
                    self.env._(
                        "Only an internal supervisor of plan %(plan)s may do “%(step)s”.",
                        plan=plan.name,
                        step=step,
                    )
                )

    def _log_step(self, step, details=None):
        body = Markup("<p><b>%s</b></p>") % step
        if details:
            body += Markup("<p>%s</p>") % details
        for plan in self:
            plan.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Steps of Article 10
    # ------------------------------------------------------------------

    def action_file(self):
        """Approve the plan and record its filing with the township (10(1))."""
        step = self.env._("File with township")
        self._check_group(GROUP_MANAGER, step)
        self._check_state(step, "draft")
        # Article 5(3): only an enterprise paying the skill allowance is a pilot.
        self.company_id._skill_cert_check_allowance_condition()
        for plan in self:
            missing = [
                label
                for label, value in (
                    (self.env._("township"), plan.township_id),
                    (self.env._("filing date"), plan.filing_date),
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
                        fields=self.env._(", ").join(missing),
                    )
                )
        self.write({"state": "filed"})
        self._log_step(step)

    def action_open_registration(self):
        step = self.env._("Open registration")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "filed")
        self._check_fee_standard()
        self.write({"state": "registration"})

    def action_close_registration(self):
        step = self.env._("Close registration")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "registration")
        for plan in self:
            if not plan.registration_ids.filtered(lambda r: r.state != "draft"):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s has no submitted registration to review.", plan=plan.name
                    )
                )
        self.write({"state": "review"})

    def action_publish_candidate_notice(self):
        """Publish the list of approved candidates for 5 working days (10(1))."""
        step = self.env._("Publish the candidate notice")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "review")
        for plan in self:
            undecided = plan.registration_ids.filtered(lambda r: r.state == "submitted")
            if undecided:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: decide on every registration first; %(count)s are "
                        "still waiting for the qualification review (e.g. %(names)s).",
                        plan=plan.name,
                        count=len(undecided),
                        names=", ".join(undecided[:5].mapped("employee_id.name")),
                    )
                )
            if not plan.registration_ids.filtered(lambda r: r.state == "approved"):
                raise UserError(
                    self.env._("Plan %(plan)s has no approved candidate.", plan=plan.name)
                )
        notices = self.env["skill.cert.notice"]._publish(self, "candidates")
        self.write({"state": "candidate_notice"})
        notices._schedule_end_reminders()

    def action_arrange(self):
        """Close the candidate notice and confirm the exam arrangement (10(2))."""
        step = self.env._("Confirm the exam arrangement")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "candidate_notice")
        self._check_question_bank()
        for plan in self:
            plan._current_notice("candidates")._check_can_close()
            plan._check_staffing()
            plan._check_sessions_and_tickets()
        self._current_notice("candidates")._close()
        self.write({"state": "arranged"})
        self.env["skill.cert.inspection"]._create_for_plans(self)
        self._log_step(step, self.env._("Staff are locked from now on."))

    def action_mark_examined(self):
        """The exam was held (10(3)): every candidate's attendance is recorded."""
        step = self.env._("Record the exam as held")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "arranged")
        for plan in self:
            plan._check_forms_signed_at_exam()
            missing = plan._candidates().filtered(lambda r: not r.attendance)
            if missing:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: record the attendance of %(count)s candidates first "
                        "(e.g. %(names)s).",
                        plan=plan.name,
                        count=len(missing),
                        names=", ".join(missing[:5].mapped("employee_id.name")),
                    )
                )
        self.write({"state": "examined"})

    def action_submit_scores(self):
        """Scores are entered; they wait for a second person's check (双人复核)."""
        step = self.env._("Submit the entered scores")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "examined")
        for plan in self:
            plan._candidates()._check_scores_complete()
        self.write({"state": "scored", "scores_entered_by_id": self.env.uid})

    def action_check_scores(self):
        step = self.env._("Check the entered scores")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "scored")
        for plan in self:
            if plan.scores_checked_by_id:
                raise UserError(
                    self.env._("Plan %(plan)s: the scores are already checked.", plan=plan.name)
                )
            if plan.scores_entered_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: the scores were entered by you; another person must "
                        "check them (双人复核).",
                        plan=plan.name,
                    )
                )
        self.write({"scores_checked_by_id": self.env.uid})
        self._log_step(step)

    def action_supervise_scores(self):
        step = self.env._("Review the scores as internal supervisor")
        self._check_state(step, "scored")
        self._check_internal_supervisor(step)
        for plan in self:
            if not plan.scores_checked_by_id:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: the scores must be checked by a second person before "
                        "the supervisor's review.",
                        plan=plan.name,
                    )
                )
            if plan.scores_supervised_by_id:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: the supervisor already reviewed the scores.", plan=plan.name
                    )
                )
        # sudo: internal supervisors only read plans; this step was checked above.
        self.sudo().write({"scores_supervised_by_id": self.env.uid})
        self.sudo()._log_step(step)

    def action_initial_review(self):
        step = self.env._("Initial review of the scores")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "scored")
        for plan in self:
            if not plan.scores_supervised_by_id:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: an internal supervisor must review the scores before "
                        "the enterprise's initial review.",
                        plan=plan.name,
                    )
                )
            if plan.initial_review_by_id:
                raise UserError(
                    self.env._("Plan %(plan)s: the initial review is already done.", plan=plan.name)
                )
        self.write({"initial_review_by_id": self.env.uid})
        self._log_step(step)

    def action_re_review(self):
        step = self.env._("Re-review of the scores")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "scored")
        for plan in self:
            if not plan.initial_review_by_id:
                raise UserError(
                    self.env._("Plan %(plan)s: the initial review comes first.", plan=plan.name)
                )
            if plan.initial_review_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: you did the initial review; another person must do the "
                        "re-review.",
                        plan=plan.name,
                    )
                )
        self.write({"re_review_by_id": self.env.uid, "state": "reviewed"})

    def action_publish_result_notice(self):
        """Publish the results for 5 working days (10(4))."""
        step = self.env._("Publish the result notice")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "reviewed")
        notices = self.env["skill.cert.notice"]._publish(self, "results")
        self.write({"state": "result_notice"})
        notices._schedule_end_reminders()

    def action_supervisor_confirm_results(self):
        """Annex 4, first signature: an internal supervisor confirms the results."""
        step = self.env._("Confirm the results (internal supervisor)")
        self._check_state(step, "result_notice")
        self._check_internal_supervisor(step)
        for plan in self:
            plan._current_notice("results")._check_can_close()
            plan._check_internal_report_complete()
            if plan.results_supervisor_id:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: a supervisor already confirmed the results.", plan=plan.name
                    )
                )
        # sudo: internal supervisors only read plans; this step was checked above.
        self.sudo().write({"results_supervisor_id": self.env.uid})
        self.sudo()._log_step(step)

    def action_head_confirm_results(self):
        """Annex 4, second signature: the enterprise's certification head."""
        step = self.env._("Confirm the results (certification head)")
        self._check_group(GROUP_MANAGER, step)
        self._check_state(step, "result_notice")
        for plan in self:
            plan._current_notice("results")._check_can_close()
            plan._check_internal_report_complete()
            if not plan.results_supervisor_id:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: an internal supervisor confirms the results first.",
                        plan=plan.name,
                    )
                )
            if plan.results_supervisor_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: you confirmed as internal supervisor; the certification "
                        "head must be another person.",
                        plan=plan.name,
                    )
                )
        self._current_notice("results")._close()
        for plan in self:
            plan.write(
                {
                    "results_head_id": self.env.uid,
                    "results_confirmed_count": plan.passed_count,
                    "state": "confirmed",
                }
            )

    def action_mark_numbered(self):
        """The authority assigned the certificate numbers (证书赋码)."""
        step = self.env._("Record the certificate numbers")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "confirmed")
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
                        names=", ".join(missing[:5].mapped("employee_id.name")),
                    )
                )
            passed._check_certificate_numbers()
        self.write({"state": "numbered"})

    def action_issue(self):
        """Issue the certificates of every passed candidate (Annex 5)."""
        step = self.env._("Issue the certificates")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "numbered")
        today = shanghai_today()
        for plan in self:
            if not plan.issue_date:
                plan.issue_date = today
        self.env["skill.cert.certificate"].with_context(
            mail_create_nolog=True, mail_notrack=True
        ).create([vals for plan in self for vals in plan._prepare_certificate_vals()])
        self.write({"state": "issued"})
        for plan in self:
            plan._log_step(
                step,
                self.env._("%(count)s certificates issued.", count=len(plan.certificate_ids)),
            )

    def action_close(self):
        step = self.env._("Close the plan")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "issued")
        self.write({"state": "closed"})

    def _do_suspend(self, reason):
        """A manager suspends the plan, keeping every record."""
        self._check_group(GROUP_MANAGER, self.env._("Suspend the plan"))
        self._suspend(reason)

    def _suspend(self, reason, notify_managers=False):
        """Suspend the plans (a manager's decision, or a veto item of a supervision form);
        the managers get an activity to decide whether to resume."""
        step = self.env._("Suspend the plan")
        for plan in self:
            if plan.state in (*FINAL_STATES, "suspended"):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s and cannot be suspended.",
                        plan=plan.name,
                        state=self._state_label(plan.state),
                    )
                )
            plan.write(
                {"suspended_state": plan.state, "state": "suspended", "suspend_reason": reason}
            )
        self._log_step(step, reason)
        managers = self.env.user
        if notify_managers:
            managers = (
                self.env.ref(GROUP_MANAGER)
                .sudo()
                .all_user_ids.filtered(
                    lambda user: (
                        not user.share and user.company_id in self.company_id and user.id != 1
                    )
                )
            ) or self.env.user
        for manager in managers:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Suspended certification plan: decide whether to resume it"),
                note=reason,
                user_id=manager.id,
            )

    def _do_resume(self, reason):
        """A manager resumes the plan; a veto that suspended it is lifted, with the reason."""
        step = self.env._("Resume the plan")
        self._check_group(GROUP_MANAGER, step)
        self._check_state(step, "suspended")
        for plan in self:
            plan.write({"state": plan.suspended_state, "suspended_state": False})
        self.inspection_ids._lift_veto(reason)
        self._log_step(step, reason)

    def _do_cancel(self, reason):
        step = self.env._("Cancel the plan")
        self._check_group(GROUP_MANAGER, step)
        for plan in self:
            if plan.state in (*FINAL_STATES, "issued"):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s and cannot be cancelled.",
                        plan=plan.name,
                        state=self._state_label(plan.state),
                    )
                )
        self.write({"state": "cancelled", "cancel_reason": reason})
        self._log_step(step, reason)

    def action_open_reason_wizard(self):
        """Suspend, resume or cancel: each needs a reason (context key ``reason_action``)."""
        action = self.env.context.get("reason_action")
        if action not in ("suspend", "resume", "cancel"):
            raise UserError(self.env._("Unknown action."))
        return self.env["skill.cert.reason.wizard"]._open_for(self, action)

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _candidates(self):
        return self.registration_ids.filtered(lambda r: r.state == "approved")

    def _passed(self):
        return self._candidates().filtered(lambda r: r.result == "passed")

    def _current_notice(self, kind):
        return self.notice_ids.filtered(lambda n: n.kind == kind and n.state == "published")

    def _check_forms_signed_at_exam(self):
        """Article 10(3): the internal report's part about the exam is signed at the exam,
        and the external form where the township's external supervisor attended."""
        self.ensure_one()
        internal = self.inspection_ids.filtered(lambda i: i.kind == "internal")
        if not internal or internal.state == "draft":
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the internal supervisors sign the part of their report "
                    "about the exam (Annex 2) before the exam is recorded as held.",
                    plan=self.name,
                )
            )
        external = self.inspection_ids.filtered(lambda i: i.kind == "external")
        if external and external.state != "signed":
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the external supervisor signs the external supervision form "
                    "(Annex 3) before the exam is recorded as held.",
                    plan=self.name,
                )
            )

    def _check_internal_report_complete(self):
        """Article 10(4): the results are confirmed once the internal report is complete
        (its remaining part signed) and no veto stands."""
        self.ensure_one()
        internal = self.inspection_ids.filtered(lambda i: i.kind == "internal")
        if internal.state != "signed":
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the internal supervisors complete and sign their report "
                    "(Annex 2) before the results are confirmed.",
                    plan=self.name,
                )
            )
        vetoed = self.inspection_ids.filtered(lambda i: i.has_veto and not i.veto_lifted)
        if vetoed:
            raise UserError(
                self.env._(
                    "Plan %(plan)s: a veto item of %(form)s stands; a manager must decide to "
                    "resume the plan first.",
                    plan=self.name,
                    form=vetoed[0].template_id.name,
                )
            )

    def action_create_inspections(self):
        """Create the supervision forms a plan lacks (e.g. the external form once the
        township's external supervisor is added by a staff change)."""
        self._check_group(GROUP_OFFICER, self.env._("Create the supervision forms"))
        return self.env["skill.cert.inspection"]._create_for_plans(self)

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_inspection_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        return action

    def action_view_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_rectification_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def _check_staff_open(self):
        locked = self.filtered(lambda plan: plan.state in STAFF_LOCKED_STATES)
        if locked and not self.env.context.get("skill_cert_staff_change"):
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the exam is arranged and its staff are locked (Article 9). "
                    "Request a staff change with a reason; a manager approves it.",
                    plan=locked[0].name,
                )
            )

    def _check_staffing(self):
        """Article 9: at least 3 examiners (one group leader) and 2 internal supervisors,
        and examiners avoid candidates (回避)."""
        self.ensure_one()
        staff = self.staff_ids
        examiners = staff.filtered(lambda s: s.role == "examiner")
        supervisors = staff.filtered(lambda s: s.role == "internal_supervisor")
        problems = []
        if len(examiners) < MIN_EXAMINERS:
            problems.append(
                self.env._("at least %(count)s examiners are needed", count=MIN_EXAMINERS)
            )
        if len(examiners.filtered("is_group_leader")) != 1:
            problems.append(self.env._("exactly one examiner leads the examiner group"))
        if len(supervisors) < MIN_INTERNAL_SUPERVISORS:
            problems.append(
                self.env._(
                    "at least %(count)s internal supervisors are needed",
                    count=MIN_INTERNAL_SUPERVISORS,
                )
            )
        problems += examiners._get_avoidance_problems(self._candidates())
        if problems:
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the exam cannot be arranged (Article 9):\n%(problems)s",
                    plan=self.name,
                    problems="\n".join(f"• {problem}" for problem in problems),
                )
            )

    def _check_sessions_and_tickets(self):
        self.ensure_one()
        candidates = self._candidates()
        problems = []
        if not self.session_ids.filtered(lambda s: s.kind == "theory"):
            problems.append(self.env._("no theory session"))
        if not self.session_ids.filtered(lambda s: s.kind == "practical"):
            problems.append(self.env._("no practical session"))
        without_ticket = candidates.filtered(lambda r: not r.ticket_number)
        if without_ticket:
            problems.append(
                self.env._(
                    "%(count)s candidates have no admission ticket", count=len(without_ticket)
                )
            )
        without_seat = candidates.filtered(
            lambda r: not r.theory_session_id or not r.practical_session_id
        )
        if without_seat:
            problems.append(
                self.env._("%(count)s candidates have no seat", count=len(without_seat))
            )
        if problems:
            raise UserError(
                self.env._(
                    "Plan %(plan)s: the exam cannot be arranged:\n%(problems)s",
                    plan=self.name,
                    problems="\n".join(f"• {problem}" for problem in problems),
                )
            )

    def action_generate_tickets(self):
        """Give every approved candidate an admission ticket number and a seat in the
        theory and practical sessions, in one pass."""
        step = self.env._("Generate admission tickets")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "candidate_notice")
        for plan in self:
            plan._candidates()._assign_tickets_and_seats()

    def _write_scores(self, rows):
        """Record the scores of many candidates at once (entry form or score sheet).

        ``rows``: dicts with ``registration`` and any of the score and examiner fields.
        Every row is checked first and all problems are reported together; nothing is
        written unless all rows are right.
        """
        self.ensure_one()
        self._check_group(GROUP_OFFICER, self.env._("Enter scores"))
        self._check_state(self.env._("Enter scores"), "examined")
        examiners = self.staff_ids.filtered(lambda s: s.role == "examiner")
        problems = []
        for row in rows:
            registration = row["registration"]
            name = registration.employee_id.name
            if registration.plan_id != self or registration.state != "approved":
                problems.append(
                    self.env._("%(candidate)s is not a candidate of this plan", candidate=name)
                )
                continue
            for field_name in ("theory_score", "practical_score", "review_score"):
                score = row.get(field_name)
                if score is None or score is False:
                    continue
                if not isinstance(score, (int, float)) or not 0 <= score <= 100:
                    problems.append(
                        self.env._(
                            "%(candidate)s: %(field)s %(score)s is out of range: scores are "
                            "between 0 and 100.",
                            candidate=name,
                            field=registration._fields[field_name]._description_string(self.env),
                            score=score,
                        )
                    )
            for field_name in ("theory_examiner_id", "practical_examiner_id", "review_examiner_id"):
                examiner_id = row.get(field_name)
                if examiner_id and examiner_id not in examiners.ids:
                    problems.append(
                        self.env._(
                            "%(candidate)s: the examiner is not an examiner of this plan",
                            candidate=name,
                        )
                    )
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
        step = self.env._("Record the certificate numbers")
        self._check_group(GROUP_OFFICER, step)
        self._check_state(step, "confirmed")
        foreign = [row for row in rows if row["registration"].plan_id != self]
        if foreign:
            raise UserError(
                self.env._(
                    "%(candidate)s is not a candidate of this plan",
                    candidate=foreign[0]["registration"].employee_id.name,
                )
            )
        for row in rows:
            row["registration"].certificate_number = row["certificate_number"].strip().upper()
        self.env["skill.cert.registration"].browse(
            [row["registration"].id for row in rows]
        )._check_certificate_numbers()

    def _prepare_certificate_vals(self):
        self.ensure_one()
        return [
            {
                "name": registration.certificate_number,
                "employee_id": registration.employee_id.id,
                "company_id": self.company_id.id,
                "occupation_id": self.occupation_id.id,
                "level_id": self.level_id.id,
                "issue_date": self.issue_date,
                "issuer_type": "self",
                "origin": "plan",
                "plan_id": self.id,
                "registration_id": registration.id,
            }
            for registration in self._passed()
        ]

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

    def action_view_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_registration_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_view_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_certificate_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
