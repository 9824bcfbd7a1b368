# shellcheck shell=bash
# Part "kafka-cluster" (cluster mode, `stack.sh --cluster`): three Kafka brokers in KRaft mode, each broker and
# controller in one JVM, the three controllers a quorum of three voters. Same jars as the part "kafka"
# (infra/local/maven/kafka/pom.xml); replication factor 3 and min.insync.replicas 2 everywhere, auto-creation
# of topics off (the services create theirs). Processes kafka-1..3: pid in run/cluster/kafka-<n>.pid, log in
# logs/cluster/kafka-<n>.log, data in data/kafka-cluster/<n>/.
# Only functions and names here: the part "kafka" (sourced after this file) defines the shared install.

KAFKA_CLUSTER_NODES=(1 2 3)
KAFKA_CLUSTER_DATA="$STACK_DATA/kafka-cluster"

kc_name() { echo "kafka-$1"; }
kc_proc() { echo "cluster/kafka-$1"; }
kc_port() { echo $((KAFKA_CLUSTER_PORT + $1 - 1)); }
kc_controller_port() { echo $((KAFKA_CLUSTER_CONTROLLER_PORT + $1 - 1)); }
kc_config() { echo "$KAFKA_CLUSTER_DATA/$1/server.properties"; }
kc_log() { echo "$STACK_LOGS/$(kc_proc "$1").log"; }

kc_voters() {
  local n voters=()
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do voters+=("$n@$LOCAL_HOST:$(kc_controller_port "$n")"); done
  local IFS=,; echo "${voters[*]}"
}

kc_write_configs() {
  local n=$1 dir="$KAFKA_CLUSTER_DATA/$1"
  mkdir -p "$dir/log-dirs" "$STACK_LOGS/cluster" "$STACK_RUN/cluster"
  cat >"$(kc_config "$n")" <<EOF
# Written by infra/local/stack.sh --cluster — edits are overwritten on every 'up'.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$(kc_voters)
listeners=PLAINTEXT://$LOCAL_HOST:$(kc_port "$n"),CONTROLLER://$LOCAL_HOST:$(kc_controller_port "$n")
advertised.listeners=PLAINTEXT://$LOCAL_HOST:$(kc_port "$n")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/log-dirs
# Every partition on all three brokers; a send with acks=all needs two of them (one broker may be down).
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
unclean.leader.election.enable=false
# The services create every topic they use, with the replication their config names.
auto.create.topics.enable=false
num.partitions=3
group.initial.rebalance.delay.ms=0
log.retention.hours=72
log.segment.bytes=104857600
EOF
  cat >"$dir/log4j.properties" <<EOF
# Written by infra/local/stack.sh --cluster. Broker logs go to the process's log file.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$(kc_log "$n")
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
EOF
}

# Every node is formatted with the same cluster id, generated once.
kc_format_once() {
  local n=$1 dir="$KAFKA_CLUSTER_DATA/$1"
  [[ -f $dir/log-dirs/meta.properties ]] && return 0
  if [[ ! -s $KAFKA_CLUSTER_DATA/cluster.id ]]; then
    kafka_tool kafka.tools.StorageTool random-uuid 2>>"$(kc_log "$n")" | tr -d '[:space:]' >"$KAFKA_CLUSTER_DATA/cluster.id.tmp" ||
      fail_part "$(kc_proc "$n")" "could not generate a cluster id (StorageTool random-uuid)"
    [[ -s $KAFKA_CLUSTER_DATA/cluster.id.tmp ]] || fail_part "$(kc_proc "$n")" "StorageTool random-uuid printed nothing"
    mv "$KAFKA_CLUSTER_DATA/cluster.id.tmp" "$KAFKA_CLUSTER_DATA/cluster.id"
  fi
  log "[kafka-cluster] formatting kafka-$n's storage (cluster id $(cat "$KAFKA_CLUSTER_DATA/cluster.id")) ..."
  kafka_tool kafka.tools.StorageTool format --ignore-formatted -t "$(cat "$KAFKA_CLUSTER_DATA/cluster.id")" \
    -c "$(kc_config "$n")" >>"$(kc_log "$n")" 2>&1 || fail_part "$(kc_proc "$n")" "StorageTool format failed"
}

kc_running_pid() { running_pid "$(kc_proc "$1")" "$(kc_config "$1")"; }

# The ids of the brokers the cluster's metadata lists as serving (one admin-client call through any broker).
kc_serving_ids() {
  timeout 40 java -Xmx128m -Dlog4j.configuration="file:$KAFKA_TOOLS_LOG4J" -cp "$KAFKA_LIB/*" \
    kafka.admin.BrokerApiVersionsCommand --bootstrap-server "$KAFKA_CLUSTER_BROKERS" 2>/dev/null |
    grep -v -- '-> ERROR' | grep -o '(id: [0-9]*' | grep -o '[0-9]*' | sort -u | tr '\n' ' '
}
# All three listed as serving, and each broker started by this `up` answers a metadata request itself (a broker
# killed a moment ago can still be listed under its id).
kc_listening() {
  local n pid
  for n in "$@"; do
    pid="$(kc_running_pid "$n")" && pid_owns_port "$pid" "$(kc_port "$n")" || return 1
  done
}
kc_ready() {
  local n
  for n in "$@"; do kafka_metadata_ok "$LOCAL_HOST:$(kc_port "$n")" || return 1; done
  [[ "$(kc_serving_ids)" == "1 2 3 " ]]
}

