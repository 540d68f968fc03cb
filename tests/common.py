import base64
import datetime
import itertools
from contextlib import contextmanager

from freezegun import freeze_time
from stdnum.cn import ric

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

SCAN = base64.b64encode(b"%PDF-1.4 scan of a certificate")
# Serials of the made-up resident ID numbers of test candidates (unique in a test run).
_ID_SERIALS = itertools.count()


def made_up_id_number():
    """A well-formed ID number, born 1960 onwards, with a sequence code (9xx) that the
    fixtures' hand-written numbers do not use."""
    serial = next(_ID_SERIALS)
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=serial % 12000)
    body = f"330503{birth:%Y%m%d}9{serial // 12000 % 10}{serial % 10}"
    return body + ric.calc_check_digit(body + "0")


class SkillCertCommon(TransactionCase):
    """A company in China with two departments, occupations, employees and one user
    per role of skill certification, plus a second company for multi-company tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        china = cls.env.ref("base.cn")
        cls.company = cls.env["res.company"].create(
            {"name": "南浔示范电机有限公司", "country_id": china.id}
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "另一家试点企业", "country_id": china.id}
        )
        cls.levels = cls.env["hr.skill.type"]._skill_cert_get_levels()
        cls.level_type = cls.env["hr.skill.type"]._skill_cert_get_level_type()
        cls.lathe = cls.env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_01")
        cls.milling = cls.env.ref("l10n_cn_hr_skill_certification.occupation_6_18_01_02")
        cls.welding = cls.env["skill.cert.occupation"].create(
            {"code": "6-18-02-99", "name": "测试准入类职业", "is_access_type": True}
        )

        user = cls.new_user
        group = "l10n_cn_hr_skill_certification.group_skill_cert_"
        cls.user_employee = user("sc_employee", "base.group_user")
        cls.user_colleague = user("sc_colleague", "base.group_user")
        cls.user_examiner = user("sc_examiner", f"base.group_user,{group}examiner")
        cls.user_supervisor = user("sc_supervisor", f"base.group_user,{group}supervisor")
        cls.user_officer = user("sc_officer", f"base.group_user,{group}officer")
        cls.user_manager = user("sc_manager", f"base.group_user,{group}manager")
        cls.user_hr = user("sc_hr", "base.group_user,hr.group_hr_user")
        cls.user_other_officer = user(
            "sc_other_officer", f"base.group_user,{group}officer", cls.other_company
        )

        cls.department = cls.env["hr.department"].create(
            {"name": "机加工车间", "company_id": cls.company.id}
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        cls.employee = Employee.create(
            {
                "name": "张伟",
                "company_id": cls.company.id,
                "department_id": cls.department.id,
                "user_id": cls.user_employee.id,
                "identification_id": "330503198803120014",
            }
        )
        cls.colleague = Employee.create(
            {
                "name": "李娜",
                "company_id": cls.company.id,
                "department_id": cls.department.id,
                "user_id": cls.user_colleague.id,
                "identification_id": "330503199207040020",
            }
        )
        cls.other_employee = (
            cls.env["hr.employee"]
            .with_company(cls.other_company)
            .create({"name": "王强", "company_id": cls.other_company.id})
        )

    @classmethod
    def new_user(cls, login, groups, company=None):
        """A user of ``company`` (the test company by default) only."""
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            name=login,
        )

    def count_queries(self, function):
        """The SQL queries ``function`` runs, caches emptied first."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Like unittest's, but inside Odoo's savepoint (as ``assertRaises`` is), so
        that a refused operation leaves the database as it was for the next step."""
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    @staticmethod
    def certificate_number(grade, serial=1, year=24, letter="Y"):
        """A well-formed number: letter, 12 digits, year, level digit, 6-digit serial."""
        return f"{letter}330503001200{year:02d}{grade}{serial:06d}"

    def certificate_vals(self, employee=None, grade=4, serial=1, occupation=None, **extra):
        return {
            "name": self.certificate_number(grade, serial),
            "employee_id": (employee or self.employee).id,
            "occupation_id": (occupation or self.lathe).id,
            "level_id": self.levels[grade].id,
            "issue_date": "2024-06-28",
            "document": SCAN,
            "document_name": "scan.pdf",
            **extra,
        }

    def create_certificate(self, user=None, **kwargs):
        Certificate = self.env["skill.cert.certificate"]
        if user:
            Certificate = Certificate.with_user(user)
        return Certificate.create(self.certificate_vals(**kwargs))


class PlanCommon(SkillCertCommon):
    """A level-4 lathe-operator plan with staff, sessions and candidates in the
    machining workshop; examiners and supervisors work in the quality department."""

    CANDIDATES = 6

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "l10n_cn_hr_skill_certification.group_skill_cert_"
        user = cls.new_user
        cls.user_officer2 = user("sc_officer2", f"base.group_user,{group}officer")
        cls.user_manager2 = user("sc_manager2", f"base.group_user,{group}manager")
        cls.user_supervisor2 = user("sc_supervisor2", f"base.group_user,{group}supervisor")
        cls.user_examiners = [
            user(f"sc_examiner_{i}", f"base.group_user,{group}examiner") for i in range(2, 5)
        ]
        cls.user_outsider_examiner = user("sc_examiner_outside", f"base.group_user,{group}examiner")
        cls.quality = cls.env["hr.department"].create(
            {"name": "质量部", "company_id": cls.company.id}
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        staff_users = [*cls.user_examiners, cls.user_supervisor, cls.user_supervisor2]
        cls.staff_employees = Employee.create(
            [
                {
                    "name": f"考评督导{index}",
                    "company_id": cls.company.id,
                    "department_id": cls.quality.id,
                    "user_id": staff_user.id,
                }
                for index, staff_user in enumerate(staff_users)
            ]
        )
        cls.examiner_employees = cls.staff_employees[:3]
        cls.supervisor_employees = cls.staff_employees[3:]
        cls.township = cls.env["res.partner"].create({"name": "南浔镇人民政府", "is_company": True})
        # the township's external supervisor: a restricted user of their own
        cls.user_external = user("sc_external", f"base.group_user,{group}external_supervisor")
        cls.external_supervisor = cls.user_external.partner_id
        cls.external_supervisor.write({"name": "镇外督员", "parent_id": cls.township.id})
        cls.candidates = cls.create_candidates(cls.CANDIDATES)
        cls.question_banks, cls.fee_standards = cls.meet_pilot_conditions(cls.lathe)

    @classmethod
    def meet_pilot_conditions(cls, occupation):
        """A skill allowance policy at the reference amounts (Article 5(3)), a certified
        question bank (Article 5(6)) and a published fee (Article 12) for every level of
        ``occupation``."""
        if not cls.env["skill.cert.allowance.policy"].search([("company_id", "=", cls.company.id)]):
            cls.env["skill.cert.allowance.policy"].create(
                {
                    "name": "技能等级津贴制度",
                    "company_id": cls.company.id,
                    "date_from": "2020-01-01",
                }
            )
        cls.env["skill.cert.pilot.filing"].create(
            {
                "name": f"浙人社试点备〔2023〕{occupation.code}号",
                "company_id": cls.company.id,
                "filing_date": "2023-09-01",
                "period_start": "2023-09-01",
                "period_end": "2028-08-31",
                "scope_ids": [
                    Command.create({"occupation_id": occupation.id, "level_id": level.id})
                    for level in cls.levels.values()
                ],
            }
        ).action_confirm()
        banks = cls.env["skill.cert.question.bank"].create(
            [
                {
                    "name": f"{occupation.name} {level.name} 题库",
                    "company_id": cls.company.id,
                    "occupation_id": occupation.id,
                    "level_id": level.id,
                    "question_count": 600,
                    "reviewer_ids": [Command.set(cls.examiner_employees.ids)],
                }
                for level in cls.levels.values()
            ]
        )
        banks.action_certify()
        fees = cls.env["skill.cert.fee.standard"].create(
            [
                {
                    "company_id": cls.company.id,
                    "occupation_id": occupation.id,
                    "level_id": level.id,
                    "amount": 0,
                    "basis": "本企业职工免费",
                    "published_on_authority_site": True,
                    "published_on_company_site": True,
                    "published_at_venue": True,
                }
                for level in cls.levels.values()
            ]
        )
        fees.action_publish()
        return banks, fees

    @classmethod
    def create_candidates(cls, count, department=None, prefix="候选人"):
        return (
            cls.env["hr.employee"]
            .with_company(cls.company)
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"{prefix}{index:04d}",
                        "identification_id": made_up_id_number(),
                        "company_id": cls.company.id,
                        "department_id": (department or cls.department).id,
                        "skill_cert_pension_since": "2020-01-01",
                        "skill_cert_seniority_since": "2010-01-01",
                    }
                    for index in range(count)
                ]
            )
        )

    def create_plan(self, name="330503202603001", grade=4, **vals):
        return (
            self.env["skill.cert.plan"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": name,
                    "company_id": self.company.id,
                    "occupation_id": self.lathe.id,
                    "level_id": self.levels[grade].id,
                    "registration_deadline": "2026-02-27",
                    "exam_date": "2026-03-20",
                    "venue": "南浔示范电机有限公司 培训中心",
                    "township_id": self.township.id,
                    "filing_date": "2026-02-02",
                    "officer_id": self.user_officer.id,
                    "session_ids": [
                        Command.create(
                            {
                                "kind": "theory",
                                "date": "2026-03-20",
                                "room": "培训中心 301 机房",
                                "capacity": 500,
                            }
                        ),
                        Command.create(
                            {
                                "kind": "practical",
                                "date": "2026-03-21",
                                "room": "机加工车间 实操工位",
                                "capacity": 500,
                                "mode": "on_site",
                            }
                        ),
                    ],
                    "staff_ids": [
                        *(
                            Command.create(
                                {
                                    "role": "examiner",
                                    "employee_id": employee.id,
                                    "is_group_leader": not i,
                                }
                            )
                            for i, employee in enumerate(self.examiner_employees)
                        ),
                        *(
                            Command.create(
                                {"role": "internal_supervisor", "employee_id": employee.id}
                            )
                            for employee in self.supervisor_employees
                        ),
                        Command.create(
                            {
                                "role": "external_supervisor",
                                "partner_id": self.external_supervisor.id,
                            }
                        ),
                    ],
                    **vals,
                }
            )
        )

    # The steps of a plan, each done by the user the regulation expects, at a date.
    def to_registration(self, plan):
        with freeze_time("2026-02-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
            plan.with_user(self.user_officer).action_open_registration()

    def proof(self, user=None):
        """A proof document uploaded by ``user`` (one file, linked to as many
        registrations as needed)."""
        return (
            self.env["ir.attachment"]
            .with_user(user or self.user_officer)
            .create({"name": "工作年限证明.pdf", "datas": SCAN})
        )

    def dispatch_documents(self, agency, headcount=5):
        """The Article 6 documents of ``agency``, as the officer records them (draft)."""
        Attachment = self.env["ir.attachment"].with_user(self.user_officer)
        contract = Attachment.create({"name": "劳动合同.pdf", "datas": SCAN})
        receipt = Attachment.create({"name": "银行回单.pdf", "datas": SCAN})
        return (
            self.env["skill.cert.dispatch.agreement"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "派遣协议-001",
                    "company_id": self.company.id,
                    "agency_id": agency.id,
                    "date_from": "2025-01-01",
                    "agreement_document": SCAN,
                    "agreement_document_name": "劳务派遣协议.pdf",
                    "contract_ids": [Command.link(contract.id)],
                    "payment_record_ids": [Command.link(receipt.id)],
                    "payments_bank_stamped": True,
                    "paid_headcount": headcount,
                }
            )
        )

    def register(self, plan, employees=None):
        employees = employees or self.candidates
        proofs = (
            self.env["ir.attachment"]
            .with_user(self.user_officer)
            .create(
                [
                    {"name": f"{employee.name} 工作年限证明.pdf", "datas": SCAN}
                    for employee in employees
                ]
            )
        )
        registrations = (
            self.env["skill.cert.registration"]
            .with_user(self.user_officer)
            .create(
                [
                    {
                        "plan_id": plan.id,
                        "employee_id": employee.id,
                        "proof_attachment_ids": [Command.link(proof.id)],
                    }
                    for employee, proof in zip(employees, proofs, strict=True)
                ]
            )
        )
        with freeze_time("2026-02-20 10:00:00"):
            registrations.action_submit()
        return registrations

    def to_review(self, plan):
        self.to_registration(plan)
        registrations = self.register(plan)
        with freeze_time("2026-02-27 18:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
        return registrations

    def to_candidate_notice(self, plan):
        registrations = self.to_review(plan)
        with freeze_time("2026-03-02 09:00:00"):
            registrations.with_user(self.user_officer).action_approve()
            plan.with_user(self.user_officer).action_publish_candidate_notice()
            plan.with_user(self.user_officer).action_generate_tickets()
        return registrations

    def to_arranged(self, plan):
        registrations = self.to_candidate_notice(plan)
        with freeze_time("2026-03-10 09:00:00"):
            plan.with_user(self.user_officer).action_arrange()
        return registrations

    def fill_form(self, inspection, user, stages=("on_site",), best=True):
        """Score the items of ``stages`` (best or worst option), as ``user``."""
        for line in inspection.line_ids.filtered(lambda line: line.stage in stages):
            options = [float(option) for option in (line.allowed_scores or "").split(",") if option]
            if line.part_ids:
                for part in line.part_ids:
                    part_options = [float(option) for option in part.allowed_scores.split(",")]
                    part.with_user(user).score = max(part_options) if best else min(part_options)
            else:
                line.with_user(user).entered_score = max(options) if best else min(options)

    def internal_form(self, plan):
        return plan.inspection_ids.filtered(lambda i: i.kind == "internal")

    def external_form(self, plan):
        return plan.inspection_ids.filtered(lambda i: i.kind == "external")

    def sign_forms_at_exam(self, plan):
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor)
        internal.with_user(self.user_supervisor).action_sign_on_site()
        external = self.external_form(plan)
        if external:
            self.fill_form(external, self.user_external, stages=("on_site", "after_results"))
            external.with_user(self.user_external).action_sign()
            external.with_user(self.user_supervisor).action_cosign()

    def to_examined(self, plan):
        registrations = self.to_arranged(plan)
        with freeze_time("2026-03-21 17:00:00"):
            self.sign_forms_at_exam(plan)
            registrations.with_user(self.user_officer).write({"attendance": "present"})
            plan.with_user(self.user_officer).action_mark_examined()
        return registrations

    def enter_scores(self, plan, registrations, theory=80.0, practical=75.0, review=70.0):
        examiner = plan.staff_ids.filtered(lambda s: s.role == "examiner")[:1]
        values = {
            "theory_score": theory,
            "practical_score": practical,
            "practical_examiner_id": examiner.id,
        }
        if plan.needs_review_score:
            values.update({"review_score": review, "review_examiner_id": examiner.id})
        registrations.with_user(self.user_officer).write(values)

    def review_scores(self, plan):
        """Submit, check, supervise, initial review and re-review, each by its person."""
        plan.with_user(self.user_officer).action_submit_scores()
        plan.with_user(self.user_officer2).action_check_scores()
        plan.with_user(self.user_supervisor).action_supervise_scores()
        plan.with_user(self.user_officer).action_initial_review()
        plan.with_user(self.user_officer2).action_re_review()

    def to_reviewed(self, plan):
        registrations = self.to_examined(plan)
        with freeze_time("2026-03-23 09:00:00"):
            self.enter_scores(plan, registrations)
            self.review_scores(plan)
        return registrations

    def to_result_notice(self, plan):
        registrations = self.to_reviewed(plan)
        with freeze_time("2026-03-24 09:00:00"):
            plan.with_user(self.user_officer).action_publish_result_notice()
        return registrations

    def complete_internal_report(self, plan):
        internal = self.internal_form(plan)
        self.fill_form(internal, self.user_supervisor, stages=("after_results",))
        internal.with_user(self.user_supervisor).action_sign()

    def to_confirmed(self, plan):
        registrations = self.to_result_notice(plan)
        with freeze_time("2026-04-01 09:00:00"):
            self.complete_internal_report(plan)
            plan.with_user(self.user_supervisor).action_supervisor_confirm_results()
            plan.with_user(self.user_manager).action_head_confirm_results()
        return registrations

    def to_numbered(self, plan):
        registrations = self.to_confirmed(plan)
        with freeze_time("2026-04-10 09:00:00"):
            for serial, registration in enumerate(registrations, start=1):
                registration.with_user(
                    self.user_officer
                ).certificate_number = self.certificate_number(
                    plan.level_grade, serial + 100, year=26
                )
            plan.with_user(self.user_officer).action_mark_numbered()
        return registrations
