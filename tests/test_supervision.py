import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools import internal as bypass
from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestSupervision(PlanCommon):
    """Annex 2 and Annex 3: forms as data, scores among the options, veto items, the
    two-stage internal report, the external supervisor's access, rectifications."""

    CANDIDATES = 2

    def arranged_plan(self, **vals):
        plan = self.create_plan(**vals)
        self.to_arranged(plan)
        return plan

    def test_templates_are_the_regulations_forms(self):
        Template = self.env["skill.cert.inspection.template"]
        internal = Template._get_current("internal")
        external = Template._get_current("external")
        self.assertEqual(internal.name, "职业技能等级认定内部督导情况报告")
        self.assertEqual(external.name, "技能人才评价专家资格认定外督情况登记表（试行）")
        for template in (internal, external):
            self.assertEqual(template.total_points, 100)
            self.assertFalse(template._get_sum_problems())
            self.assertEqual(len(template.veto_ids), 3)
        self.assertEqual(
            internal.section_ids.mapped("name"),
            ["计划执行", "资格审核", "试题保密", "考务组织", "成绩公示", "诉求反馈"],
        )
        secrecy = internal.section_ids[2].item_ids.filtered(lambda i: i.name == "制卷、传送")
        self.assertEqual(secrecy.part_ids.mapped("allowed_scores"), ["2,0"] * 4)
        self.assertIn("保密室出入执行双人双锁", secrecy.part_ids[1].name)
        theory = internal.section_ids[2].item_ids.filtered(lambda i: i.name == "理论考核方式")
        self.assertEqual(theory.allowed_scores, "7,5,0")
        papers = external.section_ids[1].item_ids.filtered(lambda i: i.name == "试卷管理")
        self.assertEqual(sorted(papers.mapped("exam_mode")), ["computer", "paper"])
        self.assertEqual(
            internal.section_ids.filtered(
                lambda s: s.name in ("成绩公示", "诉求反馈")
            ).item_ids.mapped("stage"),
            ["after_results"] * 3,
        )

    def test_wrong_template_arithmetic_is_reported(self):
        template = (
            self.env["skill.cert.inspection.template"]
            ._get_current("internal")
            .copy({"version": "test"})
        )
        self.assertFalse(template.section_ids)  # sections are not copied: a new form is data
        with self.assertRaisesRegex(ValidationError, "not 100"):
            template.action_check_sums()

    def test_full_marks(self):
        plan = self.arranged_plan()
        internal, external = self.internal_form(plan), self.external_form(plan)
        self.assertTrue(internal and external)
        self.fill_form(internal, self.user_supervisor, stages=("on_site", "after_results"))
        self.fill_form(external, self.user_external)
        self.assertEqual(internal.total_score, 100)
        self.assertEqual(external.total_score, 100)
        # computer-based theory exam: the 机考形式 variant of 试卷管理 only
        self.assertEqual(
            external.line_ids.filtered(lambda line: line.name == "试卷管理").criterion, "机考形式："
        )

    def test_paper_exam_uses_the_paper_variant(self):
        plan = self.arranged_plan(exam_mode="paper")
        papers = self.external_form(plan).line_ids.filtered(lambda line: line.name == "试卷管理")
        self.assertEqual(papers.criterion, "纸笔形式：")
        self.assertEqual(len(papers.part_ids), 4)

    def test_mixed_scores(self):
        plan = self.arranged_plan()
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor, stages=("on_site", "after_results"))
        lines = {line.name: line for line in internal.line_ids}
        lines["理论考核方式"].with_user(self.user_supervisor).entered_score = 5
        lines["视频监控"].with_user(self.user_supervisor).entered_score = 5
        lines["制卷、传送"].part_ids[1].with_user(self.user_supervisor).score = 0
        self.assertEqual(internal.total_score, 100 - 2 - 5 - 2)
        self.assertEqual(lines["制卷、传送"].score, 6)
        self.assertEqual(lines["制卷、传送"].lost_points, 2)

    def test_scores_only_among_the_options(self):
        plan = self.arranged_plan()
        lines = {line.name: line for line in self.internal_form(plan).line_ids}
        with self.assertRaisesRegex(
            ValidationError, "理论考核方式: 6 is not one of its point options"
        ):
            lines["理论考核方式"].with_user(self.user_supervisor).entered_score = 6
        with self.assertRaisesRegex(ValidationError, "is not one of its point options \\(2,0\\)"):
            lines["制卷、传送"].part_ids[0].with_user(self.user_supervisor).score = 3
        self.assertFalse(lines["理论考核方式"].is_scored)

    def test_veto_zeroes_and_suspends(self):
        plan = self.arranged_plan()
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor)
        internal.veto_ids[0].with_user(self.user_supervisor).checked = True
        self.assertEqual(internal.total_score, 0)
        internal.with_user(self.user_supervisor).action_sign_on_site()
        self.assertEqual(plan.state, "suspended")
        self.assertIn("认定试卷在考前泄题", plan.suspend_reason)
        managers = plan.activity_ids.user_id
        self.assertIn(self.user_manager, managers)
        self.assertIn(self.user_manager2, managers)
        with self.assertRaisesRegex(UserError, "can only be done when"):
            plan.with_user(self.user_officer).action_mark_examined()
        with self.assertRaises(AccessError):
            plan.with_user(self.user_officer)._do_resume("x")
        plan.with_user(self.user_manager)._do_resume("经区人社局核查，泄题系误报，同意恢复")
        self.assertEqual(plan.state, "arranged")
        self.assertTrue(internal.veto_lifted)

    def test_signed_veto_box_closed_to_plain_writes(self):
        """After signing, a veto is recorded only through its record (who, when, what
        was found: TestArticle10Supervision), never by ticking the box."""
        plan = self.create_plan()
        self.to_result_notice(plan)
        internal = self.internal_form(plan)
        with freeze_time("2026-04-01 09:00:00"):
            self.fill_form(internal, self.user_supervisor, stages=("after_results",))
            # a veto found after the fact: the on-site part is signed, so not editable
            with self.assertRaisesRegex(UserError, "is signed"):
                internal.veto_ids[2].with_user(self.user_supervisor).checked = True
            internal.with_user(self.user_supervisor).action_sign()
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
        self.assertEqual(plan.results_supervisor_id, self.user_supervisor)

    def test_report_signed_in_two_stages(self):
        plan = self.arranged_plan()
        internal = self.internal_form(plan)
        with self.assertRaisesRegex(UserError, "score every item first"):
            internal.with_user(self.user_supervisor).action_sign_on_site()
        self.fill_form(internal, self.user_supervisor)
        with self.assertRaises(AccessError):
            internal.with_user(self.user_examiners[0]).action_sign_on_site()
        internal.with_user(self.user_supervisor2).action_sign_on_site()
        self.assertEqual(internal.state, "on_site_signed")
        self.assertEqual(internal.on_site_signed_by_id, self.user_supervisor2)
        on_site_line = internal.line_ids.filtered(lambda line: line.stage == "on_site")[0]
        with self.assertRaisesRegex(UserError, "is signed"):
            on_site_line.with_user(self.user_supervisor).entered_score = 0
        with self.assertRaisesRegex(UserError, "is signed during the result notice"):
            internal.with_user(self.user_supervisor).action_sign()

    def test_exam_needs_both_forms_signed(self):
        plan = self.arranged_plan()
        registrations = plan.registration_ids
        registrations.with_user(self.user_officer).attendance = "present"
        with self.assertRaisesRegex(UserError, "Annex 2"):
            plan.with_user(self.user_officer).action_mark_examined()
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor)
        internal.with_user(self.user_supervisor).action_sign_on_site()
        with self.assertRaisesRegex(UserError, "Annex 3"):
            plan.with_user(self.user_officer).action_mark_examined()
        external = self.external_form(plan)
        self.fill_form(external, self.user_external)
        external.with_user(self.user_external).action_sign()
        external.with_user(self.user_supervisor).action_cosign()
        self.assertEqual(external.cosigned_by_id, self.user_supervisor)
        plan.with_user(self.user_officer).action_mark_examined()
        self.assertEqual(plan.state, "examined")

    def test_confirmation_needs_the_complete_report(self):
        plan = self.create_plan()
        self.to_result_notice(plan)
        with (
            freeze_time("2026-04-01 09:00:00"),
            self.assertRaisesRegex(UserError, "complete and sign their report"),
        ):
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()

    def test_external_supervisor_sees_only_their_external_form(self):
        plan = self.arranged_plan()
        other = self.arranged_plan(name="330503202603777", ticket_prefix="OTHER")
        Inspection = self.env["skill.cert.inspection"].with_user(self.user_external)
        visible = Inspection.search([])
        self.assertEqual(visible, (self.external_form(plan) | self.external_form(other)))
        other_staff = other.staff_ids.filtered(lambda s: s.role == "external_supervisor")
        bypass.internally(other_staff.sudo(), bypass.STAFF_CHANGE).partner_id = self.township
        bypass.internally(other.inspection_ids.sudo(), bypass.SIGNING).write(
            {"external_partner_id": False}
        )
        self.assertEqual(Inspection.search([]), self.external_form(plan))
        with self.assertRaises(AccessError):
            self.internal_form(plan).with_user(self.user_external).read(["total_score"])
        with self.assertRaises(AccessError):
            self.external_form(other).with_user(self.user_external).read(["total_score"])
        with self.assertRaises(AccessError):
            plan.registration_ids.with_user(self.user_external).read(["ticket_number"])
        # and an officer may read, not fill
        line = self.external_form(plan).line_ids[0]
        with self.assertRaises(AccessError):
            line.with_user(self.user_officer).entered_score = line.max_points

    def test_nobody_edits_a_signed_form(self):
        plan = self.arranged_plan()
        external = self.external_form(plan)
        self.fill_form(external, self.user_external)
        external.with_user(self.user_external).comment = "考场秩序良好"
        external.with_user(self.user_external).action_sign()
        with self.assertRaisesRegex(UserError, "is signed"):
            external.line_ids[0].with_user(self.user_external).entered_score = 0
        with self.assertRaisesRegex(UserError, "is signed"):
            external.with_user(self.user_external).comment = "改"
        with self.assertRaisesRegex(UserError, "already signed"):
            external.with_user(self.user_external).action_sign()

    def test_rectification_life_cycle(self):
        plan = self.arranged_plan()
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor)
        full = internal.line_ids.filtered(lambda line: line.name == "认定地点")
        with self.assertRaisesRegex(UserError, "full marks"):
            full.action_raise_rectification()
        video = internal.line_ids.filtered(lambda line: line.name == "视频监控")
        video.with_user(self.user_supervisor).write(
            {"entered_score": 5, "remark": "东侧工位监控盲区"}
        )
        action = video.with_user(self.user_supervisor).action_raise_rectification()
        rectification = (
            self.env["skill.cert.rectification"]
            .with_user(self.user_supervisor)
            .with_context(**action["context"])
            .create({"responsible_id": self.user_employee.id, "due_date": "2026-04-30"})
        )
        self.assertEqual(rectification.plan_id, plan)
        self.assertIn("5 points lost", rectification.name)
        self.assertEqual(plan.open_rectification_count, 1)
        self.assertEqual(rectification.activity_ids.user_id, self.user_employee)
        mine = rectification.with_user(self.user_employee)
        with self.assertRaisesRegex(UserError, "Describe the measures"):
            mine._do_close("done")
        with self.assertRaisesRegex(UserError, "responsible person records the measures"):
            mine.write({"due_date": "2026-12-31"})
        evidence = (
            self.env["ir.attachment"]
            .with_user(self.user_employee)
            .create({"name": "camera.jpg", "datas": base64.b64encode(b"photo")})
        )
        mine.write({"measures": "增设两路摄像头并调整角度", "evidence_ids": [(6, 0, evidence.ids)]})
        rectification.with_user(self.user_officer)._do_close("复查确认已整改")
        self.assertEqual(rectification.state, "closed")
        self.assertEqual(plan.open_rectification_count, 0)
        self.assertEqual(
            self.env["skill.cert.rectification"].with_user(self.user_colleague).search([]),
            self.env["skill.cert.rectification"],
        )

    def test_statistics_by_item_and_year(self):
        plan = self.arranged_plan()
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor)
        internal.line_ids.filtered(lambda line: line.name == "视频监控").with_user(
            self.user_supervisor
        ).entered_score = 0
        groups = self.env["skill.cert.inspection.line"]._read_group(
            [("plan_id", "=", plan.id), ("is_scored", "=", True)],
            ["template_item_id", "year"],
            ["lost_points:sum"],
        )
        lost = {item.name: points for item, _year, points in groups if points}
        self.assertEqual(lost, {"视频监控": 10})
        self.assertEqual({year for _item, year, _points in groups}, {internal.date.year})

    def test_printed_forms(self):
        plan = self.arranged_plan()
        internal, external = self.internal_form(plan), self.external_form(plan)
        self.fill_form(internal, self.user_supervisor)
        internal.veto_ids[1].with_user(self.user_supervisor).checked = True
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render_qweb_html(
                "l10n_cn_hr_skill_certification.report_inspection", (internal | external).ids
            )[0]
            .decode()
        )
        self.assertIn("职业技能等级认定内部督导情况报告", html)
        self.assertIn("技能人才评价专家资格认定外督情况登记表", html)
        for text in (
            "被督导单位",
            "督导人员姓名",
            "认定职业",
            "核心指标",
            "分项指标",
            "评估标准",
            "否决项",
            "合计（100分）",
            "内督人员签字",
            "外督人员签名",
            "2.保密室出入执行双人双锁（2分）;",
            "考场安排、工位数量无法满足实际考核，不符合认定规格与安全要求。",
        ):
            self.assertIn(text, html)
        self.assertEqual(html.count("√"), 1)
