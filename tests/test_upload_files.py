import base64
import importlib.util
import io
import logging
import os
import re
import zipfile
from datetime import date

import openpyxl

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from ..tools.xlsx import Limits, read_table, write_workbook
from .common import PlanCommon

MODULE = "l10n_cn_hr_skill_certification"
IDS = ["330523199705010065", "330503199207040020", "341221199309160081"]
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
HEADER = ("准考证号", "姓名", "身份证号", "理论成绩", "实操成绩", "实操考评员", "备注")
# A resident ID number, or an 18-digit number read as a float and printed in full or
# in scientific notation: none may reach a message or the log.
ID_PATTERN = re.compile(r"\d{17}[\dX]|\d\.\d{10,}e\+1\d|\d{16}")


def patched(data, **changes):
    """``data`` (an .xlsx) with some parts replaced: part name (``/`` and the last
    ``.`` written ``__``) to new bytes, or to a function of the old bytes."""
    changes = {
        "/".join(name.split("__")[:-1]) + "." + name.split("__")[-1]: change
        for name, change in changes.items()
    }
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            change = changes.pop(info.filename, None)
            if change is not None:
                content = change(content) if callable(change) else change
            target.writestr(info.filename, content)
        for name, content in changes.items():
            target.writestr(name, content)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestUploadFiles(PlanCommon):
    """What real users and hostile files send: the sheet with the headers, extra
    columns, untouched exports, sheets larger than they declare, limits, damaged and
    hostile files. Each is refused with a clear message, or read whole; nothing is
    written unless the whole file is right and changes something."""

    CANDIDATES = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague.identification_id = False
        for employee, number in zip(cls.candidates, IDS, strict=True):
            employee.write({"identification_id": number, "birthday": False, "sex": False})
        cls.examiner = cls.examiner_employees[1].name

    def setUp(self):
        super().setUp()
        self.plan = self.create_plan()
        self.registrations = self.to_examined(self.plan)
        self.tickets = self.registrations.sorted("ticket_number").mapped("ticket_number")
        self.by_ticket = {r.ticket_number: r for r in self.registrations}

    def rows(self, scores=((81, 77.5), (60, 60), (99, 100))):
        registrations = [self.by_ticket[ticket] for ticket in self.tickets]
        return [
            [
                registration.ticket_number,
                registration.employee_id.name,
                registration.sudo().employee_id.identification_id,
                theory,
                practical,
                self.examiner,
                "",
            ]
            for registration, (theory, practical) in zip(registrations, scores, strict=True)
        ]

    def workbook(self, rows=None, header=HEADER, sheets=None):
        """An .xlsx as xlsxwriter writes it (shared strings), like the plan's export."""
        sheets = sheets or [("成绩", header, self.rows() if rows is None else rows)]
        return write_workbook(
            [(title, head, body, [12] * len(head)) for title, head, body in sheets]
        )

    def upload(self, data, kind="scores", file_name=None):
        wizard = (
            self.env["skill.cert.plan.import"]
            .with_user(self.user_officer)
            .create(
                {
                    "plan_id": self.plan.id,
                    "kind": kind,
                    "file": base64.b64encode(data),
                    "file_name": file_name,
                }
            )
        )
        return wizard.action_import()

    def assertRefused(self, data, expected, kind="scores"):
        with self.assertRaises(UserError) as caught:
            self.upload(data, kind=kind)
        message = str(caught.exception)
        self.assertRegex(message, expected)
        self.assertNotIn("Traceback", message)
        self.assertFalse(any(self.registrations.mapped("has_theory_score")))
        return message

    def plan_uploads(self):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", self.plan._name),
                ("res_id", "=", self.plan.id),
                ("name", "like", "Uploaded"),
            ]
        )

    # ---- what real users send ------------------------------------------------------

    def test_extra_column_ignored_and_listed_summary_kept_in_the_ledger(self):
        header = (*HEADER, "备注2")
        rows = [[*row, "第二列备注"] for row in self.rows()]
        action = self.upload(self.workbook(rows, header), file_name=f"成绩-{IDS[0]}.xlsx")
        message = action["params"]["message"]
        self.assertIn("Columns ignored: 备注2", message)
        self.assertIn("3 rows read, 9 values written, 0 blank rows", message)
        self.assertEqual(self.by_ticket[self.tickets[0]].theory_score, 81)
        upload = self.plan_uploads()
        self.assertEqual(len(upload), 1)
        self.assertEqual(upload.description, message)
        self.assertNotIn(IDS[0], upload.name)  # an ID number in the file name is not kept
        self.assertFalse(upload.index_content)  # full ID numbers inside: not indexed
        self.assertIn(upload, self.plan.message_ids[:1].attachment_ids)
        # the ledger keeps it (Article 13)
        with self.assertRaisesRegex(UserError, "is kept"):
            upload.with_user(self.user_officer).unlink()

    def test_kept_files_are_never_indexed(self):
        Attachment = self.env["ir.attachment"]
        text = b"330503198803120014 candidate list"
        self.assertTrue(Attachment._index(text, "text/plain"))
        kept = Attachment._skill_cert_create_unindexed(
            {"name": "list.txt", "raw": text, "mimetype": "text/plain"}
        )
        self.assertFalse(kept.index_content)

    def test_hidden_first_sheet_skipped_for_the_visible_score_sheet(self):
        data = self.workbook(
            sheets=[
                ("旧成绩", HEADER, [[self.tickets[0], "", IDS[0], 10, 10, self.examiner, ""]]),
                ("成绩", HEADER, self.rows()),
            ]
        )
        data = patched(
            data,
            xl__workbook__xml=lambda xml: xml.replace(
                b'<sheet name="\xe6\x97\xa7\xe6\x88\x90\xe7\xbb\xa9"',
                b'<sheet state="hidden" name="\xe6\x97\xa7\xe6\x88\x90\xe7\xbb\xa9"',
            ),
        )
        self.assertIn(b'state="hidden"', zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml"))
        message = self.upload(data)["params"]["message"]
        self.assertIn("Sheet “成绩”", message)
        self.assertEqual(self.by_ticket[self.tickets[0]].theory_score, 81)

    def test_header_below_a_title_and_sheet_without_it_skipped(self):
        data = self.workbook(
            sheets=[
                ("说明", ["填写说明"], [["成绩为 0-100 的数字"]]),
                ("成绩", ["2026年车工四级成绩录入表", "", ""], [HEADER, *self.rows()]),
            ]
        )
        message = self.upload(data)["params"]["message"]
        self.assertIn("Sheet “成绩”, header on row 2", message)

    def test_missing_required_column_refused(self):
        header = [label for label in HEADER if label != "实操成绩"]
        rows = [row[:4] + row[5:] for row in self.rows()]
        self.assertRefused(self.workbook(rows, header), "has no column 实操成绩")

    def test_untouched_export_writes_nothing(self):
        action = (
            self.plan.with_user(self.user_officer)
            .with_context(xlsx="score_sheet")
            .action_export_xlsx()
        )
        export = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        write_dates = self.registrations.mapped("write_date")
        self.assertRefused(export.raw, "nothing to write")
        self.registrations.invalidate_recordset()
        self.assertEqual(self.registrations.mapped("write_date"), write_dates)
        self.assertFalse(self.plan_uploads())

    def test_every_row_read_whatever_size_the_file_declares(self):
        data = patched(
            self.workbook(),
            xl__worksheets__sheet1__xml=lambda xml: re.sub(
                rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C2"/>', xml
            ),
        )
        # openpyxl in read-only mode believes the file: one row, three columns
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        self.assertEqual(len(list(sheet.iter_rows())), 2)
        message = self.upload(data)["params"]["message"]
        self.assertIn("3 rows read", message)
        self.assertEqual(
            [self.by_ticket[ticket].practical_score for ticket in self.tickets], [77.5, 60, 100]
        )

    def test_blank_rows_counted(self):
        rows = self.rows()
        rows.insert(1, [""] * 7)
        message = self.upload(self.workbook(rows))["params"]["message"]
        self.assertIn("3 rows read, 9 values written, 1 blank rows", message)

    # ---- limits, checked before reading ------------------------------------------------

    def test_file_size_limit(self):
        self.company.skill_cert_upload_max_file_mb = 1
        data = patched(self.workbook(), docProps__padding__bin=os.urandom(1200 * 1024))
        self.assertRefused(data, r"weighs 1\.\d MB, more than the limit of 1\.0 MB")

    def test_unpacked_size_limit_zip_bomb(self):
        bomb = patched(self.workbook(), xl__media__bomb__bin=b"\0" * (60 * 1024 * 1024))
        self.assertLess(len(bomb), 1024 * 1024)  # a file of a few hundred KB...
        self.assertRefused(bomb, r"Unpacked, the workbook would take 6\d\.\d MB.*50\.0 MB")

    def test_100_mb_cell(self):
        cell = b"<si><t>" + b"A" * (100 * 1024 * 1024) + b"</t></si>"
        data = patched(
            self.workbook(),
            xl__sharedStrings__xml=lambda xml: xml.replace(b"</sst>", cell + b"</sst>"),
        )
        self.assertRefused(data, "Unpacked, the workbook would take 1\\d\\d\\.\\d MB")

    def test_cell_longer_than_the_limit(self):
        self.company.skill_cert_upload_max_cell_chars = 1000
        rows = self.rows()
        rows[1][6] = "很长的备注" * 300  # 1,500 characters, a shared string
        self.assertRefused(self.workbook(rows), "longer than 1000 characters")
        workbook = openpyxl.Workbook()  # openpyxl writes inline strings: the cell is named
        sheet = workbook.active
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.assertRefused(
            buffer.getvalue(), "Row 3, column 备注（G）: the cell is longer than 1000 characters"
        )

    def test_memory_filled_with_small_strings(self):
        self.company.skill_cert_upload_max_rows = 10
        strings = b"".join(b"<si><t>%d</t></si>" % index for index in range(2000))
        data = patched(
            self.workbook(),
            xl__sharedStrings__xml=lambda xml: xml.replace(b"</sst>", strings + b"</sst>"),
        )
        self.assertRefused(data, "more texts than a sheet of 10 rows can use")

    def test_rows_limit(self):
        self.company.skill_cert_upload_max_rows = 2  # three candidates are one too many
        self.assertRefused(self.workbook(), "more than 2 rows with data")

    # ---- damaged and hostile files ---------------------------------------------------

    def test_not_a_workbook(self):
        self.assertRefused(b"PK\x03\x04 not really a zip", "not an Excel workbook")
        self.assertRefused(b"\xd0\xcf\x11\xe0 an old .xls", "not an Excel workbook")

    def test_truncated_xml(self):
        data = patched(
            self.workbook(), xl__worksheets__sheet1__xml=lambda xml: xml[: len(xml) // 2]
        )
        self.assertRefused(data, "damaged: its part xl/worksheets/sheet1.xml is incomplete")
        data = patched(self.workbook(), xl__sharedStrings__xml=lambda xml: xml[:-20])
        self.assertRefused(data, "damaged: its part xl/sharedStrings.xml")

    def test_bad_shared_string_index(self):
        data = patched(
            self.workbook(),
            xl__worksheets__sheet1__xml=lambda xml: re.sub(
                rb'(<c r="B3"[^>]*t="s"[^>]*><v>)\d+', rb"\g<1>99999", xml
            ),
        )
        self.assertRefused(data, "Row 3, column 姓名（B）: the cell refers to text no. 99999")

    def test_text_in_a_numeric_cell(self):
        data = patched(
            self.workbook(),
            xl__worksheets__sheet1__xml=lambda xml: re.sub(
                rb'(<c r="D2"[^>]*><v>)[^<]+', rb"\g<1>eighty", xml
            ),
        )
        self.assertRefused(data, "Row 2, column 理论成绩（D）: the cell is stored as a number")

    def test_dtd_and_entity_payloads(self):
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>'
        )
        external = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        for payload in (laughs, external):
            with self.subTest(payload=payload[:60]):
                data = patched(
                    self.workbook(),
                    xl__sharedStrings__xml=lambda xml, payload=payload: (
                        payload
                        + re.sub(rb"^<\?xml[^>]*\?>", b"", xml).replace(b"<t>", b"<t>&c;&x;", 1)
                    ),
                )
                self.assertRefused(data, "carries a DTD or entity declarations")

        # a DTD split across two chunks of the reader is found as well
        def split(xml):
            prolog = xml[: xml.index(b"?>") + 2]
            padding = b"<!--" + b" " * (64 * 1024 - 4 - len(prolog) - 7) + b"-->"
            return prolog + padding + external[21:] + xml[len(prolog) :]

        data = patched(self.workbook(), xl__workbook__xml=split)
        self.assertRefused(data, "carries a DTD")

    def test_utf16_part_refused(self):
        data = patched(
            self.workbook(),
            xl__sharedStrings__xml=lambda xml: (
                xml.decode("utf-8")
                .replace('encoding="UTF-8"', 'encoding="UTF-16"')
                .encode("utf-16")
            ),
        )
        self.assertRefused(data, "not in UTF-8")

    # ---- ID numbers never in messages nor logs ---------------------------------------

    def test_no_id_number_in_messages_or_log(self):
        """Odoo logs the UserError of a request at WARNING (odoo.http): neither the
        message nor anything logged during the upload shows an ID number."""
        typed_as_number = self.rows()
        typed_as_number[0][2] = 330523199705010065  # read back as a float
        typed_as_number[2][3] = "九十"
        someone_else = self.rows()
        someone_else[1][2] = "330503198803120014"
        messages = []
        with self.assertLogs("odoo", level="INFO") as logs:
            for rows in (typed_as_number, someone_else):
                with self.assertRaises(UserError) as caught:
                    self.upload(self.workbook(rows))
                # as Odoo's HTTP layer logs the UserError of a request
                logging.getLogger("odoo.http").warning(caught.exception)
                messages.append(str(caught.exception))
        self.assertIn('Row 2, column 身份证号, value "3305**********', messages[0])
        self.assertIn("loses digits", messages[0])
        self.assertIn('Row 4, column 理论成绩, value "九十": not a number', messages[0])
        self.assertIn('Row 3, column 身份证号, value "3305**********0014"', messages[1])
        self.assertIn("does not match", messages[1])
        log = "\n".join(logs.output)
        self.assertIn("Row 3, column 身份证号", log)
        for text in (*messages, log):
            self.assertIsNone(ID_PATTERN.search(text), text)
        self.assertFalse(any(self.registrations.mapped("has_theory_score")))

    def test_certificate_numbers_nothing_to_write_and_masked_ids(self):
        self.assertRefused(
            self.workbook(header=["身份证号", "证书编号"], rows=[["330503198803120014", ""]]),
            r"Row 2, column 身份证号, value \"3305\*{10}0014\"",
            kind="certificate_numbers",
        )


@tagged("post_install", "-at_install")
class TestReadTable(PlanCommon):
    """The reader alone (tools/xlsx.read_table), on what spreadsheet programs write."""

    def test_inline_strings_formulas_and_booleans(self):
        workbook = openpyxl.Workbook()  # openpyxl writes inline strings
        sheet = workbook.active
        sheet.append(["准考证号", "理论成绩", "实操成绩"])
        sheet.append(["T1", "=1+1", True])
        buffer = io.BytesIO()
        workbook.save(buffer)
        table = read_table(
            buffer.getvalue(),
            {"ticket": "准考证号", "theory": "理论成绩", "practical": "实操成绩"},
            ["ticket"],
            Limits(),
        )
        ((line, cells),) = table.rows
        self.assertEqual(line, 2)
        self.assertEqual(cells["ticket"].value, "T1")
        self.assertEqual(cells["theory"].kind, "formula")
        self.assertEqual(cells["practical"].kind, "bool")


@tagged("post_install", "-at_install")
class TestUploadPeakMemory(TransactionCase):
    """benchmarks/upload_peak_memory.py on a small file: the reader holds less than
    openpyxl loading the same file, and about what the file holds unpacked."""

    def test_small_benchmark(self):
        path = os.path.join(get_module_path(MODULE), "benchmarks", "upload_peak_memory.py")
        spec = importlib.util.spec_from_file_location("upload_peak_memory", path)
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        figures = bench.run(rows=2000, unzipped_target=8 * 1024 * 1024)
        self.assertEqual(figures["ours_rows"], 2000)
        self.assertEqual(figures["baseline_rows"], 2000)
        self.assertLess(figures["ours"], 1.5 * figures["unzipped"])
        self.assertLess(figures["ratio"], 1.0)


@tagged("post_install", "-at_install")
class TestUploadMessagesInChinese(PlanCommon):
    """The refusals of this issue reach a Chinese user in Chinese."""

    CANDIDATES = 1

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_refusals_in_chinese(self):
        plan = self.create_plan()
        self.to_examined(plan)
        data = patched(
            write_workbook([("成绩", list(HEADER), [], [12] * len(HEADER))]),
            xl__worksheets__sheet1__xml=lambda xml: xml[: len(xml) // 2],
        )
        wizard = (
            self.env["skill.cert.plan.import"]
            .with_user(self.user_officer)
            .create({"plan_id": plan.id, "file": base64.b64encode(data)})
        )
        with self.assertRaisesRegex(UserError, "未导入任何内容：文件已损坏"):
            wizard.action_import()
        Year = self.env["skill.cert.official.year"].with_user(self.user_manager)
        with self.assertRaisesRegex(UserError, "尚未载入 2027 年的法定节假日安排"):
            Year._add_working_days(date(2026, 12, 28), 5)
        year = Year.create({"year": 2027, "reference": "国办发明电〔2026〕99号"})
        with self.assertRaisesRegex(UserError, "2027 年没有法定节假日"):
            year.action_confirm()
