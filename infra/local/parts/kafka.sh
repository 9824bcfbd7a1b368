# shellcheck shell=bash
# Part "kafka": single-node Apache Kafka in KRaft mode (broker + controller in
# one JVM, no ZooKeeper), assembled from Maven jars because the binary tarball
# cannot be downloaded here.

KAFKA_POM="$STACK_SRC/maven/kafka/pom.xml"
KAFKA_HOME="$STACK_DOWNLOADS/kafka"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_DATA="$STACK_DATA/kafka"
# Partition data in a subfolder: data/kafka also holds cluster.id and configs,
# which must not sit inside a Kafka log dir.
KAFKA_LOG_DIRS="$KAFKA_DATA/log-dirs"
KAFKA_CONFIG="$KAFKA_DATA/server.properties"
KAFKA_LOG4J="$KAFKA_DATA/log4j.properties"
KAFKA_TOOLS_LOG4J="$KAFKA_DATA/tools-log4j.properties"
KAFKA_LOG="$STACK_LOGS/kafka.log"
KAFKA_BROKERS_LOCAL="$LOCAL_HOST:$KAFKA_PORT"

kafka_is_external() { is_external KAFKA_BROKERS "$KAFKA_BROKERS_LOCAL"; }
kafka_endpoint() {
  if kafka_is_external; then echo "$KAFKA_BROKERS"; else echo "$KAFKA_BROKERS_LOCAL"; fi
}

kafka_installed() { [[ -f $KAFKA_LIB/.stamp ]] && ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; }

# java with the Kafka classpath; tools log WARN+ to stderr only.
kafka_tool() {
  java -Xmx256m -Dlog4j.configuration="file:$KAFKA_TOOLS_LOG4J" -cp "$KAFKA_LIB/*" "$@"
}

kafka_write_configs() {
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOG_DIRS"
  # Rewritten every `up` so port overrides apply; cluster identity lives in
  # cluster.id + meta.properties, not here.
  cat >"$KAFKA_CONFIG" <<EOF
# Written by infra/local/stack.sh — edits are overwritten on every 'up'.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$LOCAL_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$LOCAL_HOST:$KAFKA_PORT,CONTROLLER://$LOCAL_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$LOCAL_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_LOG_DIRS
# single node: every internal topic has exactly one replica
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
auto.create.topics.enable=true
num.partitions=3
# consumers in tests join immediately instead of waiting 3s for a rebalance
group.initial.rebalance.delay.ms=0
# local dev: keep disk use small
log.retention.hours=72
log.segment.bytes=104857600
EOF
  cat >"$KAFKA_LOG4J" <<EOF
# Written by infra/local/stack.sh. Broker logs go to the part's log file.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$KAFKA_LOG
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
# the noisy ones
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.kafka.controller=INFO
EOF
  kafka_write_tools_log4j
}

