from . import controllers
from . import models
from . import report
from . import wizard


def _post_init_hook(env):
    """With demo data, replay the demo plans' history through the workflow, once the
    module (its translations included) is loaded."""
    module = env["ir.module.module"].search([("name", "=", "l10n_cn_hr_skill_certification")])
    if module.demo:
        env["skill.cert.demo"]._load()
