from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestQuestionBank(PlanCommon):
    """Article 5(6): a bank of at least 600 questions, certified by at least 3 examiners,
    before the exam of its occupation and level is arranged."""

    def new_bank(self, **vals):
        return (
            self.env["skill.cert.question.bank"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "铣工 四级 题库",
                    "company_id": self.company.id,
                    "occupation_id": self.milling.id,
                    "level_id": self.levels[4].id,
                    **vals,
                }
            )
        )

    def test_certify_needs_600_questions_and_3_examiners(self):
        bank = self.new_bank(
            question_count=599, reviewer_ids=[Command.set(self.examiner_employees[:2].ids)]
        )
        with self.assertRaisesRegex(UserError, "(?s)铣工 四级 题库.*599.*600.*2.*3") as caught:
            bank.action_certify()
        self.assertIn("Article 5(6)", str(caught.exception))
        self.assertEqual(bank.state, "draft")
        bank.write(
            {"question_count": 600, "reviewer_ids": [Command.set(self.examiner_employees.ids)]}
        )
        with freeze_time("2026-01-15 10:00:00"):
            bank.action_certify()
        self.assertEqual(bank.state, "certified")
        self.assertEqual(str(bank.review_date), "2026-01-15")

    def test_certified_bank_is_locked_and_kept(self):
        bank = self.question_banks.filtered(lambda b: b.level_id == self.levels[4])
        with self.assertRaisesRegex(UserError, "车工.*certified.*Questions"):
            bank.with_user(self.user_officer).write({"question_count": 10})
        with self.assertRaisesRegex(UserError, "车工.*Article 13"):
            bank.with_user(self.user_manager).unlink()
        self.assertEqual(bank.question_count, 600)
        bank.with_user(self.user_officer).action_reset_to_draft()
        bank.with_user(self.user_officer).write({"question_count": 720})
        self.assertEqual((bank.state, bank.question_count), ("draft", 720))

    def test_negative_count_and_second_certified_bank_refused(self):
        with self.assertRaisesRegex(ValidationError, "铣工 四级 题库.*negative"):
            self.new_bank(question_count=-1)
        second = self.new_bank(
            name="车工 四级 新题库",
            occupation_id=self.lathe.id,
            question_count=900,
            reviewer_ids=[Command.set(self.examiner_employees.ids)],
        )
        with self.assertRaisesRegex(ValidationError, "车工 四级 新题库.*already the certified"):
            second.action_certify()
        self.assertEqual(second.state, "draft")

    def test_archived_bank_replaced_and_not_restored_beside_its_successor(self):
        old = self.question_banks.filtered(lambda b: b.level_id == self.levels[4])
        old.action_archive()
        new = self.new_bank(
            name="车工 四级 新题库",
            occupation_id=self.lathe.id,
            question_count=900,
            reviewer_ids=[Command.set(self.examiner_employees.ids)],
        )
        new.action_certify()
        self.assertEqual(self.create_plan().question_bank_id, new)
        with self.assertRaisesRegex(ValidationError, f"{old.name}: 车工 四级 新题库 is already"):
            old.action_unarchive()
        self.assertFalse(old.active)

    def test_access_type_occupation_refused(self):
        with self.assertRaisesRegex(ValidationError, "准入类"):
            self.new_bank(occupation_id=self.welding.id)

    def test_exam_not_arranged_without_certified_bank(self):
        plan = self.create_plan()
        self.assertEqual(plan.question_bank_id.level_id, self.levels[4])
        self.question_banks.filtered(lambda b: b.level_id == self.levels[4]).action_archive()
        plan.invalidate_recordset(["question_bank_id"])
        self.assertFalse(plan.question_bank_id)
        self.to_candidate_notice(plan)
        with (
            self.assertRaisesRegex(UserError, f"{plan.name}.*车工.*question bank.*5\\(6\\)"),
            freeze_time("2026-03-10 09:00:00"),
        ):
            plan.with_user(self.user_officer).action_arrange()
        self.assertEqual(plan.state, "candidate_notice")

    def test_access(self):
        Bank = self.env["skill.cert.question.bank"]
        self.assertEqual(Bank.with_user(self.user_other_officer).search([]), Bank)
        with self.assertRaises(AccessError):
            self.question_banks[0].with_user(self.user_other_officer).read(["name"])
        with self.assertRaises(AccessError):
            self.question_banks[0].with_user(self.user_examiner).write({"note": "x"})


