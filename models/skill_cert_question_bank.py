from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import shanghai_today

MIN_QUESTIONS = 600  # Article 5(6)
MIN_REVIEWERS = 3  # Article 5(6)


class SkillCertQuestionBank(models.Model):
    """A question bank (题库) of one occupation and level, Article 5(6): at least 600
    questions, its difficulty certified by at least 3 examiners. A plan's exam cannot
    be arranged without a certified bank of its occupation and level.

    Access: certification officers keep the banks; managers may delete a draft one;
    examiners read them. The questions themselves stay outside Odoo (attachments at most).
    """

    _name = "skill.cert.question.bank"
    _description = "Question Bank"
    _inherit = ["skill.cert.occupation.level.mixin", "mail.thread"]
    _order = "occupation_id, level_grade desc, id"
    _check_company_auto = True
    _state_in_force = "certified"
    _locked_fields = frozenset(
        {"occupation_id", "level_id", "question_count", "reviewer_ids", "company_id"}
    )

    name = fields.Char(required=True, tracking=True)
    question_count = fields.Integer(string="Questions", tracking=True)
    reviewer_ids = fields.Many2many(
        "hr.employee",
        string="Certifying Examiners",
        check_company=True,
        help="The examiners who certified that the difficulty matches the level "
        "(at least 3, Article 5(6)).",
    )
    review_date = fields.Date(string="Certified On", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("certified", "Certified")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.constrains("question_count")
    def _check_question_count(self):
        for bank in self.filtered(lambda b: b.question_count < 0):
            raise ValidationError(
                self.env._(
                    "Question bank %(bank)s: the number of questions cannot be negative.",
                    bank=bank.name,
                )
            )

    @api.constrains("active")
    def _check_restored_bank(self):
        self._check_one_in_force()

    def _record_label(self):
        return self.env._("Question bank %(bank)s", bank=self.name)

    def _in_force_conflict_message(self, other):
        return self.env._(
            "Question bank %(bank)s: %(other)s is already the certified bank of "
            "%(occupation)s %(level)s; archive it first.",
            bank=self.name,
            other=other.name,
            occupation=self.occupation_id.display_name,
            level=self.level_id.name,
        )

    def _locked_message(self, field_names):
        return self.env._(
            "Question bank %(bank)s is certified: set it back to draft before changing %(fields)s.",
            bank=self.name,
            fields=self._field_labels(field_names),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        certified = self.filtered(lambda b: b.state == "certified")
        if certified:
            raise UserError(
                self.env._(
                    "Question bank %(bank)s is certified and kept as a record (Article 13): "
                    "archive it instead.",
                    bank=certified[0].name,
                )
            )

    def action_certify(self):
        """Record the examiners' certification of the bank (Article 5(6))."""
        for bank in self:
            if bank.state != "draft":
                raise UserError(
                    self.env._("Question bank %(bank)s is already certified.", bank=bank.name)
                )
            problems = []
            if bank.question_count < MIN_QUESTIONS:
                problems.append(
                    self.env._(
                        "it has %(count)s questions, at least %(minimum)s are needed",
                        count=bank.question_count,
                        minimum=MIN_QUESTIONS,
                    )
                )
            if len(bank.reviewer_ids) < MIN_REVIEWERS:
                problems.append(
                    self.env._(
                        "%(count)s examiners certified it, at least %(minimum)s are needed",
                        count=len(bank.reviewer_ids),
                        minimum=MIN_REVIEWERS,
                    )
                )
            if problems:
                raise UserError(
                    self.env._(
                        "Question bank %(bank)s cannot be certified (Article 5(6)):\n%(problems)s",
                        bank=bank.name,
                        problems="\n".join(f"• {problem}" for problem in problems),
                    )
                )
        for bank in self:
            bank.write({"state": "certified", "review_date": bank.review_date or shanghai_today()})

    def action_reset_to_draft(self):
        self.write({"state": "draft"})
