import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# 职业分类大典: major-middle-minor-detailed group, e.g. 6-18-01-01 (车工).
OCCUPATION_CODE_PATTERN = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
# A work type (工种) code, where the standard gives one, extends its occupation's code.
WORK_TYPE_CODE_PATTERN = re.compile(r"^\d-\d{2}-\d{2}-\d{2}-\d{2}$")


def is_occupation_code(code):
    return bool(code) and bool(OCCUPATION_CODE_PATTERN.match(code))


def is_work_type_code(code, occupation_code):
    """A work type's code extends its occupation's by two digits (6-18-01-01-01)."""
    return bool(WORK_TYPE_CODE_PATTERN.match(code or "")) and code.startswith(f"{occupation_code}-")


STANDARD_TYPES = [
    ("national_standard", "National occupational skill standard"),
    ("evaluation_specification", "Occupational skill evaluation specification"),
]


class SkillCertOccupation(models.Model):
    """An occupation of the national classification (职业分类大典), or a work type
    (工种) under one, that the enterprise may certify (Articles 2 and 7).

    Each occupation or work type owns the ``hr.skill`` under which its certificates
    appear in the employee's skills.

    Access: every employee reads; certification officers create and edit; managers
    may delete an occupation that no certificate uses (archive it otherwise).
    """

    _name = "skill.cert.occupation"
    _description = "Occupation (Work Type)"
    _parent_store = True
    _order = "code, name, id"
    _rec_names_search = ["name", "code"]
    _check_company_auto = True

    name = fields.Char(required=True, index="trigram")
    code = fields.Char(
        string="Classification Code",
        index=True,
        help="Code in the national occupational classification (2022 edition), "
        "e.g. 6-18-01-01. Work types may extend their occupation's code.",
    )
    parent_id = fields.Many2one(
        "skill.cert.occupation",
        string="Occupation",
        index=True,
        ondelete="restrict",
        domain="[('parent_id', '=', False)]",
        help="Set for a work type (工种): the occupation it belongs to.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("skill.cert.occupation", "parent_id", string="Work Types")
    is_work_type = fields.Boolean(compute="_compute_is_work_type", store=True)
    standard_type = fields.Selection(
        STANDARD_TYPES,
        string="Standard Basis",
        help="Article 7: a national occupational skill standard where one exists, "
        "otherwise an evaluation specification approved by the province.",
    )
    standard_reference = fields.Char(
        help="Title and edition of the standard or specification, "
        "e.g. 国家职业技能标准 车工（2018年版）.",
    )
    is_access_type = fields.Boolean(
        string="Access-Type Occupation",
        help="准入类 occupations (national catalogue of vocational qualifications) "
        "cannot be certified by an enterprise (Article 2).",
    )
    is_certifiable = fields.Boolean(
        compute="_compute_is_certifiable",
        store=True,
        help="False when the occupation, or the occupation of this work type, is access-type.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the occupation with every company.",
    )
    skill_id = fields.Many2one(
        "hr.skill",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The skill of the vocational skill level type that mirrors this occupation.",
    )
    certificate_ids = fields.One2many("skill.cert.certificate", "occupation_id")
    certificate_count = fields.Integer(compute="_compute_certificate_count")
    note = fields.Text()
    related_occupation_ids = fields.Many2many(
        "skill.cert.occupation",
        "skill_cert_occupation_related_rel",
        "occupation_id",
        "related_id",
        string="Related Occupations",
        domain="[('parent_id', '=', False), ('id', '!=', id)]",
        help="相关职业: the occupations the national standard counts as related, for the "
        'registration conditions of "this or a related occupation". The relation holds '
        "both ways.",
    )

    _code_unique = models.UniqueIndex(
        "(code) WHERE code IS NOT NULL",
        "Two occupations cannot share a classification code.",
    )

    @api.depends("parent_id")
    def _compute_is_work_type(self):
        for occupation in self:
            occupation.is_work_type = bool(occupation.parent_id)

    @api.depends("is_access_type", "parent_id.is_access_type")
    def _compute_is_certifiable(self):
        for occupation in self:
            occupation.is_certifiable = not (
                occupation.is_access_type or occupation.parent_id.is_access_type
            )

    def _compute_certificate_count(self):
        counts = dict(
            self.env["skill.cert.certificate"]._read_group(
                [("occupation_id", "in", self.ids)], ["occupation_id"], ["__count"]
            )
        )
        for occupation in self:
            occupation.certificate_count = counts.get(occupation, 0)

    @api.depends("name", "code", "parent_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for occupation in self:
            name = occupation._get_skill_name()
            occupation.display_name = f"{occupation.code} {name}" if occupation.code else name

    def _check_codes_available(self, codes):
        """Refuse codes already used, naming the occupation, before the unique index
        would refuse them with a bare database error."""
        codes = [code for code in codes if code]
        # sudo + inactive: codes are unique among every company's and archived occupations.
        used_sudo = (
            self.sudo()
            .with_context(active_test=False)
            .search([("code", "in", codes), ("id", "not in", self.ids)])
        )
        repeated = {code for code in codes if codes.count(code) > 1}
        if used_sudo or repeated:
            code = used_sudo[:1].code or min(repeated)
            raise ValidationError(
                self.env._(
                    "Classification code %(code)s is already used by %(names)s.",
                    code=code,
                    names=used_sudo[:1].name or self.env._("another row"),
                )
            )

    @api.constrains("code", "parent_id")
    def _check_code(self):
        for occupation in self:
            code = occupation.code
            if occupation.parent_id:
                if occupation.parent_id.parent_id:
                    raise ValidationError(
                        self.env._(
                            "Work type %(name)s: its occupation %(parent)s is itself a "
                            "work type. A work type belongs to an occupation.",
                            name=occupation.name,
                            parent=occupation.parent_id.name,
                        )
                    )
                if code and not is_work_type_code(code, occupation.parent_id.code):
                    raise ValidationError(
                        self.env._(
                            "Work type %(name)s: code %(code)s must extend its "
                            "occupation's code %(parent_code)s by two digits, "
                            "e.g. %(parent_code)s-01.",
                            name=occupation.name,
                            code=code,
                            parent_code=occupation.parent_id.code,
                        )
                    )
            elif not is_occupation_code(code):
                raise ValidationError(
                    self.env._(
                        "Occupation %(name)s: classification code %(code)s is not in the "
                        "national classification's format, e.g. 6-18-01-01.",
                        name=occupation.name,
                        code=code or self.env._("(empty)"),
                    )
                )

    def _check_certifiable_for(self, record_label):
        """Refuse an access-type (准入类) occupation for the record named ``record_label``."""
        for occupation in self:
            if not occupation.is_certifiable:
                raise ValidationError(
                    self.env._(
                        "%(record)s: %(occupation)s is an access-type (准入类) occupation, "
                        "which an enterprise cannot certify.",
                        record=record_label,
                        occupation=occupation.display_name,
                    )
                )

    def _get_counted_occupations(self, related=True):
        """The occupations (roots: work types count as their occupation) whose
        certificates and years count for this one: itself, and with ``related`` the
        occupations related to it either way."""
        self.ensure_one()
        root = self.parent_id or self
        if not related:
            return root
        # sudo: which occupations are related is shared data, whoever reads it.
        root_sudo = root.sudo()
        linked = root_sudo.related_occupation_ids | root_sudo.search(
            [("related_occupation_ids", "in", root.ids)]
        )
        return root | linked.with_env(self.env)

    def _get_skill_name(self):
        self.ensure_one()
        if self.parent_id:
            return f"{self.parent_id.name}（{self.name}）"
        return self.name

    @api.model_create_multi
    def create(self, vals_list):
        self._check_codes_available([vals.get("code") for vals in vals_list])
        occupations = super().create(vals_list)
        occupations._create_skills()
        return occupations

    def write(self, vals):
        if vals.get("code"):
            self._check_codes_available([vals["code"]] * len(self))
        result = super().write(vals)
        if {"name", "parent_id"} & vals.keys():
            renamed = self | self.child_ids
            for occupation in renamed.filtered("skill_id"):
                occupation.skill_id.name = occupation._get_skill_name()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_certified(self):
        used = self.filtered("certificate_ids")
        if used:
            raise ValidationError(
                self.env._(
                    "Occupation %(names)s has certificates and cannot be deleted; "
                    "archive it instead.",
                    names=", ".join(used.mapped("display_name")),
                )
            )

    def unlink(self):
        skills = self.skill_id
        result = super().unlink()
        # sudo: the mirror skill is technical; whoever may delete the occupation
        # may delete it, HR rights or not.
        skills.sudo().unlink()
        return result

    def _create_skills(self):
        skill_type = self.env["hr.skill.type"]._skill_cert_get_level_type()
        # sudo: officers manage occupations but hr.skill belongs to HR configuration;
        # the skill is a technical mirror of the occupation and carries no other data.
        skills = (
            self.env["hr.skill"]
            .sudo()
            .create(
                [
                    {"name": occupation._get_skill_name(), "skill_type_id": skill_type.id}
                    for occupation in self
                ]
            )
        )
        for occupation, skill in zip(self, skills, strict=True):
            occupation.skill_id = skill.id

    def action_view_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_certificate_action"
        )
        action["domain"] = [("occupation_id", "=", self.id)]
        action["context"] = {"default_occupation_id": self.id}
        return action
