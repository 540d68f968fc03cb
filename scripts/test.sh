#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. static checks: ruff, pylint-odoo, oca-odoo-pre-commit-hooks; then the wheels of
#      the addon and of the bridge are built, installed into a fresh venv and checked;
#   2. a fresh database installs the addon and its OCA payroll bridge with demo data and
#      Chinese, another with demo data in English only; a third installs the addon alone
#      without demo data (the bridge follows in step 3); each step with no warning or
#      error in the log;
#   3. in that second database, pytest-odoo runs Odoo's own hr and hr_skills tests with
#      the addon installed, then (once the bridge is installed) every test of the addon
#      and of the bridge with the real OCA payroll; the last line is pytest's summary.
# Extra arguments go to pytest for the addon's tests (e.g. -k certificate, -x).
# Without an Odoo 19 runtime it says so loudly, runs the static checks and fails,
# unless ALLOW_NO_ODOO=1.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 2

failed=0
addons=$(make_addons_dir)
trap 'rm -rf "$addons"' EXIT

# ---- 1. static checks ---------------------------------------------------------
setup_lint_tools || die "Could not install the static-check tools."
say "Static checks: ruff"
"$LINT_VENV/bin/ruff" check --quiet . || failed=1
"$LINT_VENV/bin/ruff" format --check --quiet . || failed=1
say "Static checks: pylint-odoo"
"$LINT_VENV/bin/pylint" --rcfile=.pylintrc --score=n --output-format=colorized \
  models wizard tools tests controllers __init__.py __manifest__.py "bridges/$BRIDGE_NAME" || failed=1
say "Static checks: oca-odoo-pre-commit-hooks"
(cd "$addons" && "$LINT_VENV/bin/oca-checks-odoo-module" "$ADDON_NAME/__manifest__.py") || failed=1
(cd "$BRIDGES_DIR" && "$LINT_VENV/bin/oca-checks-odoo-module" "$BRIDGE_NAME/__manifest__.py") || failed=1
"$LINT_VENV/bin/oca-checks-po" i18n/*.po i18n/*.pot "bridges/$BRIDGE_NAME"/i18n/*.po* || failed=1
[ $failed = 0 ] && say "Static checks passed." || say "Static checks FAILED."
say "Packaging: both wheels build (whool), install into a fresh venv and hold their files"
"$REPO_ROOT/scripts/check_wheels.sh" || failed=1

# ---- 2. the Odoo 19 runtime ----------------------------------------------------
if ! setup_runtime; then
  explain_no_odoo
  printf '\n\033[1;41m !!! THE ODOO TEST SUITE DID NOT RUN: no Odoo 19 runtime could be found or built. !!! \033[0m\n\n' >&2
  if [ "${ALLOW_NO_ODOO:-0}" = 1 ]; then exit $failed; fi
  exit 1
fi
setup_postgres
if [ -z "$(payroll_addons_dir)" ]; then
  printf '\n\033[1;41m !!! OCA payroll is not installed: the payroll bridge cannot be tested (see requirements-payroll.txt). !!! \033[0m\n\n' >&2
  failed=1
fi

run_id=$(date +%s)$$
db=skillcert_test_$run_id
db_demo=skillcert_demo_$run_id
logs=$(mktemp -d "${TMPDIR:-/tmp}/skill-cert-logs.XXXXXX")
data_dir=$(mktemp -d "${TMPDIR:-/tmp}/skill-cert-data.XXXXXX")
cleanup() {
  for name in "$db" "$db_demo"; do
    dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$name" 2>/dev/null
  done
  rm -rf "$addons" "$data_dir"
}
trap cleanup EXIT

# shellcheck disable=SC2046
odoo_args=(--addons-path="$(addons_path "$addons")" --data-dir="$data_dir" $(odoo_db_args)
  --http-interface=127.0.0.1)

install_clean() {  # $1 database, $2 "demo", "demo_en", "nodemo" or "bridge", $3 modules
  local log=$logs/install-$2.log demo_flag=()
  # The demo database also loads Chinese (its log then proves i18n/zh_CN.po loads
  # cleanly); the English demo database is how most administrators try an addon first;
  # the test database stays in English, as Odoo's own tests expect.
  [ "$2" = demo ] && demo_flag=(--with-demo --load-language=zh_CN)
  [ "$2" = demo_en ] && demo_flag=(--with-demo)
  say "Installing $3 ($2) ..."
  "$ODOO_PY" -m odoo -d "$1" "${odoo_args[@]}" "${demo_flag[@]}" -i "$3" \
    --stop-after-init --log-level=info --logfile="$log"
  local status=$?
  # Odoo's own notices about running as root are not about the addon.
  local problems
  problems=$(grep -E ' (WARNING|ERROR|CRITICAL) ' "$log" | grep -v "Running as user 'root'" )
  if [ $status != 0 ] || [ -n "$problems" ]; then
    printf '%s\n' "$problems" >&2
    say "Installation ($2) logged warnings or errors: see $log"
    return 1
  fi
  say "Installation ($2): clean log."
}

install_clean "$db_demo" demo "$ADDON_NAME,$BRIDGE_NAME" || failed=1
dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$db_demo"
install_clean "$db_demo" demo_en "$ADDON_NAME,$BRIDGE_NAME" || failed=1
dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$db_demo"
install_clean "$db" nodemo "$ADDON_NAME" || { say "Cannot run the tests without an installed database."; exit 1; }

# ---- 3. the tests ----------------------------------------------------------------
odoo_src=$(cat "$RUNTIME_HOME/odoo-src")
core_addons=$odoo_src/odoo/addons
[ -d "$odoo_src/addons/hr" ] && core_addons=$odoo_src/addons
conf=$logs/odoo-test.conf
cat > "$conf" <<CONF
[options]
addons_path = $(addons_path "$addons")
data_dir = $data_dir
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
http_interface = 127.0.0.1
CONF
[ -n "${PGPASSWORD:-}" ] && echo "db_password = $PGPASSWORD" >> "$conf"
run_pytest() {
  (cd "$logs" && "$VENV/bin/python" -m pytest -p no:cacheprovider -W ignore::DeprecationWarning \
    -W ignore::PendingDeprecationWarning \
    --odoo-database="$db" --odoo-config="$conf" --odoo-http --odoo-log-level=warn \
    -o console_output_style=count -ra "$@")
}

# Odoo's own hr and hr_skills tests run with the addon installed but before OCA payroll:
# OCA payroll's own fields fail three of those tests whatever the addon does.
say "Running Odoo's hr and hr_skills tests with the addon installed (pytest-odoo) ..."
run_pytest "$core_addons/hr/tests" "$core_addons/hr_skills/tests"
core_status=$?
[ $core_status = 0 ] || say "Odoo's hr or hr_skills tests FAILED with the addon installed (see above)."

install_clean "$db" bridge "$BRIDGE_NAME" || { say "Cannot run the tests without the payroll bridge."; exit 1; }
say "Running the tests of the addon and of its payroll bridge (pytest-odoo) ..."
run_pytest "$@" "$addons/$ADDON_NAME/tests" "$addons/$BRIDGE_NAME/tests"
pytest_status=$?
[ $failed = 0 ] || say "Static checks or installation FAILED (see above)."
[ $pytest_status = 0 ] && [ $core_status = 0 ] && [ $failed = 0 ]
