import base64

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SkillCertCommon


def csv_file(text):
    return base64.b64encode(text.encode("utf-8-sig"))


@tagged("post_install", "-at_install")
class TestOccupation(SkillCertCommon):
    def test_shipped_occupations_have_skills(self):
        self.assertEqual(self.lathe.code, "6-18-01-01")
        self.assertEqual(self.lathe.skill_id.skill_type_id, self.level_type)
        self.assertEqual(self.lathe.display_name, "6-18-01-01 车工")
        self.assertTrue(self.lathe.is_certifiable)

    def test_five_levels(self):
        names = [self.levels[grade].name for grade in (5, 4, 3, 2, 1)]
        self.assertEqual(
            names, ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"]
        )
        self.assertTrue(self.level_type.is_certification)
        progress = [self.levels[grade].level_progress for grade in (5, 4, 3, 2, 1)]
        self.assertEqual(progress, sorted(progress))

    def test_occupation_code_format(self):
        Occupation = self.env["skill.cert.occupation"]
        for code in ("61801", "6-18-1-01", "", "X-18-01-01"):
            with self.assertRaisesRegex(ValidationError, "format"):
                Occupation.create({"name": "错误编码", "code": code or False})

    def test_work_type_code_and_name(self):
        work_type = self.env["skill.cert.occupation"].create(
            {"name": "数控车工", "parent_id": self.lathe.id, "code": "6-18-01-01-01"}
        )
        self.assertEqual(work_type.skill_id.name, "车工（数控车工）")
        self.assertEqual(work_type.display_name, "6-18-01-01-01 车工（数控车工）")
        with self.assertRaisesRegex(ValidationError, "extend"):
            self.env["skill.cert.occupation"].create(
                {"name": "错工种", "parent_id": self.lathe.id, "code": "6-18-01-02-01"}
            )
        with self.assertRaisesRegex(ValidationError, "belongs to an occupation"):
            self.env["skill.cert.occupation"].create({"name": "孙工种", "parent_id": work_type.id})

    def test_rename_follows_to_skill(self):
        work_type = self.env["skill.cert.occupation"].create(
            {"name": "普通车工", "parent_id": self.milling.id}
        )
        self.milling.name = "铣工（新）"
        self.assertEqual(self.milling.skill_id.name, "铣工（新）")
        self.assertEqual(work_type.skill_id.name, "铣工（新）（普通车工）")

    def test_duplicate_code_refused(self):
        with self.assertRaisesRegex(ValidationError, "6-18-01-01 is already used by 车工"):
            self.env["skill.cert.occupation"].create({"name": "车工2", "code": "6-18-01-01"})

    def test_used_occupation_cannot_be_deleted(self):
        self.create_certificate()
        with self.assertRaisesRegex(ValidationError, "archive"):
            self.lathe.unlink()
        unused = self.env["skill.cert.occupation"].create({"name": "临时", "code": "6-99-99-99"})
        skill = unused.skill_id
        unused.unlink()
        self.assertFalse(skill.exists())

    def test_officer_maintains_occupations_employee_reads(self):
        occupation = (
            self.env["skill.cert.occupation"]
            .with_user(self.user_officer)
            .create({"name": "钳工（测试）", "code": "6-99-99-01"})
        )
        self.assertTrue(occupation.skill_id)
        occupation.with_user(self.user_employee).read(["name"])

    def test_csv_import(self):
        wizard = (
            self.env["skill.cert.occupation.import"]
            .with_user(self.user_officer)
            .create(
                {
                    "file": csv_file(
                        "职业编码,名称,所属职业编码,依据类型,依据名称,准入类\n"
                        "6-99-01-01,测试职业甲,,国家职业技能标准,测试标准,否\n"
                        "6-99-01-01-01,测试工种,6-99-01-01,,,\n"
                        ",无编码工种,6-18-01-01,,,否\n"
                        "6-99-01-02,测试准入职业,,职业技能评价规范,,是\n"
                    )
                }
            )
        )
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 4)
        Occupation = self.env["skill.cert.occupation"]
        first = Occupation.search([("code", "=", "6-99-01-01")])
        self.assertEqual(first.standard_type, "national_standard")
        self.assertEqual(first.child_ids.name, "测试工种")
        self.assertEqual(Occupation.search([("name", "=", "无编码工种")]).parent_id, self.lathe)
        access = Occupation.search([("code", "=", "6-99-01-02")])
        self.assertTrue(access.is_access_type)
        self.assertEqual(access.standard_type, "evaluation_specification")

    def test_csv_import_reports_every_bad_row_and_writes_nothing(self):
        count = self.env["skill.cert.occupation"].search_count([])
        wizard = self.env["skill.cert.occupation.import"].create(
            {
                "file": csv_file(
                    "code,name,parent_code,standard_type,standard_reference,is_access_type\n"
                    "6-99-02-01,好的一行,,,,\n"
                    "61801,坏编码,,,,\n"
                    "6-18-01-01,已存在,,,,\n"
                    "6-99-02-02,,,,,\n"
                    "6-99-02-03,依据错,,随便,,\n"
                    "6-99-02-04,准入错,,,,也许\n"
                    "6-99-02-01,重复,,,,\n"
                    "6-99-03-01-01,孤儿工种,6-99-03-01,,,\n"
                )
            }
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = str(caught.exception)
        for expected in (
            'Row 3, column 职业编码, value "61801"',
            'Row 4, column 职业编码, value "6-18-01-01"',
            "Row 5, column 名称",
            'Row 6, column 依据类型, value "随便"',
            'Row 7, column 准入类, value "也许"',
            'Row 8, column 职业编码, value "6-99-02-01": already given on row 2',
            'Row 9, column 所属职业编码, value "6-99-03-01"',
        ):
            self.assertIn(expected, message)
        self.assertNotIn("Row 2,", message)
        self.assertEqual(self.env["skill.cert.occupation"].search_count([]), count)

    def test_csv_import_refuses_missing_columns_and_bad_encoding(self):
        Import = self.env["skill.cert.occupation.import"]
        with self.assertRaisesRegex(UserError, "no column"):
            Import.create({"file": csv_file("编码,名字\n6-99-01-01,x\n")}).action_import()
        with self.assertRaisesRegex(UserError, "UTF-8"):
            Import.create(
                {"file": base64.b64encode("职业编码,名称\n".encode("gbk"))}
            ).action_import()
