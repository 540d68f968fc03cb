"""The groups of skill certification, named once for every model, report and test."""

MODULE = "l10n_cn_hr_skill_certification"

GROUP_EMPLOYEE = f"{MODULE}.group_skill_cert_employee"
GROUP_EXAMINER = f"{MODULE}.group_skill_cert_examiner"
GROUP_SUPERVISOR = f"{MODULE}.group_skill_cert_supervisor"
GROUP_EXTERNAL_SUPERVISOR = f"{MODULE}.group_skill_cert_external_supervisor"
GROUP_OFFICER = f"{MODULE}.group_skill_cert_officer"
GROUP_MANAGER = f"{MODULE}.group_skill_cert_manager"
GROUP_ALLOWANCE_OFFICER = f"{MODULE}.group_skill_allowance_officer"
GROUP_ALLOWANCE_MANAGER = f"{MODULE}.group_skill_allowance_manager"
