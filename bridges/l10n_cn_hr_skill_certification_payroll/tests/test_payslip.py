from odoo.addons.l10n_cn_hr_skill_certification.tests.test_allowance import AllowanceCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestSkillAllowancePayslip(AllowanceCommon):
    """The real OCA payroll computes payslips that pay the confirmed allowance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["hr.salary.rule.category"]
        basic = Category.create({"name": "Basic", "code": "BASIC"})
        allowances = Category.create({"name": "Allowance", "code": "ALW"})
        gross = Category.create({"name": "Gross", "code": "GROSS"})
        Category._skill_cert_attach_to_allowances()
        cls.skill_allowance_category = cls.env.ref(
            "l10n_cn_hr_skill_certification_payroll.category_skill_allowance"
        )
        cls.allowances = allowances
        Rule = cls.env["hr.salary.rule"]
        rules = Rule.create(
            [
                {
                    "name": "Basic Salary",
                    "code": "BASIC",
                    "sequence": 1,
                    "category_id": basic.id,
                    "amount_select": "code",
                    "amount_python_compute": "result = contract.wage",
                },
                {
                    "name": "Gross",
                    "code": "GROSS",
                    "sequence": 100,
                    "category_id": gross.id,
                    "amount_select": "code",
                    "amount_python_compute": "result = categories.BASIC + categories.ALW",
                },
            ]
        )
        skill_allowance = cls.env.ref(
            "l10n_cn_hr_skill_certification_payroll.salary_rule_skill_allowance"
        )
        cls.structure = cls.env["hr.payroll.structure"].create(
            {
                "name": "车间工资结构",
                "code": "WORKSHOP",
                "company_id": cls.company.id,
                "rule_ids": [(6, 0, (rules | skill_allowance).ids)],
            }
        )
        cls.employee.version_id.write(
            {"contract_date_start": "2026-01-01", "wage": 5000.0, "struct_id": cls.structure.id}
        )

    def payslip(self, date_from, date_to):
        payslip = (
            self.env["hr.payslip"]
            .with_company(self.company)
            .create({"employee_id": self.employee.id, "date_from": date_from, "date_to": date_to})
        )
        payslip.onchange_employee()
        payslip.compute_sheet()
        return payslip

    @staticmethod
    def amount(payslip, code):
        return sum(payslip.line_ids.filtered(lambda line: line.code == code).mapped("total"))

    def test_skill_allowance_counts_among_the_allowances(self):
        self.assertEqual(self.skill_allowance_category.parent_id, self.allowances)

    def test_payslip_pays_the_confirmed_allowance(self):
        self.certify(self.employee, 3, "2025-01-01")
        self.confirmed("2026-04-01")
        payslip = self.payslip("2026-04-01", "2026-04-30")
        self.assertEqual(self.amount(payslip, "SKILLALW"), 100.0)
        self.assertEqual(self.amount(payslip, "GROSS"), 5100.0)
        allowance_input = payslip.input_line_ids.filtered(lambda line: line.code == "SKILLALW")
        self.assertEqual(allowance_input.amount, 100.0)
        self.assertIn("2026-04", allowance_input.name)

    def test_unconfirmed_month_is_not_paid_and_says_so(self):
        self.certify(self.employee, 3, "2025-01-01")
        self.sheet("2026-04-01")
        payslip = self.payslip("2026-04-01", "2026-04-30")
        self.assertFalse(payslip.line_ids.filtered(lambda line: line.code == "SKILLALW"))
        self.assertEqual(self.amount(payslip, "GROSS"), 5000.0)
        allowance_input = payslip.input_line_ids.filtered(lambda line: line.code == "SKILLALW")
        self.assertIn("not confirmed", allowance_input.name)

    def test_back_pay_reaches_the_payslip(self):
        self.confirmed("2026-04-01")
        self.confirmed("2026-05-01")
        self.certify(self.employee, 4, "2026-03-10")
        self.confirmed("2026-06-01")
        payslip = self.payslip("2026-06-01", "2026-06-30")
        self.assertEqual(self.amount(payslip, "SKILLALW"), 150.0)

    def test_two_contracts_in_the_period_pay_once(self):
        self.certify(self.employee, 3, "2025-01-01")
        self.confirmed("2026-04-01")
        first = self.employee.version_id
        first.contract_date_end = "2026-04-14"
        second = self.employee.create_version(
            {
                "date_version": "2026-04-15",
                "contract_date_start": "2026-04-15",
                "wage": 6000.0,
                "struct_id": self.structure.id,
            }
        )
        payslip = self.payslip("2026-04-01", "2026-04-30")
        inputs = payslip.get_inputs(first | second, payslip.date_from, payslip.date_to)
        allowance_inputs = [row for row in inputs if row["code"] == "SKILLALW"]
        self.assertEqual(len(allowance_inputs), 1)
        self.assertEqual(allowance_inputs[0]["amount"], 100.0)
        self.assertEqual(allowance_inputs[0]["contract_id"], second.id)
