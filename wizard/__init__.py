from . import skill_cert_certificate_revoke
from . import skill_cert_occupation_import
