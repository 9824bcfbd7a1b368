# shellcheck shell=bash
# Part "jaeger": Jaeger (v2, the OpenTelemetry-collector-based binary) for the platform's traces: an OTLP
# receiver the services export to, in-memory storage (traces are gone when it stops) and the query service on
# local ports. Built from source with Go the first time (no prebuilt binary can be downloaded here; 16
# minutes on two busy cores, later builds reuse Go's cache). Not a default part — the tests do not trace:
# `stack.sh up jaeger`, which scripts/start.sh runs; it writes $STACK_HOME/jaeger.env with the OTLP endpoint.

JAEGER_MODULE="github.com/jaegertracing/jaeger"
JAEGER_VERSION="v1.75.0"
JAEGER_PACKAGE="./cmd/jaeger"
JAEGER_BIN="$STACK_BIN/jaeger"
JAEGER_DATA="$STACK_DATA/jaeger"
JAEGER_CONFIG="$JAEGER_DATA/config.yaml"
JAEGER_ENV_FILE="$STACK_HOME/jaeger.env"
JAEGER_UI_PORT="${JAEGER_UI_PORT:-16686}"
JAEGER_QUERY_GRPC_PORT="${JAEGER_QUERY_GRPC_PORT:-16685}"
JAEGER_OTLP_HTTP_PORT="${JAEGER_OTLP_HTTP_PORT:-4318}"
JAEGER_OTLP_GRPC_PORT="${JAEGER_OTLP_GRPC_PORT:-4317}"
JAEGER_MAX_TRACES="${JAEGER_MAX_TRACES:-100000}"
JAEGER_UI_URL_LOCAL="http://$LOCAL_HOST:$JAEGER_UI_PORT"
JAEGER_OTLP_URL_LOCAL="http://$LOCAL_HOST:$JAEGER_OTLP_HTTP_PORT"

jaeger_installed() {
  [[ -x $JAEGER_BIN && -f $JAEGER_BIN.version && "$(cat "$JAEGER_BIN.version")" == "$JAEGER_VERSION" ]]
}

