"""Who may do what, declared once: the groups x models x operations of the addon,
from which the access tests are generated and which the README's access table shows.

Letters: r read, w write, c create, u unlink (delete). Record rules narrow what each
role reads and writes (their own, their plans', their companies'): see the rule cases
in ``test_access_matrix``; the steps and locks of each model narrow it further.
"""

ROLES = (
    "employee",
    "examiner",
    "supervisor",
    "external",
    "officer",
    "manager",
    "hr",
    "payroll",
    "allowance_manager",
)
ROLE_LABELS = {
    "employee": "Employee",
    "examiner": "Examiner",
    "supervisor": "Internal supervisor",
    "external": "External supervisor",
    "officer": "Officer",
    "manager": "Manager",
    "hr": "HR officer",
    "payroll": "Payroll officer",
    "allowance_manager": "Allowance administrator",
}

ACCESS_MATRIX = {
    "skill.cert.allowance.back.pay": "r r r r r r r ru ru",
    "skill.cert.allowance.line": "r r r r r r r ru ru",
    "skill.cert.allowance.policy": "r r r r r r r r rwcu",
    "skill.cert.allowance.policy.line": "r r r r r r r r rwcu",
    "skill.cert.allowance.sheet": "- - - - r r r rwcu rwcu",
    "skill.cert.certificate": "r r r r rwc rwc r r r",
    "skill.cert.company.change": "- - - - rw rw - - -",
    "skill.cert.eligibility.rule": "r r r r rwc rwcu r r r",
    "skill.cert.fee.standard": "r r r r rwc rwcu r r r",
    "skill.cert.inspection": "- - rw rw r r - - -",
    "skill.cert.inspection.line": "- - rw rw r r - - -",
    "skill.cert.inspection.line.part": "- - rw rw r r - - -",
    "skill.cert.inspection.template": "r r r r r rwcu r r r",
    "skill.cert.inspection.template.item": "r r r r r rwcu r r r",
    "skill.cert.inspection.template.part": "r r r r r rwcu r r r",
    "skill.cert.inspection.template.section": "r r r r r rwcu r r r",
    "skill.cert.inspection.template.veto": "r r r r r rwcu r r r",
    "skill.cert.inspection.veto": "- - rw rw r r - - -",
    "skill.cert.notice": "r r r r rwc rwc r r r",
    "skill.cert.notice.line": "r r r r rwc rwc r r r",
    "skill.cert.objection": "- r r - rwc rwc - - -",
    "skill.cert.objection.resolve": "- - - - rwc rwc - - -",
    "skill.cert.occupation": "r r r r rwc rwcu r r r",
    "skill.cert.occupation.import": "- - - - rwcu rwcu - - -",
    "skill.cert.official.day": "r r r r r rwcu r r r",
    "skill.cert.official.year": "r r r r r rwcu r r r",
    "skill.cert.official.year.load": "- - - - - rwcu - - -",
    "skill.cert.plan": "r r r r rwc rwcu r r r",
    "skill.cert.plan.import": "- - - - rwcu rwcu - - -",
    "skill.cert.plan.staff": "r r r r rwcu rwcu r r r",
    "skill.cert.question.bank": "- r - - rwc rwcu - - -",
    "skill.cert.reason.wizard": "rwc rwc rwc rwc rwc rwc rwc rwc rwc",
    "skill.cert.rectification": "rw rw rwc rw rwc rwc rw rw rw",
    "skill.cert.registration": "rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu",
    "skill.cert.score.correction": "r r r r rwc rwc r r r",
    "skill.cert.score.correction.wizard": "- - - - rwc rwc - - -",
    "skill.cert.session": "r r r r rwcu rwcu r r r",
    "skill.cert.staff.change": "- - - - rwc rwc - - -",
}
