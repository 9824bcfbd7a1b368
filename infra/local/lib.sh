# shellcheck shell=bash
# Shared helpers for stack.sh and parts/*.sh. Sourced, never executed.

# --- layout -----------------------------------------------------------------
STACK_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"          # infra/local
REPO_ROOT="$(cd "$STACK_SRC/../.." && pwd)"
STACK_HOME="${STACK_HOME:-$REPO_ROOT/.stack}"
# Absolute path: pid files, launchers and configs must not depend on the caller's cwd.
mkdir -p "$STACK_HOME"
STACK_HOME="$(cd "$STACK_HOME" && pwd)"
STACK_BIN="$STACK_HOME/bin"
STACK_DOWNLOADS="$STACK_HOME/downloads"
STACK_DATA="$STACK_HOME/data"
STACK_LOGS="$STACK_HOME/logs"
STACK_RUN="$STACK_HOME/run"
mkdir -p "$STACK_BIN" "$STACK_DOWNLOADS" "$STACK_DATA" "$STACK_LOGS" "$STACK_RUN"

# Ports: one place, overridable, so several STACK_HOMEs can coexist.
PG_PORT="${PG_PORT:-54329}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
LOCAL_HOST=127.0.0.1
# Cluster mode (`stack.sh --cluster`, infra/local/README.md): ports of its own, so it runs beside the dev stack.
# Temporal: frontend gRPC; history +1, matching +2, worker +6, frontend HTTP +10 (as 7233/7234/7235/7239/7243).
TEMPORAL_CLUSTER_PORT="${TEMPORAL_CLUSTER_PORT:-17233}"
TEMPORAL_CLUSTER_UI_PORT="${TEMPORAL_CLUSTER_UI_PORT:-18233}"
# Kafka: broker 1's port and controller port; brokers 2 and 3 take the next two of each.
KAFKA_CLUSTER_PORT="${KAFKA_CLUSTER_PORT:-29092}"
KAFKA_CLUSTER_CONTROLLER_PORT="${KAFKA_CLUSTER_CONTROLLER_PORT:-29192}"
TEMPORAL_CLUSTER_ADDRESS="$LOCAL_HOST:$TEMPORAL_CLUSTER_PORT"
KAFKA_CLUSTER_BROKERS="$LOCAL_HOST:$KAFKA_CLUSTER_PORT,$LOCAL_HOST:$((KAFKA_CLUSTER_PORT + 1)),$LOCAL_HOST:$((KAFKA_CLUSTER_PORT + 2))"

ALL_PARTS=(postgres temporal temporal-test-server kafka)
# Parts that only start when named (`stack.sh up prometheus`; scripts/start.sh does): the tests need none of them.
OPTIONAL_PARTS=(prometheus jaeger)
# `--cluster`: the dev stack's Postgres, a Temporal cluster (one process per role) and three Kafka brokers.
CLUSTER_PARTS=(postgres temporal-cluster kafka-cluster)

# --- output -----------------------------------------------------------------
if [[ -t 1 ]]; then _B=$'\e[1m'; _R=$'\e[31m'; _G=$'\e[32m'; _Y=$'\e[33m'; _N=$'\e[0m'
else _B=; _R=; _G=; _Y=; _N=; fi
log()  { printf '%s[stack]%s %s\n' "$_B" "$_N" "$*" >&2; }
warn() { printf '%s[stack] WARN:%s %s\n' "$_Y" "$_N" "$*" >&2; }
die()  { printf '%s[stack] ERROR:%s %s\n' "$_R" "$_N" "$*" >&2; exit 1; }

# Print the tail of a part's log and exit: the one way a part reports failure,
# so the user always sees what the process said instead of a bash trace.
fail_part() {
  local part=$1; shift
  local logf="$STACK_LOGS/$part.log"
  printf '%s[stack] ERROR [%s]:%s %s\n' "$_R" "$part" "$_N" "$*" >&2
  if [[ -s $logf ]]; then
    printf -- '----- last 20 lines of %s -----\n' "$logf" >&2
    tail -n 20 "$logf" >&2
    printf -- '----- end of log (full log: %s) -----\n' "$logf" >&2
  else
    printf '(no log output in %s)\n' "$logf" >&2
  fi
  exit 1
}

# Name of the function implementing <action> for <part>: temporal-test-server -> temporal_test_server_up.
part_fn() { printf '%s_%s' "${1//-/_}" "$2"; }

is_part() { local p; for p in "${ALL_PARTS[@]}" "${OPTIONAL_PARTS[@]}"; do [[ $p == "$1" ]] && return 0; done; return 1; }
is_cluster_part() { local p; for p in "${CLUSTER_PARTS[@]}"; do [[ $p == "$1" ]] && return 0; done; return 1; }

# --- timing -----------------------------------------------------------------
now_s() { date +%s; }

# wait_for <timeout-seconds> <what-for-humans> <cmd...>: polls cmd once a second.
# Returns 1 on timeout (the caller decides how to report).
wait_for() {
  local timeout=$1 what=$2; shift 2
  local deadline=$(( $(now_s) + timeout )) shown=0
  until "$@" >/dev/null 2>&1; do
    if (( $(now_s) >= deadline )); then return 1; fi
    if (( !shown )); then log "waiting for $what (up to ${timeout}s)..."; shown=1; fi
    sleep 1
  done
}

# --- network ----------------------------------------------------------------
# TCP connect test without nc: bash's /dev/tcp, bounded by timeout.
port_answers() { timeout 2 bash -c ">/dev/tcp/$1/$2" 2>/dev/null; }

