"""Columns of the Annex 5 register as the regulation prints them: (row key, heading).

Plain Python, so that the ODT template builder (run outside Odoo) and the XLSX export
share one list."""

ANNEX5_COLUMNS = [
    ("sequence", "序号"),
    ("name", "姓名"),
    ("gender", "性别"),
    ("birth_month", "出生年月"),
    ("education", "文化程度"),
    ("id_number", "身份证号"),
    ("unit", "所在单位或住址"),
    ("seniority", "专业工龄"),
    ("theory_score", "理论成绩"),
    ("practical_score", "实操成绩"),
    ("certificate_number", "证书编号"),
]
