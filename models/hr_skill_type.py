from odoo import api, models


class HrSkillType(models.Model):
    _inherit = "hr.skill.type"

    @api.model
    def _skill_cert_get_level_type(self):
        """The certification skill type "职业技能等级" shipped with the module."""
        return self.env.ref("l10n_cn_hr_skill_certification.hr_skill_type_vocational_level")

    @api.model
    def _skill_cert_get_levels(self):
        """The five levels, keyed by level number (5 = Elementary ... 1 = Senior Technician)."""
        levels = self._skill_cert_get_level_type().skill_level_ids
        return {level.skill_cert_grade: level for level in levels if level.skill_cert_grade}
