import base64
import binascii
from collections import Counter

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from ..report.skill_cert_plan_xlsx import CERTIFICATE_LIST_COLUMNS, SCORE_SHEET_COLUMNS
from ..tools import identity
from ..tools.download import XLSX_MIMETYPE
from ..tools.xlsx import (
    WorkbookError,
    may_hold_id_number,
    read_table,
    row_problem,
    workbook_error_message,
)

IMPORT_KINDS = [
    ("scores", "Scores (the score entry sheet)"),
    ("certificate_numbers", "Certificate numbers (the authority's list)"),
]
# Columns each kind needs; the other known columns are optional.
REQUIRED_COLUMNS = {
    "scores": ("ticket_number", "id_number", "theory_score", "practical_score"),
    "certificate_numbers": ("id_number", "certificate_number"),
}
SCORE_KEYS = ("theory_score", "practical_score", "review_score")


class SkillCertPlanImport(models.TransientModel):
    """Upload a filled score sheet, or the authority's list of certificate numbers.

    The sheet read is the one whose header has the expected columns (visible sheets
    first); columns are found by their header, unknown ones are ignored and listed.
    Every row is read, whatever size the file declares, within the company's limits;
    every problem is reported at once (row, column, value, reason; ID numbers masked).
    Nothing is written unless the whole file is right and it changes something; the
    file is then kept on the plan (its ledger) with a summary, without full-text index.
    """

    _name = "skill.cert.plan.import"
    _description = "Import a Certification Plan Spreadsheet"

    plan_id = fields.Many2one("skill.cert.plan", required=True, ondelete="cascade")
    kind = fields.Selection(IMPORT_KINDS, required=True, default="scores")
    # Not an attachment: the upload lives with the wizard until it is vacuumed; only a
    # file that was imported is kept, on the plan. Required in the form only: an empty
    # upload is refused with the message of a file that cannot be read.
    file = fields.Binary(string="Spreadsheet (.xlsx)", attachment=False)
    file_name = fields.Char()

    def action_import(self):
        self.ensure_one()
        columns = SCORE_SHEET_COLUMNS if self.kind == "scores" else CERTIFICATE_LIST_COLUMNS
        data = self._decoded_file()
        table = self._read_table(data, columns)
        values, problems = self._read_values(table.rows, columns)
        if not problems:
            method = (
                self._check_scores if self.kind == "scores" else self._check_certificate_numbers
            )
            values, problems = method(values)
        if problems:
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct these rows and import the file again:\n"
                    "%(errors)s",
                    errors="\n".join(problems[:200]),
                )
            )
        values = [row for row in values if len(row) > 1]
        written = sum(len(row) - 1 for row in values)
        if not written:
            raise UserError(
                self.env._(
                    "Nothing was imported: the file has nothing to write (%(what)s). Fill it "
                    "in and import it again.",
                    what=self.env._("no score differs from what is recorded")
                    if self.kind == "scores"
                    else self.env._("no certificate number differs from what is recorded"),
                )
            )
        if self.kind == "scores":
            self.plan_id._write_scores(values)
        else:
            self.plan_id._write_certificate_numbers(values)
        summary = self._summary(table, len(values), written)
        self._keep_in_ledger(data, summary)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Imported"),
                "message": summary,
                "type": "success",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _decoded_file(self):
        try:
            return base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError):
            raise UserError(
                self.env._("The file is not an Excel workbook (.xlsx) that can be read.")
            ) from None

    def _required_columns(self):
        required = list(REQUIRED_COLUMNS[self.kind])
        if self.kind == "scores" and self.plan_id.needs_review_score:
            required.append("review_score")
        return required

    def _read_table(self, data, columns):
        limits = self.plan_id.company_id._skill_cert_upload_limits()
        try:
            return read_table(data, columns, self._required_columns(), limits)
        except WorkbookError as error:
            raise UserError(
                self.env._(
                    "Nothing was imported: %(reason)s",
                    reason=workbook_error_message(self.env, error),
                )
            ) from None

    def _summary(self, table, rows, written):
        parts = [
            self.env._(
                "Sheet “%(sheet)s”%(hidden)s, header on row %(line)s: %(rows)s rows read, "
                "%(values)s values written, %(blank)s blank rows.",
                sheet=table.sheet,
                hidden=self.env._(" (hidden)") if table.hidden else "",
                line=table.header_line,
                rows=len(table.rows),
                values=written,
                blank=table.blank_rows,
            )
        ]
        if table.ignored:
            parts.append(
                self.env._("Columns ignored: %(columns)s.", columns="、".join(table.ignored))
            )
        unchanged = len(table.rows) - rows
        if unchanged:
            parts.append(self.env._("%(count)s rows unchanged.", count=unchanged))
        return " ".join(parts)

    def _keep_in_ledger(self, data, summary):
        """The file imported, kept on the plan with its summary (Article 13), out of the
        full-text index: it holds ID numbers."""
        plan = self.plan_id
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        name = self.file_name or "upload.xlsx"
        if may_hold_id_number(name):  # an ID number in a file name would be shown everywhere
            name = "upload.xlsx"
        attachment = self.env["ir.attachment"]._skill_cert_create_unindexed(
            {
                "name": self.env._("Uploaded %(kind)s - %(name)s", kind=kind, name=name),
                "raw": data,
                "res_model": plan._name,
                "res_id": plan.id,
                "mimetype": XLSX_MIMETYPE,
                "description": summary,
            }
        )
        plan.message_post(
            body=Markup("<p><b>%s</b></p><p>%s</p>") % (kind, summary),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return attachment

    def _problem(self, line, key, value, reason, columns):
        return row_problem(self.env, line, columns[key], value, reason, is_id=key == "id_number")

    def _read_values(self, rows, columns):
        """Cells to Python values: text where text is expected, numbers for scores."""
        problems, values = [], []
        for line, cells in rows:
            row = {"line": line}
            for key in columns:
                cell = cells.get(key)
                if cell is None:
                    if key in SCORE_KEYS:
                        row[key] = None
                    continue
                value = cell.value
                if cell.kind == "formula":
                    problems.append(
                        self._problem(
                            line,
                            key,
                            value,
                            self.env._("a formula; type the value itself"),
                            columns,
                        )
                    )
                    continue
                if cell.kind == "error":
                    problems.append(
                        self._problem(line, key, value, self.env._("an error value"), columns)
                    )
                    continue
                if key in SCORE_KEYS:
                    if cell.kind == "number":
                        row[key] = float(value)
                    else:
                        try:
                            row[key] = float(str(value).strip())
                        except ValueError:
                            problems.append(
                                self._problem(line, key, value, self.env._("not a number"), columns)
                            )
                elif key == "id_number" and cell.kind == "number":
                    problems.append(
                        self._problem(
                            line,
                            key,
                            value,
                            self.env._(
                                "stored as a number, which loses digits: format the column as "
                                "text and type the number again"
                            ),
                            columns,
                        )
                    )
                elif cell.kind == "number" and float(value).is_integer():
                    row[key] = str(int(value))
                else:
                    row[key] = str(value).strip()
            values.append(row)
        return values, problems

    def _match_candidates(self, values, key, candidates_by_key, columns):
        """Attach each row's registration, checking duplicates and the ID number."""
        problems = []
        seen = {}
        for row in values:
            line, wanted = row["line"], row.get(key) or ""
            if key == "id_number":
                wanted = identity.compact(wanted)
            registration = candidates_by_key.get(wanted)
            if not registration:
                problems.append(
                    self._problem(
                        line,
                        key,
                        row.get(key),
                        self.env._("no such candidate in this plan"),
                        columns,
                    )
                )
                continue
            if wanted in seen:
                problems.append(
                    self._problem(
                        line,
                        key,
                        row.get(key),
                        self.env._("already given on row %(line)s", line=seen[wanted]),
                        columns,
                    )
                )
                continue
            seen[wanted] = line
            # sudo: officers read ID numbers; sudo spares a field check per row.
            employee = registration.sudo().employee_id
            if "id_number" in row and identity.compact(row["id_number"]) != identity.compact(
                employee.identification_id
            ):
                problems.append(
                    self._problem(
                        line,
                        "id_number",
                        row["id_number"],
                        self.env._("does not match the ID number of the candidate of this row"),
                        columns,
                    )
                )
                continue
            if row.get("name") and row["name"] != employee.name:
                problems.append(
                    self._problem(
                        line,
                        "name",
                        row["name"],
                        self.env._("the candidate of this row is %(name)s", name=employee.name),
                        columns,
                    )
                )
                continue
            row["registration"] = registration
        return problems

    def _check_scores(self, values):
        plan = self.plan_id
        candidates = plan._candidates()
        problems = self._match_candidates(
            values,
            "ticket_number",
            {r.ticket_number: r for r in candidates if r.ticket_number},
            SCORE_SHEET_COLUMNS,
        )
        examiners = {
            staff.employee_id.name: staff.id
            for staff in plan.staff_ids.filtered(lambda s: s.role == "examiner")
        }
        rows = []
        for row in values:
            if "registration" not in row:
                continue
            registration = row["registration"]
            out = {"registration": registration}
            for key in SCORE_KEYS:
                score = row.get(key)
                if score is None:
                    continue
                if registration[f"has_{key}"] and registration[key] == score:
                    continue  # as recorded: nothing to write
                if not 0 <= score <= 100:
                    problems.append(
                        self._problem(
                            row["line"],
                            key,
                            score,
                            self.env._("scores are between 0 and 100"),
                            SCORE_SHEET_COLUMNS,
                        )
                    )
                out[key] = score
            for key, field_name in (
                ("practical_examiner", "practical_examiner_id"),
                ("review_examiner", "review_examiner_id"),
            ):
                examiner = row.get(key)
                if not examiner:
                    continue
                if examiner not in examiners:
                    problems.append(
                        self._problem(
                            row["line"],
                            key,
                            examiner,
                            self.env._("not an examiner of this plan"),
                            SCORE_SHEET_COLUMNS,
                        )
                    )
                if registration[field_name].id != examiners.get(examiner):
                    out[field_name] = examiners.get(examiner)
            rows.append(out)
        return rows, problems

    def _check_certificate_numbers(self, values):
        plan = self.plan_id
        passed = plan._passed().sudo()
        problems = self._match_candidates(
            values,
            "id_number",
            {identity.compact(r.employee_id.identification_id): r for r in passed},
            CERTIFICATE_LIST_COLUMNS,
        )
        numbers = Counter(identity.compact(row.get("certificate_number")) for row in values)
        existing = set(
            self.env["skill.cert.certificate"]
            .sudo()
            .search([("name", "in", list(numbers))])
            .mapped("name")
        )
        Certificate = self.env["skill.cert.certificate"]
        rows = []
        for row in values:
            number = identity.compact(row.get("certificate_number"))
            key = "certificate_number"
            if not number:
                problems.append(
                    self._problem(
                        row["line"], key, number, self.env._("missing"), CERTIFICATE_LIST_COLUMNS
                    )
                )
                continue
            if numbers[number] > 1:
                problems.append(
                    self._problem(
                        row["line"],
                        key,
                        number,
                        self.env._("given on several rows"),
                        CERTIFICATE_LIST_COLUMNS,
                    )
                )
                continue
            if number in existing:
                problems.append(
                    self._problem(
                        row["line"],
                        key,
                        number,
                        self.env._("already used by another certificate"),
                        CERTIFICATE_LIST_COLUMNS,
                    )
                )
                continue
            problem = Certificate._get_number_problem(number, plan.level_id, plan.company_id)
            if problem:
                problems.append(
                    self._problem(row["line"], key, number, problem, CERTIFICATE_LIST_COLUMNS)
                )
                continue
            if "registration" in row and row["registration"].certificate_number != number:
                rows.append(
                    {
                        "registration": row["registration"].with_env(self.env),
                        "certificate_number": number,
                    }
                )
        return rows, problems
