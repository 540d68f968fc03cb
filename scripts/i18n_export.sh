#!/usr/bin/env bash
# Refresh i18n/l10n_cn_hr_skill_certification.pot and i18n/zh_CN.po from the code:
# installs the addon (with Chinese loaded, so existing translations are kept) in a
# scratch database and exports. New terms come out with an empty msgstr: translate them.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup_runtime || { explain_no_odoo; exit 1; }
setup_postgres
addons=$(make_addons_dir)
db=skillcert_i18n_$$
trap 'dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$db"; rm -rf "$addons"' EXIT
# shellcheck disable=SC2046
odoo=("$ODOO_PY" -m odoo --addons-path="$addons/,$(odoo_addons_dirs)" $(odoo_db_args))
"${odoo[@]}" -d "$db" -i "$ADDON_NAME" --load-language=zh_CN --stop-after-init --log-level=warn
conf=$addons/odoo.conf
printf '[options]\ndb_host = %s\ndb_port = %s\ndb_user = %s\n' "$DB_HOST" "$DB_PORT" "$DB_USER" > "$conf"
[ -n "${PGPASSWORD:-}" ] && printf 'db_password = %s\n' "$PGPASSWORD" >> "$conf"
"$ODOO_PY" -m odoo --addons-path="$addons/,$(odoo_addons_dirs)" i18n export -c "$conf" \
  -d "$db" -l pot zh_CN -- "$ADDON_NAME"
say "Exported i18n/$ADDON_NAME.pot and i18n/zh_CN.po."
