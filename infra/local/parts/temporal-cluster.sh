# shellcheck shell=bash
# Part "temporal-cluster" (cluster mode, `stack.sh --cluster`): the real Temporal server on the stack's Postgres,
# its four roles (frontend, history, matching, worker) as separate processes, plus the Temporal Web UI server.
# Built with `go install` (server, SQL schema tool, UI server) like the part "temporal" builds the CLI, whose
# binary this part uses to register the namespace and search attributes. Processes temporal-<role>: pid in
# run/cluster/temporal-<role>.pid, log in logs/cluster/temporal-<role>.log; configs in data/temporal-cluster/.
# Only functions and names here: the parts "postgres" and "temporal" define what this one reuses.

TC_SERVER_VERSION="v1.29.1" # the server the pinned CLI (v1.5.1) embeds: the Go build cache is mostly warm
TC_UI_VERSION="v2.42.1"     # the UI server the CLI embeds, likewise
TC_SERVER_MODULE="go.temporal.io/server"
TC_UI_MODULE="github.com/temporalio/ui-server/v2"
TC_SERVER="$STACK_BIN/temporal-server"
TC_SQL_TOOL="$STACK_BIN/temporal-sql-tool"
TC_UI="$STACK_BIN/temporal-ui-server"
TC_SCHEMA="$STACK_DOWNLOADS/temporal-server-$TC_SERVER_VERSION/schema"
TC_DATA="$STACK_DATA/temporal-cluster"
TC_ROLES=(history matching frontend worker) # start order; all are started before any is waited for
TC_DB=temporal_cluster
TC_VISIBILITY_DB=temporal_cluster_visibility
TC_DB_USER=temporal_cluster # password = user name, like the stack's other local roles
TC_NUM_HISTORY_SHARDS=4     # fixed once the database exists
TC_UI_URL="http://$LOCAL_HOST:$TEMPORAL_CLUSTER_UI_PORT"

# Ports of a role relative to TEMPORAL_CLUSTER_PORT: gRPC, membership (ringpop), Prometheus metrics.
tc_grpc_port() {
  case $1 in frontend) echo $((TEMPORAL_CLUSTER_PORT)) ;; history) echo $((TEMPORAL_CLUSTER_PORT + 1)) ;;
    matching) echo $((TEMPORAL_CLUSTER_PORT + 2)) ;; worker) echo $((TEMPORAL_CLUSTER_PORT + 6)) ;; esac
}
tc_membership_port() { echo $(($(tc_grpc_port "$1") - 300)); }
tc_metrics_port() {
  case $1 in frontend) echo $((TEMPORAL_CLUSTER_PORT + 67)) ;; history) echo $((TEMPORAL_CLUSTER_PORT + 68)) ;;
    matching) echo $((TEMPORAL_CLUSTER_PORT + 69)) ;; worker) echo $((TEMPORAL_CLUSTER_PORT + 70)) ;; esac
}
tc_http_port() { echo $((TEMPORAL_CLUSTER_PORT + 10)); }
tc_proc() { echo "cluster/temporal-$1"; }
tc_log() { echo "$STACK_LOGS/$(tc_proc "$1").log"; }
# What a role's command line contains (running_pid checks it, so a recycled pid is not taken for ours).
tc_marker() { echo "$TC_DATA --config config --env $1 "; }

