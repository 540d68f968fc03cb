from odoo.addons.l10n_cn_hr_skill_certification.tests import test_i18n
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestBridgeChineseTranslation(test_i18n.TestChineseTranslation):
    def test_every_term_has_a_chinese_translation(self):
        self.assertTranslated("l10n_cn_hr_skill_certification_payroll", 3)

    def test_chinese_users_read_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["l10n_cn_hr_skill_certification_payroll"], ["zh_CN"], overwrite=True
        )
        rule = self.env.ref(
            "l10n_cn_hr_skill_certification_payroll.salary_rule_skill_allowance"
        ).with_context(lang="zh_CN")
        self.assertEqual(rule.name, "技能等级津贴")
