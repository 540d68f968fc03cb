from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SkillCertSession(models.Model):
    """An exam session (场次) of a plan: theory or practical, with its date, time,
    room, capacity and mode.

    Access: officers arrange; everybody who can read the plan reads its sessions.
    """

    _name = "skill.cert.session"
    _description = "Exam Session"
    _order = "plan_id, date, time_start, id"
    _check_company_auto = True

    plan_id = fields.Many2one("skill.cert.plan", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    kind = fields.Selection(
        [("theory", "Theory"), ("practical", "Practical")], required=True, default="theory"
    )
    date = fields.Date(required=True)
    time_start = fields.Float(string="From", required=True, default=9.0)
    time_end = fields.Float(string="To", required=True, default=11.0)
    room = fields.Char(required=True, help="Room or workshop, with its address.")
    capacity = fields.Integer(required=True, default=30)
    mode = fields.Selection(
        [("computer", "Computer-based"), ("paper", "Paper"), ("on_site", "On-site operation")],
        required=True,
        default="computer",
    )
    candidate_count = fields.Integer(compute="_compute_candidate_count")

    @api.depends("kind", "date", "room")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for session in self:
            session.display_name = (
                f"{kinds.get(session.kind, '')} {session.date or ''} {session.room or ''}"
            )

    def _compute_candidate_count(self):
        Registration = self.env["skill.cert.registration"]
        theory = dict(
            Registration._read_group(
                [("theory_session_id", "in", self.ids)], ["theory_session_id"], ["__count"]
            )
        )
        practical = dict(
            Registration._read_group(
                [("practical_session_id", "in", self.ids)], ["practical_session_id"], ["__count"]
            )
        )
        for session in self:
            session.candidate_count = theory.get(session, 0) + practical.get(session, 0)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["skill.cert.plan"].browse(
            [vals.get("plan_id") for vals in vals_list]
        )._check_sessions_open()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_sessions_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_arranged(self):
        self.plan_id._check_sessions_open()

    def _get_seating_problems(self, candidates):
        """For the sessions ``self`` of one plan: a theory and a practical session, and
        every candidate with a ticket and both seats."""
        problems = []
        if not self.filtered(lambda s: s.kind == "theory"):
            problems.append(self.env._("no theory session"))
        if not self.filtered(lambda s: s.kind == "practical"):
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
        return problems

    @api.constrains("time_start", "time_end", "capacity")
    def _check_times(self):
        for session in self:
            if not 0 <= session.time_start < session.time_end <= 24:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s: it must end after it starts, within the day.",
                        session=session.display_name,
                    )
                )
            if session.capacity <= 0:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s needs a capacity.", session=session.display_name
                    )
                )
