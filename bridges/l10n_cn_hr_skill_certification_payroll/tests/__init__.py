from . import test_payslip
from . import test_i18n
