import base64
from collections import Counter

from odoo import fields, models
from odoo.exceptions import UserError

from ..report.skill_cert_plan_xlsx import CERTIFICATE_LIST_COLUMNS, SCORE_SHEET_COLUMNS
from ..tools import identity
from ..tools.xlsx import WorkbookError, read_rows, row_problem

IMPORT_KINDS = [
    ("scores", "Scores (the score entry sheet)"),
    ("certificate_numbers", "Certificate numbers (the authority's list)"),
]
# Columns each kind needs; the other known columns are optional.
REQUIRED_COLUMNS = {
    "scores": ("ticket_number", "id_number", "theory_score", "practical_score"),
    "certificate_numbers": ("id_number", "certificate_number"),
}


class SkillCertPlanImport(models.TransientModel):
    """Upload a filled score sheet, or the authority's list of certificate numbers.

    Columns are found by their header; every row is checked and every problem is
    reported at once (row, column, value, reason). Nothing is written unless the
    whole file is right.
    """

    _name = "skill.cert.plan.import"
    _description = "Import a Certification Plan Spreadsheet"

    plan_id = fields.Many2one("skill.cert.plan", required=True, ondelete="cascade")
    kind = fields.Selection(IMPORT_KINDS, required=True, default="scores")
    file = fields.Binary(string="Spreadsheet (.xlsx)", required=True)
    file_name = fields.Char()

    def action_import(self):
        self.ensure_one()
        columns = SCORE_SHEET_COLUMNS if self.kind == "scores" else CERTIFICATE_LIST_COLUMNS
        try:
            header, rows = read_rows(base64.b64decode(self.file or b""))
        except WorkbookError as error:
            raise UserError(
                self.env._("The file is not an Excel workbook (.xlsx) that can be read.")
            ) from error
        positions = self._check_header(header, columns)
        values, problems = self._read_values(rows, positions, columns)
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
        if self.kind == "scores":
            self.plan_id._write_scores(values)
        else:
            self.plan_id._write_certificate_numbers(values)
        return {"type": "ir.actions.act_window_close"}

    def _check_header(self, header, columns):
        by_label = {label: key for key, label in columns.items()}
        problems = []
        extra = [label for label in header if label and label not in by_label]
        if extra:
            problems.append(self.env._("unknown columns: %(columns)s", columns="、".join(extra)))
        duplicated = [label for label, count in Counter(header).items() if label and count > 1]
        if duplicated:
            problems.append(
                self.env._("columns given twice: %(columns)s", columns="、".join(duplicated))
            )
        required = list(REQUIRED_COLUMNS[self.kind])
        if self.kind == "scores" and self.plan_id.needs_review_score:
            required.append("review_score")
        missing = [columns[key] for key in required if columns[key] not in header]
        if missing:
            problems.append(self.env._("missing columns: %(columns)s", columns="、".join(missing)))
        if problems:
            raise UserError(
                self.env._(
                    "Nothing was imported: the header row does not fit (%(problems)s).",
                    problems="; ".join(problems),
                )
            )
        return {by_label[label]: index for index, label in enumerate(header) if label}

    def _problem(self, line, key, value, reason, columns):
        return row_problem(self.env, line, columns[key], value, reason)

    def _read_values(self, rows, positions, columns):
        """Cells to Python values: text where text is expected, numbers for scores."""
        problems, values = [], []
        for line, cells in rows:
            row = {"line": line}
            for key, index in positions.items():
                cell = cells[index] if index < len(cells) else None
                value = cell.value if cell is not None else None
                if cell is not None and cell.data_type == "f":
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
                if key in ("theory_score", "practical_score", "review_score"):
                    if value in (None, ""):
                        row[key] = None
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        row[key] = float(value)
                    else:
                        try:
                            row[key] = float(str(value).strip())
                        except ValueError:
                            problems.append(
                                self._problem(line, key, value, self.env._("not a number"), columns)
                            )
                elif key == "id_number" and isinstance(value, (int, float)):
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
                else:
                    row[key] = "" if value is None else str(value).strip()
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
            out = {"registration": row["registration"]}
            for key in ("theory_score", "practical_score", "review_score"):
                score = row.get(key)
                if score is None:
                    continue
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
            if "registration" in row:
                rows.append(
                    {
                        "registration": row["registration"].with_env(self.env),
                        "certificate_number": number,
                    }
                )
        return rows, problems
