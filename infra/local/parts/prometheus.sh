# shellcheck shell=bash
# Part "prometheus": Prometheus from Debian's `prometheus` package, run as our own process with our config
# (rendered from infra/monitoring/prometheus.yml.template) and data in $STACK_HOME/data/prometheus, on
# 127.0.0.1:$PROMETHEUS_PORT. It scrapes the services' and the worker's /metrics and the Temporal SDK's
# metrics ports, and evaluates infra/monitoring/alerts.yml. Not a default part (the tests do not need it):
# `stack.sh up prometheus`, which scripts/start.sh runs.

PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
PROMETHEUS_BIN=/usr/bin/prometheus
PROMETHEUS_DATA="$STACK_DATA/prometheus"
PROMETHEUS_CONFIG="$PROMETHEUS_DATA/prometheus.yml"
PROMETHEUS_TSDB="$PROMETHEUS_DATA/tsdb"
# file_sd target files (platform-*.json, temporal-sdk-*.json): more scrape targets without a restart.
PROMETHEUS_TARGETS="$PROMETHEUS_DATA/targets"
PROMETHEUS_MONITORING="$REPO_ROOT/infra/monitoring"
PROMETHEUS_URL_LOCAL="http://$LOCAL_HOST:$PROMETHEUS_PORT"

# Debian's package would start its own Prometheus (port 9090, /etc/prometheus) through invoke-rc.d: a
# policy-rc.d that refuses every start keeps it from doing so during the install (one already there is kept).
prometheus_install() {
  [[ -x $PROMETHEUS_BIN ]] && return 0
  local policy=/usr/sbin/policy-rc.d added=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# Added by infra/local/parts/prometheus.sh for the install only.\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    added=1
  fi
  log "[prometheus] installing Debian's prometheus package (its own service is not started)"
  local rc=0
  ( apt_install --no-install-recommends prometheus ) || rc=$?
  (( added )) && rm -f "$policy"
  (( rc == 0 )) || die "[prometheus] apt-get install prometheus failed"
  [[ -x $PROMETHEUS_BIN ]] || die "[prometheus] the package installed no $PROMETHEUS_BIN"
}

prometheus_write_config() {
  mkdir -p "$PROMETHEUS_DATA" "$PROMETHEUS_TSDB" "$PROMETHEUS_TARGETS"
  sed -e "s#@ALERTS_FILE@#$PROMETHEUS_MONITORING/alerts.yml#" \
      -e "s#@TARGETS_DIR@#$PROMETHEUS_TARGETS#" \
      -e "s#@PROMETHEUS_ADDRESS@#$LOCAL_HOST:$PROMETHEUS_PORT#" \
      "$PROMETHEUS_MONITORING/prometheus.yml.template" >"$PROMETHEUS_CONFIG.tmp"
  mv "$PROMETHEUS_CONFIG.tmp" "$PROMETHEUS_CONFIG"
  prometheus_write_targets
  if command -v promtool >/dev/null; then
    promtool check config "$PROMETHEUS_CONFIG" >>"$STACK_LOGS/prometheus.log" 2>&1 ||
      fail_part prometheus "promtool check config $PROMETHEUS_CONFIG failed (the template or infra/monitoring/alerts.yml)"
  fi
}

# The scrape targets, from the processes scripts/services.sh started (run/services/instances: "<name> <port>" per
# process, replicas named <service>-<n> in cluster mode), else the single-mode ports; the Temporal SDK's port of
# each process is its HTTP port + 6400. file_sd files: Prometheus picks up a change without a restart.
PROMETHEUS_DEFAULT_INSTANCES=$'hotline 3000\npeople 3001\nemployers 3002\njobs 3003\nworker 3004'
prometheus_write_targets() {
  local instances="$STACK_RUN/services/instances" list name port service labels platform=() sdk=()
  if [[ -s $instances ]]; then list="$(cat "$instances")"; else list="$PROMETHEUS_DEFAULT_INSTANCES"; fi
  while read -r name port; do
    service="${name%-[0-9]*}"
    [[ $service != console && -n $port ]] || continue
    labels="\"labels\":{\"service\":\"$service\",\"process\":\"$name\"}"
    platform+=("{\"targets\":[\"$LOCAL_HOST:$port\"],$labels}")
    sdk+=("{\"targets\":[\"$LOCAL_HOST:$((port + 6400))\"],$labels}")
  done <<<"$list"
  (IFS=,; echo "[${platform[*]}]") >"$PROMETHEUS_TARGETS/platform.json.tmp"
  (IFS=,; echo "[${sdk[*]}]") >"$PROMETHEUS_TARGETS/temporal-sdk.json.tmp"
  mv "$PROMETHEUS_TARGETS/platform.json.tmp" "$PROMETHEUS_TARGETS/platform.json"
  mv "$PROMETHEUS_TARGETS/temporal-sdk.json.tmp" "$PROMETHEUS_TARGETS/temporal-sdk.json"
}

