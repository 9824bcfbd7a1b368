#!/usr/bin/env bash
# The API fuzz spec (test/api-fuzz) drives schemathesis, a Python tool. Installs the pinned set in
# test/api-fuzz/requirements.txt into a virtualenv in the git-ignored stack folder, reusing it while the
# pins are unchanged (safe to run again); prints the path of the `schemathesis` executable.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_HOME="${STACK_HOME:-$ROOT/.stack}"
venv="$STACK_HOME/venv-schemathesis"
requirements="$ROOT/test/api-fuzz/requirements.txt"
stamp="$venv/.requirements-sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/schemathesis" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  python="$(command -v python3 || true)"
  [[ -n "$python" ]] || { echo "[schemathesis] python3 is missing: install Python 3.10 or newer" >&2; exit 1; }
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
    { echo "[schemathesis] $("$python" --version) is too old: 3.10 or newer is needed" >&2; exit 1; }
  if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    # Debian splits venv/ensurepip out of python3.
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null ||
      { echo "[schemathesis] python3 cannot make virtualenvs: run 'apt-get install python3-venv' as root" >&2; exit 1; }
    echo "[schemathesis] installing Debian's python3-venv" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends python3-venv >/dev/null 2>&1 ||
      { apt-get update >/dev/null && apt-get install -y --no-install-recommends python3-venv >/dev/null; }
  fi
  echo "[schemathesis] installing the pinned packages into $venv (first time: about 30 s)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input --no-deps -r "$requirements" >&2
  echo "$want" > "$stamp"
fi
echo "$venv/bin/schemathesis"
