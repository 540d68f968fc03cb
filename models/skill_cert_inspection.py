from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..tools import internal
from ..tools.dates import shanghai_today
from ..tools.plan_steps import states_from
from ..tools.roles import GROUP_MANAGER
from ..tools.scores import parse_allowed

# A plan's forms are filled from the arrangement until the results are confirmed; the
# exam part (and the external form) at the exam, the rest during the result notice.
FILLING_STATES = states_from("arranged", "result_notice")
SIGN_STATES = {"on_site": ("arranged",), "external": ("arranged",), "full": ("result_notice",)}

INSPECTION_STATES = [
    ("draft", "Being filled"),
    ("on_site_signed", "Signed at the exam"),
    ("signed", "Signed"),
]


class SkillCertInspection(models.Model):
    """A filled supervision form of a plan: the internal supervisors' report (Annex 2)
    or the external supervision registration form (Annex 3, filled by the township's
    external supervisor together with the internal supervisors).

    The internal report is signed in two stages (Article 10): the part about the exam
    at the exam, the rest after the result notice. A ticked veto item sets the total to
    0 and suspends the plan. Signed parts are never edited.

    Access:
      - Internal Supervisor: fills and signs the forms of the plans they supervise;
      - External Supervisor (a restricted user of the township): fills and signs only
        the external form of the plans they are assigned to;
      - Officer, Manager: read; Manager lifts a veto by resuming the plan.
    """

    _name = "skill.cert.inspection"
    _description = "Supervision Form"
    _inherit = ["mail.thread"]
    _order = "plan_id, kind, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "skill.cert.plan", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    kind = fields.Selection(related="template_id.kind", store=True)
    template_id = fields.Many2one(
        "skill.cert.inspection.template",
        string="Form",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    date = fields.Date(string="Supervision Date", default=lambda self: shanghai_today())
    state = fields.Selection(
        INSPECTION_STATES, required=True, default="draft", readonly=True, tracking=True
    )
    line_ids = fields.One2many("skill.cert.inspection.line", "inspection_id", string="Items")
    veto_ids = fields.One2many("skill.cert.inspection.veto", "inspection_id", string="Veto Items")
    comment = fields.Text(string="Opinions and Other Remarks")
    total_score = fields.Float(compute="_compute_total_score", store=True, tracking=True)
    has_veto = fields.Boolean(compute="_compute_total_score", store=True)
    veto_lifted = fields.Boolean(readonly=True, copy=False, tracking=True)
    external_partner_id = fields.Many2one(
        "res.partner", string="External Supervisor", readonly=True
    )
    on_site_signed_by_id = fields.Many2one(
        "res.users", string="Signed at the Exam By", readonly=True
    )
    on_site_signed_date = fields.Date(readonly=True)
    signed_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    signed_date = fields.Date(readonly=True)
    cosigned_by_id = fields.Many2one(
        "res.users", string="Co-signed by Internal Supervisor", readonly=True, tracking=True
    )
    # What the current user may do now, for the buttons (the same reasons refuse).
    can_fill = fields.Boolean(compute="_compute_can", export_string_translation=False)
    can_sign_on_site = fields.Boolean(compute="_compute_can", export_string_translation=False)
    can_sign = fields.Boolean(compute="_compute_can", export_string_translation=False)
    can_cosign = fields.Boolean(compute="_compute_can", export_string_translation=False)
    can_record_veto = fields.Boolean(compute="_compute_can", export_string_translation=False)

    @api.depends("state", "plan_id.state", "cosigned_by_id")
    @api.depends_context("uid")
    def _compute_can(self):
        for inspection in self:
            inspection.can_fill = not inspection._get_fill_problem()
            inspection.can_sign_on_site = not inspection._get_sign_on_site_problem()
            inspection.can_sign = not inspection._get_sign_problem()
            inspection.can_cosign = not inspection._get_cosign_problem()
            inspection.can_record_veto = inspection.state != "draft" and not (
                inspection._get_veto_problem()
            )

    @api.depends("line_ids.score", "veto_ids.checked")
    def _compute_total_score(self):
        for inspection in self:
            inspection.has_veto = any(inspection.veto_ids.mapped("checked"))
            inspection.total_score = (
                0 if inspection.has_veto else sum(inspection.line_ids.mapped("score"))
            )

    @api.depends("template_id", "plan_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = f"{inspection.plan_id.name} {inspection.template_id.name}"

    # ------------------------------------------------------------------
    # Creation from the template
    # ------------------------------------------------------------------

    @api.model
    def _create_for_plans(self, plans):
        """The internal form of each plan, and the external form where the township's
        external supervisor is assigned. Plans that already have them are skipped."""
        vals_list = []
        for plan in plans:
            if plan.state not in FILLING_STATES:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s: its supervision forms come with the exam "
                        "arrangement.",
                        plan=plan.name,
                        state=plan._state_label(plan.state),
                    )
                )
            kinds = ["internal"]
            external = plan.staff_ids.filtered(lambda s: s.role == "external_supervisor")[:1]
            if external:
                kinds.append("external")
            for kind in kinds:
                if plan.inspection_ids.filtered(lambda i, kind=kind: i.kind == kind):
                    continue
                template = self.env["skill.cert.inspection.template"]._get_current(kind)
                if not template:
                    raise UserError(
                        self.env._("No supervision form template is available for this kind.")
                    )
                vals_list.append(
                    {
                        "plan_id": plan.id,
                        "template_id": template.id,
                        "date": plan.exam_date or shanghai_today(),
                        "external_partner_id": external.partner_id.id
                        if kind == "external"
                        else False,
                        "line_ids": self._prepare_lines(template, plan),
                        "veto_ids": [
                            Command.create({"template_veto_id": veto.id, "name": veto.name})
                            for veto in template.veto_ids
                        ],
                    }
                )
        # sudo: forms are created with the plan's arrangement, by an officer who may not
        # write supervision forms; they belong to the supervisors from then on.
        return self.sudo().create(vals_list).with_env(self.env)

    @api.model
    def _prepare_lines(self, template, plan):
        commands = []
        for section in template.section_ids:
            for item in section.item_ids:
                if item.exam_mode and item.exam_mode != plan.exam_mode:
                    continue
                commands.append(
                    Command.create(
                        {
                            "template_item_id": item.id,
                            "part_ids": [
                                Command.create({"template_part_id": part.id})
                                for part in item.part_ids
                            ],
                        }
                    )
                )
        return commands

    # ------------------------------------------------------------------
    # Who may fill and sign
    # ------------------------------------------------------------------

    def _is_internal_supervisor(self):
        self.ensure_one()
        supervisors = self.plan_id.staff_ids.filtered(lambda s: s.role == "internal_supervisor")
        return self.env.user in supervisors.user_id

    def _is_external_supervisor(self):
        self.ensure_one()
        return (
            self.kind == "external"
            and self.external_partner_id
            and self.env.user.partner_id == self.external_partner_id
        )

    def _get_fill_problem(self):
        self.ensure_one()
        if not (self._is_internal_supervisor() or self._is_external_supervisor()):
            return self.env._(
                "Only the supervisors of plan %(plan)s fill its supervision forms.",
                plan=self.plan_id.name,
            )
        if self.plan_id.state not in FILLING_STATES:
            return self.env._(
                "%(form)s: plan %(plan)s is %(state)s; its forms are filled from the exam "
                "arrangement until the results are confirmed.",
                form=self.display_name,
                plan=self.plan_id.name,
                state=self.plan_id._state_label(self.plan_id.state),
            )
        if self.state == "signed":
            return self.env._(
                "%(form)s is signed and can no longer be changed.", form=self.display_name
            )
        return None

    def _check_can_fill(self):
        if self.env.su:
            return
        for inspection in self:
            problem = inspection._get_fill_problem()
            if problem:
                raise AccessError(problem)

    def write(self, vals):
        signing = internal.is_internal(self, internal.SIGNING)
        filled = {"comment", "date", "line_ids", "veto_ids"}
        if not signing and vals.keys() - filled - set(self._mail_fields()):
            raise UserError(
                self.env._(
                    "Supervision forms are filled item by item and signed with their buttons."
                )
            )
        if not signing and {"comment", "date"} & vals.keys():
            self._check_can_fill()
            self._check_not_signed()
        return super().write(vals)

    @api.model
    def _check_filled_fields(self, vals, allowed):
        """Items, sub-items and veto items take their score (or tick) and remark; the
        rest of a filled form comes from its template."""
        if vals.keys() - allowed and not self.env.su:
            raise UserError(
                self.env._(
                    "Supervision forms are filled item by item and signed with their buttons."
                )
            )

    def _mail_fields(self):
        return [name for name in self._fields if name.startswith(("message_", "activity_"))]

    def _check_not_signed(self, stage=None):
        for inspection in self:
            locked = inspection.state == "signed" or (
                stage == "on_site" and inspection.state == "on_site_signed"
            )
            if locked:
                raise UserError(
                    self.env._(
                        "%(form)s is signed and can no longer be changed.",
                        form=inspection.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Signing
    # ------------------------------------------------------------------

    def _check_complete(self, stages):
        self.ensure_one()
        missing = self.line_ids.filtered(lambda line: line.stage in stages and not line.is_scored)
        if missing:
            raise UserError(
                self.env._(
                    "%(form)s cannot be signed: score every item first (%(items)s).",
                    form=self.display_name,
                    items="、".join(missing[:8].mapped("name")),
                )
            )

    def action_fill_full_marks(self):
        """Give every item of the part being filled that has no score yet its best option;
        the supervisor then lowers the items that lost points."""
        self._check_can_fill()
        for inspection in self:
            stages = (
                ("on_site",)
                if inspection.kind == "internal" and inspection.state == "draft"
                else ("on_site", "after_results")
            )
            lines = inspection.line_ids.filtered(lambda line: line.stage in stages)
            for line in lines.filtered(lambda line: not line.part_ids and not line.is_entered):
                line.entered_score = max(parse_allowed(line.allowed_scores))
            for part in lines.part_ids.filtered(lambda part: not part.is_scored):
                part.score = max(parse_allowed(part.allowed_scores))

    def _get_plan_state_problem(self, stage):
        plan = self.plan_id
        if plan.state not in SIGN_STATES[stage]:
            when = {
                "on_site": self.env._("at the exam (Article 10(3))"),
                "external": self.env._("at the exam (Article 10(3))"),
                "full": self.env._("during the result notice (Article 10(4))"),
            }[stage]
            return self.env._(
                "%(form)s is signed %(when)s; plan %(plan)s is %(state)s.",
                form=self.display_name,
                when=when,
                plan=plan.name,
                state=plan._state_label(plan.state),
            )
        return None

    def _get_sign_on_site_problem(self):
        """Internal report, first stage: the items about the exam, at the exam (10(3))."""
        self.ensure_one()
        if self.kind != "internal":
            return self.env._("Only the internal report is signed in two stages.")
        if not self._is_internal_supervisor():
            return self.env._(
                "Only an internal supervisor of plan %(plan)s signs its report.",
                plan=self.plan_id.name,
            )
        if self.state != "draft":
            return self.env._(
                "%(form)s: the part about the exam is already signed.", form=self.display_name
            )
        return self._get_plan_state_problem("on_site")

    def _get_sign_problem(self):
        """Sign the whole form: the internal report after the result notice (10(4)); the
        external form by the township's external supervisor, at the exam."""
        self.ensure_one()
        if self.kind == "internal":
            if not self._is_internal_supervisor():
                return self.env._(
                    "Only an internal supervisor of plan %(plan)s signs its report.",
                    plan=self.plan_id.name,
                )
        elif not self._is_external_supervisor():
            return self.env._(
                "Only the external supervisor assigned to plan %(plan)s signs its external form.",
                plan=self.plan_id.name,
            )
        if self.state == "signed":
            return self.env._("%(form)s is already signed.", form=self.display_name)
        if self.kind == "internal":
            if self.state != "on_site_signed":
                return self.env._(
                    "%(form)s: sign the part about the exam first, at the exam.",
                    form=self.display_name,
                )
            return self._get_plan_state_problem("full")
        return self._get_plan_state_problem("external")

    def _get_cosign_problem(self):
        """An internal supervisor co-signs the external form (Annex 3: 内督人员签名)."""
        self.ensure_one()
        if self.kind != "external" or not self._is_internal_supervisor():
            return self.env._("Only an internal supervisor of the plan co-signs the external form.")
        if self.cosigned_by_id:
            return self.env._(
                "%(form)s is already co-signed (%(user)s).",
                form=self.display_name,
                user=self.cosigned_by_id.name,
            )
        if self.plan_id.state not in FILLING_STATES:
            return self._get_plan_state_problem("external")
        return None

    def _raise_problems(self, get_problem):
        for inspection in self:
            problem = get_problem(inspection)
            if problem:
                raise AccessError(problem) if not inspection._is_signer() else UserError(problem)

    def _is_signer(self):
        return self._is_internal_supervisor() or self._is_external_supervisor()

    def action_sign_on_site(self):
        self._raise_problems(lambda inspection: inspection._get_sign_on_site_problem())
        for inspection in self:
            inspection._check_complete(("on_site",))
        self._sign(
            {
                "state": "on_site_signed",
                "on_site_signed_by_id": self.env.uid,
                "on_site_signed_date": shanghai_today(),
            }
        )

    def action_sign(self):
        self._raise_problems(lambda inspection: inspection._get_sign_problem())
        for inspection in self:
            inspection._check_complete(("on_site", "after_results"))
        self._sign(
            {"state": "signed", "signed_by_id": self.env.uid, "signed_date": shanghai_today()}
        )

    def action_cosign(self):
        self._raise_problems(lambda inspection: inspection._get_cosign_problem())
        # sudo: a co-signature on a form the internal supervisor may read.
        internal.internally(self.sudo(), internal.SIGNING).write({"cosigned_by_id": self.env.uid})

    # ------------------------------------------------------------------
    # What the plan's steps wait for
    # ------------------------------------------------------------------

    def _get_exam_blocker(self, plan):
        """Article 10(3), for the forms ``self`` of ``plan``: the internal report's part
        about the exam is signed at the exam, and the external form where the township's
        external supervisor attended."""
        internal_form = self.filtered(lambda i: i.kind == "internal")
        if not internal_form or internal_form.state == "draft":
            return self.env._(
                "Plan %(plan)s: the internal supervisors sign the part of their report "
                "about the exam (Annex 2) before the exam is recorded as held.",
                plan=plan.name,
            )
        external = self.filtered(lambda i: i.kind == "external")
        if not external or external.state != "signed":
            return self.env._(
                "Plan %(plan)s: the external supervisor signs the external supervision form "
                "(Annex 3) before the exam is recorded as held.",
                plan=plan.name,
            )
        if not external.cosigned_by_id:
            return self.env._(
                "Plan %(plan)s: an internal supervisor co-signs the external supervision form "
                "(Annex 3 is filled together with the external supervisor, Article 10(3)) "
                "before the exam is recorded as held.",
                plan=plan.name,
            )
        return None

    def _get_results_blocker(self, plan):
        """Article 10(4): the results are confirmed once the internal report is complete
        (its remaining part signed) and no veto stands."""
        internal_form = self.filtered(lambda i: i.kind == "internal")
        if internal_form.state != "signed":
            return self.env._(
                "Plan %(plan)s: the internal supervisors complete and sign their report "
                "(Annex 2) before the results are confirmed.",
                plan=plan.name,
            )
        vetoed = self.filtered(lambda i: i.has_veto and not i.veto_lifted)
        if vetoed:
            return self.env._(
                "Plan %(plan)s: a veto item of %(form)s stands; a manager must decide to "
                "resume the plan first.",
                plan=plan.name,
                form=vetoed[0].template_id.name,
            )
        return None

    def _sign(self, vals):
        # sudo: the signer's role was checked; forms are read-only for everybody else.
        internal.internally(self.sudo(), internal.SIGNING).write(vals)
        self.filtered(lambda i: i.has_veto and not i.veto_lifted)._apply_veto()

    def _apply_veto(self):
        """A veto item of Annex 2 sets the total to 0 and suspends the plan (as the form
        says "暂停本次认定"); one of Annex 3 sets its total to 0 and
        asks the managers to decide, with a reason, whether to suspend."""
        for inspection in self:
            ticked = "；".join(inspection.veto_ids.filtered("checked").mapped("name"))
            message = self.env._(
                "Veto item ticked in %(form)s by %(user)s: %(items)s",
                form=inspection.template_id.name,
                user=self.env.user.name,
                items=ticked,
            )
            plan = inspection.plan_id.sudo()
            if inspection.kind == "internal":
                if plan.state != "suspended":
                    # sudo: the veto decides, whoever of the plan's supervisors ticked it.
                    plan._suspend(message, notify_managers=True)
                continue
            for manager in plan._get_managers():
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Veto on the external supervision form: decide whether to suspend"
                    ),
                    note=message,
                    user_id=manager.id,
                )
            plan.message_post(body=message)

    def action_open_veto_wizard(self):
        self.ensure_one()
        problem = self._get_veto_problem()
        if problem:
            raise UserError(problem)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a Veto Item"),
            "res_model": "skill.cert.veto.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_id": self.id},
        }

    def _get_veto_problem(self):
        """A veto item found after the form was signed at the exam is recorded by its
        signers while the plan's forms are open (who and when are kept)."""
        self.ensure_one()
        if not self._is_signer():
            return self.env._(
                "Only the supervisors of plan %(plan)s record a veto on its forms.",
                plan=self.plan_id.name,
            )
        if self.plan_id.state not in (*FILLING_STATES, "suspended"):
            return self._get_plan_state_problem("full")
        return None

    def _do_record_veto(self, veto, note):
        self.ensure_one()
        problem = self._get_veto_problem()
        if problem:
            raise AccessError(problem) if not self._is_signer() else UserError(problem)
        if veto.inspection_id != self:
            raise UserError(self.env._("This veto item belongs to another form."))
        if veto.checked:
            raise UserError(self.env._("This veto item is already ticked."))
        # sudo: a signed form is closed to writes; recording a veto is the one exception,
        # its author checked above and kept on the item.
        internal.internally(veto.sudo(), internal.SIGNING).write(
            {
                "checked": True,
                "checked_by_id": self.env.uid,
                "checked_date": fields.Datetime.now(),
                "note": note,
            }
        )
        internal.internally(self.sudo(), internal.SIGNING).write({"veto_lifted": False})
        self._apply_veto()

    def _do_lift_veto(self, reason):
        """A manager decides an Annex 3 veto does not suspend the plan, with a reason."""
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(self.env._("A skill certification manager decides on a veto."))
        self._lift_veto(reason)

    def action_open_lift_veto_wizard(self):
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(self.env._("A skill certification manager decides on a veto."))
        return self.env["skill.cert.reason.wizard"]._open_for(self, "lift_veto")

    def _lift_veto(self, reason):
        vetoed = self.filtered(
            lambda inspection: inspection.has_veto and not inspection.veto_lifted
        )
        # sudo: the manager's decision to resume the plan lifts the veto it recorded.
        internal.internally(vetoed.sudo(), internal.SIGNING).write({"veto_lifted": True})
        for inspection in vetoed:
            inspection.sudo().message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Veto lifted by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
                )
            )