tc_go() {
  local go
  go="$(command -v go || true)"
  [[ -z $go && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
  [[ -n $go ]] || die "[temporal-cluster] Go is required to build the Temporal server ($TC_SERVER_MODULE@$TC_SERVER_VERSION) and was not found"
  echo "$go"
}

tc_installed() {
  [[ -x $TC_SERVER && -x $TC_SQL_TOOL && -d $TC_SCHEMA/temporal && -f $TC_SERVER.version &&
    "$(cat "$TC_SERVER.version")" == "$TC_SERVER_VERSION" ]]
}

# Server and schema tool: one `go install` (same module), then the SQL schema files from the module's source.
tc_install() {
  tc_installed && return 0
  local go build t0 dir
  go="$(tc_go)"
  build="$STACK_DOWNLOADS/temporal-server-$TC_SERVER_VERSION/bin"
  mkdir -p "$build"
  log "[temporal-cluster] building Temporal server $TC_SERVER_VERSION and its SQL tool with 'go install' (minutes on a cold Go cache)..."
  t0=$(now_s)
  if ! GOBIN="$build" "$go" install "$TC_SERVER_MODULE/cmd/server@$TC_SERVER_VERSION" \
        "$TC_SERVER_MODULE/cmd/tools/sql@$TC_SERVER_VERSION" >"$STACK_LOGS/temporal-cluster-install.log" 2>&1; then
    tail -n 20 "$STACK_LOGS/temporal-cluster-install.log" >&2
    die "[temporal-cluster] 'go install $TC_SERVER_MODULE/cmd/server@$TC_SERVER_VERSION' failed (log: $STACK_LOGS/temporal-cluster-install.log)"
  fi
  dir="$("$go" mod download -json "$TC_SERVER_MODULE@$TC_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  [[ -d $dir/schema/postgresql/v12 ]] || die "[temporal-cluster] no schema/postgresql/v12 in the module source ($dir)"
  rm -rf "$TC_SCHEMA"
  mkdir -p "$TC_SCHEMA"
  cp -R "$dir/schema/postgresql/v12/temporal" "$dir/schema/postgresql/v12/visibility" "$TC_SCHEMA/"
  chmod -R u+w "$TC_SCHEMA"
  mv -f "$build/server" "$TC_SERVER"
  mv -f "$build/sql" "$TC_SQL_TOOL"
  echo "$TC_SERVER_VERSION" >"$TC_SERVER.version"
  log "[temporal-cluster] built in $(( $(now_s) - t0 ))s"
}

# The Web UI is a nicety: a failed build is reported once and remembered (delete the .failed file to retry).
tc_install_ui() {
  [[ -x $TC_UI && -f $TC_UI.version && "$(cat "$TC_UI.version")" == "$TC_UI_VERSION" ]] && return 0
  [[ -f $TC_UI.failed && "$(cat "$TC_UI.failed")" == "$TC_UI_VERSION" ]] && return 1
  local go build
  go="$(tc_go)"
  build="$STACK_DOWNLOADS/temporal-ui-server-$TC_UI_VERSION/bin"
  mkdir -p "$build"
  log "[temporal-cluster] building the Temporal Web UI server $TC_UI_VERSION with 'go install'..."
  if GOBIN="$build" timeout 900 "$go" install "$TC_UI_MODULE/cmd/server@$TC_UI_VERSION" \
      >"$STACK_LOGS/temporal-ui-install.log" 2>&1; then
    mv -f "$build/server" "$TC_UI"
    echo "$TC_UI_VERSION" >"$TC_UI.version"
    return 0
  fi
  echo "$TC_UI_VERSION" >"$TC_UI.failed"
  warn "[temporal-cluster] the Web UI server did not build (log: $STACK_LOGS/temporal-ui-install.log); running without a UI"
  return 1
}

tc_psql() {
  PGPASSWORD=platform PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$LOCAL_HOST" -p "$PG_PORT" \
    -U platform "$@"
}

tc_sql_tool() {
  "$TC_SQL_TOOL" --plugin postgres12 --endpoint "$LOCAL_HOST" --port "$PG_PORT" \
    --user "$TC_DB_USER" --password "$TC_DB_USER" "$@"
}

# Role, databases, then the schema: set up once (version 0.0), brought up to the binary's version on every `up`.
tc_provision_db() {
  PG_BIN="$(pg_find_bin)" || die "[temporal-cluster] no Postgres binaries (run 'stack.sh up postgres' first)"
  tc_psql -d postgres >>"$(tc_log setup)" 2>&1 <<EOF || fail_part "$(tc_proc setup)" "creating the role and databases failed"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$TC_DB_USER') THEN CREATE ROLE $TC_DB_USER; END IF;
END \$\$;
ALTER ROLE $TC_DB_USER WITH LOGIN NOSUPERUSER CREATEDB PASSWORD '$TC_DB_USER';
SELECT format('CREATE DATABASE %I OWNER $TC_DB_USER', d)
  FROM unnest(ARRAY['$TC_DB', '$TC_VISIBILITY_DB']) AS d
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d)
\gexec
EOF
  local db dir has
  for db in "$TC_DB" "$TC_VISIBILITY_DB"; do
    dir="$TC_SCHEMA/temporal/versioned"
    [[ $db == "$TC_VISIBILITY_DB" ]] && dir="$TC_SCHEMA/visibility/versioned"
    has="$(tc_psql -d "$db" -At -c "SELECT to_regclass('public.schema_version') IS NOT NULL" 2>>"$(tc_log setup)")" ||
      fail_part "$(tc_proc setup)" "cannot read $db"
    if [[ $has != t ]]; then
      log "[temporal-cluster] setting up the schema of $db ..."
      tc_sql_tool --database "$db" setup-schema -v 0.0 >>"$(tc_log setup)" 2>&1 ||
        fail_part "$(tc_proc setup)" "temporal-sql-tool setup-schema on $db failed"
    fi
    tc_sql_tool --database "$db" update-schema -d "$dir" >>"$(tc_log setup)" 2>&1 ||
      fail_part "$(tc_proc setup)" "temporal-sql-tool update-schema on $db failed"
  done
}

# One config per role (the server reads <root>/config/<env>.yaml): they differ only in the metrics port.
tc_write_configs() {
  local role store
  mkdir -p "$TC_DATA/config" "$TC_DATA/ui"
  for role in "${TC_ROLES[@]}"; do
    {
      echo "# Written by infra/local/stack.sh --cluster — edits are overwritten on every 'up'."
      cat <<EOF
log:
  stdout: true
  level: ${TEMPORAL_CLUSTER_LOG_LEVEL:-warn}
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: $TC_NUM_HISTORY_SHARDS
  datastores:
EOF
      for store in default visibility; do
        cat <<EOF
    $store:
      sql:
        pluginName: postgres12
        databaseName: $([[ $store == default ]] && echo "$TC_DB" || echo "$TC_VISIBILITY_DB")
        connectAddr: "$LOCAL_HOST:$PG_PORT"
        connectProtocol: tcp
        user: $TC_DB_USER
        password: $TC_DB_USER
        maxConns: $([[ $store == default ]] && echo 10 || echo 4)
        maxIdleConns: $([[ $store == default ]] && echo 10 || echo 4)
        maxConnLifetime: 1h
EOF
      done
      cat <<EOF
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "$LOCAL_HOST"
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "$LOCAL_HOST:$(tc_metrics_port "$role")"
services:
  frontend:
    rpc:
      grpcPort: $(tc_grpc_port frontend)
      membershipPort: $(tc_membership_port frontend)
      bindOnLocalHost: true
      httpPort: $(tc_http_port)
  history:
    rpc:
      grpcPort: $(tc_grpc_port history)
      membershipPort: $(tc_membership_port history)
      bindOnLocalHost: true
  matching:
    rpc:
      grpcPort: $(tc_grpc_port matching)
      membershipPort: $(tc_membership_port matching)
      bindOnLocalHost: true
  worker:
    rpc:
      grpcPort: $(tc_grpc_port worker)
      membershipPort: $(tc_membership_port worker)
      bindOnLocalHost: true
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "$TEMPORAL_CLUSTER_ADDRESS"
      httpAddress: "$LOCAL_HOST:$(tc_http_port)"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "$TC_DATA/config/dynamicconfig.yaml"
  pollInterval: 10s
EOF
    } >"$TC_DATA/config/$role.yaml"
  done
  cat >"$TC_DATA/config/dynamicconfig.yaml" <<EOF
# Written by infra/local/stack.sh --cluster. As the CLI's dev server: new search attributes are visible at once.
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.persistenceMaxQPS:
  - value: 10000
history.persistenceMaxQPS:
  - value: 45000
frontend.namespaceRPS.visibility:
  - value: 100
limit.maxIDLength:
  - value: 255
EOF
  cat >"$TC_DATA/ui/ui.yaml" <<EOF
# Written by infra/local/stack.sh --cluster.
temporalGrpcAddress: "$TEMPORAL_CLUSTER_ADDRESS"
host: "$LOCAL_HOST"
port: $TEMPORAL_CLUSTER_UI_PORT
enableUi: true
defaultNamespace: default
cors:
  cookieInsecure: true
EOF
}

tc_role_pid() { running_pid "$(tc_proc "$1")" "$(tc_marker "$1")"; }
tc_ui_pid() { running_pid "$(tc_proc ui)" "$TC_DATA --config ui --env ui"; }

# Every role started by this `up` listens on its serving port (not merely a predecessor still in the ring).
tc_started_serve() {
  local role pid
  for role in "$@"; do
    pid="$(tc_role_pid "$role")" && pid_owns_port "$pid" "$(tc_serving_port "$role")" || return 1
  done
}

tc_cli() { "$TEMPORAL_BIN" --address "$TEMPORAL_CLUSTER_ADDRESS" --command-timeout 10s "$@"; }

# A workflow start goes through frontend and history; a task-queue description through matching.
tc_roles_answer() {
  local id="stack-health-$(now_s)-$$"
  tc_cli workflow start -n default --type StackHealthCheck --task-queue stack-health-check \
    --workflow-id "$id" >/dev/null 2>&1 || return 1
  tc_cli workflow terminate -n default --workflow-id "$id" --reason "stack health check" >/dev/null 2>&1 || return 1
  tc_cli task-queue describe -n default --task-queue stack-health-check >/dev/null 2>&1
}

tc_register_namespace() {
  if ! tc_cli operator namespace describe -n default >/dev/null 2>&1; then
    log "[temporal-cluster] registering namespace default ..."
    tc_cli operator namespace create -n default --retention 72h >>"$(tc_log setup)" 2>&1 ||
      fail_part "$(tc_proc setup)" "could not register the namespace default"
  fi
  # The frontends learn of a new namespace when they refresh their namespace cache (up to ~10s).
  wait_for 60 "namespace default to reach the frontend" tc_cli operator search-attribute list -n default ||
    fail_part "$(tc_proc setup)" "namespace default registered but not known to the frontend after 60s"
  local have sa name type
  have="$(tc_cli operator search-attribute list -n default 2>>"$(tc_log setup)")" ||
    fail_part "$(tc_proc setup)" "could not list the search attributes"
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    name=${sa%%=*}; type=${sa#*=}
    grep -qw -- "$name" <<<"$have" && continue
    tc_cli operator search-attribute create -n default --name "$name" --type "$type" >>"$(tc_log setup)" 2>&1 ||
      fail_part "$(tc_proc setup)" "could not create the search attribute $name ($type)"
  done
}

temporal_cluster_up() {
  postgres_is_external && die "[temporal-cluster] cluster mode runs on the stack's own Postgres; unset DATABASE_URL"
  temporal_install
  tc_install
  mkdir -p "$STACK_LOGS/cluster" "$STACK_RUN/cluster"
  local role pid started=() any_running=0
  for role in "${TC_ROLES[@]}"; do tc_role_pid "$role" >/dev/null && any_running=1; done
  # Schema changes only while no role runs (a fresh cluster, or after `down`); configs are rewritten then too.
  if (( !any_running )); then
    tc_provision_db
    tc_write_configs
  fi
  for role in "${TC_ROLES[@]}"; do
    if pid="$(tc_role_pid "$role")"; then
      log "[temporal-cluster] temporal-$role already running (pid $pid) on $LOCAL_HOST:$(tc_grpc_port "$role")"
      continue
    fi
    rm -f "$(pidfile "$(tc_proc "$role")")"
    require_port_free "$(tc_proc "$role")" "$(tc_grpc_port "$role")" "temporal-$role gRPC port"
    require_port_free "$(tc_proc "$role")" "$(tc_membership_port "$role")" "temporal-$role membership port"
    [[ -f $TC_DATA/config/$role.yaml ]] || tc_write_configs
    log "[temporal-cluster] starting temporal-$role on $LOCAL_HOST:$(tc_grpc_port "$role") ..."
    spawn "$(tc_proc "$role")" "$TC_SERVER" --root "$TC_DATA" --config config --env "$role" --allow-no-auth \
      start --service "$role"
    started+=("$role")
  done
  local deadline=$(( $(now_s) + 180 ))
  log "[temporal-cluster] waiting for the frontend, then for a workflow start through history and matching (up to 180s)..."
  tc_wait_started "$deadline" frontend "the frontend did not answer on $TEMPORAL_CLUSTER_ADDRESS within 180s" \
    tc_frontend_serves "${started[@]}"
  tc_register_namespace
  tc_wait_started "$deadline" history "no workflow could be started and ended within 180s ('stack.sh status --cluster')" \
    tc_roles_answer
  tc_ui_up
  log "[temporal-cluster] up: $TEMPORAL_CLUSTER_ADDRESS$(tc_ui_pid >/dev/null && echo ", Web UI $TC_UI_URL")"
}

# The frontend answers, with the roles started by this `up` serving and the system namespace there.
tc_frontend_serves() {
  tc_started_serve "$@" && temporal_health "$TEMPORAL_CLUSTER_ADDRESS" &&
    tc_cli operator namespace describe -n temporal-system >/dev/null 2>&1
}

# Waits until the command succeeds; fails the part when a role started by this `up` (the caller's `started`)
# exits, or, blaming <role>, when the deadline passes.
tc_wait_started() {
  local deadline=$1 blamed=$2 message=$3 role
  shift 3
  until "$@"; do
    for role in "${started[@]}"; do
      tc_role_pid "$role" >/dev/null || fail_part "$(tc_proc "$role")" "temporal-$role exited during start-up"
    done
    (( $(now_s) < deadline )) || fail_part "$(tc_proc "$blamed")" "$message"
    sleep 2
  done
}

tc_ui_up() {
  local pid
  if pid="$(tc_ui_pid)"; then return 0; fi
  tc_install_ui || return 0
  rm -f "$(pidfile "$(tc_proc ui)")"
  if port_in_use "$TEMPORAL_CLUSTER_UI_PORT"; then
    warn "[temporal-cluster] Web UI port $TEMPORAL_CLUSTER_UI_PORT is taken by $(port_listener_desc "$TEMPORAL_CLUSTER_UI_PORT"); no UI"
    return 0
  fi
  [[ -f $TC_DATA/ui/ui.yaml ]] || tc_write_configs
  spawn "$(tc_proc ui)" "$TC_UI" --root "$TC_DATA" --config ui --env ui start
  wait_for 30 "the Temporal Web UI" port_answers "$LOCAL_HOST" "$TEMPORAL_CLUSTER_UI_PORT" ||
    warn "[temporal-cluster] the Web UI did not answer on $TC_UI_URL (log: $(tc_log ui))"
}

temporal_cluster_down() {
  local role pid
  if pid="$(tc_ui_pid)"; then stop_pid "$(tc_proc ui)" "$pid" 10; fi
  for role in worker frontend matching history; do
    if pid="$(tc_role_pid "$role")"; then
      stop_pid "$(tc_proc "$role")" "$pid" 20
    else
      log "[temporal-cluster] temporal-$role not running"; rm -f "$(pidfile "$(tc_proc "$role")")"
    fi
  done
}

# The port that shows a role is serving: its gRPC port; the worker role (system workflows) serves no gRPC and
# shows only in the membership ring.
tc_serving_port() { if [[ $1 == worker ]]; then tc_membership_port worker; else tc_grpc_port "$1"; fi; }

# One line per process: name|state|endpoint|log. Cheap: the pid is ours and owns its serving port.
temporal_cluster_status_each() {
  local role pid rc=0 endpoint
  for role in frontend history matching worker; do
    endpoint="$LOCAL_HOST:$(tc_serving_port "$role")"
    [[ $role == worker ]] && endpoint+=" (membership)"
    if pid="$(tc_role_pid "$role")" && pid_owns_port "$pid" "$(tc_serving_port "$role")"; then
      echo "temporal-$role|up (pid $pid)|$endpoint|$(tc_log "$role")"
    elif pid="$(tc_role_pid "$role")"; then
      echo "temporal-$role|starting (pid $pid)|$endpoint|$(tc_log "$role")"; rc=1
    else
      echo "temporal-$role|down|$endpoint|$(tc_log "$role")"; rc=1
    fi
  done
  if pid="$(tc_ui_pid)"; then
    echo "temporal-ui|up (pid $pid)|$TC_UI_URL|$(tc_log ui)"
  elif [[ -x $TC_UI ]]; then
    echo "temporal-ui|down|$TC_UI_URL|$(tc_log ui)" # optional: does not make the status fail
  fi
  return $rc
}

# pid of one process of this part by its status name (temporal-history), for `stack.sh pid --cluster`.
temporal_cluster_pid() {
  local role=${1#temporal-}
  if [[ $role == ui ]]; then tc_ui_pid; return; fi
  [[ " ${TC_ROLES[*]} " == *" $role "* ]] || return 2
  tc_role_pid "$role"
}

temporal_cluster_env_lines() {
  echo "export TEMPORAL_ADDRESS=$(q "$TEMPORAL_CLUSTER_ADDRESS")"
  [[ -x $TC_UI ]] && echo "export TEMPORAL_UI_URL=$(q "$TC_UI_URL")"
  return 0
}
