from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PlanCommon

# The State Council notice of a made-up 2027, as it prints it (one line per holiday).
NOTICE_2027 = """一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月12日（周六）至14日（周一）放假，共3天。
六、中秋节：9月15日至17日放假，共3天。
七、国庆节：2027-10-01至2027-10-07放假调休；2027-09-26、2027-10-09上班
"""


@tagged("post_install", "-at_install")
class TestWorkingDays(PlanCommon):
    """Notices last 5 official working days: the State Council's holidays and adjusted
    working days (调休) count, the day of publication does not (Civil Code Art. 201)."""

    def end_date(self, start):
        return self.env["skill.cert.official.year"]._add_working_days(start, 5)

    def load_2027(self, text=NOTICE_2027, reference="国办发明电〔2026〕7号"):
        wizard = (
            self.env["skill.cert.official.year.load"]
            .with_user(self.user_manager)
            .create({"year": 2027, "reference": reference, "text": text})
        )
        self.assertFalse(wizard.problem)
        wizard.action_confirm()
        return wizard

    def test_ordinary_week(self):
        # Monday -> the next Monday
        self.assertEqual(self.end_date(date(2026, 3, 2)), date(2026, 3, 9))

    def test_spring_festival_2026(self):
        # Thu 12 Feb; Sat 14 Feb is an adjusted working day; 15-23 Feb are holidays
        self.assertEqual(self.end_date(date(2026, 2, 12)), date(2026, 2, 26))

    def test_national_day_2025(self):
        # Fri 26 Sep; Sun 28 Sep is an adjusted working day; 1-8 Oct are holidays
        self.assertEqual(self.end_date(date(2025, 9, 26)), date(2025, 10, 10))

    def test_national_day_2026(self):
        # Wed 30 Sep; 1-7 Oct are holidays; Sat 10 Oct is an adjusted working day
        self.assertEqual(self.end_date(date(2026, 9, 30)), date(2026, 10, 13))
        # Fri 18 Sep; Sun 20 Sep is an adjusted working day
        self.assertEqual(self.end_date(date(2026, 9, 18)), date(2026, 9, 24))

    def test_unloaded_year_refused(self):
        with self.assertRaisesRegex(UserError, "2027 is not loaded"):
            self.end_date(date(2026, 12, 28))

    def test_year_entered_by_hand_counts_once_confirmed(self):
        year = (
            self.env["skill.cert.official.year"]
            .with_user(self.user_manager)
            .create(
                {
                    "year": 2027,
                    "day_ids": [
                        (
                            0,
                            0,
                            {"date": "2027-01-01", "day_type": "holiday", "holiday_name": "元旦"},
                        ),
                        (
                            0,
                            0,
                            {"date": "2027-01-04", "day_type": "holiday", "holiday_name": "元旦"},
                        ),
                        (
                            0,
                            0,
                            {"date": "2027-01-09", "day_type": "workday", "holiday_name": "元旦"},
                        ),
                    ],
                }
            )
        )
        self.assertEqual(year.state, "draft")
        with self.assertRaisesRegex(UserError, "2027 is not loaded"):
            self.end_date(date(2026, 12, 28))
        with self.assertRaisesRegex(UserError, "reference of the State Council notice"):
            year.with_user(self.user_manager).action_confirm()
        year.reference = "测试用放假安排"
        with self.assertRaises(UserError):
            year.with_user(self.user_officer).action_confirm()
        year.with_user(self.user_manager).action_confirm()
        self.assertEqual((year.state, year.confirmed_by_id), ("confirmed", self.user_manager))
        # Mon 28 Dec 2026: 29, 30, 31 Dec, (1 Jan holiday, weekend, 4 Jan holiday), 5, 6 Jan
        self.assertEqual(self.end_date(date(2026, 12, 28)), date(2027, 1, 6))
        # a confirmed year's days change only by loading it again, or back in draft
        with self.assertRaisesRegex(UserError, "is confirmed"):
            year.day_ids[0].with_user(self.user_manager).day_type = "workday"
        with self.assertRaisesRegex(UserError, "is confirmed"):
            year.day_ids[0].with_user(self.user_manager).unlink()
        with self.assertRaisesRegex(UserError, "with its buttons"):
            year.with_user(self.user_manager).write({"state": "draft"})
        year.with_user(self.user_manager).action_reset_to_draft()
        with self.assertRaisesRegex(UserError, "2027 is not loaded"):
            self.end_date(date(2026, 12, 28))

    def test_empty_year_cannot_be_confirmed(self):
        year = (
            self.env["skill.cert.official.year"]
            .with_user(self.user_manager)
            .create({"year": 2027, "reference": "国办发明电〔2026〕99号"})
        )
        with self.assertRaisesRegex(UserError, "has no public holiday"):
            year.action_confirm()
        # nor with adjusted working days only
        year.write({"day_ids": [(0, 0, {"date": "2027-01-09", "day_type": "workday"})]})
        with self.assertRaisesRegex(UserError, "has no public holiday"):
            year.action_confirm()
        with self.assertRaisesRegex(UserError, "2027 is not loaded"):
            self.end_date(date(2026, 12, 28))

    def test_count_refused_only_when_it_reaches_the_unloaded_year(self):
        """1 December 2026 (the bug of issue 11): the 5 working days end in December, so
        the notice runs though 2027 is not loaded; from 24 December on they reach 2027."""
        self.assertEqual(self.end_date(date(2026, 12, 1)), date(2026, 12, 8))
        self.assertEqual(self.end_date(date(2026, 11, 24)), date(2026, 12, 1))
        self.assertEqual(self.end_date(date(2026, 12, 23)), date(2026, 12, 30))
        self.assertEqual(self.end_date(date(2026, 12, 24)), date(2026, 12, 31))
        with self.assertRaisesRegex(UserError, "2027 is not loaded.*past 2026-12-31"):
            self.end_date(date(2026, 12, 25))

    def test_notice_published_on_1_december(self):
        plan = self.create_plan(registration_deadline="2026-11-27", exam_date="2026-12-30")
        with freeze_time("2026-11-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
            plan.with_user(self.user_officer).action_open_registration()
        registrations = self.register(plan)
        # 20:00 UTC on 30 November is already 1 December in Shanghai
        with freeze_time("2026-11-30 20:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
            registrations.with_user(self.user_officer).action_approve()
            plan.with_user(self.user_officer).action_publish_candidate_notice()
        notice = plan.notice_ids
        self.assertEqual(notice.start_date, date(2026, 12, 1))
        self.assertEqual(notice.end_date, date(2026, 12, 8))

    def test_only_managers_edit_the_arrangement(self):
        year = self.env["skill.cert.official.year"].search([("year", "=", 2026)])
        self.assertEqual(year.source, "library")
        self.assertEqual(year.workday_count, 6)
        day = year.day_ids.filtered(lambda d: d.date == date(2026, 2, 14))
        self.assertEqual(day.day_type, "workday")
        self.assertEqual(day.holiday_name, "春节")
        with self.assertRaises(AccessError):
            day.with_user(self.user_officer).day_type = "holiday"

    def test_notice_published_before_new_year_refused(self):
        plan = self.create_plan(registration_deadline="2026-12-01", exam_date="2026-12-30")
        with freeze_time("2026-11-02 10:00:00"):
            plan.with_user(self.user_manager).action_file()
            plan.with_user(self.user_officer).action_open_registration()
        registrations = self.register(plan)
        with freeze_time("2026-12-28 10:00:00"):
            plan.with_user(self.user_officer).action_close_registration()
            registrations.with_user(self.user_officer).action_approve()
            with self.assertRaisesRegex(UserError, "2027"):
                plan.with_user(self.user_officer).action_publish_candidate_notice()
        self.assertEqual(plan.state, "review")
        self.assertFalse(plan.notice_ids)

    def test_settings_say_until_when_notices_can_be_counted(self):
        with freeze_time("2026-11-30 20:00:00"):
            settings = self.env["res.config.settings"].create({})
            self.assertEqual(settings.skill_cert_notices_countable_until, date(2026, 12, 31))
            self.assertFalse(settings.skill_cert_next_year_confirmed)
            self.load_2027()
            settings = self.env["res.config.settings"].create({})
            self.assertEqual(settings.skill_cert_notices_countable_until, date(2027, 12, 31))
            self.assertTrue(settings.skill_cert_next_year_confirmed)

    def test_shanghai_date_not_server_date(self):
        # 17:00 UTC on Sunday 1 March is 01:00 on Monday 2 March in Shanghai
        with freeze_time("2026-03-01 17:00:00"):
            self.assertEqual(self.env["skill.cert.official.year"]._today(), date(2026, 3, 2))


@tagged("post_install", "-at_install")
class TestLoadingAYear(PlanCommon):
    """A manager loads next year's arrangement in a minute: pasted as the notice prints
    it, or from the chinese_calendar library; a preview month by month, what changes,
    idempotent reloads; and a reminder from 1 November."""

    def wizard(self, **vals):
        return (
            self.env["skill.cert.official.year.load"]
            .with_user(self.user_manager)
            .create({"year": 2027, "reference": "国办发明电〔2026〕7号", **vals})
        )

    def test_notice_pasted_preview_and_confirm(self):
        wizard = self.wizard(text=NOTICE_2027)
        self.assertFalse(wizard.problem)
        # month by month: days off and working weekends
        self.assertIn("2027-02", wizard.preview)
        self.assertIn("6日（六）–14日（日） 春节", wizard.preview)
        self.assertIn("20日（六） 春节", wizard.preview)
        self.assertIn("25日（日） 劳动节", wizard.preview)
        self.assertIn("38 added", wizard.changes)
        wizard.action_confirm()
        year = self.env["skill.cert.official.year"].search([("year", "=", 2027)])
        self.assertEqual(
            (year.state, year.source, year.reference),
            ("confirmed", "notice", "国办发明电〔2026〕7号"),
        )
        self.assertEqual((year.holiday_count, year.workday_count), (33, 5))
        self.assertIn("38 added", year.message_ids[:1].body)
        # Thu 24 Dec 2026: 25, 28, 29, 30, 31 Dec; Fri 25 Dec reaches 4 Jan 2027
        self.assertEqual(
            self.env["skill.cert.official.year"]._add_working_days(date(2026, 12, 25), 5),
            date(2027, 1, 4),
        )

    def test_reload_is_idempotent_and_shows_what_changed(self):
        self.wizard(text=NOTICE_2027).action_confirm()
        year = self.env["skill.cert.official.year"].search([("year", "=", 2027)])
        days = year.day_ids
        again = self.wizard(text=NOTICE_2027)
        self.assertIn("no change", again.changes)
        again.action_confirm()
        self.assertEqual(year.day_ids, days)  # the same records, untouched
        # the notice corrected: National Day moved by one day
        corrected = NOTICE_2027.replace("2027-10-07放假", "2027-10-08放假").replace(
            "、2027-10-09上班", "上班"
        )
        wizard = self.wizard(text=corrected)
        self.assertIn("1 added: 2027-10-08", wizard.changes)
        self.assertIn("1 removed: 2027-10-09", wizard.changes)
        wizard.action_confirm()
        self.assertEqual(year.holiday_count, 34)
        self.assertEqual(year.workday_count, 4)
        self.assertEqual(year.state, "confirmed")

    def test_unreadable_lines_are_named(self):
        for text, expected in (
            ("元旦 放假三天", "Line 1 .*no days off found"),
            ("元旦：1月1日至3日放假\n春节：2月30日放假", "Line 2 .*does not exist"),
            ("国庆节：10月1日至20日放假", "20 days off in a row"),
            ("春节：2月6日至14日放假。2月17日（周三）上班。", "is a weekday"),
            ("春节：2月6日至14日放假。2月13日上班。", "both as a day off and as a working day"),
            ("元旦：2026-01-01至2026-01-03放假", "No day off of the text falls in 2027"),
        ):
            with self.subTest(text=text):
                wizard = self.wizard(text=text)
                self.assertRegex(wizard.problem, expected)
                self.assertFalse(wizard.preview)
                with self.assertRaisesRegex(UserError, expected):
                    wizard.action_confirm()
        self.assertFalse(self.env["skill.cert.official.year"].search([("year", "=", 2027)]))

    def test_reference_required_for_a_notice(self):
        wizard = self.wizard(text=NOTICE_2027, reference=False)
        with self.assertRaisesRegex(UserError, "reference of the State Council notice"):
            wizard.action_confirm()
        self.assertFalse(self.env["skill.cert.official.year"].search([("year", "=", 2027)]))

    def test_uploaded_text_file(self):
        import base64  # noqa: PLC0415

        wizard = self.wizard(file=base64.b64encode(NOTICE_2027.encode("gb18030")))
        wizard._onchange_file()
        self.assertEqual(wizard.text, NOTICE_2027)
        self.assertFalse(wizard.problem)

    def test_library_year_in_one_button(self):
        """The installed chinese_calendar knows 2026: one button fills the wizard; a
        library year needs no reference; loading it over the seeded year changes
        nothing."""
        wizard = self.wizard(year=2026, reference=False)
        self.assertTrue(wizard.library_knows_year)
        wizard.action_load_library()
        self.assertEqual(wizard.source, "library")
        self.assertIn("2026-02-15至2026-02-23放假", wizard.text)
        self.assertIn("no change", wizard.changes)
        wizard.action_confirm()
        year = self.env["skill.cert.official.year"].search([("year", "=", 2026)])
        self.assertEqual((year.state, year.source), ("confirmed", "library"))
        unknown = self.wizard()
        self.assertFalse(unknown.library_knows_year)
        with self.assertRaisesRegex(UserError, "does not know 2027"):
            unknown.action_load_library()

    def test_only_managers_load(self):
        with self.assertRaises(AccessError):
            self.env["skill.cert.official.year.load"].with_user(self.user_officer).create(
                {"year": 2027, "text": NOTICE_2027}
            )
        wizard = self.wizard(text=NOTICE_2027)
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_officer).action_confirm()

    def test_seeded_library_years_are_confirmed(self):
        years = self.env["skill.cert.official.year"].search([("year", ">=", 2020)])
        self.assertTrue(years)
        self.assertEqual(set(years.mapped("state")), {"confirmed"})
        self.assertEqual(set(years.mapped("source")), {"library"})

    def test_managers_reminded_from_1_november(self):
        Year = self.env["skill.cert.official.year"]
        activity_type = self.env.ref(
            "l10n_cn_hr_skill_certification.mail_activity_load_official_year"
        )

        def reminders():
            return self.env["mail.activity"].search(
                [("activity_type_id", "=", activity_type.id), ("res_model", "=", Year._name)]
            )

        # 31 October 16:30 UTC is already 1 November in Shanghai
        with freeze_time("2026-10-31 15:30:00"):
            Year._cron_remind_next_year()
        self.assertFalse(reminders())
        with freeze_time("2026-10-31 16:30:00"):
            Year._cron_remind_next_year()
            Year._cron_remind_next_year()  # daily: one activity per manager, not two
        self.assertIn(self.user_manager, reminders().user_id)
        self.assertNotIn(self.user_officer, reminders().user_id)
        self.assertEqual(len(reminders().filtered(lambda a: a.user_id == self.user_manager)), 1)
        year_2027 = Year.search([("year", "=", 2027)])
        self.assertEqual(year_2027.state, "draft")
        with freeze_time("2026-11-30 20:00:00"):
            self.wizard(text=NOTICE_2027).action_confirm()
        self.assertFalse(reminders())  # done once the year is confirmed
