import base64
import io
import os
import shutil
import subprocess
import tempfile
from types import SimpleNamespace

from odoo import api, models
from odoo.exceptions import UserError
from odoo.modules.module import get_module_path

from ..tools.download import attach_and_download

ODT_OUTPUTS = {
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CONVERSION_TIMEOUT = 120


def find_libreoffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


class ReportSkillCertPlanOdt(models.AbstractModel):
    """Annex 4 and Annex 5 as editable ODT documents (py3o.template), from the templates
    shipped in report/odt/ or those the company uploaded in the settings. LibreOffice,
    when installed on the server, converts them to PDF or DOCX."""

    _name = "report.l10n_cn_hr_skill_certification.plan_odt"
    _description = "Certification Plan ODT Documents"

    @api.model
    def _template(self, company, kind):
        custom = company[f"skill_cert_{kind}_odt"]
        if custom:
            return base64.b64decode(custom)
        path = os.path.join(
            get_module_path("l10n_cn_hr_skill_certification"), "report", "odt", f"{kind}.odt"
        )
        with open(path, "rb") as template:
            return template.read()

    @api.model
    def _data(self, plan, kind):
        head = plan.results_head_id.name or ""
        results_notice = plan.notice_ids.filtered(lambda n: n.kind == "results")[:1]
        occupation = plan.occupation_id.parent_id or plan.occupation_id
        work_type = plan.occupation_id if plan.occupation_id.parent_id else False
        plan_data = SimpleNamespace(
            company=plan.company_id.name,
            number=plan.name,
            occupation=occupation.name,
            work_type=work_type.name if work_type else "/",
            occupation_full=plan.occupation_id._get_skill_name(),
            level=plan.level_id.name,
            passed_count=plan.results_confirmed_count or plan.passed_count,
            head=head,
            confirmed_date=_chinese_date(results_notice.closed_date),
            issue_date=_chinese_date(plan.issue_date),
        )
        if kind == "annex4":
            plan.check_access("read")
            return {"plan": plan_data}
        rows = self.env["report.l10n_cn_hr_skill_certification.report_forms"]._get_plan_rows(
            plan, passed_only=True
        )
        return {
            "plan": plan_data,
            "rows": [
                SimpleNamespace(
                    **{key: _text(value) for key, value in row.items() if key != "registration"}
                )
                for row in rows
            ],
        }

    @api.model
    def _render(self, plan, kind, output="odt"):
        """Return the document's bytes, as ODT or converted by LibreOffice."""
        from py3o.template import Template  # noqa: PLC0415 - only for these documents

        if kind not in ("annex4", "annex5") or output not in ODT_OUTPUTS:
            raise UserError(self.env._("Unknown document."))
        data = self._data(plan, kind)
        odt = io.BytesIO()
        try:
            Template(io.BytesIO(self._template(plan.company_id, kind)), odt).render(data)
        except Exception as error:
            raise UserError(
                self.env._(
                    "The %(kind)s template could not be filled (%(error)s). Check the py3o "
                    "fields of the template uploaded in the settings.",
                    kind=kind,
                    error=error,
                )
            ) from error
        if output == "odt":
            return odt.getvalue()
        return self._convert(odt.getvalue(), output)

    @api.model
    def _convert(self, odt, output):
        soffice = find_libreoffice()
        if not soffice:
            raise UserError(
                self.env._(
                    "LibreOffice is not installed on the server, so the document cannot be "
                    "converted to %(format)s: download the ODT and open it in LibreOffice or "
                    "WPS, or ask the administrator to install LibreOffice.",
                    format=output.upper(),
                )
            )
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "document.odt")
            with open(source, "wb") as handle:
                handle.write(odt)
            try:
                subprocess.run(
                    [
                        soffice,
                        f"-env:UserInstallation=file://{folder}/profile",
                        "--headless",
                        "--convert-to",
                        output,
                        "--outdir",
                        folder,
                        source,
                    ],
                    check=True,
                    capture_output=True,
                    timeout=CONVERSION_TIMEOUT,
                )
                with open(os.path.join(folder, f"document.{output}"), "rb") as converted:
                    return converted.read()
            except (subprocess.SubprocessError, OSError) as error:
                raise UserError(
                    self.env._(
                        "LibreOffice could not convert the document to %(format)s.",
                        format=output.upper(),
                    )
                ) from error

    @api.model
    def _export(self, plan, kind, output):
        data = self._render(plan, kind, output)
        names = {"annex4": self.env._("Annex 4"), "annex5": self.env._("Annex 5")}
        return attach_and_download(
            plan, f"{names[kind]}-{plan.name}.{output}", data, ODT_OUTPUTS[output]
        )


def _text(value):
    if value is False or value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return value


def _chinese_date(day):
    return day.strftime("%Y 年 %m 月 %d 日") if day else "　　年　　月　　日"
