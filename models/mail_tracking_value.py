from odoo import api, models

from ..tools.masking import mask_id_number

# Fields whose raw value must never reach the chatter, with the masking applied instead.
MASKED_TRACKED_FIELDS = {
    ("hr.version", "identification_id"): mask_id_number,
    ("hr.employee", "identification_id"): mask_id_number,
}


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    @api.model
    def _create_tracking_values(self, initial_value, new_value, col_name, col_info, record):
        mask = MASKED_TRACKED_FIELDS.get((record._name, col_name))
        if mask:
            initial_value = mask(initial_value) if initial_value else initial_value
            new_value = mask(new_value) if new_value else new_value
        return super()._create_tracking_values(initial_value, new_value, col_name, col_info, record)
