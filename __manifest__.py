{
    "name": "China - Vocational Skill Level Certification",
    "summary": "Run vocational skill level certification (职业技能等级认定) as a pilot "
    "enterprise: occupations, levels, certificates and the employee data the "
    "Nanxun 2023 measures require.",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Skills",
    "author": "l10n_cn_hr_skill_certification contributors",
    "website": "https://github.com/l10n-cn/l10n_cn_hr_skill_certification",
    "license": "LGPL-3",
    "depends": ["hr", "hr_skills", "mail", "resource"],
    "external_dependencies": {
        "python": ["python-stdnum", "xlsxwriter", "openpyxl"],
    },
    "data": [
        "security/skill_cert_security.xml",
        "security/ir.model.access.csv",
        "data/hr_skill_type_data.xml",
        "data/skill_cert_occupation_data.xml",
        "wizard/skill_cert_certificate_revoke_views.xml",
        "wizard/skill_cert_occupation_import_views.xml",
        "views/skill_cert_occupation_views.xml",
        "views/skill_cert_certificate_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_skill_type_views.xml",
        "views/res_config_settings_views.xml",
        "views/skill_cert_menus.xml",
    ],
    "demo": [
        "data/skill_cert_demo.xml",
    ],
    "application": True,
}