# `go install $JAEGER_MODULE/cmd/jaeger@$JAEGER_VERSION` is refused (Jaeger's go.mod has a replace directive),
# so the module is fetched with `go mod download` and built in a copy of it, its own go.mod applying.
jaeger_install() {
  jaeger_installed && return 0
  local go src logf="$STACK_LOGS/jaeger-install.log"
  go="$(command -v go || true)"
  [[ -z $go && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
  [[ -n $go ]] || die "[jaeger] Go is required to build Jaeger ($JAEGER_MODULE@$JAEGER_VERSION) and was not found"
  log "[jaeger] building Jaeger $JAEGER_VERSION with Go into $STACK_BIN (first build: about 16 minutes; log: $logf)"
  local t0; t0=$(now_s)
  : >"$logf"
  src="$("$go" mod download -json "$JAEGER_MODULE@$JAEGER_VERSION" 2>>"$logf" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n $src && -f $src/go.mod ]] || { tail -n 20 "$logf" >&2; die "[jaeger] 'go mod download $JAEGER_MODULE@$JAEGER_VERSION' failed (log: $logf)"; }
  local build="$STACK_HOME/build/jaeger-$JAEGER_VERSION"
  rm -rf "$build"; mkdir -p "$(dirname "$build")"
  cp -r "$src" "$build" && chmod -R u+w "$build"
  if ! (cd "$build" && "$go" build -trimpath -o "$JAEGER_BIN.tmp" "$JAEGER_PACKAGE") >>"$logf" 2>&1; then
    tail -n 20 "$logf" >&2
    die "[jaeger] 'go build $JAEGER_PACKAGE' of $JAEGER_MODULE@$JAEGER_VERSION failed (log: $logf)"
  fi
  mv "$JAEGER_BIN.tmp" "$JAEGER_BIN"
  rm -rf "$build"
  echo "$JAEGER_VERSION" >"$JAEGER_BIN.version"
  log "[jaeger] built in $(( $(now_s) - t0 ))s"
}

# Only what the platform uses: OTLP in (gRPC and HTTP), memory storage, the query service (UI and API) on
# local ports; Jaeger's own metrics and self-tracing off, so it takes no other port.
jaeger_write_config() {
  mkdir -p "$JAEGER_DATA"
  cat >"$JAEGER_CONFIG.tmp" <<EOF
# Written by infra/local/parts/jaeger.sh; edit that file instead.
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_query:
    storage:
      traces: memstore
    enable_tracing: false
    http:
      endpoint: "$LOCAL_HOST:$JAEGER_UI_PORT"
    grpc:
      endpoint: "$LOCAL_HOST:$JAEGER_QUERY_GRPC_PORT"
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: $JAEGER_MAX_TRACES
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: "$LOCAL_HOST:$JAEGER_OTLP_GRPC_PORT"
      http:
        endpoint: "$LOCAL_HOST:$JAEGER_OTLP_HTTP_PORT"
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
EOF
  mv "$JAEGER_CONFIG.tmp" "$JAEGER_CONFIG"
}

jaeger_write_env() {
  { echo "# Written by infra/local/stack.sh up jaeger: where the services send their traces (docs/operations.md, Traces)."
    echo "export OTEL_EXPORTER_OTLP_ENDPOINT='$JAEGER_OTLP_URL_LOCAL'"
    echo "export JAEGER_UI_URL='$JAEGER_UI_URL_LOCAL'"; } >"$JAEGER_ENV_FILE.tmp"
  mv "$JAEGER_ENV_FILE.tmp" "$JAEGER_ENV_FILE"
}

# Ready: the query API answers 200 and the OTLP/HTTP port takes connections (bash's /dev/tcp: no curl needed).
jaeger_ready() {
  port_answers "$LOCAL_HOST" "$JAEGER_OTLP_HTTP_PORT" &&
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "GET /api/services HTTP/1.0\r\nHost: %s\r\n\r\n" "$0" >&3 && head -n1 <&3' \
      "$LOCAL_HOST" "$JAEGER_UI_PORT" 2>/dev/null | grep -q ' 200'
}

jaeger_up() {
  jaeger_install
  local pid
  if pid="$(running_pid jaeger "$JAEGER_CONFIG")"; then
    if pid_owns_port "$pid" "$JAEGER_UI_PORT" && jaeger_ready; then
      jaeger_write_env
      log "[jaeger] already running (pid $pid): UI $JAEGER_UI_URL_LOCAL, OTLP $JAEGER_OTLP_URL_LOCAL — reusing"
      return 0
    fi
    wait_for 30 "running jaeger (pid $pid) to be ready" jaeger_ready && { jaeger_write_env; return 0; }
    fail_part jaeger "our jaeger (pid $pid) runs but is not ready on $JAEGER_UI_URL_LOCAL. Run 'stack.sh down jaeger' and retry."
  fi
  rm -f "$(pidfile jaeger)"
  require_port_free jaeger "$JAEGER_UI_PORT" "UI/query port (JAEGER_UI_PORT)"
  require_port_free jaeger "$JAEGER_QUERY_GRPC_PORT" "query gRPC port (JAEGER_QUERY_GRPC_PORT)"
  require_port_free jaeger "$JAEGER_OTLP_HTTP_PORT" "OTLP/HTTP port (JAEGER_OTLP_HTTP_PORT)"
  require_port_free jaeger "$JAEGER_OTLP_GRPC_PORT" "OTLP/gRPC port (JAEGER_OTLP_GRPC_PORT)"
  jaeger_write_config
  log "[jaeger] starting: UI $JAEGER_UI_URL_LOCAL, OTLP $JAEGER_OTLP_URL_LOCAL (config $JAEGER_CONFIG) ..."
  spawn jaeger "$JAEGER_BIN" --config "file:$JAEGER_CONFIG"
  pid="$(cat "$(pidfile jaeger)")"
  local deadline=$(( $(now_s) + 60 ))
  until pid_owns_port "$pid" "$JAEGER_UI_PORT" && jaeger_ready; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(pidfile jaeger)"; fail_part jaeger "jaeger exited during start-up"; }
    (( $(now_s) < deadline )) || fail_part jaeger "jaeger was not ready on $JAEGER_UI_URL_LOCAL within 60s (pid $pid still running; 'stack.sh down jaeger' stops it)"
    sleep 1
  done
  jaeger_write_env
  log "[jaeger] up: UI $JAEGER_UI_URL_LOCAL, OTLP/HTTP $JAEGER_OTLP_URL_LOCAL, OTLP/gRPC $LOCAL_HOST:$JAEGER_OTLP_GRPC_PORT"
}

jaeger_down() {
  local pid
  rm -f "$JAEGER_ENV_FILE"
  if pid="$(running_pid jaeger "$JAEGER_CONFIG")"; then
    stop_pid jaeger "$pid" 20
  else
    log "[jaeger] not running"; rm -f "$(pidfile jaeger)"
  fi
}

jaeger_status() {
  local pid
  if pid="$(running_pid jaeger "$JAEGER_CONFIG")" && jaeger_ready; then
    echo "up (pid $pid)|ui $JAEGER_UI_URL_LOCAL otlp $JAEGER_OTLP_URL_LOCAL"; return 0
  fi
  if jaeger_installed; then echo "down|$JAEGER_UI_URL_LOCAL"; else echo "not installed|$JAEGER_UI_URL_LOCAL"; fi
  return 1
}
