"""Spreadsheets as the platform exchanges them: written with xlsxwriter, read with
openpyxl, as Odoo core does. Every cell is written as the type it is: text stays text
(an ID number keeps its 18 digits, a name starting with "=" is no formula)."""

import contextlib
import io
import posixpath
import re
import zipfile
from typing import NamedTuple

import xlsxwriter

from .masking import mask_id_number

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def write_workbook(sheets, banner=None):
    """``sheets``: list of (title, header, rows, widths); returns the .xlsx bytes.

    A row value that is int or float is written as a number, anything else as text.
    ``banner``: a warning written above the header of every sheet (a draft's mark)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    header_format = workbook.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    text_format = workbook.add_format({"border": 1, "num_format": "@"})
    number_format = workbook.add_format({"border": 1})
    banner_format = workbook.add_format({"bold": True, "font_color": "#C00000", "font_size": 14})
    first = 1 if banner else 0
    for title, header, rows, widths in sheets:
        sheet = workbook.add_worksheet(title[:31])
        if banner:
            sheet.merge_range(0, 0, 0, max(len(header) - 1, 1), banner, banner_format)
        for column, (label, width) in enumerate(zip(header, widths, strict=True)):
            sheet.write_string(first, column, label, header_format)
            sheet.set_column(column, column, width, text_format)
        for row_index, row in enumerate(rows, start=first + 1):
            for column, value in enumerate(row):
                if isinstance(value, bool) or value is None:
                    sheet.write_blank(row_index, column, None, text_format)
                elif isinstance(value, (int, float)):
                    sheet.write_number(row_index, column, value, number_format)
                else:
                    sheet.write_string(row_index, column, str(value), text_format)
        sheet.freeze_panes(first + 1, 0)
    workbook.close()
    return buffer.getvalue()


class Limits(NamedTuple):
    """What an uploaded workbook may weigh, checked before it is read."""

    file_bytes: int = 10 * 1024 * 1024
    unzipped_bytes: int = 50 * 1024 * 1024
    rows: int = 10000
    cell_chars: int = 32767  # Excel's own limit


class WorkbookError(Exception):
    """The file is refused before or while it is read. ``code`` says why, ``params``
    the facts (a limit, a part of the file, a row and column); ``message()`` words it."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


class Cell(NamedTuple):
    """A cell as read: its value and what it was in the file (text, number, bool,
    error or formula; a formula's value is the one last computed)."""

    value: object
    kind: str


class Table(NamedTuple):
    """The sheet read: its name, whether it is hidden, the line of its header, the
    column of each known header, the headers ignored, the data rows as
    (line number, {key: Cell}) and how many rows were blank."""

    sheet: str
    hidden: bool
    header_line: int
    positions: dict
    ignored: list
    rows: list
    blank_rows: int


EMPTY = Cell(None, "text")
# A header may stand below a title row or two: it is looked for in the first rows.
HEADER_SEARCH_ROWS = 10
MAX_PARTS = 2000
# A sheet of N rows uses at most a few dozen texts a row: more shared strings than this
# is a file built to fill memory with small strings, not a score sheet.
STRINGS_PER_ROW = 64
EXCEL_MAX_ROW = 1048576
EXCEL_MAX_COLUMN = 16384
_CHUNK = 64 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_REL_SHARED_STRINGS = "/sharedStrings"
_REL_WORKSHEET = "/worksheet"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _localname(element):
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _GuardedPart(io.RawIOBase):
    """A part of the archive read in chunks, refusing DTDs and entity declarations (no
    workbook needs them; they carry entity-expansion payloads) and UTF-16 parts (whose
    declarations the byte scan would not see)."""

    def __init__(self, archive, name):
        super().__init__()
        self.name = name
        self._stream = archive.open(name)
        self._tail = b""
        self._started = False

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self._stream.read(min(len(buffer), _CHUNK))
        if not self._started and chunk:
            self._started = True
            if chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or chunk[1:2] == b"\x00":
                raise WorkbookError("encoding", part=self.name)
        window = self._tail + chunk
        if any(token in window for token in _FORBIDDEN):
            raise WorkbookError("dtd", part=self.name)
        self._tail = window[-(len(_FORBIDDEN[0]) - 1) :]
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self):
        self._stream.close()
        return super().close()


