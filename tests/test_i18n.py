import polib

from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader, TranslationModuleReader

from .common import SkillCertCommon

MODULE = "l10n_cn_hr_skill_certification"


def _term_key(term_type, name, xmlid, source):
    """A view's or a record's term is translated per record (a term translated for one
    view is not for another); a term of the code, once for the module."""
    if term_type in ("model", "model_terms"):
        return (source, f"{name} of {xmlid}")
    return (source, "code")


def _name_of_extended_model(env, module, name, xmlid):
    """The name of a model ``module`` only extends (hr.version) is exported with the
    module's terms, but it is its own module's to translate, and whichever module
    installed last names it (OCA payroll renames hr.version)."""
    if name != "ir.model,name":
        return False
    model = env.ref(xmlid, raise_if_not_found=False)
    return bool(model) and env.registry[model.model]._original_module != module


def missing_translations(env, module):
    """The terms of ``module`` (fields, selections, views, messages, data) that its
    i18n/zh_CN.po does not translate where they are used, and how many terms it has."""
    terms = {
        _term_key(term_type, name, xmlid, source)
        for _module, term_type, name, xmlid, source, _value, _comments in (
            TranslationModuleReader(env.cr, modules=[module])
        )
        if source and source.strip() and not _name_of_extended_model(env, module, name, xmlid)
    }
    with open(f"{get_module_path(module)}/i18n/zh_CN.po", "rb") as po_file:
        entries = list(PoFileReader(po_file))
    translated = {
        _term_key(
            entry["type"], entry["name"], f"{entry['module']}.{entry.get('imd_name')}", entry["src"]
        )
        for entry in entries
        if entry["value"].strip()
    }
    return sorted(f"{source}  [{where}]" for source, where in terms - translated), len(terms)


@tagged("post_install", "-at_install")
class TestChineseTranslation(TransactionCase):
    def assertTranslated(self, module, minimum):
        missing, count = missing_translations(self.env, module)
        self.assertGreater(count, minimum)
        if missing:
            self.fail(
                f"{len(missing)} terms of {module} have no zh_CN translation (run "
                "scripts/i18n_export.sh and translate them):\n" + "\n".join(missing)
            )

    def test_every_term_has_a_chinese_translation(self):
        """Every string of the module is in i18n/zh_CN.po with a non-empty translation."""
        self.assertTranslated(MODULE, 100)

    def test_template_lists_every_term(self):
        """Odoo reads zh_CN.po merged with the module's .pot: a term missing from a stale
        .pot is dropped, its translation with it, whatever zh_CN.po says."""
        with open(f"{get_module_path(MODULE)}/i18n/{MODULE}.pot", "rb") as pot_file:
            template = {entry.msgid for entry in polib.pofile(pot_file.read().decode())}
        sources = {
            source.strip()
            for _module, _type, _name, _xmlid, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=[MODULE])
            )
            if source and source.strip()
        }
        stale = sorted(sources - {msgid.strip() for msgid in template})
        self.assertFalse(stale, f"i18n/{MODULE}.pot is out of date: run scripts/i18n_export.sh")

    def test_chinese_users_read_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        env_zh = self.env(context={"lang": "zh_CN"})
        level_type = env_zh.ref(f"{MODULE}.hr_skill_type_vocational_level")
        self.assertEqual(level_type.name, "职业技能等级")
        field = env_zh["skill.cert.certificate"]._fields["name"]
        self.assertEqual(field._description_string(env_zh), "证书编号")


@tagged("post_install", "-at_install")
class TestChineseMessages(SkillCertCommon):
    """Refusals reach a Chinese user in Chinese, naming the record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_wrong_id_number_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "王五：居民身份证号码无效（校验码错误）"):
            self.env_zh["hr.employee"].with_company(self.company).create(
                {
                    "name": "王五",
                    "company_id": self.company.id,
                    "identification_id": "330523199705010066",
                }
            )

    def test_duplicate_certificate_number_in_chinese(self):
        self.create_certificate(serial=9)
        with self.assertRaisesRegex(
            ValidationError, "证书编号 Y330503001200244000009 已被张伟的证书使用"
        ):
            self.env_zh["skill.cert.certificate"].create(
                self.certificate_vals(employee=self.colleague, serial=9)
            )

    def test_negative_pension_months_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "张伟：养老保险已缴月数不能为负数"):
            self.employee.with_env(self.env_zh).skill_cert_pension_months = -3
