#!/usr/bin/env bash
# The wheels install: builds both with scripts/build_wheels.sh, installs them without
# their dependencies into a fresh venv, and checks what pip installed — the packages'
# names and versions (the manifests' versions, with whool's git part), and the files Odoo
# loads: the manifests, every data, demo and asset file they name, the translations,
# static/. Needs no Odoo; scripts/test.sh runs it after the static checks.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/skill-cert-wheels.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$REPO_ROOT/scripts/build_wheels.sh" "$work/dist" >/dev/null || die "The wheels did not build."
py=$(pick_python) || py=python3
"$py" -m venv "$work/venv" || die "Could not create a venv with $py."
pip_install "$work/venv/bin/python" -m pip install --quiet --no-deps --no-index \
  "$work"/dist/*.whl || die "The wheels did not install."

"$work/venv/bin/python" "$REPO_ROOT/scripts/check_wheels.py" "$REPO_ROOT" "$ADDON_NAME" "$BRIDGE_NAME" \
  "$work/dist"
status=$?
if [ $status = 0 ]; then
  say "Wheels: both build, install and hold their files."
else
  say "Wheels: FAILED (see above)."
fi
exit $status
