from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader, TranslationModuleReader

MODULE = "l10n_cn_hr_skill_certification"
# Terms written the same in Chinese: the po formatter (oca-checks-po) drops a msgstr that
# repeats its msgid, so these are required in the file but may stay untranslated.
SAME_IN_CHINESE = {"ID"}


@tagged("post_install", "-at_install")
class TestChineseTranslation(TransactionCase):
    def test_every_term_has_a_chinese_translation(self):
        """Every string of the module (fields, selections, views, messages, data) is in
        i18n/zh_CN.po with a non-empty translation."""
        terms = {
            source
            for _module, _type, _name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=[MODULE])
            )
            if source and source.strip()
        }
        self.assertGreater(len(terms), 100)
        with open(f"{get_module_path(MODULE)}/i18n/zh_CN.po", "rb") as po_file:
            entries = list(PoFileReader(po_file))
        translated = {entry["src"] for entry in entries if entry["value"].strip()}
        translated |= SAME_IN_CHINESE & {entry["src"] for entry in entries}
        missing = sorted(terms - translated)
        self.assertFalse(
            missing,
            "Terms without a zh_CN translation (run the i18n export and translate them):\n"
            + "\n".join(missing),
        )

    def test_chinese_users_read_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        env_zh = self.env(context={"lang": "zh_CN"})
        level_type = env_zh.ref(f"{MODULE}.hr_skill_type_vocational_level")
        self.assertEqual(level_type.name, "职业技能等级")
        field = env_zh["skill.cert.certificate"]._fields["name"]
        self.assertEqual(field._description_string(env_zh), "证书编号")
