# shellcheck shell=bash
# Part "temporal-test-server": Temporal's Java test server (supports time
# skipping) for the TypeScript SDK's TestWorkflowEnvironment.createTimeSkipping.
# Not a daemon: the SDK starts it per test run through the launcher
#   $STACK_HOME/bin/temporal-test-server <port> [--enable-time-skipping]
# so `up` only installs the jars, writes the launcher and proves it binds.

TTS_POM="$STACK_SRC/maven/temporal-test-server/pom.xml"
TTS_HOME="$STACK_DOWNLOADS/temporal-test-server"
TTS_LIB="$TTS_HOME/lib"
TTS_LAUNCHER="$STACK_BIN/temporal-test-server"
TTS_MAIN_CLASS="io.temporal.testserver.TestServer"   # Main-Class of temporal-test-server.jar
TTS_VERIFIED="$TTS_HOME/.verified"

temporal_test_server_is_external() { return 1; }
temporal_test_server_endpoint() { echo "$TTS_LAUNCHER"; }

tts_write_launcher() {
  local content
  # Absolute lib path: the SDK runs the launcher from the test's cwd.
  content="#!/usr/bin/env bash
# Temporal Java test server launcher (written by infra/local/stack.sh).
# Usage: temporal-test-server <port> [--enable-time-skipping]
if [[ -n \"\${JAVA_HOME:-}\" && -x \"\$JAVA_HOME/bin/java\" ]]; then JAVA=\"\$JAVA_HOME/bin/java\"; else JAVA=java; fi
exec \"\$JAVA\" -Xmx256m \${TEMPORAL_TEST_SERVER_JAVA_OPTS:-} -cp '$TTS_LIB/*' $TTS_MAIN_CLASS \"\$@\"
"
  if [[ ! -f $TTS_LAUNCHER || "$(cat "$TTS_LAUNCHER")" != "$content" ]]; then
    printf '%s' "$content" >"$TTS_LAUNCHER.tmp"
    chmod 0755 "$TTS_LAUNCHER.tmp"
    mv "$TTS_LAUNCHER.tmp" "$TTS_LAUNCHER"
  fi
}

# A currently free port for the verification run.
tts_free_port() {
  local p
  for p in $(shuf -i 20000-29999 -n 50); do
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  return 1
}

# Run the launcher as the SDK would (<port> [flags]) and check it listens.
tts_verify_once() {
  local port pid ok=0
  port="$(tts_free_port)" || fail_part temporal-test-server "no free port for the verification run"
  log "[temporal-test-server] verifying: temporal-test-server $port $*"
  printf '\n===== %s: verify %s %s =====\n' "$(date -Is)" "$port" "$*" >>"$STACK_LOGS/temporal-test-server.log"
  setsid "$TTS_LAUNCHER" "$port" "$@" >>"$STACK_LOGS/temporal-test-server.log" 2>&1 </dev/null 9>&- &
  pid=$!
  local deadline=$(( $(now_s) + 60 ))
  while (( $(now_s) < deadline )) && kill -0 "$pid" 2>/dev/null; do
    if pid_owns_port "$pid" "$port" && port_answers "$LOCAL_HOST" "$port"; then ok=1; break; fi
    sleep 0.5
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  (( ok )) || fail_part temporal-test-server "launcher did not listen on port $port with args '$port $*'"
}

temporal_test_server_up() {
  need_java
  copy_maven_deps temporal-test-server "$TTS_POM" "$TTS_LIB"
  tts_write_launcher
  # Verify once per (jars, launcher) combination; re-verifying every `up` would cost ~5s for nothing.
  local key
  key="$(cat "$TTS_LIB/.stamp")-$(file_hash "$TTS_LAUNCHER")"
  if [[ -f $TTS_VERIFIED && "$(cat "$TTS_VERIFIED")" == "$key" ]]; then
    log "[temporal-test-server] installed and verified earlier: $TTS_LAUNCHER"
    return 0
  fi
  tts_verify_once
  tts_verify_once --enable-time-skipping
  echo "$key" >"$TTS_VERIFIED"
  log "[temporal-test-server] ready: $TTS_LAUNCHER <port> [--enable-time-skipping]"
}

temporal_test_server_down() {
  log "[temporal-test-server] nothing to stop (the SDK starts and stops it per test run)"
}

temporal_test_server_status() {
  if [[ -x $TTS_LAUNCHER && -f $TTS_LIB/.stamp && -f $TTS_VERIFIED ]]; then
    echo "installed|$TTS_LAUNCHER"; return 0
  fi
  echo "not installed|$TTS_LAUNCHER"; return 1
}
