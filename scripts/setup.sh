#!/usr/bin/env bash
# Sets up a fresh Debian machine for employer-agent and, unless --no-start, starts the
# service on the embedded defaults (SQLite in ./data, the simulated DHS/SSA side).
# Installs missing system packages when run as root; otherwise says which are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libssl-dev libsqlite3-dev openssl ca-certificates python3 libcairo2-dev libpango1.0-dev fonts-noto-core fonts-dejavu-core fonts-wqy-microhei poppler-utils qpdf)
start=1
configuration=debug
for arg in "$@"; do
  case "$arg" in
    --no-start) start=0 ;;
    --release) configuration=release ;;
    *) echo "usage: scripts/setup.sh [--no-start] [--release]" >&2; exit 2 ;;
  esac
done

if ! command -v swift >/dev/null 2>&1; then
  echo "The Swift 6 toolchain is a prerequisite: install it from swift.org and put 'swift' on PATH." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

swift build -c "$configuration" --product employer-agent
binary="$(swift build -c "$configuration" --show-bin-path)/employer-agent"
"$binary" migrate
if [ "$start" -eq 1 ]; then
  exec "$binary" serve
fi
