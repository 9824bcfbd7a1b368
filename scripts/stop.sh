#!/usr/bin/env bash
# Stops the services, then the local stack (data is kept). `--services` stops only the services.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/services.sh
services_stop
# Prometheus and Jaeger are not default parts: stopped by name.
[[ "${1:-}" == "--services" ]] || { bash infra/local/stack.sh down prometheus jaeger; bash infra/local/stack.sh down; }
