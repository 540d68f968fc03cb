"""Generated files are kept as attachments of their record (the ledger of Article 13)
and downloaded from there."""

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attach_and_download(record, name, data, mimetype):
    """Attach ``data`` to ``record`` under ``name`` (not full-text indexed: the plan's
    files carry ID numbers); return the action downloading it."""
    attachment = record.env["ir.attachment"]._skill_cert_create_unindexed(
        {
            "name": name,
            "raw": data,
            "res_model": record._name,
            "res_id": record.id,
            "mimetype": mimetype,
        }
    )
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "self",
    }