kafka_write_tools_log4j() {
  mkdir -p "$KAFKA_DATA"
  cat >"$KAFKA_TOOLS_LOG4J" <<EOF
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Format the KRaft storage exactly once; the cluster id is generated once and kept.
kafka_format_once() {
  [[ -f $KAFKA_LOG_DIRS/meta.properties ]] && return 0
  if [[ ! -s $KAFKA_DATA/cluster.id ]]; then
    kafka_tool kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" | tr -d '[:space:]' >"$KAFKA_DATA/cluster.id.tmp" ||
      fail_part kafka "could not generate a cluster id (StorageTool random-uuid)"
    [[ -s $KAFKA_DATA/cluster.id.tmp ]] || fail_part kafka "StorageTool random-uuid printed nothing"
    mv "$KAFKA_DATA/cluster.id.tmp" "$KAFKA_DATA/cluster.id"
  fi
  log "[kafka] formatting storage (cluster id $(cat "$KAFKA_DATA/cluster.id")) ..."
  kafka_tool kafka.tools.StorageTool format --ignore-formatted -t "$(cat "$KAFKA_DATA/cluster.id")" -c "$KAFKA_CONFIG" >>"$KAFKA_LOG" 2>&1 ||
    fail_part kafka "StorageTool format failed"
}

# Real health: a metadata request through the admin client.
kafka_metadata_ok() {
  timeout 40 java -Xmx128m -Dlog4j.configuration="file:$KAFKA_TOOLS_LOG4J" -cp "$KAFKA_LIB/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$1" --list >/dev/null 2>&1
}

kafka_up() {
  if kafka_is_external; then
    log "[kafka] KAFKA_BROKERS=$KAFKA_BROKERS is external: not starting, only checking it answers"
    kafka_external_ok || die "[kafka] external KAFKA_BROKERS $KAFKA_BROKERS does not answer"
    log "[kafka] external brokers answer"
    return 0
  fi
  need_java
  kafka_write_tools_log4j
  local pid
  # Reuse check before any (re)install: jars must not be swapped under a running broker.
  if pid="$(running_pid kafka "$KAFKA_CONFIG")"; then
    if pid_owns_port "$pid" "$KAFKA_PORT" && kafka_metadata_ok "$KAFKA_BROKERS_LOCAL"; then
      log "[kafka] already running (pid $pid) on $KAFKA_BROKERS_LOCAL — reusing"
      [[ "$(cat "$KAFKA_LIB/.stamp" 2>/dev/null)" == "$(file_hash "$KAFKA_POM")" ]] ||
        warn "[kafka] maven/kafka/pom.xml changed since the jars were fetched: 'stack.sh down kafka && stack.sh up kafka' to apply"
      return 0
    fi
    if wait_for 90 "running kafka (pid $pid) to answer" kafka_metadata_ok "$KAFKA_BROKERS_LOCAL"; then
      return 0
    fi
    fail_part kafka "our broker (pid $pid) runs but does not answer on $KAFKA_BROKERS_LOCAL. Run 'stack.sh down kafka' and retry."
  fi
  rm -f "$(pidfile kafka)"
  copy_maven_deps kafka "$KAFKA_POM" "$KAFKA_LIB"
  require_port_free kafka "$KAFKA_PORT" "broker port"
  require_port_free kafka "$KAFKA_CONTROLLER_PORT" "controller port"
  kafka_write_configs
  kafka_format_once
  log "[kafka] starting broker on $KAFKA_BROKERS_LOCAL (controller $LOCAL_HOST:$KAFKA_CONTROLLER_PORT) ..."
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is a list of JVM flags
  spawn kafka java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_LOG4J" -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONFIG"
  pid="$(cat "$(pidfile kafka)")"
  local deadline=$(( $(now_s) + 90 ))
  log "[kafka] waiting for the broker (up to 90s)..."
  until pid_owns_port "$pid" "$KAFKA_PORT" && kafka_metadata_ok "$KAFKA_BROKERS_LOCAL"; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(pidfile kafka)"; fail_part kafka "broker exited during start-up"; }
    (( $(now_s) < deadline )) || fail_part kafka "broker did not answer a metadata request on $KAFKA_BROKERS_LOCAL within 90s (pid $pid still running; 'stack.sh down kafka' stops it)"
    sleep 1
  done
  log "[kafka] up: $KAFKA_BROKERS_LOCAL"
}

kafka_down() {
  if kafka_is_external; then log "[kafka] external (KAFKA_BROKERS): nothing to stop"; return 0; fi
  local pid
  if pid="$(running_pid kafka "$KAFKA_CONFIG")"; then
    # Controlled shutdown can take a while; after 30s it's killed (data survives, Kafka recovers its logs).
    stop_pid kafka "$pid" 30
  else
    log "[kafka] not running"; rm -f "$(pidfile kafka)"
  fi
}

kafka_external_ok() {
  if kafka_installed; then
    kafka_write_tools_log4j
    kafka_metadata_ok "$KAFKA_BROKERS"
  else
    hostport_answers "$KAFKA_BROKERS"
  fi
}

kafka_status() {
  if kafka_is_external; then
    if hostport_answers "$KAFKA_BROKERS"; then echo "up (external)|$KAFKA_BROKERS"; return 0; fi
    echo "down (external)|$KAFKA_BROKERS"; return 1
  fi
  local pid
  if pid="$(running_pid kafka "$KAFKA_CONFIG")" && port_answers "$LOCAL_HOST" "$KAFKA_PORT"; then
    echo "up (pid $pid)|$KAFKA_BROKERS_LOCAL"; return 0
  fi
  echo "down|$KAFKA_BROKERS_LOCAL"; return 1
}
