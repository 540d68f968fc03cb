from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import internal
from ..tools.roles import GROUP_MANAGER

MIN_EXAMINERS = 3  # Article 9
MIN_INTERNAL_SUPERVISORS = 2  # Article 9

STAFF_ROLES = [
    ("examiner", "Examiner"),
    ("internal_supervisor", "Internal Supervisor"),
    ("invigilator", "Invigilator"),
    ("external_supervisor", "External Supervisor"),
]


class SkillCertPlanStaff(models.Model):
    """A person assigned to a plan (Articles 9 and 10(2)): examiners (one leads the
    group), internal quality supervisors, invigilators, and the township's external
    supervisor, who is not an employee.

    Once the exam is arranged, staff change only through an approved change record.

    Access: officers assign; managers record avoidance waivers; staff read their plan's.
    """

    _name = "skill.cert.plan.staff"
    _description = "Certification Plan Staff"
    _order = "plan_id, role, is_group_leader desc, id"
    _check_company_auto = True

    plan_id = fields.Many2one("skill.cert.plan", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    role = fields.Selection(STAFF_ROLES, required=True)
    employee_id = fields.Many2one("hr.employee", check_company=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="External Person", help="The township's external supervisor."
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id")
    is_group_leader = fields.Boolean(string="Group Leader", help="考评组长")
    qualification = fields.Char(
        help="Examiner or supervisor qualification held, e.g. the examiner card number."
    )
    avoidance_waiver_reason = fields.Text(
        readonly=True,
        help="Why this examiner may examine candidates of their own department (回避).",
    )
    avoidance_waived_by_id = fields.Many2one("res.users", readonly=True)
    active = fields.Boolean(default=True)

    @api.depends("employee_id", "partner_id", "role")
    @api.depends_context("lang")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for staff in self:
            person = staff.employee_id.name or staff.partner_id.name or ""
            staff.display_name = f"{person} ({roles.get(staff.role, '')})"

    @api.constrains("role", "employee_id", "partner_id", "is_group_leader", "plan_id", "active")
    def _check_person(self):
        for staff in self:
            if staff.role == "external_supervisor":
                if not staff.partner_id:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: the external supervisor is a person of the township: "
                            "choose the contact.",
                            plan=staff.plan_id.name,
                        )
                    )
            elif not staff.employee_id:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: examiners, internal supervisors and invigilators are "
                        "employees: choose the employee.",
                        plan=staff.plan_id.name,
                    )
                )
            if staff.is_group_leader and staff.role != "examiner":
                raise ValidationError(self.env._("Only an examiner can lead the examiner group."))
            if staff.employee_id and staff.active:
                other_roles = staff.plan_id.staff_ids.filtered(
                    lambda s, staff=staff: s != staff and s.employee_id == staff.employee_id
                )
                if other_roles:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: %(employee)s already has a role (%(role)s); one "
                            "person holds one role in a plan.",
                            plan=staff.plan_id.name,
                            employee=staff.employee_id.name,
                            role=other_roles[0].display_name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["skill.cert.plan"].browse([vals.get("plan_id") for vals in vals_list])
        plans._check_staff_open()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_staff_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.plan_id._check_staff_open()

    def _get_staffing_problems(self, candidates):
        """Article 9, for the staff ``self`` of one plan: at least 3 examiners (one leads
        the group) and 2 internal supervisors; examiners avoid candidates (回避); the
        plan's responsible officer, who runs the exam affairs, supervises nothing."""
        examiners = self.filtered(lambda s: s.role == "examiner")
        supervisors = self.filtered(lambda s: s.role == "internal_supervisor")
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
        problems += self._get_external_supervisor_problems()
        officer = self.plan_id.officer_id
        for staff in (examiners | supervisors).filtered(
            lambda s: s.user_id and s.user_id == officer
        ):
            problems.append(
                self.env._(
                    "%(person)s is the plan's responsible officer and cannot also be its %(role)s",
                    person=staff.employee_id.name,
                    role=dict(self._fields["role"]._description_selection(self.env))[staff.role],
                )
            )
        problems += examiners._get_avoidance_problems(candidates)
        return problems

    def _get_external_supervisor_problems(self):
        """Article 9 and 10(3): the township's external supervisor, a person of the
        township the plan is filed with, fills Annex 3 with the internal supervisors."""
        plan = self.plan_id[:1]
        externals = self.filtered(lambda s: s.role == "external_supervisor")
        if not externals:
            return [
                self.env._(
                    "the township's external supervisor is needed (Article 9; Annex 3 is "
                    "filled with him)"
                )
            ]
        township = plan.township_id.commercial_partner_id
        problems = []
        for staff in externals:
            unit = (staff.partner_id.parent_id or staff.partner_id).commercial_partner_id
            if township and unit != township:
                problems.append(
                    self.env._(
                        "%(person)s is not a person of %(township)s, with which the plan is "
                        "filed: the external supervisor comes from the township (Article 9)",
                        person=staff.partner_id.name,
                        township=plan.township_id.name,
                    )
                )
        return problems

    def _get_avoidance_problems(self, candidates):
        """回避: nobody examines themselves; nobody examines candidates of their own
        department unless a manager recorded why."""
        problems = []
        for examiner in self:
            if examiner.employee_id in candidates.employee_id:
                problems.append(
                    self.env._(
                        "%(examiner)s is a candidate of this plan and cannot examine it",
                        examiner=examiner.employee_id.name,
                    )
                )
                continue
            same_department = candidates.filtered(
                lambda r, examiner=examiner: (
                    examiner.department_id and r.department_id == examiner.department_id
                )
            )
            if same_department and not examiner.avoidance_waiver_reason:
                problems.append(
                    self.env._(
                        "%(examiner)s works in %(department)s like candidates %(names)s: "
                        "replace the examiner, or a manager records why they may examine",
                        examiner=examiner.employee_id.name,
                        department=examiner.department_id.name,
                        names=", ".join(same_department[:5].mapped("employee_id.name")),
                    )
                )
        return problems

    def action_open_waiver_wizard(self):
        return self.env["skill.cert.reason.wizard"]._open_for(self, "waive_avoidance")

    def _do_waive_avoidance(self, reason):
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(self.env._("Only a skill certification manager may waive avoidance."))
        not_examiners = self.filtered(lambda s: s.role != "examiner")
        if not_examiners:
            raise UserError(self.env._("Avoidance waivers concern examiners only."))
        # sudo: the waiver is a manager's decision; it must not unlock the staff lines.
        internal.internally(self.sudo(), internal.STAFF_CHANGE).write(
            {"avoidance_waiver_reason": reason, "avoidance_waived_by_id": self.env.uid}
        )
        for staff in self:
            staff.plan_id.message_post(
                body=self.env._(
                    "Avoidance waived for examiner %(examiner)s: %(reason)s",
                    examiner=staff.employee_id.name,
                    reason=reason,
                )
            )
