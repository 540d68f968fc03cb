#!/usr/bin/env bash
# Run a benchmark of benchmarks/ in a scratch database with the addon installed:
#   benchmarks/run.sh plan_2000
# at its full size (2,000 candidates, 10,000 employees, ...); SKILL_CERT_BENCH_SIZE=200
# runs it smaller. tests/test_benchmarks.py runs every benchmark at size 20.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
name=${1:?usage: benchmarks/run.sh <benchmark name, e.g. plan_2000>}
setup_runtime || { explain_no_odoo; exit 1; }
setup_postgres
addons=$(make_addons_dir)
db=skillcert_bench_$$
trap 'dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$db"; rm -rf "$addons"' EXIT
# shellcheck disable=SC2046
options=(--addons-path="$(addons_path "$addons")" $(odoo_db_args) --http-interface=127.0.0.1)
"$ODOO_PY" -m odoo "${options[@]}" -d "$db" -i "$ADDON_NAME" --stop-after-init --log-level=warn
"$ODOO_PY" -m odoo shell "${options[@]}" -d "$db" --log-level=warn < "$REPO_ROOT/benchmarks/$name.py"
