from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

SKILL_ALLOWANCE_CODE = "SKILLALW"


class HrPayslip(models.Model):
    _inherit = "hr.payslip"

    def get_inputs(self, contracts, date_from, date_to):
        """Fill the skill allowance input with what the confirmed allowance sheets pay
        for the months of the payslip's period, on one contract only (the rule is
        computed per contract)."""
        inputs = super().get_inputs(contracts, date_from, date_to)
        rows = [row for row in inputs if row["code"] == SKILL_ALLOWANCE_CODE]
        if not rows or not contracts:
            return inputs
        paying_contract = contracts.sorted(
            lambda contract: contract.contract_date_start or fields.Date.today()
        )[-1]
        amount, label = self.env["skill.cert.allowance.line"]._get_payslip_amount(
            paying_contract.employee_id,
            fields.Date.to_date(date_from),
            fields.Date.to_date(date_to),
        )
        kept = next(row for row in rows if row["contract_id"] == paying_contract.id)
        kept.update({"amount": amount, "name": label})
        return [row for row in inputs if row["code"] != SKILL_ALLOWANCE_CODE or row is kept]

    @api.model
    def _skill_cert_demo_payslip(self, employee_id, structure_id):
        """Demo data: a contract on ``structure_id`` and last month's payslip."""
        employee = self.env["hr.employee"].browse(employee_id)
        payslips = self.with_context(lang=employee.user_id.lang or self.env.lang)
        employee.version_id.write(
            {"contract_date_start": "2020-01-01", "wage": 6500.0, "struct_id": structure_id}
        )
        first_day = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        payslip = payslips.create(
            {
                "employee_id": employee.id,
                "date_from": first_day,
                "date_to": first_day + relativedelta(months=1, days=-1),
            }
        )
        payslip.onchange_employee()
        payslip.compute_sheet()
