"""The annex forms against the regulation's own text (docs/regulation/): every label,
instruction, criterion and point option of Annexes 1-5, as printed."""

import re

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import PlanCommon

MODULE = "l10n_cn_hr_skill_certification"
REGULATION = "docs/regulation/nanxun-skill-certification-measures-2023.txt"
# The same character written two ways in the regulation and in HTML.
SAME = str.maketrans({";": "；", ":": "：", "(": "（", ")": "）", ",": "，"})
POINTS = re.compile(r"（(\d+)分）")


def normalized(text):
    return re.sub(r"\s+", "", text.replace("\u3000", " ")).translate(SAME)


def regulation_annex(number):
    """The text of Annex ``number`` as the regulation prints it."""
    with open(f"{get_module_path(MODULE)}/{REGULATION}", encoding="utf-8") as file:
        text = file.read()
    start = text.index(f"附件{number}：", text.index("附件：1."))
    end = text.find(f"附件{number + 1}：", start)
    return text[start : end if end > 0 else None]


def annex_cells(number):
    """The cells of the annex's table and the labels of its lines (a long blank, to be
    filled in, separates two labels): what a printed form must show."""
    # two numbered sub-items the regulation prints on one line are two rows of the form
    cells = re.split(r"[\t\n]+|\s{3,}|(?<=。)(?=\d\.)", regulation_annex(number))
    return [normalized(cell) for cell in cells[1:] if normalized(cell)]


@tagged("post_install", "-at_install")
class TestFormsAsPrinted(PlanCommon):
    CANDIDATES = 2

    def printed(self, report, records):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render_qweb_html(f"{MODULE}.{report}", records.ids)[0]
            .decode()
        )
        return normalized(lxml_html.fromstring(html).text_content())

    def test_templates_carry_every_criterion_and_option_of_the_regulation(self):
        """Each item's criterion is the regulation's, word for word, and its point options
        are those the criterion gives: the best one, each lower one and 0."""
        Template = self.env["skill.cert.inspection.template"]
        for number, kind in ((2, "internal"), (3, "external")):
            annex = normalized(regulation_annex(number))
            template = Template._get_current(kind)
            self.assertIn(normalized(template.name), annex)
            for section in template.section_ids:
                self.assertIn(normalized(section.name), annex)
                for item in section.item_ids:
                    self.assertIn(normalized(item.name), annex, item.name)
                    self.assertIn(normalized(item.criterion), annex, item.name)
                    if item.part_ids:
                        for part in item.part_ids:
                            self.assertIn(normalized(part.name), annex, part.name)
                            given = {float(p) for p in POINTS.findall(normalized(part.name))}
                            options = {float(o) for o in part.allowed_scores.split(",")}
                            self.assertEqual(options, given | {0.0}, part.name)
                        continue
                    given = {float(p) for p in POINTS.findall(normalized(item.criterion))}
                    options = {float(o) for o in item.allowed_scores.split(",")}
                    self.assertEqual(options, given, f"{template.name} › {item.name}")
                    self.assertEqual(max(options), item.max_points, item.name)
            for veto in template.veto_ids:
                self.assertIn(normalized(veto.name), annex, veto.name)

    def supervised_plan(self):
        plan = self.create_plan()
        registrations = self.to_arranged(plan)
        with freeze_time("2026-03-21 17:00:00"):
            registrations.with_user(self.user_officer).write({"attendance": "present"})
            self.sign_forms_at_exam(plan)
            plan.with_user(self.user_officer).action_mark_examined()
        return plan

    def assert_printed(self, number, printed, not_printed=()):
        """Every cell of Annex ``number`` is on the printout but ``not_printed``: places
        the printout fills with the record's own value."""
        missing = [
            cell for cell in annex_cells(number) if cell not in printed and cell not in not_printed
        ]
        self.assertFalse(missing, f"Annex {number}: not printed as the regulation has it")

    def test_annex_2_and_3_printed_as_the_regulation(self):
        plan = self.supervised_plan()
        self.assert_printed(
            2,
            self.printed("report_inspection", self.internal_form(plan)),
            # the blanks of the date line, filled with the date
            not_printed=("年月日",),
        )
        external = self.printed("report_inspection", self.external_form(plan))
        self.assert_printed(
            3,
            external,
            # the paper variant of 试卷管理 is printed as not applicable in full; the date
            # blanks are filled; the vertical 在栏/目后/打钩 prints as one line
            not_printed=("年月日", "在栏", "目后", "打钩"),
        )
        self.assertIn("在栏目后打钩", external)
        self.assertIn("可另附页。", external)

    def test_annex_1_4_5_printed_as_the_regulation(self):
        plan = self.supervised_plan()
        self.assert_printed(1, self.printed("report_annex1", plan))
        self.enter_scores(plan, plan.registration_ids)
        with freeze_time("2026-03-23 09:00:00"):
            self.review_scores(plan)
            plan.with_user(self.user_officer).action_publish_result_notice()
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        # the blanks of the count and of the occupation, work type and level are filled
        self.assert_printed(4, self.printed("report_annex4", plan))
        with freeze_time("2026-04-10 09:00:00"):
            for serial, registration in enumerate(plan.registration_ids, start=1):
                registration.with_user(
                    self.user_officer
                ).certificate_number = self.certificate_number(4, serial, year=26)
            plan.with_user(self.user_officer).action_mark_numbered()
        annex5 = self.printed("report_annex5", plan)
        self.assert_printed(5, annex5, not_printed=("（企业名称）职业技能等级证书核发登记表",))
        self.assertIn(normalized(f"{self.company.name}职业技能等级证书核发登记表"), annex5)
