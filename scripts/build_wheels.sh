#!/usr/bin/env bash
# Build the wheels of the addon and of its OCA payroll bridge with whool, as OCA does:
#   scripts/build_wheels.sh [OUT_DIR]      (default: dist/ in the checkout)
# giving odoo_addon_l10n_cn_hr_skill_certification-19.0.*.whl and
# odoo_addon_l10n_cn_hr_skill_certification_payroll-19.0.*.whl. whool (pinned in
# requirements-lint.txt) runs from the static-check venv, without build isolation: no
# download at build time.
#
# whool names the package after the addon's folder and packs the files git knows of, with
# a version made of the manifest's and the number of commits since it changed. The bridge
# sits in bridges/ under its technical name: it is built in place. The addon is the
# checkout itself, which may be named anything and holds the bridge. So the addon is built
# from a folder named after it, holding the checkout's files (those git tracks and the new
# ones it does not ignore; bridges/ left out, it is a package of its own), with a PKG-INFO
# naming the package and giving the version whool computes from the checkout's manifest
# and git history: whool reads a PKG-INFO as it does when building from its own sdist, and
# leaves it out of the wheel. (A folder of links, as scripts/lib.sh make_addons_dir makes,
# would do for the name — whool follows the links, and copies every file, untracked ones
# included, since the folder is not in git — but would lose the version's git part.)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=${1:-$REPO_ROOT/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)
setup_lint_tools || die "Could not install the static-check tools (whool)."
stage=$(mktemp -d "${TMPDIR:-/tmp}/skill-cert-wheel.XXXXXX")
trap 'rm -rf "$stage"' EXIT
module=$stage/$ADDON_NAME
mkdir "$module"

if git -C "$REPO_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$REPO_ROOT" && git ls-files -z --cached --others --exclude-standard -- . ':(exclude)bridges') \
    | while IFS= read -r -d '' file; do
        [ -f "$REPO_ROOT/$file" ] || continue  # tracked but deleted in the work tree
        mkdir -p "$module/$(dirname "$file")"
        cp -p "$REPO_ROOT/$file" "$module/$file"
      done
else  # no git: what Odoo would load, without bytecode
  for entry in "$REPO_ROOT"/*; do
    [ "$(basename "$entry")" = bridges ] || cp -pR "$entry" "$module/"
  done
  find "$module" -name __pycache__ -prune -exec rm -rf {} +
fi

"$LINT_VENV/bin/python" - "$REPO_ROOT" "$ADDON_NAME" > "$module/PKG-INFO" <<'PY'
import os
import sys
from pathlib import Path

from manifestoo_core.metadata import addon_name_to_distribution_name, metadata_from_addon_dir
from manifestoo_core.odoo_series import OdooSeries
from whool.utils import load_pyproject_toml

root, addon_name = Path(sys.argv[1]), sys.argv[2]
# the options whool reads: [tool.whool] of pyproject.toml, and the strategy override
options = load_pyproject_toml(root).get("tool", {}).get("whool", {})
if os.environ.get("WHOOL_POST_VERSION_STRATEGY_OVERRIDE"):
    options["post_version_strategy_override"] = os.environ["WHOOL_POST_VERSION_STRATEGY_OVERRIDE"]
version = metadata_from_addon_dir(root, options)["Version"]
series = OdooSeries.from_str(".".join(version.split(".")[:2]))
print("Metadata-Version: 2.1")
print(f"Name: {addon_name_to_distribution_name(addon_name, series)}")
print(f"Version: {version}")
PY

pip_install "$LINT_VENV/bin/pip" wheel --quiet --no-deps --no-build-isolation --wheel-dir "$out" \
  "$module" "$BRIDGES_DIR/$BRIDGE_NAME"
ls "$out"/odoo_addon_"$ADDON_NAME"-*.whl "$out"/odoo_addon_"$BRIDGE_NAME"-*.whl
