from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import internal


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
        if not internal.is_internal(self, internal.SKILL_SYNC) and any(
            self._skill_cert_is_level_row(vals.get("skill_type_id")) for vals in vals_list
        ):
            self._skill_cert_raise_protected()
        return super().create(vals_list)

    def write(self, vals):
        if not internal.is_internal(self, internal.SKILL_SYNC) and (
            any(self._skill_cert_is_level_row(row.skill_type_id.id) for row in self)
            or self._skill_cert_is_level_row(vals.get("skill_type_id"))
        ):
            self._skill_cert_raise_protected()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_certificate_row(self):
        if not internal.is_internal(self, internal.SKILL_SYNC) and any(
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
        removed = self.browse(unlink_ids)
        employees_losing_rows = removed.employee_id
        removed.unlink()
        for items, ids in writes.items():
            self.browse(ids).write(dict(items))
        created = self.create(creates)
        created._skill_cert_add_employee_skill_ids(exclude=employees_losing_rows)
        return created

    def _skill_cert_add_employee_skill_ids(self, exclude):
        """hr_skills stores ``hr.employee.skill_ids`` with a compute that writes the
        many2many record by record: two queries per employee, which an issuance to
        2,000 candidates cannot afford. New rows only add skills, so add the relation
        rows in one statement and mark the field computed. Employees who also lost
        rows (``exclude``) keep the ORM's own computation."""
        employees = self.employee_id - exclude
        if not employees:
            return
        field = self.env["hr.employee"]._fields["skill_ids"]
        pairs = {
            (row.employee_id.id, row.skill_id.id) for row in self if row.employee_id in employees
        }
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[]) "
                "ON CONFLICT DO NOTHING",
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                SQL.identifier(field.column2),
                [employee_id for employee_id, _skill in pairs],
                [skill_id for _employee, skill_id in pairs],
            )
        )
        self.env.remove_to_compute(field, employees)
        employees.invalidate_recordset(["skill_ids"])