# PIDs listening on a TCP port (any address), from ss -p.
port_listener_pids() {
  ss -Hltnp "( sport = :$1 )" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

# Human description of whoever listens on a port, e.g. 'python3 (pid 123)'.
port_listener_desc() {
  local line
  line="$(ss -Hltnp "( sport = :$1 )" 2>/dev/null | head -n1)"
  [[ -n $line ]] || { echo "unknown process"; return; }
  if [[ $line =~ users:\(\(\"([^\"]*)\",pid=([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]} (pid ${BASH_REMATCH[2]})"
  else
    echo "a process not visible to this user"
  fi
}

port_in_use() { [[ -n "$(ss -Hltn "( sport = :$1 )" 2>/dev/null)" ]]; }

# True when <pid> or one of its descendants listens on <port>: the check that
# the port belongs to *our* process and not to something else.
pid_owns_port() {
  local pid=$1 port=$2 lp p
  for lp in $(port_listener_pids "$port"); do
    p=$lp
    while [[ -n $p && $p -gt 1 ]]; do
      [[ $p == "$pid" ]] && return 0
      p="$(awk '/^PPid:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)"
    done
  done
  return 1
}

# Fail clearly if a port we are about to bind is taken by someone else.
require_port_free() {
  local part=$1 port=$2 label=${3:-port}
  if port_in_use "$port"; then
    die "[$part] cannot start: $label $port is already in use by $(port_listener_desc "$port"), which is not this stack's $part. Stop it, or pick another port (see infra/local/README.md), or point at it as an external endpoint. (log: $STACK_LOGS/$part.log)"
  fi
}

# --- processes --------------------------------------------------------------
pidfile() { printf '%s/%s.pid' "$STACK_RUN" "$1"; }

# PID from the part's pid file if that process is alive and still looks like
# ours (cmdline contains <marker>), guarding against recycled PIDs.
running_pid() {
  local part=$1 marker=$2 f pid
  f="$(pidfile "$part")"
  [[ -f $f ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  echo "$pid"
}

# Start a long-running process detached from this shell: own session (so
# Ctrl-C in the caller's terminal does not kill it), stdin closed, output
# appended to the part's log, and the lock fd (9) closed so the daemon does not
# keep `up`'s lock forever. nohup execs setsid, which execs the command
# (it does not fork: a non-interactive shell's background job is not a process
# group leader), so $! is the daemon's own PID.
spawn() {
  local part=$1; shift
  local logf="$STACK_LOGS/$part.log"
  printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$part" >>"$logf"
  nohup setsid "$@" >>"$logf" 2>&1 </dev/null 9>&- &
  echo $! >"$(pidfile "$part")"
}

# Stop a process (and its session): TERM, wait, then KILL. Leaves data alone.
stop_pid() {
  local part=$1 pid=$2 grace=${3:-20} i
  log "stopping $part (pid $pid)..."
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$part did not stop within ${grace}s, killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pidfile "$part")"
}

# --- installs ---------------------------------------------------------------
apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || die "need to install $* but apt-get is not available"
  if (( !apt_updated )); then
    log "apt-get update..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    apt_updated=1
  fi
  log "apt-get install -y $*..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

need_java() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
}

need_mvn() {
  need_java
  command -v mvn >/dev/null || apt_install maven
}

# Content hash of a file: lets an install stamp notice that a pom changed.
file_hash() { sha256sum "$1" | cut -c1-16; }

# copy_maven_deps <pom> <dest-lib-dir>: (re)fetch all runtime jars of a pom
# into dest when missing or when the pom changed since the last copy.
copy_maven_deps() {
  local part=$1 pom=$2 lib=$3
  local stamp="$lib/.stamp" want
  want="$(file_hash "$pom")"
  if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then return 0; fi
  need_mvn
  log "[$part] fetching jars with Maven ($(basename "$(dirname "$pom")")/pom.xml) into $lib ..."
  local tmp="$lib.tmp.$$"
  rm -rf "$tmp"
  if ! mvn -B -q -f "$pom" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$STACK_LOGS/$part-install.log" 2>&1; then
    rm -rf "$tmp"
    tail -n 20 "$STACK_LOGS/$part-install.log" >&2
    die "[$part] Maven could not fetch dependencies (log: $STACK_LOGS/$part-install.log)"
  fi
  echo "$want" >"$tmp/.stamp"
  # Swap in atomically-ish so a half-copied lib/ is never used.
  rm -rf "$lib"
  mv "$tmp" "$lib"
}

# --- external endpoints -----------------------------------------------------
# A variable counts as "external" only if it is set AND differs from what this
# stack itself would provide (in dev or cluster mode): sourcing `stack.sh env`
# or the cluster's env file and running `up` again must still manage the local parts.
is_external() {
  local var=$1 local_value=$2
  [[ -n "${!var:-}" && "${!var}" != "$local_value" &&
    "${!var}" != "$TEMPORAL_CLUSTER_ADDRESS" && "${!var}" != "$KAFKA_CLUSTER_BROKERS" ]]
}

# host:port → TCP check (first entry of a comma-separated list).
hostport_answers() {
  local hp=${1%%,*}
  hp=${hp#*://}
  port_answers "${hp%:*}" "${hp##*:}"
}

# --- locking ----------------------------------------------------------------
# One `up`/`down` at a time per STACK_HOME; a second caller waits for the first.
take_lock() {
  exec 9>"$STACK_HOME/.lock"
  if ! flock -n 9; then
    log "another stack.sh is running on $STACK_HOME; waiting for its lock..."
    flock -w 900 9 || die "timed out waiting for $STACK_HOME/.lock"
  fi
}
