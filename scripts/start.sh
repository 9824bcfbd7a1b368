#!/usr/bin/env bash
# Starts the whole system on this machine: the local stack (Postgres, Temporal, Kafka), migrations,
# demo data, the services and the workflow worker; prints where to look. Safe to run again: the
# stack is reused and the services are restarted on the current code.
#   scripts/start.sh            one process per service (what the tests and CI use)
#   scripts/start.sh --cluster  (or CLUSTER=1) 2 replicas of each API and of the worker behind HAProxy, on the
#                               clustered Temporal and Kafka when `stack.sh up --cluster` runs (docs/operations.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false
for arg in "$@"; do
  case "$arg" in
    --cluster) export CLUSTER=1 ;;
    *) echo "usage: scripts/start.sh [--cluster]" >&2; exit 2 ;;
  esac
done

bash scripts/ensure-node-deps.sh
bash infra/local/stack.sh up
# shellcheck source=/dev/null
source "${STACK_HOME:-$ROOT/.stack}/env"
source scripts/services.sh
# Traces (docs/operations.md, Traces): Jaeger, built from source the first time (~16 min); the services started
# below export to it. JAEGER=0 starts without it (tracing off, as in the tests).
if [[ "${JAEGER:-1}" != 0 ]]; then
  if bash infra/local/stack.sh up jaeger; then
    # shellcheck source=/dev/null
    source "${STACK_HOME:-$ROOT/.stack}/jaeger.env"
  else
    say "Jaeger did not start (see above); the system runs without traces"
  fi
fi

services_stop quiet
services_cluster_stack_up
services_cluster_env
services_prepare
services_migrate
services_seed_demo
console_build
services_start
services_wait_ready
# Prometheus scrapes the processes just started (not a default stack part: the tests do not need it).
bash infra/local/stack.sh up prometheus || say "Prometheus did not start (see above); the system runs without it"
services_seed_demo_data
services_print_urls
