"""Internal bypasses that no client can switch on.

A context sent over RPC is JSON: it can carry strings, numbers and lists, never this
module's ``INTERNAL`` object. So a guard that lets a write through only when the context
holds ``INTERNAL`` under its key is open to the addon's own code paths and closed to any
crafted call, as account.move's ``BYPASS_LOCK_CHECK``.
"""

INTERNAL = object()

# The keys, one per guard.
PLAN_STEP = "skill_cert_plan_step"  # a plan's state and step fields, written by its steps
STAFF_CHANGE = "skill_cert_staff_change"  # locked staff, changed by an approved change
SKILL_SYNC = "skill_cert_sync"  # hr_skills rows mirrored from certificates
SIGNING = "skill_cert_signing"  # supervision forms, written by their signatures
NOTICE_STEP = "skill_cert_notice_step"  # published notices, closed by the plan's steps
REGISTRATION_STEP = "skill_cert_registration_step"  # a registration's state and review
OBJECTION_STEP = "skill_cert_objection_step"  # an objection's resolution
OFFICIAL_YEAR = "skill_cert_official_year"  # a year's state, and the days of a confirmed year
UNINDEXED_FILE = "skill_cert_unindexed_file"  # an uploaded file kept without full-text index


def internally(records, *keys):
    """``records`` with the bypasses ``keys`` open."""
    return records.with_context(**dict.fromkeys(keys, INTERNAL))


def is_internal(records, key):
    return records.env.context.get(key) is INTERNAL
