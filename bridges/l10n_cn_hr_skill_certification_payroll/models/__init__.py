from . import hr_payslip
from . import hr_salary_rule_category