@tagged("post_install", "-at_install")
class TestFeeStandard(PlanCommon):
    """Article 12: a fee per occupation and level, published in three places before
    candidates register."""

    def new_fee(self, **vals):
        return (
            self.env["skill.cert.fee.standard"]
            .with_user(self.user_officer)
            .create(
                {
                    "company_id": self.company.id,
                    "occupation_id": self.milling.id,
                    "level_id": self.levels[4].id,
                    "amount": 280,
                    **vals,
                }
            )
        )

    def test_publish_needs_basis_and_three_places(self):
        fee = self.new_fee(published_on_company_site=True)
        with self.assertRaisesRegex(UserError, "铣工.*280.*basis.*authority.*venue") as caught:
            fee.action_publish()
        self.assertNotIn("our website", str(caught.exception))
        self.assertEqual(fee.state, "draft")
        fee.write(
            {
                "basis": "耗材 180 元，设备 60 元，考务 40 元",
                "published_on_authority_site": True,
                "published_at_venue": True,
            }
        )
        with freeze_time("2026-01-05 10:00:00"):
            fee.action_publish()
        self.assertEqual((fee.state, str(fee.published_date)), ("published", "2026-01-05"))

    def test_new_standard_replaces_published_one_which_stays(self):
        old = self.fee_standards.filtered(lambda f: f.level_id == self.levels[4])
        new = self.new_fee(
            occupation_id=self.lathe.id,
            amount=150,
            basis="新耗材价格",
            published_on_authority_site=True,
            published_on_company_site=True,
            published_at_venue=True,
        )
        new.action_publish()
        self.assertEqual((old.state, new.state), ("withdrawn", "published"))
        with self.assertRaisesRegex(UserError, "车工.*published.*new standard"):
            old.with_user(self.user_officer).write({"amount": 1})
        with self.assertRaisesRegex(UserError, "车工.*Article 13"):
            new.with_user(self.user_manager).unlink()
        self.assertEqual(self.create_plan().fee_amount, 150)

    def test_negative_fee_refused(self):
        with self.assertRaisesRegex(ValidationError, "铣工.*cannot be negative"):
            self.new_fee(amount=-1)

    def test_registration_not_opened_without_published_fee(self):
        plan = self.create_plan()
        self.fee_standards.filtered(lambda f: f.level_id == self.levels[4]).action_withdraw()
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
        with self.assertRaisesRegex(UserError, f"{plan.name}.*车工.*fee standard.*Article 12"):
            plan.with_user(self.user_officer).action_open_registration()
        self.assertEqual(plan.state, "filed")

    def test_employees_read_published_fees_only(self):
        draft = self.new_fee()
        Fee = self.env["skill.cert.fee.standard"].with_user(self.user_employee)
        self.assertEqual(Fee.search([]), self.fee_standards)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_employee).read(["amount"])
        with self.assertRaises(AccessError):
            self.fee_standards[0].with_user(self.user_employee).write({"publication_url": "x"})
        self.assertFalse(Fee.with_user(self.user_other_officer).search([]))


@tagged("post_install", "-at_install")
class TestBaseInformationChanges(PlanCommon):
    """Article 14: changes of the company's name, contact, phone and address are
    recorded, to be reported to the authority; Article 13: never deleted."""

    def changes(self):
        return self.env["skill.cert.company.change"].search([("company_id", "=", self.company.id)])

    def test_changes_recorded_filling_in_is_not(self):
        self.company.write({"skill_cert_contact_name": "王强", "email": "hr@example.com"})
        self.assertFalse(self.changes())
        self.company.write(
            {
                "skill_cert_contact_name": "李娜",
                "name": "南浔示范电机股份有限公司",
                "email": "x@y.cn",
            }
        )
        changes = self.changes()
        self.assertEqual(
            sorted(changes.mapped(lambda c: (c.old_value, c.new_value))),
            [("南浔示范电机有限公司", "南浔示范电机股份有限公司"), ("王强", "李娜")],
        )
        self.assertEqual(set(changes.mapped("state")), {"to_report"})
        self.assertEqual(self.company.skill_cert_change_to_report_count, 2)

    def test_report_needs_reference_and_record_is_kept(self):
        self.company.write({"skill_cert_contact_name": "王强"})
        self.company.write({"skill_cert_contact_name": "李娜"})
        change = self.changes().with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "Certification Contact.*report reference"):
            change.action_mark_reported()
        self.assertEqual(change.state, "to_report")
        change.report_reference = "浙江省职业能力一体化平台 变更申请 2026-001"
        with freeze_time("2026-03-02 10:00:00"):
            change.action_mark_reported()
        self.assertEqual((change.state, str(change.reported_on)), ("reported", "2026-03-02"))
        with self.assertRaises(AccessError):
            change.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            change.sudo().unlink()

    def test_access(self):
        self.company.write({"skill_cert_contact_name": "王强"})
        self.company.write({"skill_cert_contact_name": "李娜"})
        Change = self.env["skill.cert.company.change"]
        self.assertEqual(Change.with_user(self.user_officer).search([]), self.changes())
        self.assertFalse(Change.with_user(self.user_other_officer).search([]))


