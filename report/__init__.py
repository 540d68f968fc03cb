from . import report_skill_cert_forms
from . import report_annex1
from . import report_annex4
from . import report_annex5
from . import skill_cert_plan_xlsx
from . import skill_cert_plan_odt
from . import skill_cert_allowance_xlsx
from . import report_admission_ticket
