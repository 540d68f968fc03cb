"""Spreadsheets as the platform exchanges them: written with xlsxwriter, read with
openpyxl, as Odoo core does. Every cell is written as the type it is: text stays text
(an ID number keeps its 18 digits, a name starting with "=" is no formula)."""

import io

import xlsxwriter

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def write_workbook(sheets):
    """``sheets``: list of (title, header, rows, widths); returns the .xlsx bytes.

    A row value that is int or float is written as a number, anything else as text."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    header_format = workbook.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    text_format = workbook.add_format({"border": 1, "num_format": "@"})
    number_format = workbook.add_format({"border": 1})
    for title, header, rows, widths in sheets:
        sheet = workbook.add_worksheet(title[:31])
        for column, (label, width) in enumerate(zip(header, widths, strict=True)):
            sheet.write_string(0, column, label, header_format)
            sheet.set_column(column, column, width, text_format)
        for row_index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, bool) or value is None:
                    sheet.write_blank(row_index, column, None, text_format)
                elif isinstance(value, (int, float)):
                    sheet.write_number(row_index, column, value, number_format)
                else:
                    sheet.write_string(row_index, column, str(value), text_format)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


class WorkbookError(Exception):
    """The file is not a readable workbook."""


def read_rows(data):
    """Return (header, rows) of the first sheet; each row is (line number, [cells]).

    Cells are openpyxl cells, so that callers can refuse formulas and numbers where
    text is expected."""
    import openpyxl  # noqa: PLC0415 - heavy, used on upload only

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception as error:
        raise WorkbookError(str(error)) from error
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows())
    if not rows:
        return [], []
    header = [str(cell.value).strip() if cell.value is not None else "" for cell in rows[0]]
    body = [
        (index, list(row))
        for index, row in enumerate(rows[1:], start=2)
        if any(cell.value not in (None, "") for cell in row)
    ]
    return header, body


def row_problem(env, line, column, value, reason):
    """The one wording of a problem found in a row of an uploaded file."""
    return env._(
        'Row %(line)s, column %(column)s, value "%(value)s": %(reason)s',
        line=line,
        column=column,
        value="" if value is None else value,
        reason=reason,
    )