kafka_cluster_up() {
  need_java
  kafka_write_tools_log4j
  local n pid started=()
  mkdir -p "$KAFKA_CLUSTER_DATA" "$STACK_LOGS/cluster" "$STACK_RUN/cluster"
  # Jars are shared with the part "kafka": never swapped while a broker of either runs on them.
  local any_running=0
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do kc_running_pid "$n" >/dev/null && any_running=1; done
  if (( !any_running )) && ! running_pid kafka "$KAFKA_CONFIG" >/dev/null; then
    copy_maven_deps kafka "$KAFKA_POM" "$KAFKA_LIB"
  fi
  kafka_installed || die "[kafka-cluster] Kafka jars missing in $KAFKA_LIB (a broker runs on an older set? 'stack.sh down' and retry)"
  # A quorum of three needs its voters up at about the same time: start every missing broker, then wait.
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    if pid="$(kc_running_pid "$n")"; then
      log "[kafka-cluster] kafka-$n already running (pid $pid) on $LOCAL_HOST:$(kc_port "$n")"
      continue
    fi
    rm -f "$(pidfile "$(kc_proc "$n")")"
    require_port_free "$(kc_proc "$n")" "$(kc_port "$n")" "kafka-$n broker port"
    require_port_free "$(kc_proc "$n")" "$(kc_controller_port "$n")" "kafka-$n controller port"
    kc_write_configs "$n"
    kc_format_once "$n"
    log "[kafka-cluster] starting kafka-$n on $LOCAL_HOST:$(kc_port "$n") (controller $LOCAL_HOST:$(kc_controller_port "$n")) ..."
    # shellcheck disable=SC2086  # a list of JVM flags
    spawn "$(kc_proc "$n")" java ${KAFKA_CLUSTER_HEAP_OPTS:--Xms256m -Xmx384m} -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$KAFKA_CLUSTER_DATA/$n/log4j.properties" -cp "$KAFKA_LIB/*" kafka.Kafka "$(kc_config "$n")"
    started+=("$n")
  done
  local deadline=$(( $(now_s) + 120 ))
  log "[kafka-cluster] waiting until all three brokers serve (up to 120s)..."
  # First the cheap check (each started broker listens), then the admin-client ones (a JVM each).
  until kc_listening "${started[@]}" && kc_ready "${started[@]}"; do
    for n in "${started[@]}"; do
      pid="$(cat "$(pidfile "$(kc_proc "$n")")" 2>/dev/null || true)"
      [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null ||
        fail_part "$(kc_proc "$n")" "kafka-$n exited during start-up"
    done
    (( $(now_s) < deadline )) ||
      fail_part "$(kc_proc "${started[0]:-1}")" "the brokers serving after 120s: $(kc_serving_ids)(want 1 2 3). 'stack.sh status --cluster' shows which runs."
    sleep 2
  done
  log "[kafka-cluster] up: $KAFKA_CLUSTER_BROKERS"
}

# All brokers at once: one by one, the last would wait for a quorum that has already gone.
kafka_cluster_down() {
  local n pid
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    if pid="$(kc_running_pid "$n")"; then
      stop_pid "$(kc_proc "$n")" "$pid" 30 &
    else
      log "[kafka-cluster] kafka-$n not running"; rm -f "$(pidfile "$(kc_proc "$n")")"
    fi
  done
  wait
}

# One line per broker: name|state|endpoint|log. Cheap (no JVM): the pid is ours and its port answers.
kafka_cluster_status_each() {
  local n pid rc=0
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    if pid="$(kc_running_pid "$n")" && port_answers "$LOCAL_HOST" "$(kc_port "$n")"; then
      echo "kafka-$n|up (pid $pid)|$LOCAL_HOST:$(kc_port "$n")|$(kc_log "$n")"
    elif pid="$(kc_running_pid "$n")"; then
      echo "kafka-$n|starting (pid $pid)|$LOCAL_HOST:$(kc_port "$n")|$(kc_log "$n")"; rc=1
    else
      echo "kafka-$n|down|$LOCAL_HOST:$(kc_port "$n")|$(kc_log "$n")"; rc=1
    fi
  done
  return $rc
}

# pid of one process of this part by its status name (kafka-2), for `stack.sh pid --cluster`.
kafka_cluster_pid() {
  local n=${1#kafka-}
  [[ " ${KAFKA_CLUSTER_NODES[*]} " == *" $n "* ]] || return 2
  kc_running_pid "$n"
}

kafka_cluster_env_lines() {
  echo "export KAFKA_BROKERS=$(q "$KAFKA_CLUSTER_BROKERS")"
  echo "export KAFKA_TOPIC_REPLICATION_FACTOR=3"
  echo "export KAFKA_TOPIC_MIN_INSYNC_REPLICAS=2"
}
