"""Build the default ODT templates of Annex 4 and Annex 5 (py3o.template syntax).

Run ``python3 report/odt/build_templates.py`` after changing this file. An enterprise
that wants its own layout edits the produced .odt in LibreOffice (keeping the py3o
fields and the for / /for links) and uploads it in the settings: no code changes.

py3o syntax: a user field named ``py3o.<expression>`` prints the expression; a
hyperlink to ``py3o://for="row in rows"`` ... ``py3o:///for`` repeats what is between
(in a table, the row that holds both links).
"""

import os
import sys
import zipfile
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
# The column list is shared with the XLSX export; this script runs outside Odoo.
sys.path.insert(0, os.path.dirname(HERE))
from annex_columns import ANNEX5_COLUMNS  # noqa: E402

FONT = "Noto Sans CJK SC"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.2"'
)


class Doc:
    def __init__(self):
        self.fields = []
        self.body = []

    def field(self, expression):
        name = f"py3o.{expression}"
        if name not in self.fields:
            self.fields.append(name)
        return f"<text:user-field-get text:name={quoteattr(name)}>{escape(expression)}</text:user-field-get>"

    @staticmethod
    def link(target, label):
        href = "py3o://" + quote(target, safe="/=")
        return f'<text:a xlink:type="simple" xlink:href={quoteattr(href)}>{escape(label)}</text:a>'

    def p(self, content, style="Body"):
        self.body.append(f'<text:p text:style-name="{style}">{content}</text:p>')

    def table(self, widths, rows):
        """rows: list of lists of cell xml (None merges into the cell on the left)."""
        columns = "".join(
            f'<table:table-column table:style-name="Col{i}"/>' for i in range(len(widths))
        )
        xml = [f'<table:table table:name="T{len(self.body)}" table:style-name="Grid">{columns}']
        for row in rows:
            xml.append("<table:table-row>")
            index = 0
            while index < len(row):
                span = 1
                while index + span < len(row) and row[index + span] is None:
                    span += 1
                spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
                xml.append(
                    f'<table:table-cell table:style-name="Cell" office:value-type="string"{spanned}>'
                    f'<text:p text:style-name="CellText">{row[index]}</text:p></table:table-cell>'
                )
                xml.extend("<table:covered-table-cell/>" for _ in range(span - 1))
                index += span
            xml.append("</table:table-row>")
        xml.append("</table:table>")
        self.body.append("".join(xml))

    def content(self, widths_cm):
        columns = "".join(
            f'<style:style style:name="Col{i}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
            for i, w in enumerate(widths_cm)
        )
        decls = "".join(
            f'<text:user-field-decl office:value-type="string" office:string-value="" text:name={quoteattr(n)}/>'
            for n in self.fields
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}>'
            f'<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="&apos;{FONT}&apos;"/>'
            "</office:font-face-decls><office:automatic-styles>"
            + _paragraph_style("Title", "16pt", bold=True, center=True)
            + _paragraph_style("Body", "11pt")
            + _paragraph_style("Annex", "11pt", bold=True)
            + _paragraph_style("CellText", "10pt", center=True)
            + f'<style:style style:name="Grid" style:family="table"><style:table-properties '
            f'style:width="{sum(widths_cm)}cm" table:align="center"/></style:style>'
            + columns
            + '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
            'fo:border="0.5pt solid #000000" fo:padding="0.08cm" style:vertical-align="middle"/></style:style>'
            "</office:automatic-styles><office:body><office:text>"
            f"<text:user-field-decls>{decls}</text:user-field-decls>"
            + "".join(self.body)
            + "</office:text></office:body></office:document-content>"
        )


def _paragraph_style(name, size, bold=False, center=False):
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    align = '<style:paragraph-properties fo:text-align="center"/>' if center else ""
    return (
        f'<style:style style:name="{name}" style:family="paragraph">{align}'
        f'<style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" '
        f'fo:font-size="{size}" style:font-size-asian="{size}"{weight}/></style:style>'
    )


def _styles(landscape):
    width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    orientation = "landscape" if landscape else "portrait"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NAMESPACES}>'
        "<office:automatic-styles>"
        f'<style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="{width}" '
        f'fo:page-height="{height}" style:print-orientation="{orientation}" fo:margin-top="1.5cm" '
        'fo:margin-bottom="1.5cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm"/></style:page-layout>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="Page"/>'
        "</office:master-styles></office:document-styles>"
    )


def _write(path, content, landscape):
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            zipfile.ZIP_STORED,
        )
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        package.writestr("styles.xml", _styles(landscape), zipfile.ZIP_DEFLATED)


def annex4():
    doc = Doc()
    f = doc.field
    doc.p("附件4：", "Annex")
    doc.p("职业技能等级认定公示结果确认单", "Title")
    doc.table(
        [4, 5, 3, 5],
        [
            ["评价机构名称", f("plan.company"), None, None],
            ["认定计划号", f("plan.number"), None, None],
            ["认定职业", f("plan.occupation"), "认定等级", f("plan.level")],
            ["认定工种", f("plan.work_type"), "", ""],
        ],
    )
    doc.p("")
    doc.p(
        f"以上共 {f('plan.passed_count')} 名人员，通过 {f('plan.occupation')} 职业 "
        f"{f('plan.work_type')} 工种 {f('plan.level')} 等级职业技能等级认定，经公示无异议。"
    )
    doc.p("")
    doc.p(f"企业技能等级认定负责人（签名）: {f('plan.head')}")
    doc.p("企业（盖章）:")
    doc.p(f("plan.confirmed_date"))
    return doc.content([4, 5, 3, 5])


def annex5():
    doc = Doc()
    f = doc.field
    doc.p("附件5：", "Annex")
    doc.p(f"{f('plan.company')}职业技能等级证书核发登记表", "Title")
    doc.p(
        f"填表单位（盖章）：{f('plan.company')}　　工种：{f('plan.occupation_full')}　　"
        f"等级：{f('plan.level')}　　填表时间：{f('plan.issue_date')}"
    )
    header = [heading for _key, heading in ANNEX5_COLUMNS]
    keys = [key for key, _heading in ANNEX5_COLUMNS]
    # py3o repeats the rows between the row holding "for" and the row holding "/for"
    blank = [None] * (len(keys) - 1)
    widths = [1.2, 2, 1.2, 2, 2, 4.2, 5, 1.6, 1.8, 1.8, 4]
    doc.table(
        widths,
        [
            header,
            [Doc.link('for="row in rows"', 'for="row in rows"'), *blank],
            [f(f"row.{key}") for key in keys],
            [Doc.link("/for", "/for"), *blank],
        ],
    )
    doc.p("填表人（签字）:　　　　　　　　复核人（签字）：　　　　　　　　审核人（签字）：")
    return doc.content(widths)


if __name__ == "__main__":
    _write(os.path.join(HERE, "annex4.odt"), annex4(), landscape=False)
    _write(os.path.join(HERE, "annex5.odt"), annex5(), landscape=True)
    print("annex4.odt and annex5.odt written")
