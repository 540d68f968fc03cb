from . import skill_cert_reason_wizard
from . import skill_cert_occupation_import
