#!/usr/bin/env bash
# Set everything up and serve Odoo 19 with the addon and its demo data:
#   - builds the runtime (venv + Odoo 19 from ODOO_SRC, or a clone of upstream 19.0) once,
#   - uses the PostgreSQL named by PGHOST/PGPORT/PGUSER/PGPASSWORD, or 127.0.0.1:5432,
#     or starts a private cluster,
#   - creates the database (default skill_cert_demo; SKILL_CERT_DB to change) with the
#     addon, its demo data and Chinese, or upgrades the addon in an existing one,
#   - serves it at http://localhost:${HTTP_PORT:-8069}.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_runtime || { explain_no_odoo; exit 1; }
setup_postgres

db=${SKILL_CERT_DB:-skill_cert_demo}
port=${HTTP_PORT:-8069}
addons=$RUNTIME_HOME/addons-run
mkdir -p "$addons" "$RUNTIME_HOME/data"
link_addons "$addons"
# shellcheck disable=SC2046
options=(--addons-path="$(addons_path "$addons")" --data-dir="$RUNTIME_HOME/data"
  $(odoo_db_args) --http-interface="${HTTP_INTERFACE:-127.0.0.1}")
odoo=("$ODOO_PY" -m odoo "${options[@]}")

modules=$ADDON_NAME
# With OCA payroll available, the demo also pays the skill allowance on payslips.
[ -n "$(payroll_addons_dir)" ] && modules="$modules,$BRIDGE_NAME"

if psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  say "Upgrading $modules in the existing database $db ..."
  "${odoo[@]}" -d "$db" -u "$ADDON_NAME" -i "$modules" --stop-after-init --log-level=warn
else
  say "Creating the database $db with $modules, demo data and Chinese ..."
  "${odoo[@]}" -d "$db" -i "$modules" --with-demo --load-language=zh_CN \
    --stop-after-init --log-level=warn
  "$ODOO_PY" -m odoo shell "${options[@]}" -d "$db" --log-level=warn >/dev/null <<'PY'
admin = env.ref("base.user_admin")
admin.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
env.cr.commit()
PY
fi

cat >&2 <<MSG

  Odoo 19 with $ADDON_NAME is starting at http://localhost:$port  (database $db)
  Logins (password = login):
    fuzeren   沈建国  certification head (manager): files plans, signs Annex 4
    kaowu     周敏    exam-affairs officer: runs the plans
    kaowu2    吴婷    second officer: checks scores, re-reviews
    dudao     王强    internal quality supervisor: supervision forms, score review
    waidu     陆建平  the township's external supervisor: the external form
    kaoping   马国强  examiner
    zhangwei  张伟    employee: registers, his certificates and allowance
    xinchou   孙静    payroll officer: the monthly skill allowance
    gongren           a worker without an internal user, on the portal (/my): his certificate
    admin             administrator (Odoo settings)
  Stop with Ctrl+C. Start again with the same command; it keeps the database.

MSG
exec "${odoo[@]}" -d "$db" --db-filter="^$db\$" --http-port="$port" --log-level=info
