# shellcheck shell=bash
# Shared by scripts/run.sh and scripts/test.sh: find or build the Odoo 19 runtime,
# find or start PostgreSQL. Sourced, never executed.

ADDON_NAME=l10n_cn_hr_skill_certification
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The runtime lives outside the checkout so that any clone (CI's included) finds it.
RUNTIME_HOME=${SKILL_CERT_RUNTIME:-${XDG_DATA_HOME:-$HOME/.local/share}/$ADDON_NAME}
VENV=$RUNTIME_HOME/venv
ODOO_PY=$VENV/bin/python
ODOO_UPSTREAM=https://github.com/odoo/odoo.git

pip_install() {  # pip, without the notes about this machine's absent local package mirrors
  "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

say() { printf '\033[1m[skill-cert]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[skill-cert] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

odoo_major() {  # prints the Odoo major version importable by python $1, or nothing
  "$1" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null
}

runtime_ready() {
  [ -x "$ODOO_PY" ] && [ "$(odoo_major "$ODOO_PY")" = 19 ] \
    && [ -f "$RUNTIME_HOME/.deps-$(deps_fingerprint)" ]
}

deps_fingerprint() {  # changes whenever the requirements change, so the venv is refreshed
  cat "$REPO_ROOT/requirements-dev.txt" "$REPO_ROOT/requirements-payroll.txt" | sha1sum | cut -c1-12
}

pick_python() {
  local py
  for py in ${PYTHON:-} python3.12 python3.11 python3.10 python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    if "$py" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] < (3, 13)))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  return 1
}

locate_odoo_src() {
  # 1. explicit ODOO_SRC; 2. the source recorded by a previous setup; 3. clone upstream 19.0
  local src=${ODOO_SRC:-}
  [ -z "$src" ] && [ -f "$RUNTIME_HOME/odoo-src" ] && src=$(cat "$RUNTIME_HOME/odoo-src")
  if [ -n "$src" ] && [ -f "$src/odoo/release.py" ]; then
    echo "$src"; return 0
  fi
  [ -n "${ODOO_SRC:-}" ] && die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py)."
  local clone=$RUNTIME_HOME/odoo
  if [ ! -f "$clone/odoo/release.py" ]; then
    say "No ODOO_SRC given: cloning Odoo 19.0 from $ODOO_UPSTREAM (needs network) ..."
    rm -rf "$clone"
    if ! timeout 1800 git clone --quiet --depth 1 --branch 19.0 "$ODOO_UPSTREAM" "$clone" 2>/dev/null; then
      rm -rf "$clone"
      return 1
    fi
  fi
  echo "$clone"
}

requirements_for_this_python() {
  # Odoo's own pins, minus two that do not install here: cbor2 5.4.2 has no wheel for 3.11
  # and its sdist fails to build (5.6.2 has wheels), python-ldap needs system LDAP headers
  # and serves only auth_ldap.
  sed -e '/^python-ldap/d' -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' "$1/requirements.txt"
}

# Programs the reports and their tests need, by Debian package: PDFs (wkhtmltopdf and CJK
# fonts: AR PL UMing, then WenQuanYi Zen Hei for the characters it lacks, both with a right
# text layer; Noto CJK for the ODT templates), reading PDFs back (pdftotext), ODT conversion
# (LibreOffice), browser tours. A font is "fc-list:<package>", found by its family name.
SYSTEM_PACKAGES="wkhtmltopdf:wkhtmltopdf fc-list:fonts-arphic-uming fc-list:fonts-wqy-zenhei fc-list:fonts-noto-cjk pdftotext:poppler-utils soffice:libreoffice-writer-nogui chromium:chromium"

font_family_of() {  # the fontconfig family that a font package of SYSTEM_PACKAGES installs
  case $1 in
    fonts-arphic-uming) echo "AR PL UMing" ;;
    fonts-wqy-zenhei) echo "WenQuanYi Zen Hei" ;;
    fonts-noto-cjk) echo "Noto Sans CJK" ;;
    *) echo "$1" ;;
  esac
}

