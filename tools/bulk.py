"""One INSERT for thousands of generated rows.

Allowance sheets write up to one line per employee; the ORM would insert them a
hundred at a time. Rows here are plain values prepared and checked by the caller, for
models whose stored fields are all plain (no stored computes to maintain)."""

from odoo.tools import SQL


def insert_rows(model, rows, returning=("id",)):
    """Insert ``rows`` (dicts with the same keys) into ``model``'s table with one
    query; return the ``returning`` columns of the new rows."""
    if not rows:
        return []
    columns = list(rows[0])
    model.flush_model()
    arrays = [
        SQL(
            "%s::%s[]",
            [row[column] for row in rows],
            SQL(model._fields[column].column_type[1]),
        )
        for column in columns
    ]
    uid, now = model.env.uid, model.env.cr.now()
    model.env.cr.execute(
        SQL(
            "INSERT INTO %(table)s (%(columns)s, create_uid, create_date, write_uid, write_date) "
            "SELECT rows.*, %(uid)s, %(now)s, %(uid)s, %(now)s FROM unnest(%(arrays)s) AS rows "
            "RETURNING %(returning)s",
            table=SQL.identifier(model._table),
            columns=SQL(", ").join(SQL.identifier(column) for column in columns),
            uid=uid,
            now=now,
            arrays=SQL(", ").join(arrays),
            returning=SQL(", ").join(SQL.identifier(column) for column in returning),
        )
    )
    result = model.env.cr.fetchall()
    model.invalidate_model()
    return result
