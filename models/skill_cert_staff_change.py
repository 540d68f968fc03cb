from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import internal
from ..tools.roles import GROUP_MANAGER, GROUP_OFFICER
from .skill_cert_plan_staff import STAFF_ROLES


class SkillCertStaffChange(models.Model):
    """A change of a plan's staff after the arrangement is confirmed (Article 9:
    认定时不得随意更改考评人员、内部质量督导人员): requested with a reason, approved by a
    manager, then applied.

    Access: officers request; managers approve or refuse (not their own request).
    """

    _name = "skill.cert.staff.change"
    _description = "Certification Staff Change"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "skill.cert.plan", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    staff_id = fields.Many2one(
        "skill.cert.plan.staff",
        string="Replaced Staff",
        domain="[('plan_id', '=', plan_id)]",
        help="Leave empty to add a person.",
    )
    role = fields.Selection(STAFF_ROLES, required=True)
    new_employee_id = fields.Many2one("hr.employee", check_company=True)
    new_partner_id = fields.Many2one("res.partner", string="New External Person")
    is_group_leader = fields.Boolean()
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        required=True,
        default="requested",
        readonly=True,
        tracking=True,
    )
    requested_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decision_note = fields.Text(readonly=True)

    @api.depends("plan_id", "role", "new_employee_id", "new_partner_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for change in self:
            person = change.new_employee_id.name or change.new_partner_id.name or ""
            change.display_name = f"{change.plan_id.name}: {person}"

    def _check_can_decide(self):
        if not self.env.user.has_group(GROUP_MANAGER):
            raise UserError(self.env._("Only a skill certification manager decides staff changes."))
        for change in self:
            if change.state != "requested":
                raise UserError(self.env._("This staff change is already decided."))
            if change.requested_by_id == self.env.user:
                raise UserError(
                    self.env._("You requested this staff change: another manager decides it.")
                )

    def action_approve(self):
        """Apply the change; the plan must still meet Article 9 afterwards."""
        self._check_can_decide()
        for change in self:
            # sudo: staff lines are locked for everyone; an approved change is the one
            # way to edit them, and this manager's approval was checked above.
            Staff = internal.internally(
                self.env["skill.cert.plan.staff"].sudo(), internal.STAFF_CHANGE
            )
            if change.staff_id:
                internal.internally(change.staff_id.sudo(), internal.STAFF_CHANGE).active = False
            Staff.create(
                {
                    "plan_id": change.plan_id.id,
                    "role": change.role,
                    "employee_id": change.new_employee_id.id,
                    "partner_id": change.new_partner_id.id,
                    "is_group_leader": change.is_group_leader,
                }
            )
            plan = change.plan_id
            problems = plan.staff_ids._get_staffing_problems(plan._candidates())
            if problems:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: this staff change would break Article 9:\n%(problems)s",
                        plan=plan.name,
                        problems="\n".join(f"• {problem}" for problem in problems),
                    )
                )
            change.write({"state": "approved", "decided_by_id": self.env.uid})
            change.plan_id.message_post(
                body=self.env._(
                    "Staff change approved: %(change)s. Reason: %(reason)s",
                    change=change.display_name,
                    reason=change.reason,
                )
            )

    def _do_refuse(self, reason):
        self._check_can_decide()
        self.write({"state": "refused", "decided_by_id": self.env.uid, "decision_note": reason})

    def action_open_refuse_wizard(self):
        return self.env["skill.cert.reason.wizard"]._open_for(self, "refuse")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise UserError(self.env._("Only certification officers request staff changes."))
        return super().create(vals_list)