ensure_system_packages() {
  local missing=() entry program package
  for entry in $SYSTEM_PACKAGES; do
    program=${entry%%:*} package=${entry##*:}
    if [ "$program" = fc-list ]; then
      fc-list 2>/dev/null | grep -iF "$(font_family_of "$package")" >/dev/null && continue
    elif command -v "$program" >/dev/null 2>&1; then
      continue
    fi
    missing+=("$package")
  done
  [ ${#missing[@]} = 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing ${missing[*]} (Debian packages) ..."
    apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || say "Could not install ${missing[*]}: install them, or the PDF tests will fail."
  else
    say "Please install ${missing[*]} (Debian/Ubuntu packages): the PDF and conversion tests need them."
  fi
}

link_venv() {  # .venv in the checkout (git-ignored) points at the runtime, for editors and tools
  ln -sfn "$VENV" "$REPO_ROOT/.venv" 2>/dev/null || true
}

setup_runtime() {
  ensure_system_packages
  if runtime_ready; then link_venv; return 0; fi
  local src py
  src=$(locate_odoo_src) || return 1
  py=$(pick_python) || die "No Python 3.10-3.12 found; install one or set PYTHON=/path/to/python3.11."
  say "Building the Odoo 19 runtime in $RUNTIME_HOME (Odoo source: $src, $py) ..."
  mkdir -p "$RUNTIME_HOME"
  [ -x "$VENV/bin/python" ] || "$py" -m venv "$VENV"
  pip_install "$VENV/bin/python" -m pip install --quiet --upgrade pip wheel setuptools
  requirements_for_this_python "$src" > "$RUNTIME_HOME/odoo-requirements.txt"
  pip_install "$VENV/bin/pip" install --quiet -r "$RUNTIME_HOME/odoo-requirements.txt"
  pip_install "$VENV/bin/pip" install --quiet --no-deps --config-settings editable_mode=compat -e "$src"
  pip_install "$VENV/bin/pip" install --quiet -r "$REPO_ROOT/requirements-dev.txt"
  pip_install "$VENV/bin/pip" install --quiet --no-deps -r "$REPO_ROOT/requirements-payroll.txt" \
    || say "OCA payroll could not be installed from PyPI: the payroll bridge and its tests cannot run."
  echo "$src" > "$RUNTIME_HOME/odoo-src"
  rm -f "$RUNTIME_HOME"/.deps-*
  touch "$RUNTIME_HOME/.deps-$(deps_fingerprint)"
  [ "$(odoo_major "$ODOO_PY")" = 19 ] || die "The runtime in $VENV does not import Odoo 19."
  link_venv
  say "Runtime ready."
}

explain_no_odoo() {
  cat >&2 <<MSG
No Odoo 19 source tree could be found or cloned. Do one of:
  - ODOO_SRC=/path/to/odoo-19.0-checkout $0      (a tree with odoo/release.py and odoo/addons or addons/)
  - give this machine access to $ODOO_UPSTREAM and run $0 again.
MSG
}

odoo_addons_dirs() {  # core addons folders of the Odoo tree: upstream has addons/, nightlies odoo/addons
  local src
  src=$(cat "$RUNTIME_HOME/odoo-src")
  local dirs="$src/odoo/addons"
  [ -d "$src/addons" ] && dirs="$src/addons,$dirs"
  echo "$dirs"
}

# The optional bridge to OCA payroll lives in bridges/, under its technical name.
BRIDGE_NAME=l10n_cn_hr_skill_certification_payroll
BRIDGES_DIR=$REPO_ROOT/bridges

payroll_addons_dir() {  # where pip put OCA payroll (odoo/addons of the venv), or nothing
  local dir
  dir=$("$ODOO_PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' 2>/dev/null)/odoo/addons
  [ -f "$dir/payroll/__manifest__.py" ] && echo "$dir"
}

addons_path() {  # $1: the folder holding the addon and the bridge under their technical names
  local path="$1" payroll
  payroll=$(payroll_addons_dir)
  [ -n "$payroll" ] && path="$path,$payroll"
  echo "$path,$(odoo_addons_dirs)"
}

link_addons() {  # $1: a folder that gets the addon and the bridge under their technical names
  # The addon folder is built from links to the checkout's entries rather than being a link to
  # the checkout itself: Odoo's term export walks the whole module folder following links, and
  # must not wander into .venv (the runtime) or bridges/ (another module).
  local module=$1/$ADDON_NAME entry
  rm -rf "$module"
  mkdir -p "$module"
  for entry in "$REPO_ROOT"/*; do
    [ "$(basename "$entry")" = bridges ] && continue
    ln -s "$entry" "$module/"
  done
  ln -sfn "$BRIDGES_DIR/$BRIDGE_NAME" "$1/$BRIDGE_NAME"
}

make_addons_dir() {
  # The checkout may be named anything; Odoo needs a folder holding it under its technical name.
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/skill-cert-addons.XXXXXX")
  link_addons "$dir"
  echo "$dir"
}

# ---- PostgreSQL -------------------------------------------------------------
# Uses PGHOST/PGPORT/PGUSER/PGPASSWORD when given; otherwise the server on 127.0.0.1:5432;
# otherwise starts a cluster of its own under $RUNTIME_HOME/pg on port 54329.

pg_can_connect() { psql -h "$1" -p "$2" -U "$3" -d postgres -tAc 'select 1' >/dev/null 2>&1; }

setup_postgres() {
  DB_HOST=${PGHOST:-127.0.0.1}
  DB_PORT=${PGPORT:-5432}
  DB_USER=${PGUSER:-odoo}
  [ "$DB_USER" = postgres ] && die "Odoo refuses to run as the 'postgres' role; set PGUSER to another role."
  export PGPASSWORD=${PGPASSWORD:-}
  if pg_can_connect "$DB_HOST" "$DB_PORT" "$DB_USER"; then return 0; fi
  # The role may be missing on a server that trusts the postgres superuser: create it.
  if pg_can_connect "$DB_HOST" "$DB_PORT" postgres; then
    say "Creating PostgreSQL role $DB_USER on $DB_HOST:$DB_PORT ..."
    psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -qc \
      "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB" >/dev/null
    pg_can_connect "$DB_HOST" "$DB_PORT" "$DB_USER" && return 0
  fi
  [ -n "${PGHOST:-}${PGPORT:-}" ] && die "Cannot connect to PostgreSQL at $DB_HOST:$DB_PORT as $DB_USER."
  start_own_cluster
}

start_own_cluster() {
  local bindir pgdata=$RUNTIME_HOME/pg run_as=()
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb 2>/dev/null)")
  [ -x "$bindir/initdb" ] || die "No PostgreSQL server reachable and no initdb to start one; install PostgreSQL."
  DB_HOST=127.0.0.1 DB_PORT=54329
  # initdb refuses root: run the private cluster as the postgres system user then.
  if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    say "Starting a private PostgreSQL cluster in $pgdata (port $DB_PORT) ..."
    mkdir -p "$pgdata"; [ ${#run_as[@]} -gt 0 ] && chown postgres "$pgdata"
    "${run_as[@]}" "$bindir/initdb" -D "$pgdata" -A trust -U "$DB_USER" -E UTF8 >/dev/null
  fi
  if ! pg_can_connect "$DB_HOST" "$DB_PORT" "$DB_USER"; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
      -o "-p $DB_PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  pg_can_connect "$DB_HOST" "$DB_PORT" "$DB_USER" || die "The private PostgreSQL cluster did not start (see $pgdata/server.log)."
}

odoo_db_args() {
  echo "--db_host=$DB_HOST --db_port=$DB_PORT --db_user=$DB_USER ${PGPASSWORD:+--db_password=$PGPASSWORD}"
}

# ---- static-check tools, in a venv of their own so they run even without Odoo ----
LINT_VENV=$RUNTIME_HOME/lint-venv

setup_lint_tools() {
  local stamp
  stamp=$LINT_VENV/.deps-$(sha1sum "$REPO_ROOT/requirements-lint.txt" | cut -c1-12)
  [ -f "$stamp" ] && return 0
  local py
  py=$(pick_python) || py=python3
  say "Installing the static-check tools in $LINT_VENV ..."
  mkdir -p "$RUNTIME_HOME"
  [ -x "$LINT_VENV/bin/python" ] || "$py" -m venv "$LINT_VENV"
  pip_install "$LINT_VENV/bin/python" -m pip install --quiet --upgrade pip
  pip_install "$LINT_VENV/bin/pip" install --quiet -r "$REPO_ROOT/requirements-lint.txt"
  rm -f "$LINT_VENV"/.deps-*
  touch "$stamp"
}
