from odoo import fields, models

from ..tools import internal


class SkillCertInspectionVeto(models.Model):
    """A veto item of a filled form: ticked, the form's total is 0 and, once signed,
    the plan is suspended."""

    _name = "skill.cert.inspection.veto"
    _description = "Supervision Form Veto Item"
    _order = "inspection_id, id"

    inspection_id = fields.Many2one(
        "skill.cert.inspection", required=True, index=True, ondelete="cascade"
    )
    template_veto_id = fields.Many2one(
        "skill.cert.inspection.template.veto", required=True, ondelete="restrict", readonly=True
    )
    name = fields.Text(string="Veto Item", readonly=True)
    checked = fields.Boolean(string="Ticked")
    checked_by_id = fields.Many2one("res.users", string="Ticked By", readonly=True)
    checked_date = fields.Datetime(string="Ticked On", readonly=True)
    note = fields.Text(string="What Was Found", readonly=True)

    def write(self, vals):
        if internal.is_internal(self, internal.SIGNING):
            # a veto found after signing, recorded by _do_record_veto with who and when
            return super().write(vals)
        if vals.get("checked") and not self.env.su:
            vals = {**vals, "checked_by_id": self.env.uid, "checked_date": fields.Datetime.now()}
        self.env["skill.cert.inspection"]._check_filled_fields(
            vals, {"checked", "checked_by_id", "checked_date"}
        )
        if "checked" in vals:
            self.inspection_id._check_can_fill()
            self.inspection_id._check_not_signed("on_site")
        return super().write(vals)