@tagged("post_install", "-at_install")
class TestDispatchedShare(PlanCommon):
    """Article 6: dispatched workers may be at most 10% of the staff."""

    def test_share_of_active_employees(self):
        employees = self.env["hr.employee"].search([("company_id", "=", self.company.id)])
        agency = self.env["res.partner"].create({"name": "湖州人力派遣公司", "is_company": True})
        self.assertEqual(self.company.skill_cert_dispatched_share, 0.0)
        dispatched = self.create_candidates(2, prefix="派遣")
        dispatched.write(
            {
                "skill_cert_employment_category": "dispatched",
                "skill_cert_dispatch_agency_id": agency.id,
            }
        )
        self.company.invalidate_recordset()
        total = len(employees) + 2
        self.assertAlmostEqual(self.company.skill_cert_dispatched_share, 2 / total)
        self.assertGreater(2 / total, 0.1, "the fixture has fewer than 20 employees")
        self.assertFalse(self.company.skill_cert_dispatched_within_limit)
        dispatched[0].action_archive()
        self.company.invalidate_recordset()
        self.assertAlmostEqual(self.company.skill_cert_dispatched_share, 1 / (total - 1))
        self.assertTrue(self.company.skill_cert_dispatched_within_limit)


@tagged("post_install", "-at_install")
@tagged("post_install", "-at_install")
class TestDispatchDocumentsTrust(PlanCommon):
    """Article 6's documents against a second click and a second company."""

    def test_confirmed_once_and_in_its_company_only(self):
        agency = self.env["res.partner"].create(
            {"name": "湖州人力派遣有限公司", "is_company": True}
        )
        agreement = self.dispatch_documents(agency)
        agreement.action_confirm()
        with self.assertRaisesRegex(UserError, "派遣协议-001"):
            agreement.action_confirm()
        self.assertEqual(agreement.state, "confirmed")
        other = agreement.with_user(self.user_other_officer)
        with self.assertRaises(AccessError):
            other.read(["state"])
        with self.assertRaises(AccessError):
            other.action_back_to_draft()
        self.assertEqual(agreement.state, "confirmed")


