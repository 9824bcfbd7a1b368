#!/usr/bin/env bash
# Runs every test: installs what is missing, brings the local stack up (or reuses it), then lint,
# type check and all Jest specs (unit, integration on the real stack, workflow specs on the
# time-skipping server). Ends with one line: "N passed, N failed". Extra arguments go to Jest.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true

bash scripts/ensure-node-deps.sh || exit 1
bash infra/local/stack.sh up || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=/dev/null
source "${STACK_HOME:-$ROOT/.stack}/env"
# The console's browser tests drive Debian's Chromium (installed here when missing).
CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)" || { echo "0 passed, 1 failed"; exit 1; }
export CHROMIUM_PATH
# The monitoring spec checks the alert rules with promtool, which comes with Debian's prometheus package.
bash infra/local/stack.sh install prometheus || { echo "0 passed, 1 failed"; exit 1; }
# The API fuzz spec (test/api-fuzz) drives schemathesis: a pinned virtualenv in the stack folder, reused.
bash scripts/ensure-schemathesis.sh >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
check() {
  local name="$1"; shift
  echo "[test] $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "[test] FAILED: $name"; fi
}

# The Nx project graph feeds the module-boundary lint rule.
npx nx show projects >/dev/null
check "lint (eslint, module boundaries, workflow determinism)" npx eslint . --max-warnings=0
check "type check (tsc --noEmit)" npx tsc -p tsconfig.json
check "type check of the console (browser code)" npx tsc -p apps/console/tsconfig.json
check "formatting (prettier --check)" npx prettier --check . --log-level warn

# Adds one Jest run's counts to the totals (a suite that crashed before its tests counts as one failure).
jest_run() {
  local results="${STACK_HOME:-$ROOT/.stack}/jest-results-$1.json"; shift
  rm -f "$results"
  TEST_STACK=external npx jest --json --outputFile="$results" "$@"
  local jest_rc=$? jest_passed jest_failed
  if [[ -f "$results" ]]; then
    read -r jest_passed jest_failed < <(node -e '
      const r = require(process.argv[1]);
      console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);' "$results")
    passed=$((passed + jest_passed))
    failed=$((failed + jest_failed))
    if (( jest_rc != 0 && jest_failed == 0 )); then failed=$((failed + 1)); fi
  else
    failed=$((failed + 1))
  fi
}

# The worker-crash drill (200 cases, a worker killed with -9) measures recovery: it runs on its own after the
# rest, not beside another suite on the same two cores and the same Temporal server.
DRILLS='test/e2e/worker-crash'
if (( $# == 0 )); then
  # (The ignore list replaces jest.config.js's, so it repeats it.)
  jest_run all --maxWorkers=2 --testPathIgnorePatterns /node_modules/ /dist/ /.stack/ "$DRILLS"
  jest_run drills --maxWorkers=1 "$DRILLS"
else
  jest_run selected --maxWorkers=2 "$@"
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