# Ready: GET /-/ready answers 200 (bash's /dev/tcp: no curl needed).
prometheus_ready() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "GET /-/ready HTTP/1.0\r\nHost: %s\r\n\r\n" "$0" >&3 && head -n1 <&3' \
    "$LOCAL_HOST" "$PROMETHEUS_PORT" 2>/dev/null | grep -q ' 200'
}

prometheus_up() {
  local pid
  prometheus_install
  if pid="$(running_pid prometheus "$PROMETHEUS_CONFIG")"; then
    if pid_owns_port "$pid" "$PROMETHEUS_PORT" && prometheus_ready; then
      # A changed template or alerts.yml applies without a restart.
      prometheus_write_config
      kill -HUP "$pid" 2>/dev/null || true
      log "[prometheus] already running (pid $pid) on $PROMETHEUS_URL_LOCAL — reusing (configuration reloaded)"
      return 0
    fi
    wait_for 30 "running prometheus (pid $pid) to be ready" prometheus_ready && return 0
    fail_part prometheus "our prometheus (pid $pid) runs but is not ready on $PROMETHEUS_URL_LOCAL. Run 'stack.sh down prometheus' and retry."
  fi
  rm -f "$(pidfile prometheus)"
  require_port_free prometheus "$PROMETHEUS_PORT" "port"
  prometheus_write_config
  log "[prometheus] starting on $PROMETHEUS_URL_LOCAL (config $PROMETHEUS_CONFIG) ..."
  spawn prometheus "$PROMETHEUS_BIN" \
    --config.file="$PROMETHEUS_CONFIG" \
    --storage.tsdb.path="$PROMETHEUS_TSDB" \
    --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-7d}" \
    --web.listen-address="$LOCAL_HOST:$PROMETHEUS_PORT" \
    --web.enable-lifecycle
  pid="$(cat "$(pidfile prometheus)")"
  local deadline=$(( $(now_s) + 60 ))
  until pid_owns_port "$pid" "$PROMETHEUS_PORT" && prometheus_ready; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(pidfile prometheus)"; fail_part prometheus "prometheus exited during start-up"; }
    (( $(now_s) < deadline )) || fail_part prometheus "prometheus was not ready on $PROMETHEUS_URL_LOCAL within 60s (pid $pid still running; 'stack.sh down prometheus' stops it)"
    sleep 1
  done
  log "[prometheus] up: $PROMETHEUS_URL_LOCAL (targets: $PROMETHEUS_URL_LOCAL/targets, alerts: $PROMETHEUS_URL_LOCAL/alerts)"
}

prometheus_down() {
  local pid
  if pid="$(running_pid prometheus "$PROMETHEUS_CONFIG")"; then
    stop_pid prometheus "$pid" 20
  else
    log "[prometheus] not running"; rm -f "$(pidfile prometheus)"
  fi
}

prometheus_status() {
  local pid
  if pid="$(running_pid prometheus "$PROMETHEUS_CONFIG")" && prometheus_ready; then
    echo "up (pid $pid)|$PROMETHEUS_URL_LOCAL"; return 0
  fi
  if [[ -x $PROMETHEUS_BIN ]]; then echo "down|$PROMETHEUS_URL_LOCAL"; else echo "not installed|$PROMETHEUS_URL_LOCAL"; fi
  return 1
}
