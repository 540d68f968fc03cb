{
    "name": "China - Skill Allowance in OCA Payroll",
    "summary": "Pays the confirmed monthly skill allowance (Article 5(3)) on OCA payroll "
    "payslips, through a payslip input and an allowance salary rule.",
    "version": "19.0.1.0.0",
    "category": "Payroll",
    "author": "l10n_cn_hr_skill_certification contributors",
    "website": "https://github.com/l10n-cn/l10n_cn_hr_skill_certification",
    "license": "LGPL-3",
    "depends": ["l10n_cn_hr_skill_certification", "payroll"],
    "data": [
        "data/hr_salary_rule_data.xml",
    ],
    "demo": [
        "demo/hr_payroll_structure_demo.xml",
    ],
    "auto_install": True,
}
