from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError


class HrEmployeeSkill(models.Model):
    _inherit = "hr.employee.skill"

    def _skill_cert_is_level_row(self, skill_type_id):
        return skill_type_id == self.env["hr.skill.type"]._skill_cert_get_level_type().id

    def _skill_cert_raise_protected(self):
        raise UserError(
            self.env._(
                "Vocational skill levels come from certificates: ask a skill certification "
                "officer to record or correct the certificate instead of editing "
                "the skill row."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("skill_cert_sync") and any(
            self._skill_cert_is_level_row(vals.get("skill_type_id")) for vals in vals_list
        ):
            self._skill_cert_raise_protected()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.context.get("skill_cert_sync") and (
            any(self._skill_cert_is_level_row(row.skill_type_id.id) for row in self)
            or self._skill_cert_is_level_row(vals.get("skill_type_id"))
        ):
            self._skill_cert_raise_protected()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_certificate_row(self):
        if not self.env.context.get("skill_cert_sync") and any(
            self._skill_cert_is_level_row(row.skill_type_id.id) for row in self
        ):
            self._skill_cert_raise_protected()

    def _skill_cert_apply_commands(self, commands):
        """Apply the CREATE/WRITE/UNLINK commands hr_skills' transformation returns,
        in batch: one unlink, one write per distinct values, one create."""
        unlink_ids = [command[1] for command in commands if command[0] == 2]
        writes = defaultdict(list)
        for command in commands:
            if command[0] == 1:
                writes[tuple(sorted(command[2].items()))].append(command[1])
        creates = [command[2] for command in commands if command[0] == 0]
        self.browse(unlink_ids).unlink()
        for items, ids in writes.items():
            self.browse(ids).write(dict(items))
        return self.create(creates)
