from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.attachments import attach_own_uploads
from ..tools.dates import shanghai_today
from ..tools.roles import GROUP_OFFICER

# Article 5's documentary conditions, as the measures write them; items (3) and (6) are
# checked by the allowance policies and the question banks.
PILOT_CONDITIONS = [
    (
        "5.1",
        "原则上在业内具有较强影响力、公信力的规模以上龙头企业，拟开展认定的职业（工种）与本单位主营业务"
        "直接相关",
    ),
    (
        "5.2",
        "能够按规定足额提取企业职工教育经费，为职业技能等级认定工作提供稳定的经费保障，认定活动不以营利"
        "为目的",
    ),
    (
        "5.4",
        "建有完善的技能人才认定相关管理制度，具有专门负责技能人才认定工作的机构，拥有一支与认定职业"
        "（工种）相适应的专职工作人员、专兼职考评人员和督导人员队伍",
    ),
    (
        "5.5",
        "具有与认定职业（工种）相匹配且符合认定标准要的考核场所、设施设备、工（量）具等硬件设施和视频"
        "监控设备",
    ),
]


class SkillCertPilotCondition(models.Model):
    """A documentary condition of Article 5 (items 1, 2, 4 and 5): what the measures
    ask, the documents that show the enterprise meets it, and when it was last reviewed
    and by whom.

    Access: officers keep the documents and mark the review; managers too.
    """

    _name = "skill.cert.pilot.condition"
    _description = "Pilot Condition (Article 5)"
    _inherit = ["mail.thread"]
    _order = "company_id, article"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    article = fields.Selection(
        [(code, f"5({code[-1]})") for code, _text in PILOT_CONDITIONS],
        required=True,
        readonly=True,
    )
    requirement = fields.Text(required=True, readonly=True)
    document_ids = fields.Many2many("ir.attachment", string="Documents")
    note = fields.Text(help="How the enterprise meets the condition, e.g. the fund's figures.")
    last_reviewed_date = fields.Date(readonly=True, tracking=True)
    last_reviewed_by_id = fields.Many2one("res.users", readonly=True, tracking=True)

    _unique = models.Constraint(
        "UNIQUE(company_id, article)", "Each condition of Article 5 is listed once per company."
    )

    @api.depends("article")
    def _compute_display_name(self):
        labels = dict(self._fields["article"]._description_selection(self.env))
        for condition in self:
            condition.display_name = self.env._(
                "Article %(article)s", article=labels.get(condition.article, "")
            )

    @api.model
    def _ensure_for(self, companies):
        """Every company gets its checklist of Article 5's documentary conditions."""
        # sudo: the checklist is created for the officer's companies, once.
        existing = self.sudo().search([("company_id", "in", companies.ids)])
        have = {(c.company_id.id, c.article) for c in existing}
        self.sudo().create(
            [
                {"company_id": company.id, "article": code, "requirement": text}
                for company in companies
                for code, text in PILOT_CONDITIONS
                if (company.id, code) not in have
            ]
        )

    @api.model
    def action_open_checklist(self):
        self._ensure_for(self.env.companies)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_pilot_condition_action"
        )

    def write(self, vals):
        result = super().write(vals)
        if "document_ids" in vals:
            attach_own_uploads(self, "document_ids")
        return result

    def action_mark_reviewed(self):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Certification officers review the pilot conditions."))
        self.write({"last_reviewed_date": shanghai_today(), "last_reviewed_by_id": self.env.uid})
