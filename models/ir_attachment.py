from odoo import api, models
from odoo.exceptions import UserError

# Records whose files are their ledger (Article 13): exports, uploads and the chatter's
# files of a plan once it has left the draft.
LEDGER_MODELS = ("skill.cert.plan",)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _skill_cert_ledger_files(self):
        files = self.filtered(
            lambda a: a.res_model in LEDGER_MODELS and a.res_id and not a.res_field
        )
        if not files:
            return files
        # sudo: whether a file belongs to a plan that left the draft is no secret.
        plans = self.env["skill.cert.plan"].sudo().browse(set(files.mapped("res_id"))).exists()
        started = set(plans.filtered(lambda plan: plan.state != "draft").ids)
        return files.filtered(lambda a: a.res_id in started)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_skill_cert_ledger(self):
        ledger = self._skill_cert_ledger_files()
        if ledger:
            raise UserError(
                self.env._(
                    "%(file)s belongs to the record of a certification plan (Article 13) and "
                    "is kept.",
                    file=ledger[0].name,
                )
            )

    def write(self, vals):
        if vals.keys() & {"raw", "datas", "res_model", "res_id", "name", "db_datas"}:
            ledger = self._skill_cert_ledger_files()
            if ledger:
                raise UserError(
                    self.env._(
                        "%(file)s belongs to the record of a certification plan (Article 13) "
                        "and is kept as it is.",
                        file=ledger[0].name,
                    )
                )
        return super().write(vals)
