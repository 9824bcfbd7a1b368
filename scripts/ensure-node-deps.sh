#!/usr/bin/env bash
# Installs the Node dependencies from the lockfile when they are missing or the lockfile changed
# since the last install; otherwise does nothing. Sourced by start.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

command -v node >/dev/null || { echo "node is not installed: install Node.js 20.19 or newer" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  { echo "Node.js $(node -v) is too old: 20.19 or newer is needed" >&2; exit 1; }

stamp="$ROOT/node_modules/.lockfile-sha256"
want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "[deps] installing Node packages from package-lock.json (first time: about 2 minutes)"
  (cd "$ROOT" && SCARF_ANALYTICS=false npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
