from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import internal


class SkillCertNoticeLine(models.Model):
    """One published line of a notice, masked at publication (a snapshot)."""

    _name = "skill.cert.notice.line"
    _description = "Public Notice Line"
    _order = "notice_id, sequence"

    notice_id = fields.Many2one("skill.cert.notice", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    sequence = fields.Integer(string="No.")
    name_masked = fields.Char(string="Candidate Name", readonly=True)
    id_number_masked = fields.Char(string="ID Number", readonly=True)
    unit_name = fields.Char(string="Work Unit", readonly=True)
    ticket_number = fields.Char(string="Admission Ticket", readonly=True)
    theory_score = fields.Float(readonly=True)
    practical_score = fields.Float(readonly=True)
    review_score = fields.Float(string="Comprehensive Review Score", readonly=True)
    result = fields.Selection([("passed", "Passed"), ("failed", "Failed")], readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not internal.is_internal(self, internal.NOTICE_STEP):
            raise UserError(self.env._("A notice's list is the snapshot taken at publication."))
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(self.env._("A notice's list is the snapshot taken at publication."))
        return super().write(vals)