def _iterparse(archive, name, tag):
    """(element) at the end of each ``tag`` element (local name) of the part ``name``,
    cleared once the caller is done with it: memory stays bounded by one element."""
    from lxml import etree  # noqa: PLC0415

    part = _GuardedPart(archive, name)
    context = etree.iterparse(
        io.BufferedReader(part, _CHUNK),
        events=("end",),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for _event, element in context:
            if _localname(element) == tag:
                yield element
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        if "huge text" in str(error) or "Huge input" in str(error):
            raise WorkbookError("huge_text", part=name) from None
        raise WorkbookError("damaged", part=name, line=error.lineno or 0) from None
    finally:
        part.close()


def _text_of(element):
    """The text of a shared or inline string: its runs, without phonetic guides."""
    texts = []
    for node in element.iter():
        if _localname(node) == "t" and _localname(node.getparent()) != "rPh":
            texts.append(node.text or "")
    return "".join(texts)


def _column_index(letters):
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _open_archive(data, limits):
    if len(data) > limits.file_bytes:
        raise WorkbookError("file_too_large", size=len(data), limit=limits.file_bytes)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise WorkbookError("not_workbook") from None
    if len(infos) > MAX_PARTS:
        raise WorkbookError("too_many_parts", count=len(infos), limit=MAX_PARTS)
    # The archive says how large each part is once unpacked, and zipfile never unpacks
    # more than that: the sum is checked before anything is unpacked (zip bombs).
    unzipped = sum(info.file_size for info in infos)
    if unzipped > limits.unzipped_bytes:
        raise WorkbookError("unzipped_too_large", size=unzipped, limit=limits.unzipped_bytes)
    return archive


def _resolve(base, target):
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _read_structure(archive):
    """[(sheet name, hidden, part)] in the workbook's order, and the shared strings part."""
    names = set(archive.namelist())
    workbook = "xl/workbook.xml"
    if "_rels/.rels" in names:
        for rel in _iterparse(archive, "_rels/.rels", "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                workbook = _resolve("", rel.get("Target", ""))
    if workbook not in names:
        raise WorkbookError("not_workbook")
    rels_part = posixpath.join(
        posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels"
    )
    targets, shared_strings = {}, None
    if rels_part in names:
        for rel in _iterparse(archive, rels_part, "Relationship"):
            kind, target = rel.get("Type", ""), _resolve(workbook, rel.get("Target", ""))
            if kind.endswith(_REL_SHARED_STRINGS):
                shared_strings = target
            elif kind.endswith(_REL_WORKSHEET):
                targets[rel.get("Id")] = target
    sheets = []
    for sheet in _iterparse(archive, workbook, "sheet"):
        rid = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), None)
        part = targets.get(rid)
        if part in names:  # chart sheets and dangling references have no cells
            hidden = sheet.get("state", "visible") != "visible"
            sheets.append((sheet.get("name") or "", hidden, part))
    if not sheets:
        raise WorkbookError("no_sheet")
    if shared_strings not in names:
        shared_strings = None
    return sheets, shared_strings


def _read_shared_strings(archive, part, limits):
    strings = []
    most = (limits.rows + HEADER_SEARCH_ROWS) * STRINGS_PER_ROW
    if part:
        for item in _iterparse(archive, part, "si"):
            if len(strings) >= most:
                raise WorkbookError("too_many_strings", limit=limits.rows)
            text = _text_of(item)
            if len(text) > limits.cell_chars:
                raise WorkbookError(
                    "shared_text_too_long", index=len(strings), limit=limits.cell_chars
                )
            strings.append(text)
    return strings


