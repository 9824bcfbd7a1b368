# Service processes for start.sh / stop.sh: one Node process each, pid and log under $STACK_HOME.
# shellcheck shell=bash
# Cluster mode (replicas behind a load balancer) is described in docs/operations.md.
STACK_HOME="${STACK_HOME:-$ROOT/.stack}"
RUN_DIR="$STACK_HOME/run/services"
LOG_DIR="$STACK_HOME/logs"
SERVICES=(hotline people employers jobs worker console)
declare -A SERVICE_PORT=([hotline]=3000 [people]=3001 [employers]=3002 [jobs]=3003 [worker]=3004 [console]=3005)
# What each process answers when it is ready (the console is static files behind Vite's preview server).
declare -A SERVICE_READY_PATH=([console]=/)
mkdir -p "$RUN_DIR" "$LOG_DIR"

# Cluster mode (scripts/start.sh --cluster, or CLUSTER=1): REPLICAS processes of each API and of the workflow
# worker, named <service>-<n>, each on its own port (<base>+n-1) with its own pid file and log; HAProxy
# (scripts/balancer.sh) takes the APIs' usual ports 3000-3003. The console stays one process.
CLUSTER="${CLUSTER:-0}"
REPLICAS="${REPLICAS:-2}"
BALANCED_SERVICES=(hotline people employers jobs)
declare -A REPLICA_BASE_PORT=([hotline]=3100 [people]=3110 [employers]=3120 [jobs]=3130 [worker]=3140)
# The mode the running services were started in (scripts/drill reads it too).
MODE_FILE="$RUN_DIR/mode"

say() { printf '[start] %s\n' "$*"; }

# The processes of the current mode: hotline … console, or hotline-1 hotline-2 … worker-2 console.
service_instances() {
  local service replica
  for service in "${SERVICES[@]}"; do
    if [[ "$CLUSTER" == 1 && -n "${REPLICA_BASE_PORT[$service]:-}" ]]; then
      for ((replica = 1; replica <= REPLICAS; replica++)); do echo "$service-$replica"; done
    else
      echo "$service"
    fi
  done
}

instance_service() { echo "${1%-[0-9]*}"; }

