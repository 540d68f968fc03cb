"""Files uploaded into a many2many of attachments before their record is saved belong
to no record, and such a file is its uploader's alone: attaching the user's own loose
uploads to the record they were linked to lets whoever reads the record read them."""


def attach_own_uploads(records, field_name):
    """Attach the current user's loose uploads of ``records[field_name]`` to the record
    (the first, for a file linked to several)."""
    env = records.env
    # sudo: only files the current user uploaded himself, not yet attached to any
    # record, are attached, to the record he linked them to.
    records = records.sudo()
    loose = records[field_name].filtered(lambda a: not a.res_id and a.create_uid.id == env.uid)
    for record in records:
        mine = record[field_name] & loose
        if mine:
            mine.write({"res_model": records._name, "res_id": record.id})
            loose -= mine
