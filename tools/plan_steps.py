"""The workflow of a certification plan (Article 10) as one table: its states, its
steps (from which states, to which state, by whom), and which fields stay open in which
state. The plan's gatekeeper reads only this table, so a rule is changed in one place.
"""

from typing import NamedTuple

from odoo.tools import LazyTranslate

from .roles import GROUP_MANAGER, GROUP_OFFICER, GROUP_SUPERVISOR

_lt = LazyTranslate(__name__)

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
# The states a plan goes through, in order; ``suspended`` and ``cancelled`` stand aside.
PROGRESS = tuple(state for state, _label in PLAN_STATES[:14])
FINAL_STATES = ("closed", "cancelled")


def progress_index(state):
    """Position of ``state`` on the way from draft to closed (-1 for suspended or
    cancelled, which are not on it)."""
    return PROGRESS.index(state) if state in PROGRESS else -1


def states_from(first, last="closed"):
    return PROGRESS[progress_index(first) : progress_index(last) + 1]


class Step(NamedTuple):
    """One step of a plan.

    ``to_state`` is None for steps that record something without moving the plan
    (the score checks, the supervisor's confirmation): ``done_field`` then holds who did
    it, and ``after_field`` the step that must come first.
    """

    from_states: tuple
    to_state: str | None
    group: str
    label: object
    done_field: str | None = None
    after_field: str | None = None
    # Only an internal supervisor assigned to this very plan does the step.
    by_plan_supervisor: bool = False
    # The examiners and supervisors of the plan may not do it (separation of duties).
    not_by_plan_staff: bool = False


PLAN_STEPS = {
    "file": Step(("draft",), "filed", GROUP_MANAGER, _lt("File with township")),
    "open_registration": Step(("filed",), "registration", GROUP_OFFICER, _lt("Open registration")),
    "close_registration": Step(
        ("registration",), "review", GROUP_OFFICER, _lt("Close registration")
    ),
    "publish_candidate_notice": Step(
        ("review",), "candidate_notice", GROUP_OFFICER, _lt("Publish the candidate notice")
    ),
    "generate_tickets": Step(
        ("candidate_notice",), None, GROUP_OFFICER, _lt("Generate admission tickets")
    ),
    "arrange": Step(
        ("candidate_notice",), "arranged", GROUP_OFFICER, _lt("Confirm the exam arrangement")
    ),
    "mark_examined": Step(("arranged",), "examined", GROUP_OFFICER, _lt("Record the exam as held")),
    "submit_scores": Step(
        ("examined",),
        "scored",
        GROUP_OFFICER,
        _lt("Submit the entered scores"),
        not_by_plan_staff=True,
    ),
    "check_scores": Step(
        ("scored",),
        None,
        GROUP_OFFICER,
        _lt("Check the entered scores"),
        done_field="scores_checked_by_id",
        not_by_plan_staff=True,
    ),
    "supervise_scores": Step(
        ("scored",),
        None,
        GROUP_SUPERVISOR,
        _lt("Review the scores as internal supervisor"),
        done_field="scores_supervised_by_id",
        after_field="scores_checked_by_id",
        by_plan_supervisor=True,
    ),
    "initial_review": Step(
        ("scored",),
        None,
        GROUP_OFFICER,
        _lt("Initial review of the scores"),
        done_field="initial_review_by_id",
        after_field="scores_supervised_by_id",
        not_by_plan_staff=True,
    ),
    "re_review": Step(
        ("scored",),
        "reviewed",
        GROUP_OFFICER,
        _lt("Re-review of the scores"),
        done_field="re_review_by_id",
        after_field="initial_review_by_id",
        not_by_plan_staff=True,
    ),
    "publish_result_notice": Step(
        ("reviewed",), "result_notice", GROUP_OFFICER, _lt("Publish the result notice")
    ),
    "supervisor_confirm_results": Step(
        ("result_notice",),
        None,
        GROUP_SUPERVISOR,
        _lt("Confirm the results (internal supervisor)"),
        done_field="results_supervisor_id",
        by_plan_supervisor=True,
    ),
    "head_confirm_results": Step(
        ("result_notice",),
        "confirmed",
        GROUP_MANAGER,
        _lt("Confirm the results (certification head)"),
        done_field="results_head_id",
        after_field="results_supervisor_id",
        not_by_plan_staff=True,
    ),
    "mark_numbered": Step(
        ("confirmed",), "numbered", GROUP_OFFICER, _lt("Record the certificate numbers")
    ),
    "issue": Step(("numbered",), "issued", GROUP_OFFICER, _lt("Issue the certificates")),
    "close": Step(("issued",), "closed", GROUP_OFFICER, _lt("Close the plan")),
    # A score corrected after its submission re-opens the score review.
    "correct_scores": Step(
        ("scored", "reviewed", "result_notice"),
        "scored",
        GROUP_OFFICER,
        _lt("Correct a score"),
        not_by_plan_staff=True,
    ),
    "suspend": Step(
        states_from("filed", "numbered"), "suspended", GROUP_MANAGER, _lt("Suspend the plan")
    ),
    # Resuming returns the plan to the state it was suspended in.
    "resume": Step(("suspended",), None, GROUP_MANAGER, _lt("Resume the plan")),
    "cancel": Step(
        (*states_from("draft", "numbered"), "suspended"),
        "cancelled",
        GROUP_MANAGER,
        _lt("Cancel the plan"),
    ),
}
# Steps that are not the plan's way forward: the "next step" hint skips them.
ASIDE_STEPS = ("suspend", "cancel", "generate_tickets", "correct_scores")

# The last state (effective state: a suspended plan counts as the state it was suspended
# in) in which a field may still be written. Fields not listed are free; the fields in
# STEP_FIELDS are written by the steps only.
FIELDS_OPEN_UNTIL = {
    "name": "draft",
    "company_id": "draft",
    "occupation_id": "draft",
    "level_id": "draft",
    "township_id": "draft",
    "filing_date": "draft",
    "theory_weight": "draft",
    "practical_weight": "draft",
    "review_weight": "draft",
    "theory_pass_score": "filed",
    "practical_pass_score": "filed",
    "review_pass_score": "filed",
    "recommendation_letter": "registration",
    "recommendation_letter_name": "registration",
    "registration_deadline": "registration",
    "exam_mode": "review",
    "exam_date": "candidate_notice",
    "venue": "candidate_notice",
    "ticket_prefix": "candidate_notice",
    "issue_date": "numbered",
    "officer_id": "issued",
}
STEP_FIELDS = (
    "state",
    "suspended_state",
    "suspend_reason",
    "cancel_reason",
    "scores_entered_by_id",
    "scores_checked_by_id",
    "scores_supervised_by_id",
    "initial_review_by_id",
    "re_review_by_id",
    "results_supervisor_id",
    "results_head_id",
    "results_confirmed_count",
)
# Staff and sessions are locked from the arrangement on (Article 9).
ARRANGED_STATES = states_from("arranged")