def _read_cell(cell, strings, line, column, limits):
    """A <c> element as a Cell; a cell the file describes wrongly is refused naming it."""
    kind = cell.get("t", "n")
    raw, formula, inline = None, False, None
    for child in cell:
        name = _localname(child)
        if name == "v":
            raw = child.text
        elif name == "f":
            formula = True
        elif name == "is":
            inline = _text_of(child)
    where = {"line": line, "column": column}
    if kind == "s":
        try:
            value = strings[int(raw)]
        except (TypeError, ValueError, IndexError):
            raise WorkbookError("bad_shared_string", index=raw, **where) from None
        if int(raw) < 0:
            raise WorkbookError("bad_shared_string", index=raw, **where)
        result = Cell(value, "text")
    elif kind == "inlineStr":
        result = Cell(inline or "", "text")
    elif kind in ("str", "d"):
        result = Cell(raw or "", "text")
    elif kind == "b":
        result = Cell(raw in ("1", "true"), "bool")
    elif kind == "e":
        result = Cell(raw or "#ERROR", "error")
    elif raw is None or raw == "":
        result = EMPTY
    else:
        try:
            number = float(raw)
        except ValueError:
            raise WorkbookError("text_in_number", **where) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise WorkbookError("text_in_number", **where)
        result = Cell(number, "number")
    if isinstance(result.value, str) and len(result.value) > limits.cell_chars:
        raise WorkbookError("cell_too_long", limit=limits.cell_chars, **where)
    if formula:
        return Cell(result.value, "formula")
    return result


def _iter_rows(archive, part, strings, limits, wanted=None, header_line=0):
    """(line, {column index: Cell}) of every row that has a value, whatever size the
    sheet declares: rows are read as they are in the file. ``wanted``: the column
    indexes to keep (all when None); a row with values only elsewhere comes with {}.
    The rows limit counts the rows below ``header_line``."""
    line = 0
    count = 0
    with contextlib.closing(_iterparse(archive, part, "row")) as row_elements:
        for row in row_elements:
            number = row.get("r")
            line = int(number) if number and number.isdigit() else line + 1
            if line > EXCEL_MAX_ROW:
                raise WorkbookError("damaged", part=part, line=0)
            cells, has_value, column = {}, False, -1
            for cell in row:
                if _localname(cell) != "c":
                    continue
                ref = _CELL_REF.match(cell.get("r") or "")
                column = _column_index(ref.group(1)) if ref else column + 1
                if column >= EXCEL_MAX_COLUMN:
                    raise WorkbookError("damaged", part=part, line=0)
                # every cell is checked: a damaged cell is refused wherever it is
                value = _read_cell(cell, strings, line, column, limits)
                if value.value in (None, "") and value.kind != "formula":
                    continue
                has_value = True
                if wanted is None or column in wanted:
                    cells[column] = value
            if not has_value:
                continue
            count += line > header_line
            if count > limits.rows:
                raise WorkbookError("too_many_rows", limit=limits.rows)
            yield line, cells


def _normalise_label(value):
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


def read_table(data, columns, required, limits=None):
    """Read the sheet of an upload.

    ``columns``: {key: header label}; ``required``: the keys that must have a column.
    The sheet read is the first, visible sheets before hidden ones, whose header (in
    its first rows) has every required column; other headers are ignored and listed.
    Every row is read whatever size the file declares. Limits (``Limits``) are checked
    before anything is unpacked (file size, unpacked size) and while the sheet streams
    (rows, cell length), so that memory stays bounded. Raises WorkbookError.
    """
    limits = limits or Limits()
    archive = _open_archive(data, limits)
    with archive:
        sheets, shared_part = _read_structure(archive)
        strings = _read_shared_strings(archive, shared_part, limits)
        by_label = {_normalise_label(label): key for key, label in columns.items()}
        required_labels = {_normalise_label(columns[key]) for key in required}
        best = None
        for name, hidden, part in sorted(sheets, key=lambda sheet: sheet[1]):
            header = _find_header(archive, part, strings, limits, by_label)
            if header is None:
                continue
            line, labels = header
            found = {label for label in labels.values() if label in by_label}
            missing = required_labels - found
            if not missing:
                return _read_body(
                    archive, part, strings, limits, name, hidden, line, labels, by_label
                )
            if best is None or len(missing) < len(best[1]):
                best = (name, missing)
        if best is None:
            raise WorkbookError("no_header", expected=sorted(required_labels))
        missing = [columns[key] for key in required if _normalise_label(columns[key]) in best[1]]
        raise WorkbookError("missing_columns", sheet=best[0], columns=missing)


