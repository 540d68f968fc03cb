from . import skill_cert_reason_wizard
from . import skill_cert_occupation_import
from . import skill_cert_plan_import
from . import skill_cert_objection_resolve
from . import skill_cert_score_correction_wizard
from . import skill_cert_official_year_load
from . import skill_cert_veto_wizard