class TestPilotConditionsInChinese(PlanCommon):
    """The refusals reach a Chinese officer in Chinese, naming the record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["l10n_cn_hr_skill_certification"], ["zh_CN"], overwrite=True
        )

    def test_refusals_in_chinese(self):
        officer_env = self.env(user=self.user_officer, context={"lang": "zh_CN"})
        bank = officer_env["skill.cert.question.bank"].create(
            {
                "name": "铣工 四级 题库",
                "company_id": self.company.id,
                "occupation_id": self.milling.id,
                "level_id": self.levels[4].id,
                "question_count": 420,
            }
        )
        with self.assertRaisesRegex(
            UserError, "(?s)题库 铣工 四级 题库 不能认证（第五条第（六）项）.*题量 420 题"
        ):
            bank.action_certify()
        self.env["skill.cert.pilot.filing"].create(
            {
                "name": "试点备案（铣工）",
                "company_id": self.company.id,
                "filing_date": "2023-09-01",
                "period_start": "2023-09-01",
                "period_end": "2028-08-31",
                "scope_ids": [
                    Command.create(
                        {"occupation_id": self.milling.id, "level_id": self.levels[4].id}
                    )
                ],
            }
        ).action_confirm()
        plan = self.create_plan(occupation_id=self.milling.id)
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
        plan = plan.with_env(officer_env)
        with self.assertRaisesRegex(
            UserError,
            f"认定计划 {plan.name}：6-18-01-02 铣工 四级/中级工 没有已公示的收费标准（第十二条）",
        ):
            plan.action_open_registration()

    def test_eligibility_reason_in_chinese(self):
        subsidiary = self.env["res.partner"].create({"name": "南浔精工", "is_company": True})
        self.candidates[0].write(
            {
                "skill_cert_employment_category": "subsidiary",
                "skill_cert_subsidiary_id": subsidiary.id,
            }
        )
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, self.candidates[0])
        registration.with_context(lang="zh_CN")._check_eligibility()
        self.assertIn(
            "所在子公司南浔精工不在备案子公司名单中（第六条）", registration.eligibility_notes
        )

    def test_records_read_in_the_readers_language(self):
        self.company.write({"skill_cert_contact_name": "王强"})
        self.company.write({"skill_cert_contact_name": "李娜"})
        Change = self.env["skill.cert.company.change"]
        change = Change.search([("company_id", "=", self.company.id)])
        self.assertEqual(change.field_name, "skill_cert_contact_name")
        self.assertRegex(
            change.with_context(lang="zh_CN").display_name, "^认定工作联系人 于 .+ 变更$"
        )
        self.assertRegex(change.with_context(lang="en_US").display_name, "^Certification Contact")
        fee = self.fee_standards.filtered(lambda f: f.level_id == self.levels[4])
        self.assertRegex(
            fee.with_context(lang="zh_CN").display_name, "^6-18-01-01 车工 四级/中级工："
        )
        self.assertIn("0.00", fee.display_name)


@tagged("post_install", "-at_install")
class TestAllowanceCondition(PlanCommon):
    """Article 5(3): a plan is filed only by an enterprise whose skill allowance policy
    in force pays at least the reference amounts."""

    def file(self, plan):
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()

    def test_no_plan_filed_below_the_reference(self):
        policy = self.env["skill.cert.allowance.policy"].search(
            [("company_id", "=", self.company.id)]
        )
        policy.line_ids.filtered(lambda line: line.level_grade == 2).amount = 150
        plan = self.create_plan()
        with self.assertRaisesRegex(UserError, "技能等级津贴制度.*Article 5\\(3\\).*二级/技师"):
            self.file(plan)
        self.assertEqual(plan.state, "draft")
        policy.line_ids.filtered(lambda line: line.level_grade == 2).amount = 200
        self.file(plan)
        self.assertEqual(plan.state, "filed")

    def test_no_plan_filed_without_a_policy_in_force(self):
        policy = self.env["skill.cert.allowance.policy"].search(
            [("company_id", "=", self.company.id)]
        )
        policy.date_to = "2025-12-31"
        plan = self.create_plan()
        with self.assertRaisesRegex(UserError, f"{self.company.name}.*no skill allowance policy"):
            self.file(plan)
        self.assertEqual(plan.state, "draft")


@tagged("post_install", "-at_install")
class TestEmploymentCategoryConditions(PlanCommon):
    """Article 6 in the qualification review: subsidiary staff only of the subsidiaries
    filed; dispatched workers only while they are at most 10% of the staff."""

    def test_subsidiary_staff_of_filed_subsidiaries_only(self):
        subsidiary = self.env["res.partner"].create({"name": "南浔精工子公司", "is_company": True})
        worker = self.candidates[0]
        worker.write(
            {
                "skill_cert_employment_category": "subsidiary",
                "skill_cert_subsidiary_id": subsidiary.id,
            }
        )
        plan = self.create_plan()
        self.to_registration(plan)
        registration = self.register(plan, worker)
        self.assertFalse(registration.is_eligible)
        self.assertIn("南浔精工子公司", registration.eligibility_notes)
        self.assertIn("Article 6", registration.eligibility_notes)
        self.company.skill_cert_subsidiary_ids = subsidiary
        registration._check_eligibility()
        self.assertTrue(registration.is_eligible, registration.eligibility_notes)

    def test_dispatched_workers_above_ten_percent(self):
        agency = self.env["res.partner"].create({"name": "湖州人力派遣公司", "is_company": True})
        workers = self.candidates[:2]
        workers.write(
            {
                "skill_cert_employment_category": "dispatched",
                "skill_cert_dispatch_agency_id": agency.id,
            }
        )
        self.assertFalse(self.company.skill_cert_dispatched_within_limit)
        self.dispatch_documents(agency).action_confirm()
        plan = self.create_plan()
        self.to_registration(plan)
        registrations = self.register(plan, self.candidates[:3])
        dispatched = registrations.filtered(lambda r: r.employee_id in workers)
        self.assertEqual(dispatched.mapped("is_eligible"), [False, False])
        self.assertRegex(dispatched[0].eligibility_notes, r"\d+\.\d%.*10%.*Article 6")
        self.assertTrue((registrations - dispatched).is_eligible)
        workers[1].skill_cert_employment_category = "own"
        self.company.invalidate_recordset(["skill_cert_dispatched_within_limit"])
        dispatched._check_eligibility()
        self.assertEqual(dispatched.mapped("is_eligible"), [True, True])