def _find_header(archive, part, strings, limits, by_label):
    """(line, {column: label}) of the first row with a known label among the first rows."""
    rows = _iter_rows(archive, part, strings, limits)
    with contextlib.closing(rows):
        for seen, (line, cells) in enumerate(rows):
            if seen >= HEADER_SEARCH_ROWS:
                return None
            labels = {column: _normalise_label(cell.value) for column, cell in cells.items()}
            if any(label in by_label for label in labels.values()):
                return line, labels
    return None


def _read_body(archive, part, strings, limits, name, hidden, header_line, labels, by_label):
    values = list(labels.values())
    duplicated = sorted({label for label in values if values.count(label) > 1} & by_label.keys())
    if duplicated:
        raise WorkbookError("duplicated_columns", sheet=name, columns=duplicated)
    positions = {by_label[label]: column for column, label in labels.items() if label in by_label}
    ignored = [label for _column, label in sorted(labels.items()) if label not in by_label]
    wanted = {column: key for key, column in positions.items()}
    rows = []
    try:
        rows_read = _iter_rows(
            archive, part, strings, limits, wanted=set(wanted), header_line=header_line
        )
        for line, cells in rows_read:
            if line > header_line and cells:
                rows.append((line, {wanted[column]: cell for column, cell in cells.items()}))
    except WorkbookError as error:
        if "column" in error.params:
            error.params["label"] = labels.get(error.params["column"])
        raise
    # Blank rows: the lines between the header and the last data row with nothing to read.
    last = rows[-1][0] if rows else header_line
    blank = last - header_line - len(rows)
    return Table(name, hidden, header_line, positions, ignored, rows, blank)


# A run of 15 digits or more is, or may be, a resident ID number (15 or 18 characters)
# or one read as a number; a certificate number (one letter, 21 digits) is not personal.
_ID_LIKE = re.compile(r"\d{15,}")
_CERTIFICATE_NUMBER = re.compile(r"^[A-Z]\d{21}$")
SHOWN_VALUE_LENGTH = 60


def may_hold_id_number(text):
    """Whether ``text`` holds a run of digits that is, or may be, a resident ID number."""
    return bool(_ID_LIKE.search(text or ""))


