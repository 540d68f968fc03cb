#!/usr/bin/env bash
# Refresh the .pot and zh_CN.po of the addon (i18n/) and of its payroll bridge
# (bridges/*/i18n/) from the code: installs them (with Chinese loaded, so existing
# translations are kept) in a scratch database and exports. New terms come out with an
# empty msgstr: translate them.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup_runtime || { explain_no_odoo; exit 1; }
setup_postgres
addons=$(make_addons_dir)
db=skillcert_i18n_$$
trap 'dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$db"; rm -rf "$addons"' EXIT
# shellcheck disable=SC2046
odoo=("$ODOO_PY" -m odoo --addons-path="$(addons_path "$addons")" $(odoo_db_args))
"${odoo[@]}" -d "$db" -i "$ADDON_NAME,$BRIDGE_NAME" --load-language=zh_CN --stop-after-init --log-level=warn
conf=$addons/odoo.conf
printf '[options]\ndb_host = %s\ndb_port = %s\ndb_user = %s\n' "$DB_HOST" "$DB_PORT" "$DB_USER" > "$conf"
[ -n "${PGPASSWORD:-}" ] && printf 'db_password = %s\n' "$PGPASSWORD" >> "$conf"
for module in "$ADDON_NAME" "$BRIDGE_NAME"; do
  export_i18n=("$ODOO_PY" -m odoo --addons-path="$(addons_path "$addons")" i18n export -c "$conf" -d "$db")
  "${export_i18n[@]}" -l pot -- "$module"
  # The zh_CN file is written elsewhere first: Odoo reads the translations of the code's
  # terms from the very file it exports to, and opening it for writing empties it.
  "${export_i18n[@]}" -l zh_CN -o "$addons/$module.zh_CN.po" -- "$module"
  mv "$addons/$module.zh_CN.po" "$addons/$module/i18n/zh_CN.po"
done
say "Exported the .pot and zh_CN.po of $ADDON_NAME and $BRIDGE_NAME."
