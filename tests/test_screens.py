import re

from freezegun import freeze_time
from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import PoFileReader

from .common import PlanCommon
from .screens import field_specification, open_action

MODULE = "l10n_cn_hr_skill_certification"
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


@tagged("post_install", "-at_install", "screens")
class TestEveryRoleScreens(PlanCommon):
    """Every role opens every screen reachable from the addon's menus, as the web client
    does: views, the first records with every field the views show, a new record where
    the role may create. A screen that would crash in the browser fails here, naming
    the role, the menu and the error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = f"{MODULE}.group_skill_"
        user = cls.new_user
        cls.user_payroll = user("sc_payroll", f"base.group_user,{group}allowance_officer")
        cls.user_allowance_manager = user(
            "sc_allowance_manager", f"base.group_user,{group}allowance_manager"
        )
        cls.roles = {
            "employee": cls.user_employee,
            "examiner": cls.user_examiners[0],
            "internal supervisor": cls.user_supervisor,
            "external supervisor": cls.user_external,
            "officer": cls.user_officer,
            "manager": cls.user_manager,
            "HR officer": cls.user_hr,
            "payroll officer": cls.user_payroll,
            "allowance administrator": cls.user_allowance_manager,
        }

    def setUp(self):
        super().setUp()
        # Records on every screen: a plan at each end of the workflow, certificates,
        # notices, supervision forms, an allowance month.
        self.plan = self.create_plan()
        self.to_confirmed(self.plan)
        self.create_plan(name="330503202604001")
        with freeze_time("2026-05-05 10:00:00"):
            sheet = (
                self.env["skill.cert.allowance.sheet"]
                .with_user(self.user_payroll)
                .create({"company_id": self.company.id, "month": "2026-04-01"})
            )
            sheet.action_generate()

    def _menus(self, user):
        root = self.env.ref(f"{MODULE}.menu_skill_cert_root")
        menus = (
            self.env["ir.ui.menu"]
            .with_user(user)
            .search([("id", "child_of", root.id)])
            ._filter_visible_menus()
        )
        # A menu shows only under visible parents, as the web client shows it.
        reachable = menus.filtered(
            lambda menu: all(parent in menus for parent in self._ancestors(menu, root))
        )
        return reachable.filtered(
            lambda menu: menu.action and menu.action._name == "ir.actions.act_window"
        )

    @staticmethod
    def _ancestors(menu, root):
        parents = menu.browse()
        while menu != root and menu.parent_id:
            menu = menu.parent_id
            parents |= menu
        return parents

    def _check_screens(self, lang=None):
        """Open every screen of every role; return the texts read, by role and menu."""
        texts = {}
        for role, user in self.roles.items():
            env = self.env(user=user, context={"lang": lang} if lang else {})
            menus = self._menus(user)
            self.assertTrue(menus, f"{role} has no menu of the addon")
            for menu in menus:
                action = menu.action.sudo()
                with self.subTest(role=role, menu=menu.complete_name):
                    try:
                        with freeze_time("2026-05-06 10:00:00"), self.env.cr.savepoint():
                            texts[(role, menu.complete_name)] = open_action(env, action)
                    except Exception as error:
                        self.fail(f"{role} › {menu.complete_name}: {type(error).__name__}: {error}")
        return texts

    def test_every_role_opens_every_screen(self):
        """No screen of any role fails: no field it may not read, no broken default."""
        self._check_screens()

    def test_every_role_opens_its_plans(self):
        """The plan form opens for everyone who may read the plan: its staff, and the
        candidate who registered (the supervisor's steps live on it)."""
        candidate = self.new_user("sc_candidate", "base.group_user")
        self.plan.registration_ids[:1].employee_id.user_id = candidate
        for user in (
            self.user_supervisor,
            self.user_examiners[0],
            self.user_external,
            candidate,
            self.user_officer,
        ):
            with self.subTest(user=user.login):
                Plan = self.env["skill.cert.plan"].with_user(user)
                views = Plan.get_views([(False, "form")])
                models_fields = {name: info["fields"] for name, info in views["models"].items()}
                arch = etree.fromstring(views["views"]["form"]["arch"])
                spec = field_specification(arch, models_fields["skill.cert.plan"], models_fields)
                self.assertTrue(Plan.search([("id", "=", self.plan.id)]), user.login)
                Plan.browse(self.plan.id).web_read(spec)

    def test_screens_read_chinese(self):
        """In Chinese, no text of the addon's own is left in English on any screen."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "hr", "hr_skills", MODULE], ["zh_CN"], overwrite=True
        )
        with open(f"{get_module_path(MODULE)}/i18n/zh_CN.po", "rb") as po_file:
            own_terms = {entry["src"].strip() for entry in PoFileReader(po_file)}
        untranslated = {
            f"{role} › {menu}: {text}"
            for (role, menu), texts in self._check_screens(lang="zh_CN").items()
            for text in texts
            if ENGLISH_WORD.search(text) and text.strip() in own_terms
        }
        self.assertFalse(sorted(untranslated), "English text on Chinese screens")