def shown_value(value, is_id=False):
    """A cell's value as an error message may show it: ID numbers, and anything that
    may be one (a number of 15 digits or more), only masked by the one masking policy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e14:
        text = f"{value:.0f}"
    else:
        text = str(value)
    text = text.strip()
    if is_id or (_ID_LIKE.search(text) and not _CERTIFICATE_NUMBER.match(text)):
        return mask_id_number(text[:SHOWN_VALUE_LENGTH])
    if len(text) > SHOWN_VALUE_LENGTH:
        return text[:SHOWN_VALUE_LENGTH] + "…"
    return text


def row_problem(env, line, column, value, reason, is_id=False):
    """The one wording of a problem found in a row of an uploaded file; the value is
    shown through ``shown_value`` (ID numbers masked)."""
    return env._(
        'Row %(line)s, column %(column)s, value "%(value)s": %(reason)s',
        line=line,
        column=column,
        value=shown_value(value, is_id=is_id),
        reason=reason,
    )


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"


def workbook_error_message(env, error):
    """The message, in the reader's language, of a file refused by ``read_table``."""
    params = dict(error.params)
    if "column" in params:
        label = params.pop("label", None)
        letter = column_letter(params["column"])
        params["column"] = f"{label}（{letter}）" if label else letter
    for key in ("size", "limit"):
        if key in params and error.code in ("file_too_large", "unzipped_too_large"):
            params[key] = _megabytes(params[key])
    if "columns" in params:
        params["columns"] = "、".join(params["columns"])
    if "expected" in params:
        params["expected"] = "、".join(params["expected"])
    settings = env._("Settings › Skill Certification › Uploaded Spreadsheets")
    messages = {
        "file_too_large": lambda: env._(
            "The file weighs %(size)s, more than the limit of %(limit)s (%(settings)s).",
            settings=settings,
            **params,
        ),
        "not_workbook": lambda: env._(
            "The file is not an Excel workbook (.xlsx) that can be read."
        ),
        "too_many_parts": lambda: env._(
            "The file holds %(count)s parts, more than a workbook has (%(limit)s at most): "
            "it is refused unread.",
            **params,
        ),
        "unzipped_too_large": lambda: env._(
            "Unpacked, the workbook would take %(size)s, more than the limit of %(limit)s "
            "(%(settings)s): it is refused unread.",
            settings=settings,
            **params,
        ),
        "encoding": lambda: env._(
            "Part %(part)s of the file is not in UTF-8, as Excel and WPS write workbooks: "
            "open the file and save it again as .xlsx.",
            **params,
        ),
        "dtd": lambda: env._(
            "Part %(part)s of the file carries a DTD or entity declarations, which no "
            "workbook needs: the file is refused unread.",
            **params,
        ),
        "damaged": lambda: env._(
            "The file is damaged: its part %(part)s is incomplete or malformed (near line "
            "%(line)s). Open it in Excel or WPS and save it again.",
            **params,
        ),
        "huge_text": lambda: env._(
            "A cell of part %(part)s is far longer than any cell may be: the file is refused.",
            **params,
        ),
        "no_sheet": lambda: env._("The workbook has no worksheet."),
        "shared_text_too_long": lambda: env._(
            "A text of the workbook is longer than %(limit)s characters, the limit of a "
            "cell (%(settings)s).",
            settings=settings,
            **params,
        ),
        "cell_too_long": lambda: env._(
            "Row %(line)s, column %(column)s: the cell is longer than %(limit)s characters, "
            "the limit of a cell (%(settings)s).",
            settings=settings,
            **params,
        ),
        "bad_shared_string": lambda: env._(
            "Row %(line)s, column %(column)s: the cell refers to text no. %(index)s, which "
            "the file does not contain: the file is damaged. Open it in Excel or WPS and "
            "save it again.",
            **params,
        ),
        "text_in_number": lambda: env._(
            "Row %(line)s, column %(column)s: the cell is stored as a number but holds "
            "something else: the file is damaged. Open it in Excel or WPS and save it again.",
            **params,
        ),
        "too_many_strings": lambda: env._(
            "The workbook holds more texts than a sheet of %(limit)s rows can use: it is refused.",
            **params,
        ),
        "too_many_rows": lambda: env._(
            "The sheet has more than %(limit)s rows with data, the limit of an upload "
            "(%(settings)s).",
            settings=settings,
            **params,
        ),
        "no_header": lambda: env._(
            "No sheet of the workbook has the expected header (%(expected)s) in its first rows.",
            **params,
        ),
        "missing_columns": lambda: env._("Sheet “%(sheet)s” has no column %(columns)s.", **params),
        "duplicated_columns": lambda: env._(
            "Sheet “%(sheet)s” gives these columns twice: %(columns)s. Keep one of each.",
            **params,
        ),
    }
    return messages[error.code]()
