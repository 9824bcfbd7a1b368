#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through playwright-core (never a downloaded browser).
# Installs the `chromium` package (and a CJK font, so screenshots show Chinese) when missing; prints the path.
set -euo pipefail

find_chromium() { command -v chromium || command -v chromium-browser || true; }
has_cjk_font() { command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null)" ]]; }

apt_install() {
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "[chromium] missing: run 'apt-get install $*' as root (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
  echo "[chromium] installing Debian packages: $* (first time: about 1 minute)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

path="${CHROMIUM_PATH:-$(find_chromium)}"
missing=()
[[ -n "$path" ]] || missing+=(chromium)
has_cjk_font || missing+=(fonts-wqy-microhei)
(( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"
path="${path:-$(find_chromium)}"
[[ -x "$path" ]] || { echo "[chromium] $path is not executable" >&2; exit 1; }
echo "$path"
