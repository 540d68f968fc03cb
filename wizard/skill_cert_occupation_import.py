import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.skill_cert_occupation import is_occupation_code, is_work_type_code
from ..tools.xlsx import row_problem

# Header names accepted for each column, English or Chinese, as in the template.
COLUMNS = {
    "code": ("code", "职业编码"),
    "name": ("name", "名称"),
    "parent_code": ("parent_code", "所属职业编码"),
    "standard_type": ("standard_type", "依据类型"),
    "standard_reference": ("standard_reference", "依据名称"),
    "is_access_type": ("is_access_type", "准入类"),
}
TRUE_WORDS = {"1", "true", "yes", "y", "是"}
FALSE_WORDS = {"", "0", "false", "no", "n", "否"}
STANDARD_TYPE_WORDS = {
    "national_standard": "national_standard",
    "国家职业技能标准": "national_standard",
    "evaluation_specification": "evaluation_specification",
    "职业技能评价规范": "evaluation_specification",
    "": False,
}


class SkillCertOccupationImport(models.TransientModel):
    """Import occupations and work types from a CSV file (UTF-8, with a header).

    Every row is checked first; one message lists every problem by row and column,
    and nothing is written unless the whole file is right.
    """

    _name = "skill.cert.occupation.import"
    _description = "Import Occupations"

    file = fields.Binary(string="CSV File", required=True)
    file_name = fields.Char()
    imported_count = fields.Integer(readonly=True)

    def action_import(self):
        self.ensure_one()
        rows = self._read_rows()
        vals_by_code, errors = self._check_rows(rows)
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct these rows and import the file again:\n"
                    "%(errors)s",
                    errors="\n".join(errors),
                )
            )
        occupations = self._create_occupations(vals_by_code)
        self.imported_count = len(occupations)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_cn_hr_skill_certification.skill_cert_occupation_action"
        )
        action["domain"] = [("id", "in", occupations.ids)]
        return action

    def _read_rows(self):
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(self.env._("The file is not a UTF-8 encoded CSV file.")) from error
        reader = csv.DictReader(io.StringIO(text))
        headers = {(header or "").strip() for header in reader.fieldnames or []}
        missing = [
            names[1]
            for column, names in COLUMNS.items()
            if column in ("code", "name") and not headers & set(names)
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Nothing was imported: the file has no column %(columns)s.",
                    columns=", ".join(missing),
                )
            )
        rows = []
        for line_number, raw in enumerate(reader, start=2):
            row = {}
            for column, names in COLUMNS.items():
                value = next((raw[key] for key in raw if key and key.strip() in names), "")
                row[column] = (value or "").strip()
            rows.append((line_number, row))
        return rows

    def _check_rows(self, rows):
        errors = []
        existing = {
            occupation.code: occupation
            for occupation in self.env["skill.cert.occupation"]
            .with_context(active_test=False)
            .search([("code", "in", [row["code"] for _line, row in rows if row["code"]])])
        }
        file_codes = {}
        vals_by_code = {}

        def error(line, column, value, reason):
            errors.append(row_problem(self.env, line, COLUMNS[column][1], value, reason))

        for line, row in rows:
            code, parent_code = row["code"], row["parent_code"]
            if not row["name"]:
                error(line, "name", "", self.env._("a name is required"))
            if not parent_code and not is_occupation_code(code):
                error(line, "code", code, self.env._("not a classification code like 6-18-01-01"))
            elif parent_code and code and not is_work_type_code(code, parent_code):
                error(
                    line,
                    "code",
                    code,
                    self.env._("a work type code extends its occupation's code by two digits"),
                )
            if code and code in file_codes:
                error(
                    line,
                    "code",
                    code,
                    self.env._("already given on row %(line)s", line=file_codes[code]),
                )
            elif code and code in existing:
                error(line, "code", code, self.env._("this occupation already exists"))
            file_codes.setdefault(code, line)
            standard_type = STANDARD_TYPE_WORDS.get(row["standard_type"])
            if standard_type is None:
                error(
                    line,
                    "standard_type",
                    row["standard_type"],
                    self.env._("expected 国家职业技能标准 or 职业技能评价规范"),
                )
            access_word = row["is_access_type"].lower()
            if access_word not in TRUE_WORDS | FALSE_WORDS:
                error(
                    line, "is_access_type", row["is_access_type"], self.env._("expected 是 or 否")
                )
            vals_by_code[(line, code)] = {
                "code": code or False,
                "name": row["name"],
                "parent_code": parent_code,
                "standard_type": standard_type or False,
                "standard_reference": row["standard_reference"] or False,
                "is_access_type": access_word in TRUE_WORDS,
            }
        wanted_parents = {vals["parent_code"] for vals in vals_by_code.values()} - {""}
        known_parents = {
            code for (_line, code), vals in vals_by_code.items() if not vals["parent_code"]
        } | set(
            self.env["skill.cert.occupation"]
            .search([("code", "in", list(wanted_parents)), ("parent_id", "=", False)])
            .mapped("code")
        )
        for (line, _code), vals in vals_by_code.items():
            if vals["parent_code"] and vals["parent_code"] not in known_parents:
                error(line, "parent_code", vals["parent_code"], self.env._("no such occupation"))
        return vals_by_code, errors

    def _create_occupations(self, vals_by_code):
        Occupation = self.env["skill.cert.occupation"]
        occupation_vals = [
            {key: value for key, value in vals.items() if key != "parent_code"}
            for vals in vals_by_code.values()
            if not vals["parent_code"]
        ]
        occupations = Occupation.create(occupation_vals)
        work_types = [vals for vals in vals_by_code.values() if vals["parent_code"]]
        parent_codes = {vals["parent_code"] for vals in work_types}
        parents = {
            parent.code: parent
            for parent in Occupation.search(
                [("code", "in", list(parent_codes)), ("parent_id", "=", False)]
            )
        }
        work_type_records = Occupation.create(
            [
                {
                    **{key: value for key, value in vals.items() if key != "parent_code"},
                    "parent_id": parents[vals["parent_code"]].id,
                }
                for vals in work_types
            ]
        )
        return occupations | work_type_records
