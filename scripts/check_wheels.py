"""What pip installed from the wheels (run by the fresh venv's Python, by
scripts/check_wheels.sh): names, versions, the manifests and the files they name.

    python scripts/check_wheels.py REPO_ROOT ADDON BRIDGE WHEEL_DIR
"""

import ast
import importlib.metadata
import re
import sys
import sysconfig
import zipfile
from pathlib import Path

root, addon, bridge, dist = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
addons = Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons"
problems = []


def manifest(path):
    return ast.literal_eval(path.read_text(encoding="utf-8"))


def check(name, source, extra_files):
    source_manifest = manifest(source / "__manifest__.py")
    distribution = f"odoo-addon-{name}"
    try:
        metadata = importlib.metadata.metadata(distribution)
    except importlib.metadata.PackageNotFoundError:
        problems.append(f"{distribution} is not installed")
        return
    if metadata["Name"] != distribution:
        problems.append(f"{distribution}: metadata name {metadata['Name']}")
    version = metadata["Version"]
    # whool: the manifest's version, then the commits since it changed (".N"), or ".dev1"
    # while a new manifest version is not committed yet
    if not re.fullmatch(re.escape(source_manifest["version"]) + r"(\.\d+|\.dev1)?", version):
        problems.append(
            f"{distribution} {version}: not the manifest's {source_manifest['version']}"
        )
    if not version.startswith("19.0."):
        problems.append(f"{distribution} {version}: not a 19.0 version")
    wheel = f"odoo_addon_{name}-{version}-py3-none-any.whl"
    if not (dist / wheel).is_file():
        problems.append(f"no {wheel} among {sorted(p.name for p in dist.iterdir())}")
    module = addons / name
    installed = (
        manifest(module / "__manifest__.py") if (module / "__manifest__.py").is_file() else {}
    )
    if installed != source_manifest:
        problems.append(f"{name}: odoo/addons/{name}/__manifest__.py missing or not the checkout's")
    for relative in [*installed.get("data", []), *installed.get("demo", []), *extra_files]:
        if not relative.endswith("/") and not (module / relative).is_file():
            problems.append(f"{name}: odoo/addons/{name}/{relative} is missing")
    # the addon's own assets, named from the addons folder, globs included
    for bundle in installed.get("assets", {}).values():
        for asset in bundle:
            path = asset[-1] if isinstance(asset, (list, tuple)) else asset
            if path.startswith(f"{name}/") and not any(addons.glob(path)):
                problems.append(f"{name}: no installed file matches the asset {path}")
    for relative in extra_files:
        if relative.endswith("/") and not any((module / relative).rglob("*")):
            problems.append(f"{name}: odoo/addons/{name}/{relative} is empty or missing")
    names = zipfile.ZipFile(dist / wheel).namelist() if (dist / wheel).is_file() else []
    junk = [
        n
        for n in names
        if "__pycache__" in n or n.endswith((".pyc", "/PKG-INFO", "/pyproject.toml"))
    ]
    if junk:
        problems.append(f"{wheel} holds files that do not belong in it: {junk[:5]}")
    print(f"{wheel}: {len(names)} files, installed")


check(
    addon, root, ["__init__.py", "i18n/zh_CN.po", "static/description/icon.png", "static/", "data/"]
)
check(bridge, root / "bridges" / bridge, ["__init__.py", "i18n/zh_CN.po", "data/"])
if (addons / addon / "bridges").exists():
    problems.append(f"{addon}: the bridge is packed inside the addon (bridges/)")
if problems:
    print("\n".join(f"  - {problem}" for problem in problems), file=sys.stderr)
    sys.exit(1)
