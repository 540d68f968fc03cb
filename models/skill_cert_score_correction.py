from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import internal

CORRECTABLE_SCORES = [
    ("theory_score", "Theory Score"),
    ("practical_score", "Practical Score"),
    ("review_score", "Comprehensive Review Score"),
]
# The review steps a corrected score invalidates: all of them vouch for the scores.
REVIEW_FIELDS = (
    "scores_checked_by_id",
    "scores_supervised_by_id",
    "initial_review_by_id",
    "re_review_by_id",
)


class SkillCertScoreCorrection(models.Model):
    """A score corrected after it was submitted (Article 10(4)): the old and new value,
    the reason, who and when. It re-opens the review steps it invalidates: the double
    check, the supervisor's review, the initial review and the re-review; a result
    notice already published is withdrawn, to be published again.

    Access: officers correct (not the plan's examiners and supervisors); everybody who
    reads the plan reads its corrections. Nobody edits or deletes them.
    """

    _name = "skill.cert.score.correction"
    _description = "Score Correction"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    registration_id = fields.Many2one(
        "skill.cert.registration", required=True, readonly=True, index=True, ondelete="restrict"
    )
    plan_id = fields.Many2one(related="registration_id.plan_id", store=True, index=True)
    company_id = fields.Many2one(related="registration_id.company_id", store=True)
    score_field = fields.Selection(CORRECTABLE_SCORES, string="Score", required=True, readonly=True)
    old_value = fields.Float(readonly=True)
    new_value = fields.Float(readonly=True)
    reason = fields.Text(required=True, readonly=True)
    corrected_by_id = fields.Many2one("res.users", readonly=True)
    corrected_on = fields.Datetime(readonly=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status Now", readonly=True)
    reopened = fields.Char(string="Steps Re-opened", readonly=True)

    @api.depends("registration_id", "score_field")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["score_field"]._description_selection(self.env))
        for correction in self:
            correction.display_name = (
                f"{correction.registration_id.employee_id.name} "
                f"{labels.get(correction.score_field, '')}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not internal.is_internal(self, internal.PLAN_STEP):
            raise UserError(self.env._("Scores are corrected with the registration's button."))
        return super().create(vals_list)

    def write(self, vals):
        if not internal.is_internal(self, internal.PLAN_STEP) and any(
            not name.startswith(("message_", "activity_")) for name in vals
        ):
            raise UserError(self.env._("A score correction is kept as it was made."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_any(self):
        raise UserError(self.env._("A score correction is kept for the record (Article 13)."))

    @api.model
    def _correct(self, registration, score_field, new_value, reason):
        """Correct one score of ``registration``, re-opening the review."""
        registration.ensure_one()
        plan = registration.plan_id
        plan._check_step("correct_scores")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the correction."))
        problems = registration._get_score_problems({score_field: new_value}, plan=plan)
        if problems:
            raise UserError("\n".join(problems))
        old_value = registration[score_field]
        if old_value == new_value:
            raise UserError(
                self.env._(
                    "%(candidate)s: the score is already %(score)s.",
                    candidate=registration.employee_id.name,
                    score=new_value,
                )
            )
        reopened = [
            plan._fields[name]._description_string(self.env) for name in REVIEW_FIELDS if plan[name]
        ]
        if plan.state == "result_notice":
            plan._current_notice("results")._withdraw(reason)
            reopened.append(plan._state_label("result_notice"))
        # sudo: the officer's right was checked above; scores are closed to plain writes.
        internal.internally(registration.sudo(), internal.PLAN_STEP).write({score_field: new_value})
        step_vals = dict.fromkeys(REVIEW_FIELDS, False)
        if plan.state != "scored":
            step_vals["state"] = "scored"
        plan._step_write(step_vals)
        correction = internal.internally(self, internal.PLAN_STEP).create(
            {
                "registration_id": registration.id,
                "score_field": score_field,
                "old_value": old_value,
                "new_value": new_value,
                "reason": reason.strip(),
                "corrected_by_id": self.env.uid,
                "corrected_on": fields.Datetime.now(),
                "reopened": self.env._("、").join(reopened),
            }
        )
        plan.message_post(
            body=self.env._(
                "Score corrected: %(candidate)s, %(score)s %(old)s → %(new)s. Reason: "
                "%(reason)s. Re-opened: %(reopened)s.",
                candidate=registration.employee_id.name,
                score=dict(self._fields["score_field"]._description_selection(self.env))[
                    score_field
                ],
                old=old_value,
                new=new_value,
                reason=reason.strip(),
                reopened=correction.reopened or "—",
            )
        )
        return correction
