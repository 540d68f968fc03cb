from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SkillCertOccupationLevelMixin(models.AbstractModel):
    """What a pilot enterprise keeps per occupation (work type) and level, one record in
    force at a time, locked once in force and kept for the record (Article 13): the
    question banks (Article 5(6)) and the fee standards (Article 12).

    A model using it sets ``_state_in_force`` and ``_locked_fields``, and gives the
    messages of ``_in_force_conflict_message`` and ``_locked_message``.
    """

    _name = "skill.cert.occupation.level.mixin"
    _description = "Kept per Occupation and Level"
    _state_in_force = None
    _locked_fields = frozenset()

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    occupation_id = fields.Many2one(
        "skill.cert.occupation",
        string="Occupation (Work Type)",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    level_id = fields.Many2one(
        "hr.skill.level",
        required=True,
        ondelete="restrict",
        domain="[('skill_cert_grade', '!=', False)]",
        tracking=True,
    )
    level_grade = fields.Integer(related="level_id.skill_cert_grade", store=True)

    @api.constrains("occupation_id")
    def _check_occupation(self):
        for record in self:
            record.occupation_id._check_certifiable_for(record._record_label())

    @api.constrains("state", "occupation_id", "level_id", "company_id")
    def _check_one_in_force(self):
        in_force = self.filtered(
            lambda r: r.state == self._state_in_force and ("active" not in r._fields or r.active)
        )
        for record in in_force:
            domain = self._in_force_domain(record.company_id, record.occupation_id, record.level_id)
            other = self.search([*domain, ("id", "!=", record.id)], limit=1)
            if other:
                raise ValidationError(record._in_force_conflict_message(other))

    def write(self, vals):
        locked = self._locked_fields & vals.keys()
        in_force_before = self.filtered(lambda r: r.state != "draft")
        if locked and in_force_before:
            raise UserError(in_force_before[0]._locked_message(locked))
        return super().write(vals)

    @api.model
    def _find_in_force(self, company, occupation, level):
        return self.search(self._in_force_domain(company, occupation, level), limit=1)

    @api.model
    def _in_force_domain(self, company, occupation, level):
        return [
            ("state", "=", self._state_in_force),
            ("company_id", "=", company.id),
            ("occupation_id", "=", occupation.id),
            ("level_id", "=", level.id),
        ]

    def _field_labels(self, field_names):
        return ", ".join(
            self._fields[name].get_description(self.env)["string"] for name in sorted(field_names)
        )

    def _record_label(self):
        raise NotImplementedError

    def _in_force_conflict_message(self, other):
        raise NotImplementedError

    def _locked_message(self, field_names):
        raise NotImplementedError
