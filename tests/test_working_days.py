from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestWorkingDays(PlanCommon):
    """Notices last 5 official working days: the State Council's holidays and adjusted
    working days (调休) count, the day of publication does not (Civil Code Art. 201)."""

    def end_date(self, start):
        return self.env["skill.cert.official.year"]._add_working_days(start, 5)

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

    def test_year_entered_by_hand_is_used(self):
        self.env["skill.cert.official.year"].with_user(self.user_manager).create(
            {
                "year": 2027,
                "reference": "测试用放假安排",
                "day_ids": [
                    (0, 0, {"date": "2027-01-01", "day_type": "holiday", "holiday_name": "元旦"}),
                    (0, 0, {"date": "2027-01-04", "day_type": "holiday", "holiday_name": "元旦"}),
                    (0, 0, {"date": "2027-01-09", "day_type": "workday", "holiday_name": "元旦"}),
                ],
            }
        )
        # Mon 28 Dec 2026: 29, 30, 31 Dec, (1 Jan holiday, weekend, 4 Jan holiday), 5, 6 Jan
        self.assertEqual(self.end_date(date(2026, 12, 28)), date(2027, 1, 6))

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

    def test_shanghai_date_not_server_date(self):
        # 17:00 UTC on Sunday 1 March is 01:00 on Monday 2 March in Shanghai
        with freeze_time("2026-03-01 17:00:00"):
            self.assertEqual(self.env["skill.cert.official.year"]._today(), date(2026, 3, 2))
