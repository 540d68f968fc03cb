from odoo import api, models
from odoo.exceptions import UserError

from ..tools import internal

# Records whose files are their ledger (Article 13): exports, uploads and the chatter's
# files of a plan once it has left the draft.
LEDGER_MODELS = ("skill.cert.plan",)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _index(self, bin_data, file_type, checksum=None):
        # The plan's spreadsheets carry full ID numbers: they are kept, not indexed
        # for full-text search (see also _skill_cert_create_unindexed).
        if internal.is_internal(self, internal.UNINDEXED_FILE):
            return False
        return super()._index(bin_data, file_type, checksum=checksum)

    @api.model
    def _skill_cert_create_unindexed(self, vals):
        """Create an attachment whose content is never full-text indexed, even when a
        module above this one in the inheritance (attachment_indexation) indexes it."""
        attachment = internal.internally(self, internal.UNINDEXED_FILE).create(vals)
        if attachment.index_content:
            # sudo: the column is technical; the creator may only have created the file.
            attachment.sudo().index_content = False
        return attachment

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
