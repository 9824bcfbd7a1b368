# shellcheck shell=bash
# Part "temporal": the Temporal CLI's dev server (single process, SQLite file
# in $STACK_HOME/data/temporal, Web UI included), built from source with
# `go install` because no prebuilt binary can be downloaded here.

TEMPORAL_CLI_MODULE="github.com/temporalio/cli/cmd/temporal"
TEMPORAL_CLI_VERSION="v1.5.1"   # newest tag that `go install` accepts
TEMPORAL_BIN="$STACK_BIN/temporal"
TEMPORAL_DATA="$STACK_DATA/temporal"
TEMPORAL_DB="$TEMPORAL_DATA/temporal.db"
TEMPORAL_ADDRESS_LOCAL="$LOCAL_HOST:$TEMPORAL_PORT"
TEMPORAL_UI_URL_LOCAL="http://$LOCAL_HOST:$TEMPORAL_UI_PORT"
# Custom search attributes used by the case workflows (registered at start-up;
# re-registering on a persistent DB is harmless).
TEMPORAL_SEARCH_ATTRIBUTES=(
  CaseStatus=Keyword
  SlaDeadline=Datetime
  SlaBreached=Bool
  DistrictCode=Keyword
  StreetCode=Keyword
  CommunityCode=Keyword
  CaseOwner=Keyword
)

temporal_is_external() { is_external TEMPORAL_ADDRESS "$TEMPORAL_ADDRESS_LOCAL"; }
temporal_endpoint() {
  if temporal_is_external; then echo "$TEMPORAL_ADDRESS"; else echo "$TEMPORAL_ADDRESS_LOCAL (ui $TEMPORAL_UI_URL_LOCAL)"; fi
}

temporal_installed() {
  [[ -x $TEMPORAL_BIN && -f $TEMPORAL_BIN.version && "$(cat "$TEMPORAL_BIN.version")" == "$TEMPORAL_CLI_VERSION" ]]
}

temporal_install() {
  temporal_installed && return 0
  local go
  go="$(command -v go || true)"
  [[ -z $go && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
  [[ -n $go ]] || die "[temporal] Go is required to build the Temporal CLI ($TEMPORAL_CLI_MODULE@$TEMPORAL_CLI_VERSION) and was not found"
  log "[temporal] building Temporal CLI $TEMPORAL_CLI_VERSION with 'go install' into $STACK_BIN"
  log "[temporal] the first build takes several minutes (later runs reuse the Go build cache)..."
  local t0; t0=$(now_s)
  if ! GOBIN="$STACK_BIN" "$go" install "$TEMPORAL_CLI_MODULE@$TEMPORAL_CLI_VERSION" \
        >"$STACK_LOGS/temporal-install.log" 2>&1; then
    tail -n 20 "$STACK_LOGS/temporal-install.log" >&2
    die "[temporal] 'go install $TEMPORAL_CLI_MODULE@$TEMPORAL_CLI_VERSION' failed (log: $STACK_LOGS/temporal-install.log)"
  fi
  # `go install` builds report version 0.0.0-DEV, so remember what we built.
  echo "$TEMPORAL_CLI_VERSION" >"$TEMPORAL_BIN.version"
  log "[temporal] built in $(( $(now_s) - t0 ))s"
}

temporal_health() {
  local addr=$1
  "$TEMPORAL_BIN" operator cluster health --address "$addr" --command-timeout 5s 2>/dev/null | grep -q SERVING
}

temporal_up() {
  if temporal_is_external; then
    log "[temporal] TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS is external: not starting, only checking it answers"
    temporal_external_ok || die "[temporal] external TEMPORAL_ADDRESS $TEMPORAL_ADDRESS does not answer"
    log "[temporal] external server answers"
    return 0
  fi
  temporal_install
  local pid
  if pid="$(running_pid temporal "$TEMPORAL_DB")"; then
    if pid_owns_port "$pid" "$TEMPORAL_PORT" && temporal_health "$TEMPORAL_ADDRESS_LOCAL"; then
      log "[temporal] already running (pid $pid) on $TEMPORAL_ADDRESS_LOCAL — reusing"
      return 0
    fi
    # Ours but not healthy yet (e.g. still starting from another `up`): give it a moment.
    if wait_for 60 "running temporal (pid $pid) to answer" temporal_health "$TEMPORAL_ADDRESS_LOCAL"; then
      return 0
    fi
    fail_part temporal "our dev server (pid $pid) runs but does not answer on $TEMPORAL_ADDRESS_LOCAL. Run 'stack.sh down temporal' and retry."
  fi
  rm -f "$(pidfile temporal)"
  require_port_free temporal "$TEMPORAL_PORT" "gRPC port"
  require_port_free temporal "$TEMPORAL_UI_PORT" "Web UI port"
  mkdir -p "$TEMPORAL_DATA"
  local args=(server start-dev
    --ip "$LOCAL_HOST" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$TEMPORAL_DB" --namespace default --log-level warn
    # WAL with synchronous=normal: durable across process crashes, several times the commit rate of the default
    # rollback journal (a dev/test server; production Temporal runs on its own cluster, docs/operations.md).
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal)
  local sa
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  log "[temporal] starting dev server on $TEMPORAL_ADDRESS_LOCAL (ui $TEMPORAL_UI_URL_LOCAL) ..."
  spawn temporal "$TEMPORAL_BIN" "${args[@]}"
  pid="$(cat "$(pidfile temporal)")"
  local deadline=$(( $(now_s) + 120 ))
  until pid_owns_port "$pid" "$TEMPORAL_PORT" && temporal_health "$TEMPORAL_ADDRESS_LOCAL"; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(pidfile temporal)"; fail_part temporal "dev server exited during start-up"; }
    (( $(now_s) < deadline )) || fail_part temporal "dev server did not answer on $TEMPORAL_ADDRESS_LOCAL within 120s (pid $pid still running; 'stack.sh down temporal' stops it)"
    sleep 1
  done
  wait_for 30 "temporal web UI" port_answers "$LOCAL_HOST" "$TEMPORAL_UI_PORT" ||
    fail_part temporal "gRPC answers but the Web UI port $TEMPORAL_UI_PORT does not"
  log "[temporal] up: $TEMPORAL_ADDRESS_LOCAL, Web UI $TEMPORAL_UI_URL_LOCAL"
}

temporal_down() {
  if temporal_is_external; then log "[temporal] external (TEMPORAL_ADDRESS): nothing to stop"; return 0; fi
  local pid
  if pid="$(running_pid temporal "$TEMPORAL_DB")"; then
    stop_pid temporal "$pid" 20
  else
    log "[temporal] not running"; rm -f "$(pidfile temporal)"
  fi
}

temporal_external_ok() {
  if [[ -x $TEMPORAL_BIN ]]; then temporal_health "$TEMPORAL_ADDRESS"; else hostport_answers "$TEMPORAL_ADDRESS"; fi
}

temporal_status() {
  if temporal_is_external; then
    if temporal_external_ok; then echo "up (external)|$TEMPORAL_ADDRESS"; return 0; fi
    echo "down (external)|$TEMPORAL_ADDRESS"; return 1
  fi
  local pid
  if pid="$(running_pid temporal "$TEMPORAL_DB")" && port_answers "$LOCAL_HOST" "$TEMPORAL_PORT"; then
    echo "up (pid $pid)|$TEMPORAL_ADDRESS_LOCAL ui $TEMPORAL_UI_URL_LOCAL"; return 0
  fi
  echo "down|$TEMPORAL_ADDRESS_LOCAL"; return 1
}
