import base64
import datetime
from contextlib import contextmanager

from odoo import api, models
from odoo.fields import Command
from odoo.tools import file_open

from ..tools.dates import replaying, shanghai_today
from ..tools.roles import MODULE
from ..tools.scores import parse_allowed

DAY = datetime.timedelta(days=1)
VENUE = "南浔示范电机有限公司 培训中心（理论：301 机房；实操：车间实操工位）"


class SkillCertDemo(models.AbstractModel):
    """The demo data's history, made by running the workflow.

    Every plan of the demo is driven through the same ``action_*`` methods as in real
    use, each step by the user whose role it is, at the step's own date (the dates are
    replayed: see ``tools.dates.replaying``). So the demo can never contradict a rule:
    a notice ends when the official calendar says, the supervisor who signs is a
    supervisor of the plan, the head who confirms is not.

    Plans: 车工四级 of 2024, closed (certificates issued); 铣工四级, in its candidate
    notice with an objection to resolve; 电工四级, at its exam today, the supervision
    forms waiting for the supervisors; 车工三级, open for registration; 电工三级, a draft.
    """

    _name = "skill.cert.demo"
    _description = "Skill Certification Demo History"

    @api.model
    def _load(self):
        lang = self.env["res.lang"]._lang_get("zh_CN")
        users = self._users()
        users_all = self.env["res.users"].browse([user.id for user in users.values()])
        users_all.write({"lang": "zh_CN" if lang and lang.active else "en_US"})
        demo = self.with_context(lang="zh_CN") if lang and lang.active else self
        demo._run(users)

    def _ref(self, xmlid):
        return self.env.ref(f"{MODULE}.{xmlid}")

    def _users(self):
        names = ("kaowu", "kaowu2", "fuzeren", "dudao", "waidu", "kaoping", "zhang_wei", "xinchou")
        return {name: self._ref(f"user_{name}") for name in names}

    def _today(self):
        """The demo's "today": today, or the last day the official calendar can count
        5 working days from, so that the demo installs whatever year it is."""
        Year = self.env["skill.cert.official.year"]
        last = (
            Year.search([("state", "=", "confirmed")], order="year desc", limit=1).year
            or shanghai_today().year
        )
        return min(shanghai_today(), datetime.date(last, 12, 15))

    def _workday(self, day):
        """``day``, or the official working day before it (nobody files on a Sunday)."""
        Year = self.env["skill.cert.official.year"]
        special = Year._get_special_days(day - 20 * DAY, day)
        while not Year._is_working_day(day, special):
            day -= DAY
        return day

    @contextmanager
    def _on(self, day):
        """Run the code inside on ``day``; the chatter it writes is dated that day."""
        Message = self.env["mail.message"].sudo()
        last_id = Message.search([], order="id desc", limit=1).id
        with replaying(day):
            yield
            # The tracking of the step is written at commit: write it now, on its day.
            self.env.flush_all()
            self.env.cr.precommit.run()
        self.env.flush_all()
        Message.search([("id", ">", last_id)]).write(
            {"date": datetime.datetime.combine(day, datetime.time(1, 30))}
        )

    def _run(self, u):
        today = self._today()
        company = self.env.ref("base.main_company")
        self._pilot_conditions(u)
        self._closed_plan(u, company)
        self._plan_in_notice(u, company, today)
        self._plan_at_exam(u, company, today)
        self._plan_open_for_registration(u, company, today)
        self._draft_plan(u, company, today)
        self._revocation(u)
        self._portal_worker(u)
        # The allowance: the last months confirmed, this month generated (at today).
        self.env["skill.cert.allowance.sheet"]._demo_run_recent_months(company.id, u["xinchou"].id)

    # ------------------------------------------------------------------
    # The pilot's conditions, certified and published at their dates
    # ------------------------------------------------------------------

    def _pilot_conditions(self, u):
        self._pilot_filing(u)
        self._dispatch_documents(u)
        dates = {
            "question_bank_lathe_4": datetime.date(2024, 3, 15),
            "question_bank_milling_4": datetime.date(2026, 9, 20),
            "question_bank_electrician_4": datetime.date(2026, 9, 20),
        }
        for xmlid, day in dates.items():
            with self._on(day):
                self._ref(xmlid).with_user(u["kaowu"]).action_certify()
        fees = {
            "fee_standard_lathe_4": datetime.date(2024, 3, 1),
            "fee_standard_lathe_3": datetime.date(2026, 9, 1),
            "fee_standard_milling_4": datetime.date(2026, 9, 1),
            "fee_standard_electrician_4": datetime.date(2026, 9, 1),
        }
        for xmlid, day in fees.items():
            with self._on(day):
                self._ref(xmlid).with_user(u["kaowu"]).action_publish()

    def _pilot_filing(self, u):
        """The township's filing of the pilot (Article 2): 车工 and 电工 levels 4 and 3,
        铣工 level 4, for five years; the officer reviews the Article 5 conditions."""
        levels = self.env["hr.skill.type"]._skill_cert_get_levels()
        scope = [
            ("occupation_6_18_01_01", 4),
            ("occupation_6_18_01_01", 3),
            ("occupation_6_18_01_02", 4),
            ("occupation_6_31_01_03", 4),
            ("occupation_6_31_01_03", 3),
        ]
        manager = u["fuzeren"]
        with self._on(datetime.date(2023, 9, 1)):
            filing = (
                self.env["skill.cert.pilot.filing"]
                .with_user(manager)
                .create(
                    {
                        "name": "南浔人社试点备〔2023〕12号",
                        "company_id": self.env.ref("base.main_company").id,
                        "filing_date": datetime.date(2023, 9, 1),
                        "period_start": datetime.date(2023, 9, 1),
                        "period_end": datetime.date(2028, 8, 31),
                        "scope_ids": [
                            Command.create(
                                {"occupation_id": self._ref(xmlid).id, "level_id": levels[grade].id}
                            )
                            for xmlid, grade in scope
                        ],
                    }
                )
            )
            filing.action_confirm()
        Condition = self.env["skill.cert.pilot.condition"]
        company = self.env.ref("base.main_company")
        Condition._ensure_for(company)
        with self._on(datetime.date(2026, 9, 1)):
            Condition.with_user(u["kaowu"]).search(
                [("company_id", "=", company.id)]
            ).action_mark_reviewed()

    def _dispatch_documents(self, u):
        """Article 6: the agency's agreement, the two workers' contracts and the stamped
        payment record, confirmed by the officer before they register."""
        scan = base64.b64encode(
            file_open(f"{MODULE}/static/demo/certificate_scan.png", "rb").read()
        )

        def attachment(name):
            return Command.create(
                {"name": name, "datas": scan, "res_model": "skill.cert.dispatch.agreement"}
            )

        with self._on(datetime.date(2024, 1, 5)):
            agreement = (
                self.env["skill.cert.dispatch.agreement"]
                .with_user(u["kaowu"])
                .create(
                    {
                        "name": "湖人派〔2024〕003号",
                        "company_id": self.env.ref("base.main_company").id,
                        "agency_id": self._ref("partner_dispatch_agency").id,
                        "date_from": datetime.date(2024, 1, 1),
                        "date_to": datetime.date(2027, 12, 31),
                        "agreement_document": scan,
                        "agreement_document_name": "劳务派遣协议.png",
                        "contract_ids": [
                            attachment(f"{self._ref(xmlid).name} 劳动合同.png")
                            for xmlid in ("employee_zhao_lei", "employee_huang_li")
                        ],
                        "payment_record_ids": [attachment("派遣费用银行回单（2026 年 11 月）.png")],
                        "payments_bank_stamped": True,
                        "paid_headcount": 2,
                    }
                )
            )
            agreement.action_confirm()

    # ------------------------------------------------------------------
    # Helpers: a plan and its steps, as the roles do them
    # ------------------------------------------------------------------

    def _create_plan(self, u, company, day, name, occupation, grade, exam_day, **extra):
        employee = self._ref
        levels = self.env["hr.skill.type"]._skill_cert_get_levels()
        examiners = extra.pop("examiners")
        supervisors = extra.pop("supervisors", ("employee_wang_qiang", "employee_qian_fang"))
        staff = [
            Command.create(
                {"role": "examiner", "employee_id": employee(xmlid).id, "is_group_leader": not i}
            )
            for i, xmlid in enumerate(examiners)
        ]
        staff += [
            Command.create({"role": "internal_supervisor", "employee_id": employee(xmlid).id})
            for xmlid in supervisors
        ]
        staff.append(
            Command.create({"role": "external_supervisor", "partner_id": u["waidu"].partner_id.id})
        )
        with self._on(day):
            return (
                self.env["skill.cert.plan"]
                .with_user(u["kaowu"])
                .create(
                    {
                        "name": name,
                        "company_id": company.id,
                        "occupation_id": self._ref(occupation).id,
                        "level_id": levels[grade].id,
                        "exam_date": exam_day,
                        "venue": VENUE,
                        "township_id": self._ref("partner_township").id,
                        "officer_id": u["kaowu"].id,
                        "session_ids": [
                            Command.create(
                                {
                                    "kind": "theory",
                                    "date": exam_day,
                                    "time_start": 9.0,
                                    "time_end": 10.5,
                                    "room": "培训中心 301 机房",
                                    "capacity": 40,
                                }
                            ),
                            Command.create(
                                {
                                    "kind": "practical",
                                    "date": exam_day,
                                    "time_start": 13.5,
                                    "time_end": 16.5,
                                    "room": "车间实操工位",
                                    "capacity": 20,
                                    "mode": "on_site",
                                }
                            ),
                        ],
                        "staff_ids": staff,
                        **extra,
                    }
                )
            )

    def _register_candidates(self, u, plan, day, employees):
        scan = base64.b64encode(
            file_open(f"{MODULE}/static/demo/certificate_scan.png", "rb").read()
        )
        Registration = self.env["skill.cert.registration"].with_user(u["kaowu"])
        with self._on(day):
            registrations = Registration.create(
                [
                    {
                        "plan_id": plan.id,
                        "employee_id": self._ref(xmlid).id,
                        "proof_attachment_ids": [
                            Command.create(
                                {
                                    "name": f"{self._ref(xmlid).name} 工作年限证明.png",
                                    "datas": scan,
                                    "res_model": "skill.cert.registration",
                                }
                            )
                        ],
                    }
                    for xmlid in employees
                ]
            )
            registrations.action_submit()
        return registrations

    def _to_candidate_notice(self, u, plan, days, candidates, rejected=None):
        """Filed, registration open and closed, reviewed, notice published."""
        with self._on(days["file"]):
            plan.with_user(u["fuzeren"]).action_file()
        with self._on(days["open"]):
            plan.with_user(u["kaowu"]).action_open_registration()
        registrations = self._register_candidates(u, plan, days["register"], candidates)
        if rejected:
            registrations |= self._register_candidates(u, plan, days["register"], rejected)
        with self._on(days["close"]):
            plan.with_user(u["kaowu"]).action_close_registration()
        with self._on(days["notice"]):
            officer_registrations = registrations.with_user(u["kaowu"])
            eligible = officer_registrations.filtered("is_eligible")
            eligible.action_approve()
            for registration in officer_registrations - eligible:
                registration._do_reject(registration.eligibility_notes)
            plan.with_user(u["kaowu"]).action_publish_candidate_notice()
            plan.with_user(u["kaowu"]).action_generate_tickets()
        return registrations.filtered(lambda r: r.state == "approved")

    def _fill(self, inspection, user, stages, lost=None):
        """The supervisor scores each item of ``stages``: full marks, except ``lost``
        ({item name: score given, with the remark})."""
        lost = lost or {}
        for line in inspection.line_ids.filtered(lambda line: line.stage in stages):
            line = line.with_user(user)
            if line.part_ids:
                for part in line.part_ids.with_user(user):
                    part.score = max(parse_allowed(part.allowed_scores))
            elif line.name in lost:
                score, remark = lost[line.name]
                line.write({"entered_score": score, "remark": remark})
            else:
                line.entered_score = max(parse_allowed(line.allowed_scores))

    def _sign_at_exam(self, u, plan, lost=None):
        internal = plan.inspection_ids.filtered(lambda i: i.kind == "internal")
        external = plan.inspection_ids.filtered(lambda i: i.kind == "external")
        self._fill(internal, u["dudao"], ("on_site",), lost)
        internal.with_user(u["dudao"]).action_sign_on_site()
        self._fill(external, u["waidu"], ("on_site", "after_results"))
        external.with_user(u["waidu"]).action_sign()
        external.with_user(u["dudao"]).action_cosign()
        return internal

    # ------------------------------------------------------------------
    # The plans
    # ------------------------------------------------------------------

    def _portal_worker(self, u):
        """A worker of the closed plan without an internal user, invited to the portal by
        the officer as officers do; demo logins are short, so his becomes ``gongren``."""
        certificate = self.env["skill.cert.certificate"].search(
            [("origin", "=", "plan"), ("state", "=", "valid"), ("employee_id.user_id", "=", False)],
            order="id",
            limit=1,
        )
        employee = certificate.employee_id
        if not employee:
            return
        employee.work_email = employee.work_email or "gongren@example.com"
        employee.with_user(u["kaowu"]).action_skill_cert_invite_portal()
        employee.user_id.write(
            {"login": "gongren", "password": "gongren", "lang": u["zhang_wei"].lang}
        )

    def _closed_plan(self, u, company):
        """车工四级, 2024: from filing to issued certificates."""
        date = datetime.date
        plan = self._create_plan(
            u,
            company,
            date(2024, 3, 25),
            "330503202406001",
            "occupation_6_18_01_01",
            4,
            date(2024, 5, 25),
            registration_deadline=date(2024, 4, 30),
            ticket_prefix="2406",
            examiners=("employee_ma_guoqiang", "employee_sun_lixin", "employee_he_jianhua"),
            supervisors=("employee_wang_qiang", "employee_liu_fang"),
        )
        days = {
            "file": date(2024, 4, 2),
            "open": date(2024, 4, 3),
            "register": date(2024, 4, 20),
            "close": date(2024, 4, 30),
            "notice": date(2024, 5, 6),
        }
        registrations = self._to_candidate_notice(
            u, plan, days, ("employee_chen_jie", "employee_yang_xiuying")
        )
        with self._on(date(2024, 5, 13)):
            plan.with_user(u["kaowu"]).action_arrange()
        with self._on(date(2024, 5, 25)):
            internal = self._sign_at_exam(
                u, plan, lost={"视频监控": (5, "东侧实操工位存在监控盲区，影像欠清晰。")}
            )
            registrations.with_user(u["kaowu"]).write({"attendance": "present"})
            plan.with_user(u["kaowu"]).action_mark_examined()
        examiners = plan.staff_ids.filtered(lambda s: s.role == "examiner")
        scores = {"employee_chen_jie": (82, 78), "employee_yang_xiuying": (71, 55)}
        with self._on(date(2024, 5, 28)):
            for registration in registrations.with_user(u["kaowu"]):
                xmlid = next(x for x in scores if self._ref(x) == registration.employee_id)
                theory, practical = scores[xmlid]
                registration.write(
                    {
                        "theory_score": theory,
                        "practical_score": practical,
                        "practical_examiner_id": examiners[1 if theory > 80 else 2].id,
                    }
                )
            plan.with_user(u["kaowu"]).action_submit_scores()
        with self._on(date(2024, 5, 29)):
            plan.with_user(u["kaowu2"]).action_check_scores()
            plan.with_user(u["dudao"]).action_supervise_scores()
        with self._on(date(2024, 5, 30)):
            plan.with_user(u["kaowu"]).action_initial_review()
        with self._on(date(2024, 5, 31)):
            plan.with_user(u["kaowu2"]).action_re_review()
        with self._on(date(2024, 6, 3)):
            plan.with_user(u["kaowu"]).action_publish_result_notice()
            video = internal.line_ids.filtered(lambda line: line.name == "视频监控")
            rectification = (
                self.env["skill.cert.rectification"]
                .with_user(u["dudao"])
                .create(
                    {
                        "inspection_line_id": video.id,
                        "name": "视频监控：东侧实操工位存在监控盲区，影像欠清晰（失5分）。",
                        "responsible_id": u["kaowu"].id,
                        "due_date": date(2024, 6, 30),
                    }
                )
            )
        closable = plan._current_notice("results").closable_date
        with self._on(closable):
            self._fill(internal, u["dudao"], ("after_results",))
            internal.with_user(u["dudao"]).action_sign()
            plan.with_user(u["dudao"]).action_supervisor_confirm_results()
            plan.with_user(u["fuzeren"]).action_head_confirm_results()
        with self._on(date(2024, 6, 18)):
            rectification.with_user(u["kaowu"]).write(
                {
                    "measures": "增设两路高清摄像头，调整机位角度，覆盖全部实操工位。",
                    "evidence_ids": [
                        Command.create(
                            {
                                "name": "监控整改照片.png",
                                "datas": base64.b64encode(
                                    file_open(
                                        f"{MODULE}/static/demo/certificate_scan.png", "rb"
                                    ).read()
                                ),
                                "res_model": "skill.cert.rectification",
                            }
                        )
                    ],
                }
            )
        with self._on(date(2024, 6, 20)):
            rectification.with_user(u["fuzeren"])._do_close(
                "2024年6月20日复查，监控已全覆盖，影像清晰。"
            )
            passed = plan._passed().with_user(u["kaowu"])
            passed.write({"certificate_number": "Y330503001224244004405"})
            plan.with_user(u["kaowu"]).action_mark_numbered()
        with self._on(date(2024, 6, 28)):
            plan.with_user(u["kaowu"]).action_issue()
        with self._on(date(2024, 6, 30)):
            plan.with_user(u["kaowu"]).action_close()

    def _plan_in_notice(self, u, company, today):
        """铣工四级: its candidate notice runs, with an objection about a candidate."""
        plan = self._create_plan(
            u,
            company,
            self._workday(today - 45 * DAY),
            "330503202611002",
            "occupation_6_18_01_02",
            4,
            today + 21 * DAY,
            registration_deadline=self._workday(today - 10 * DAY),
            examiners=("employee_ma_guoqiang", "employee_he_jianhua", "employee_lin_hai"),
        )
        days = {
            "file": self._workday(today - 40 * DAY),
            "open": self._workday(today - 39 * DAY),
            "register": self._workday(today - 20 * DAY),
            "close": self._workday(today - 10 * DAY),
            "notice": self._workday(today - 2 * DAY),
        }
        registrations = self._to_candidate_notice(
            u,
            plan,
            days,
            ("employee_liu_fang", "employee_chen_jie"),
            rejected=("employee_huang_li",),
        )
        chen_jie = registrations.filtered(lambda r: r.employee_id == self._ref("employee_chen_jie"))
        with self._on(self._workday(today - DAY)):
            self.env["skill.cert.objection"].with_user(u["kaowu"]).create(
                {
                    "notice_id": plan._current_notice("candidates").id,
                    "registration_id": chen_jie.id,
                    "raised_by": "机加工车间职工（实名）",
                    "description": "反映陈杰从事铣工工作时间不足，请核实。",
                }
            )

    def _plan_at_exam(self, u, company, today):
        """电工四级: arranged, the exam is today; the supervisors sign their forms."""
        plan = self._create_plan(
            u,
            company,
            self._workday(today - 60 * DAY),
            "330503202611003",
            "occupation_6_31_01_03",
            4,
            today,
            registration_deadline=self._workday(today - 35 * DAY),
            examiners=("employee_lin_hai", "employee_ma_guoqiang", "employee_he_jianhua"),
        )
        days = {
            "file": self._workday(today - 55 * DAY),
            "open": self._workday(today - 54 * DAY),
            "register": self._workday(today - 45 * DAY),
            "close": self._workday(today - 35 * DAY),
            "notice": self._workday(today - 30 * DAY),
        }
        self._to_candidate_notice(u, plan, days, ("employee_wu_jun", "employee_zheng_xiaoming"))
        with self._on(self._workday(today - 14 * DAY)):
            plan.with_user(u["kaowu"]).action_arrange()

    def _plan_open_for_registration(self, u, company, today):
        """车工三级: registration open; 张伟 may register himself."""
        plan = self._create_plan(
            u,
            company,
            self._workday(today - 10 * DAY),
            "330503202612004",
            "occupation_6_18_01_01",
            3,
            today + 40 * DAY,
            registration_deadline=today + 14 * DAY,
            examiners=("employee_ma_guoqiang", "employee_he_jianhua", "employee_lin_hai"),
        )
        with self._on(self._workday(today - 7 * DAY)):
            plan.with_user(u["fuzeren"]).action_file()
        with self._on(self._workday(today - 6 * DAY)):
            plan.with_user(u["kaowu"]).action_open_registration()

    def _draft_plan(self, u, company, today):
        """电工三级: prepared by the officer, to be filed by the head."""
        self._create_plan(
            u,
            company,
            today - DAY,
            "330503202701001",
            "occupation_6_31_01_03",
            3,
            today + 75 * DAY,
            registration_deadline=today + 45 * DAY,
            examiners=("employee_sun_lixin", "employee_he_jianhua", "employee_lin_hai"),
        )

    def _revocation(self, u):
        certificate = self._ref("certificate_zhao_lei_electrician_4")
        with self._on(shanghai_today()):
            certificate.with_user(u["fuzeren"])._do_revoke(
                "派遣单位核查发现报名材料中的工作年限与实际不符，经企业认定负责人审定予以撤销。"
            )
