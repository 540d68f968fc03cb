from . import test_access_rights
from . import test_certificate
from . import test_employee_identity
from . import test_i18n
from . import test_masking
from . import test_occupation
from . import test_plan_flow
