# Service processes for start.sh / stop.sh: one Node process each, pid and log under $STACK_HOME.
# shellcheck shell=bash
STACK_HOME="${STACK_HOME:-$ROOT/.stack}"
RUN_DIR="$STACK_HOME/run/services"
LOG_DIR="$STACK_HOME/logs"
SERVICES=(hotline people employers jobs worker console)
declare -A SERVICE_PORT=([hotline]=3000 [people]=3001 [employers]=3002 [jobs]=3003 [worker]=3004 [console]=3005)
# What each process answers when it is ready (the console is static files behind Vite's preview server).
declare -A SERVICE_READY_PATH=([console]=/)
mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '[start] %s\n' "$*"; }

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
  local service
  for service in "${SERVICES[@]}"; do
    say "starting $service on port ${SERVICE_PORT[$service]} (log: $LOG_DIR/$service.log)"
    (
      if [[ "$service" == console ]]; then
        # Serves apps/console/dist and proxies /api/<service> to the four APIs (apps/console/vite.config.mts).
        export CONSOLE_PORT="${SERVICE_PORT[$service]}"
        setsid nohup node node_modules/vite/bin/vite.js preview --config apps/console/vite.config.mts \
          >"$LOG_DIR/$service.log" 2>&1 &
      else
        export PORT="${SERVICE_PORT[$service]}"
        if [[ "$service" == worker ]]; then
          # The worker writes case events into the hotline's outbox (a local activity): the hotline's database.
          export HOTLINE_DATABASE_URL="$(service_database_url hotline)"
        else
          export DATABASE_URL="$(service_database_url "$service")"
        fi
        # Only the hotline issues tokens.
        [[ "$service" == hotline ]] || unset JWT_PRIVATE_KEY
        setsid nohup node -r @swc-node/register "apps/$service/src/main.ts" >"$LOG_DIR/$service.log" 2>&1 &
      fi
      echo $! >"$RUN_DIR/$service.pid"
    )
  done
}

services_wait_ready() {
  local service deadline=$((SECONDS + 120)) pending
  while :; do
    pending=()
    for service in "${SERVICES[@]}"; do
      if ! kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null; then
        say "$service exited during start-up; last lines of $LOG_DIR/$service.log:"
        tail -n 20 "$LOG_DIR/$service.log" >&2
        exit 1
      fi
      http_ok "http://127.0.0.1:${SERVICE_PORT[$service]}${SERVICE_READY_PATH[$service]:-/health/ready}" ||
        pending+=("$service")
    done
    (( ${#pending[@]} == 0 )) && return 0
    if (( SECONDS > deadline )); then
      say "not ready after 120 s: ${pending[*]} (logs in $LOG_DIR)"
      exit 1
    fi
    sleep 1
  done
}

services_stop() {
  local service pid
  for service in "${SERVICES[@]}"; do
    [[ -f "$RUN_DIR/$service.pid" ]] || continue
    pid="$(cat "$RUN_DIR/$service.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      [[ "${1:-}" == quiet ]] || say "stopping $service"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$RUN_DIR/$service.pid"
  done
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
  Demo accounts      admin, supervisor.city, supervisor.wuhou, operator.wuhou, employer.demo
                     password: Demo-962110!   (sign in on the console, or POST /auth/login on the hotline API)
  Logs               $LOG_DIR/<service>.log     Stop: scripts/stop.sh

URLS
}
