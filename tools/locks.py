"""Two people doing the same step at once: the second waits for the first's rows.

Odoo's ``lock_for_update`` gives up at once (SKIP LOCKED) with a bare "Cannot grab a
lock"; here the second transaction waits, and once the first has committed a change to
those rows PostgreSQL refuses the second with a serialization failure, which Odoo
retries: the retried step then finds the work done and says so with its own reason.
"""

from odoo.tools import SQL


def wait_for_rows(records):
    """Lock the rows of ``records`` for this transaction, waiting for other holders."""
    if records.ids:
        records.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE",
                SQL.identifier(records._table),
                tuple(records.ids),
            )
        )
