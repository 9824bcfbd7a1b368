#!/usr/bin/env bash
# Starts one service process again, as scripts/start.sh started it (same mode, env and ports), and waits until it
# is ready: what the fault drill does after killing it, as Kubernetes would.
#   scripts/drill/restart-instance.sh hotline-1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
instance="${1:?usage: scripts/drill/restart-instance.sh <instance, e.g. hotline-1>}"
# shellcheck source=/dev/null
source "${STACK_HOME:-$ROOT/.stack}/env"
source scripts/services.sh
[[ "$(cat "$MODE_FILE" 2>/dev/null)" == cluster ]] && CLUSTER=1
[[ " $(service_instances | tr '\n' ' ') " == *" $instance "* ]] || { say "no process named $instance in this mode"; exit 2; }
# The Temporal and Kafka the running processes were started on (the clustered stack may have come up since).
# shellcheck source=/dev/null
source "$RUN_DIR/endpoints.env"
services_prepare
services_start_instance "$instance" >/dev/null
services_wait_ready "$instance"
