# shellcheck shell=bash
# Part "postgres": a private Postgres cluster in $STACK_HOME/data/postgres (see PG_HOME below),
# run as the OS user `postgres` (initdb/postgres refuse to run as root),
# listening on 127.0.0.1:$PG_PORT only, socket in $STACK_HOME/run/postgres.

# Postgres runs as the OS user `postgres`, which must be able to reach its files. When a folder above
# STACK_HOME is closed to other users (a clone under /root, a `mktemp -d` folder), the cluster's files
# live under /var/lib/hotline962110/<hash of STACK_HOME> instead; everything else stays in STACK_HOME.
pg_stack_home_reachable() {
  local dir="$STACK_HOME" mode
  while :; do
    mode="$(stat -c '%a' "$dir")"
    (( 8#$mode & 1 )) || return 1
    [[ "$dir" == / ]] && return 0
    dir="$(dirname "$dir")"
  done
}
if pg_stack_home_reachable; then
  PG_DATA="$STACK_DATA/postgres"
  PG_SOCKDIR="$STACK_RUN/postgres"
  PG_LOG="$STACK_LOGS/postgres.log"
else
  PG_HOME="/var/lib/hotline962110/$(printf '%s' "$STACK_HOME" | sha256sum | cut -c1-12)"
  PG_DATA="$PG_HOME/data"
  PG_SOCKDIR="$PG_HOME/run"
  PG_LOG="$PG_HOME/postgres.log"
fi
PG_ADMIN_URL_LOCAL="postgres://platform:platform@$LOCAL_HOST:$PG_PORT/hotline962110"
# The system's, the tests', and the cluster mode's (its cases live in the clustered Temporal, not the dev server).
PG_DATABASES=(hotline962110 hotline962110_test hotline962110_cluster)
# schema => owning login role (password = role name, search_path = schema, public)
PG_SCHEMAS=(hotline people employers jobs)

postgres_is_external() { [[ -n "${DATABASE_URL:-}" ]]; }
postgres_endpoint() {
  if postgres_is_external; then echo "${DATABASE_URL}"; else echo "$LOCAL_HOST:$PG_PORT"; fi
}

# Newest /usr/lib/postgresql/<v>/bin that has both initdb and pg_ctl — or the
# one matching an existing cluster's PG_VERSION (data must not be opened by
# another major version).
pg_find_bin() {
  local want="" d
  [[ -f $PG_DATA/PG_VERSION ]] && want="$(cat "$PG_DATA/PG_VERSION")"
  if [[ -n $want ]]; then
    d="/usr/lib/postgresql/$want/bin"
    [[ -x $d/pg_ctl && -x $d/initdb ]] && { echo "$d"; return 0; }
    return 1
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [[ -x $d/pg_ctl && -x $d/initdb ]] && { echo "$d"; return 0; }
  done
  return 1
}

pg_install() {
  if ! PG_BIN="$(pg_find_bin)"; then
    if [[ -f $PG_DATA/PG_VERSION ]]; then
      die "[postgres] $PG_DATA was created by Postgres $(cat "$PG_DATA/PG_VERSION"), whose binaries are missing. Install postgresql-$(cat "$PG_DATA/PG_VERSION") or remove $PG_DATA."
    fi
    log "[postgres] no Postgres server binaries under /usr/lib/postgresql/*/bin; installing Debian's postgresql..."
    apt_install postgresql postgresql-contrib
    PG_BIN="$(pg_find_bin)" || die "[postgres] installed postgresql but found no pg_ctl/initdb under /usr/lib/postgresql/*/bin"
  fi
  # pg_trgm ships in contrib (part of postgresql-<v> on Debian 12, a separate package elsewhere).
  local share
  share="$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$(basename "$(dirname "$PG_BIN")")")"
  if [[ ! -f $share/extension/pg_trgm.control ]]; then
    apt_install postgresql-contrib
  fi
  id postgres >/dev/null 2>&1 || die "[postgres] OS user 'postgres' is missing (it comes with the postgresql packages)"
}

pg_as() { runuser -u postgres -- "$@"; }
pg_psql() { pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" -p "$PG_PORT" -U postgres "$@"; }

pg_prepare_dirs() {
  mkdir -p "$PG_DATA" "$PG_SOCKDIR" "$(dirname "$PG_LOG")"
  touch "$PG_LOG"
  # `stack.sh logs postgres` and failure reports read the log from STACK_HOME.
  [[ "$PG_LOG" == "$STACK_LOGS/postgres.log" ]] || ln -sfn "$PG_LOG" "$STACK_LOGS/postgres.log"
  chown postgres: "$PG_DATA" "$PG_SOCKDIR" "$PG_LOG"
  chmod 0700 "$PG_DATA"
  if ! pg_as test -w "$PG_DATA" -a -w "$PG_SOCKDIR" -a -w "$PG_LOG"; then
    die "[postgres] user 'postgres' cannot write $PG_DATA, $PG_SOCKDIR or $PG_LOG"
  fi
  local sock="$PG_SOCKDIR/.s.PGSQL.$PG_PORT"
  (( ${#sock} < 107 )) || die "[postgres] socket path $sock is too long for Unix sockets (max 107 chars); use a shorter STACK_HOME."
}

pg_initdb() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  # No PG_VERSION = no usable cluster (e.g. an interrupted initdb): start clean.
  find "$PG_DATA" -mindepth 1 -delete
  log "[postgres] initdb $PG_DATA ..."
  if ! pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1; then
    fail_part postgres "initdb failed"
  fi
}

# Settings live in stack.conf (rewritten every `up`, so port changes apply);
# postgresql.conf only gets one include line.
pg_configure() {
  cat >"$PG_DATA/stack.conf" <<EOF
# Written by infra/local/stack.sh — edits are overwritten on every 'up'.
listen_addresses = '$LOCAL_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKDIR'
shared_buffers = 128MB
max_connections = 200
password_encryption = 'scram-sha-256'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  chown postgres: "$PG_DATA/stack.conf"
  grep -q "^include_if_exists 'stack.conf'" "$PG_DATA/postgresql.conf" ||
    echo "include_if_exists 'stack.conf'" >>"$PG_DATA/postgresql.conf"
}

# PID of the postmaster of OUR cluster, if it runs.
pg_running_pid() {
  [[ -f $PG_DATA/postmaster.pid ]] || return 1
  local pid
  pid="$(head -n1 "$PG_DATA/postmaster.pid")"
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h "$LOCAL_HOST" -p "$PG_PORT" -t 2; }

# Roles, databases, schemas, extensions. Every statement is idempotent, so it
# runs on every `up` (cheap) and repairs drift (e.g. a dropped schema).
pg_provision() {
  local s sql_roles="" db
  for s in "${PG_SCHEMAS[@]}"; do
    sql_roles+="
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'svc_$s') THEN CREATE ROLE svc_$s; END IF;
END \$\$;
ALTER ROLE svc_$s WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'svc_$s';
-- own schema first (unqualified CREATE lands there); public for pg_trgm's functions/operators.
ALTER ROLE svc_$s SET search_path = $s, public;"
  done
  pg_psql -d postgres >>"$PG_LOG" 2>&1 <<EOF || fail_part postgres "provisioning roles/databases failed"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform') THEN CREATE ROLE platform; END IF;
END \$\$;
ALTER ROLE platform WITH SUPERUSER LOGIN CREATEDB CREATEROLE PASSWORD 'platform';
$sql_roles
SELECT format('CREATE DATABASE %I OWNER platform', d)
  FROM unnest(string_to_array('${PG_DATABASES[*]}', ' ')) AS d
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d)
\gexec
EOF
  for db in "${PG_DATABASES[@]}"; do
    local sql="CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;"
    for s in "${PG_SCHEMAS[@]}"; do
      sql+="
CREATE SCHEMA IF NOT EXISTS $s AUTHORIZATION svc_$s;
ALTER SCHEMA $s OWNER TO svc_$s;"
    done
    pg_psql -d "$db" >>"$PG_LOG" 2>&1 <<<"$sql" || fail_part postgres "provisioning schemas in $db failed"
  done
  # End-to-end check the apps depend on: password login over TCP as platform.
  PGPASSWORD=platform PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -At -h "$LOCAL_HOST" -p "$PG_PORT" \
    -U platform -d "${PG_DATABASES[0]}" -c 'select 1' >/dev/null 2>>"$PG_LOG" ||
    fail_part postgres "password login as 'platform' over TCP failed"
}

postgres_up() {
  if postgres_is_external; then
    log "[postgres] DATABASE_URL is set: not provisioning, only checking it answers"
    postgres_external_ok || die "[postgres] external DATABASE_URL does not answer ($(pg_redact "$DATABASE_URL"))"
    log "[postgres] external database answers"
    return 0
  fi
  pg_install
  pg_prepare_dirs
  local pid
  if pid="$(pg_running_pid)"; then
    if pg_ready && pid_owns_port "$pid" "$PG_PORT"; then
      log "[postgres] already running (pid $pid) on $LOCAL_HOST:$PG_PORT — reusing"
      echo "$pid" >"$(pidfile postgres)"
      pg_provision
      return 0
    fi
    fail_part postgres "our cluster is running (pid $pid) but not answering on $LOCAL_HOST:$PG_PORT (port changed?). Run 'stack.sh down postgres' and retry."
  fi
  require_port_free postgres "$PG_PORT"
  pg_initdb
  pg_configure
  log "[postgres] starting on $LOCAL_HOST:$PG_PORT ..."
  # 9>&-: the postmaster must not inherit up's lock. pg_ctl detaches it (setsid) itself.
  if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 2>>"$PG_LOG" 9>&-; then
    fail_part postgres "did not start within 60s"
  fi
  pid="$(pg_running_pid)" || fail_part postgres "started but no postmaster.pid found"
  echo "$pid" >"$(pidfile postgres)"
  wait_for 30 "postgres to accept connections" pg_ready || fail_part postgres "not accepting connections on $LOCAL_HOST:$PG_PORT"
  pg_provision
  log "[postgres] up: $LOCAL_HOST:$PG_PORT (databases: ${PG_DATABASES[*]})"
}

postgres_down() {
  if postgres_is_external; then log "[postgres] external (DATABASE_URL): nothing to stop"; return 0; fi
  local pid
  if ! pid="$(pg_running_pid)"; then
    log "[postgres] not running"; rm -f "$(pidfile postgres)"; return 0
  fi
  PG_BIN="$(pg_find_bin)" || true
  log "[postgres] stopping (pid $pid)..."
  # fast = roll back open transactions and shut down cleanly; then fall back to signals.
  if [[ -n ${PG_BIN:-} ]] && pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
    rm -f "$(pidfile postgres)"
  else
    stop_pid postgres "$pid" 10
  fi
}

pg_redact() { sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$1"; }

postgres_external_ok() {
  local isready
  isready="$(command -v pg_isready || ls /usr/lib/postgresql/*/bin/pg_isready 2>/dev/null | tail -n1 || true)"
  if [[ -n $isready ]]; then
    "$isready" -q -t 5 -d "$DATABASE_URL"
  else
    # No client tools: at least the TCP port must answer.
    local hp=${DATABASE_URL#*@}; hp=${hp%%/*}; hp=${hp%%\?*}
    [[ $hp == *:* ]] || hp="$hp:5432"
    hostport_answers "$hp"
  fi
}

# Prints "state|endpoint"; returns 0 when up.
postgres_status() {
  if postgres_is_external; then
    if postgres_external_ok; then echo "up (external)|$(pg_redact "$DATABASE_URL")"; return 0; fi
    echo "down (external)|$(pg_redact "$DATABASE_URL")"; return 1
  fi
  local pid
  PG_BIN="$(pg_find_bin)" || { echo "down (not installed)|$LOCAL_HOST:$PG_PORT"; return 1; }
  if pid="$(pg_running_pid)" && pg_ready; then echo "up (pid $pid)|$LOCAL_HOST:$PG_PORT"; return 0; fi
  echo "down|$LOCAL_HOST:$PG_PORT"; return 1
}