instance_port() {
  local instance="$1" service
  service="$(instance_service "$instance")"
  if [[ "$instance" == "$service" ]]; then echo "${SERVICE_PORT[$service]}"; return; fi
  echo $((REPLICA_BASE_PORT[$service] + ${instance##*-} - 1))
}

# start.sh --cluster brings up the clustered Temporal and Kafka too, when this stack.sh has them; if they do not
# come up, the replicas run on the dev stack's (services_cluster_env says which). CLUSTER_STACK=dev: the replicas
# on the dev stack's Temporal and Kafka on purpose.
services_cluster_stack_up() {
  [[ "$CLUSTER" == 1 && "${CLUSTER_STACK:-}" != dev ]] || return 0
  grep -q -- '--cluster' "$ROOT/infra/local/stack.sh" 2>/dev/null || return 0
  bash "$ROOT/infra/local/stack.sh" up --cluster ||
    say "the clustered stack did not come up (see above): the replicas use the dev stack's Temporal and Kafka"
}

# Cluster mode runs on the clustered Temporal and Kafka of `infra/local/stack.sh up --cluster` when that is
# up (its env file), else on the dev stack's single-process ones.
services_cluster_env() {
  [[ "$CLUSTER" == 1 ]] || return 0
  local cluster_env="$STACK_HOME/cluster.env"
  if [[ ! -s "$cluster_env" ]] && grep -q -- '--cluster' "$ROOT/infra/local/stack.sh" 2>/dev/null; then
    bash "$ROOT/infra/local/stack.sh" env --cluster >"$cluster_env.tmp" 2>/dev/null && mv "$cluster_env.tmp" "$cluster_env" ||
      rm -f "$cluster_env.tmp"
  fi
  if [[ "${CLUSTER_STACK:-}" != dev && -s "$cluster_env" ]] &&
    bash "$ROOT/infra/local/stack.sh" status --cluster >/dev/null 2>&1; then
    # shellcheck source=/dev/null
    source "$cluster_env"
    say "cluster mode on the clustered stack: Temporal $TEMPORAL_ADDRESS, Kafka $KAFKA_BROKERS"
  else
    say "cluster mode on the dev stack's Temporal and Kafka (the clustered stack is not up: infra/local/stack.sh up --cluster)"
  fi
}

# A database URL per service, with the service's own role, unless DATABASE_URL points elsewhere.
service_database_url() {
  local service="$1"
  if [[ -n "${DATABASE_URL:-}" ]]; then echo "$DATABASE_URL"; return; fi
  local base="${DATABASE_ADMIN_URL:?stack env not loaded}"
  echo "$base" | sed -E "s#^postgres(ql)?://[^@]*@#postgres://svc_${service}:svc_${service}@#"
}

services_prepare() {
  # The access-token key pair comes from the stack's env file (infra/local/stack.sh generates it once);
  # services_start hands the private key to the hotline only.
  : "${JWT_PUBLIC_KEY:?stack env not loaded (source .stack/env)}" "${JWT_PRIVATE_KEY:?stack env not loaded}"
  # The console's preview server on this host forwards each browser's address (xfwd): trust it, and only it.
  export TRUST_PROXY="${TRUST_PROXY:-loopback}"
  # Personal-data keys of the people service (AES-256-GCM keys as keyId:base64, HMAC blind-index key,
  # Temporal payload key), generated once per stack and kept beside the token keys.
  local pii_dir="$STACK_HOME/secrets"
  if [[ -z "${PII_ENCRYPTION_KEYS:-}" ]]; then
    if [[ ! -f "$pii_dir/pii-encryption-keys" ]]; then
      mkdir -p "$pii_dir"
      (umask 077; node -e 'process.stdout.write("k1:" + require("crypto").randomBytes(32).toString("base64"))' > "$pii_dir/pii-encryption-keys")
    fi
    PII_ENCRYPTION_KEYS="$(cat "$pii_dir/pii-encryption-keys")"
    PII_ACTIVE_KEY_ID="${PII_ACTIVE_KEY_ID:-k1}"
  fi
  local name file
  for name in PII_BLIND_INDEX_KEY TEMPORAL_PAYLOAD_KEY; do
    file="$pii_dir/$(echo "$name" | tr 'A-Z_' 'a-z-')"
    if [[ -z "${!name:-}" ]]; then
      if [[ ! -f "$file" ]]; then
        mkdir -p "$pii_dir"
        (umask 077; node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' > "$file")
      fi
      printf -v "$name" '%s' "$(cat "$file")"
    fi
  done
  export PII_ENCRYPTION_KEYS PII_ACTIVE_KEY_ID PII_BLIND_INDEX_KEY TEMPORAL_PAYLOAD_KEY
}

run_ts() { node -r @swc-node/register "$@"; }

http_ok() { node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }

services_migrate() {
  local service
  for service in hotline people employers jobs; do
    DATABASE_URL="$(service_database_url "$service")" run_ts "apps/$service/src/migrate.ts"
  done
}

# Demo accounts (hotline) and the demo account's employer (employers): straight into their databases.
services_seed_demo() {
  local service
  for service in hotline employers; do
    DATABASE_URL="$(service_database_url "$service")" run_ts "apps/$service/src/seed-demo.ts"
  done
}

# Everything else goes through the running APIs and the real workflow (scripts/demo/README.md). A demo step
# that fails leaves the system up: it is named in the output.
services_seed_demo_data() {
  say "loading demo data through the APIs (employers, vacancies, persons, cases in every state)"
  run_ts scripts/demo/seed-demo-data.ts || say "demo data incomplete (see the lines above); the system is up"
}

# The console is built once per start (2–5 s) so it always matches the checked-out code.
console_build() {
  say "building the console (apps/console → apps/console/dist)"
  node node_modules/vite/bin/vite.js build --config apps/console/vite.config.mts --logLevel warn
}

services_start() {
  local instance
  [[ "$CLUSTER" == 1 ]] && echo cluster >"$MODE_FILE" || echo single >"$MODE_FILE"
  # "<name> <port>" per process, for whoever needs each replica (metrics scraping, the drill).
  for instance in $(service_instances); do echo "$instance $(instance_port "$instance")"; done >"$RUN_DIR/instances"
  # The Temporal, Kafka and database these processes use: a process restarted later (scripts/drill) gets the
  # same ones.
  printf "export TEMPORAL_ADDRESS='%s'\nexport KAFKA_BROKERS='%s'\nexport DATABASE_ADMIN_URL='%s'\n" \
    "$TEMPORAL_ADDRESS" "$KAFKA_BROKERS" "$DATABASE_ADMIN_URL" >"$RUN_DIR/endpoints.env"
  for instance in $(service_instances); do services_start_instance "$instance"; done
  [[ "$CLUSTER" == 1 ]] && balancer_start
  return 0
}

# One process (scripts/drill restarts the one it killed with this too).
services_start_instance() {
  local instance="$1" service
  service="$(instance_service "$instance")"
  say "starting $instance on port $(instance_port "$instance") (log: $LOG_DIR/$instance.log)"
  (
    if [[ "$service" == console ]]; then
      # Serves apps/console/dist and proxies /api/<service> to the four APIs (apps/console/vite.config.mts).
      export CONSOLE_PORT="${SERVICE_PORT[$service]}"
      setsid nohup node node_modules/vite/bin/vite.js preview --config apps/console/vite.config.mts \
        >"$LOG_DIR/$instance.log" 2>&1 &
    else
      export PORT
      PORT="$(instance_port "$instance")"
      # The Temporal SDK's metrics of the process's workers, for Prometheus (docs/operations.md, Metrics).
      export TEMPORAL_METRICS_PORT=$((PORT + 6400))
      if [[ "$service" == worker ]]; then
        # The worker writes case events into the hotline's outbox (a local activity): the hotline's database.
        export HOTLINE_DATABASE_URL="$(service_database_url hotline)"
      else
        export DATABASE_URL="$(service_database_url "$service")"
      fi
      # Only the hotline issues tokens; it registers a new case's caller with people during the call (the
      # balancer's port in cluster mode).
      [[ "$service" == hotline ]] || unset JWT_PRIVATE_KEY
      [[ "$service" != hotline ]] || export PEOPLE_URL="http://127.0.0.1:${SERVICE_PORT[people]}"
      setsid nohup node -r @swc-node/register "apps/$service/src/main.ts" >"$LOG_DIR/$instance.log" 2>&1 &
    fi
    echo $! >"$RUN_DIR/$instance.pid"
  )
}

# Waits until each named process (default: all of the mode) answers ready, or exits naming the laggards.
services_wait_ready() {
  local instance deadline=$((SECONDS + ${READY_TIMEOUT:-120})) pending instances
  instances=("$@")
  (( ${#instances[@]} )) || mapfile -t instances < <(service_instances)
  while :; do
    pending=()
    for instance in "${instances[@]}"; do
      if ! kill -0 "$(cat "$RUN_DIR/$instance.pid")" 2>/dev/null; then
        say "$instance exited during start-up; last lines of $LOG_DIR/$instance.log:"
        tail -n 20 "$LOG_DIR/$instance.log" >&2
        exit 1
      fi
      http_ok "http://127.0.0.1:$(instance_port "$instance")${SERVICE_READY_PATH[$(instance_service "$instance")]:-/health/ready}" ||
        pending+=("$instance")
    done
    (( ${#pending[@]} == 0 )) && return 0
    if (( SECONDS > deadline )); then
      say "not ready after ${READY_TIMEOUT:-120} s: ${pending[*]} (logs in $LOG_DIR)"
      exit 1
    fi
    sleep 1
  done
}

# Stops whatever runs, in either mode (every pid file of $RUN_DIR), and the load balancer.
services_stop() {
  local file instance pid
  [[ -f "$RUN_DIR/balancer.pid" ]] && balancer_stop "${1:-}"
  for file in "$RUN_DIR"/*.pid; do
    [[ -f "$file" ]] || continue
    instance="$(basename "$file" .pid)"
    # Only our own processes' pid files (another tool may keep its own here).
    [[ " ${SERVICES[*]} " == *" $(instance_service "$instance") "* ]] || continue
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
      [[ "${1:-}" == quiet ]] || say "stopping $instance"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$file"
  done
  rm -f "$MODE_FILE" "$RUN_DIR/instances" "$RUN_DIR/endpoints.env"
}

services_print_urls() {
  cat <<URLS

962110 platform is up.
  Console            http://127.0.0.1:3005   (operator desk, employer portal, supervisor board)
  Hotline API        http://127.0.0.1:3000   OpenAPI: http://127.0.0.1:3000/docs
  People API         http://127.0.0.1:3001   OpenAPI: http://127.0.0.1:3001/docs
  Employers API      http://127.0.0.1:3002   OpenAPI: http://127.0.0.1:3002/docs
  Jobs API           http://127.0.0.1:3003   OpenAPI: http://127.0.0.1:3003/docs
  Worker health      http://127.0.0.1:3004/health/ready
  Temporal Web UI    ${TEMPORAL_UI_URL:-http://127.0.0.1:8233}
  Jaeger (traces)    ${JAEGER_UI_URL:-off (JAEGER=0, or Jaeger did not start)}   (docs/operations.md, Traces)
  Prometheus         http://127.0.0.1:${PROMETHEUS_PORT:-9090}   (targets, alerts: infra/monitoring; Grafana dashboard JSON there)
  Demo accounts      admin, supervisor.city, supervisor.wuhou, operator.wuhou, employer.demo
                     password: Demo-962110!   (sign in on the console, or POST /auth/login on the hotline API)
  Logs               $LOG_DIR/<service>.log     Stop: scripts/stop.sh

URLS
  [[ "$CLUSTER" == 1 ]] || return 0
  cat <<CLUSTER_URLS
Cluster mode: $REPLICAS replicas of each API and of the worker (ports: hotline 3100+, people 3110+, employers 3120+,
  jobs 3130+, worker health 3140+) behind HAProxy on 3000-3003; balancer stats http://127.0.0.1:$BALANCER_STATS_PORT
  Logs $LOG_DIR/<service>-<n>.log and $LOG_DIR/balancer.log

CLUSTER_URLS
}

# shellcheck source=scripts/balancer.sh
source "$ROOT/scripts/balancer.sh"
