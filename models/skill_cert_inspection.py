from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..tools.dates import shanghai_today
from ..tools.scores import parse_allowed

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

    def _check_can_fill(self):
        for inspection in self:
            allowed = inspection._is_internal_supervisor() or (inspection._is_external_supervisor())
            if not allowed and not self.env.su:
                raise AccessError(
                    self.env._(
                        "Only the supervisors of plan %(plan)s fill its supervision forms.",
                        plan=inspection.plan_id.name,
                    )
                )

    def write(self, vals):
        signing = self.env.context.get("skill_cert_signing")
        if not signing and {"comment", "date"} & vals.keys():
            self._check_can_fill()
            self._check_not_signed()
        return super().write(vals)

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

    def action_sign_on_site(self):
        """Internal report, first stage: the items about the exam, at the exam (10(3))."""
        for inspection in self:
            if inspection.kind != "internal" or inspection.state != "draft":
                raise UserError(
                    self.env._("Only an internal report being filled is signed at the exam.")
                )
            if not inspection._is_internal_supervisor():
                raise AccessError(
                    self.env._(
                        "Only an internal supervisor of plan %(plan)s signs its report.",
                        plan=inspection.plan_id.name,
                    )
                )
            inspection._check_complete(("on_site",))
        self._sign(
            {
                "state": "on_site_signed",
                "on_site_signed_by_id": self.env.uid,
                "on_site_signed_date": shanghai_today(),
            }
        )

    def action_sign(self):
        """Sign the whole form: the internal report after the result notice (10(4)); the
        external form by the township's external supervisor."""
        for inspection in self:
            if inspection.state == "signed":
                raise UserError(
                    self.env._("%(form)s is already signed.", form=inspection.display_name)
                )
            if inspection.kind == "internal":
                if inspection.state != "on_site_signed":
                    raise UserError(
                        self.env._(
                            "%(form)s: sign the part about the exam first, at the exam.",
                            form=inspection.display_name,
                        )
                    )
                if inspection.plan_id.state not in ("result_notice", "suspended"):
                    raise UserError(
                        self.env._(
                            "%(form)s: its remaining part is signed during the result notice "
                            "(Article 10(4)).",
                            form=inspection.display_name,
                        )
                    )
                if not inspection._is_internal_supervisor():
                    raise AccessError(
                        self.env._(
                            "Only an internal supervisor of plan %(plan)s signs its report.",
                            plan=inspection.plan_id.name,
                        )
                    )
            elif not inspection._is_external_supervisor():
                raise AccessError(
                    self.env._(
                        "Only the external supervisor assigned to plan %(plan)s signs its "
                        "external form.",
                        plan=inspection.plan_id.name,
                    )
                )
            inspection._check_complete(("on_site", "after_results"))
        self._sign(
            {"state": "signed", "signed_by_id": self.env.uid, "signed_date": shanghai_today()}
        )

    def action_cosign(self):
        """An internal supervisor co-signs the external form (Annex 3: 内督人员签名)."""
        for inspection in self:
            if inspection.kind != "external" or not inspection._is_internal_supervisor():
                raise AccessError(
                    self.env._(
                        "Only an internal supervisor of the plan co-signs the external form."
                    )
                )
        # sudo: a co-signature on a form the internal supervisor may read.
        self.sudo().with_context(skill_cert_signing=True).write({"cosigned_by_id": self.env.uid})

    def _sign(self, vals):
        # sudo: the signer's role was checked; forms are read-only for everybody else.
        self.sudo().with_context(skill_cert_signing=True).write(vals)
        vetoed = self.filtered(
            lambda inspection: inspection.has_veto and not inspection.veto_lifted
        )
        for inspection in vetoed:
            ticked = inspection.veto_ids.filtered("checked").mapped("name")
            inspection.plan_id.sudo()._suspend(
                self.env._(
                    "Veto item ticked in %(form)s by %(user)s: %(items)s",
                    form=inspection.template_id.name,
                    user=self.env.user.name,
                    items="；".join(ticked),
                ),
                notify_managers=True,
            )

    def _demo_fill_and_sign(self, date, lost=None):
        """Demo data only: full marks except ``lost`` ({item name: score}), signed."""
        lost = lost or {}
        for inspection in self.sudo():
            for line in inspection.line_ids:
                if line.part_ids:
                    for part in line.part_ids:
                        part.score = max(parse_allowed(part.allowed_scores))
                else:
                    line.entered_score = lost.get(line.name, line.max_points)
            signer = inspection.plan_id.staff_ids.filtered(
                lambda s: s.role == "internal_supervisor"
            )[:1].user_id
            inspection.with_context(skill_cert_signing=True).write(
                {
                    "date": date,
                    "state": "signed",
                    "on_site_signed_by_id": signer.id if inspection.kind == "internal" else False,
                    "on_site_signed_date": date if inspection.kind == "internal" else False,
                    "signed_by_id": signer.id,
                    "signed_date": date,
                    "cosigned_by_id": signer.id if inspection.kind == "external" else False,
                }
            )

    def _lift_veto(self, reason):
        vetoed = self.filtered(
            lambda inspection: inspection.has_veto and not inspection.veto_lifted
        )
        # sudo: the manager's decision to resume the plan lifts the veto it recorded.
        vetoed.sudo().with_context(skill_cert_signing=True).write({"veto_lifted": True})
        for inspection in vetoed:
            inspection.sudo().message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Veto lifted by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
                )
            )
