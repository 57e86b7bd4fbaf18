#!/usr/bin/env bash
# Builds the container's runtime filesystem without Docker: the binary plus every shared
# library `ldd` says it loads, copied into a folder at their own paths, then runs the
# binary there (chrooted when possible) with --help, so a library the runtime image would
# miss fails here. The Dockerfile's build stage calls it with --into /runtime --skip-libc
# (the runtime image has its own C library) and copies that folder into the image.
#
# usage: scripts/runtime-check.sh [BINARY] [--into DIR] [--skip-libc]
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
into=""
skip_libc=0
while [ $# -gt 0 ]; do
  case "$1" in
    --into) into="$2"; shift 2 ;;
    --skip-libc) skip_libc=1; shift ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) binary="$1"; shift ;;
  esac
done
if [ -z "$binary" ]; then
  binary="$(swift build --show-bin-path)/employer-agent"
fi
[ -x "$binary" ] || { echo "runtime-check: no executable at $binary (build it first)" >&2; exit 1; }

keep=0
if [ -z "$into" ]; then
  into=$(mktemp -d)
else
  keep=1
  mkdir -p "$into"
fi
cleanup() { if [ "$keep" -eq 0 ]; then rm -rf "$into"; fi; }
trap cleanup EXIT

missing=$(ldd "$binary" | grep "not found" || true)
if [ -n "$missing" ]; then
  echo "runtime-check: libraries not found for $binary:" >&2
  echo "$missing" >&2
  exit 1
fi

mkdir -p "$into/usr/local/bin"
cp "$binary" "$into/usr/local/bin/employer-agent"
count=0
# Lines look like "libx.so.1 => /path/libx.so.1 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)".
for lib in $(ldd "$binary" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u); do
  name=$(basename "$lib")
  if [ "$skip_libc" -eq 1 ]; then
    case "$name" in
      ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libresolv.so*|libutil.so*) continue ;;
    esac
  fi
  mkdir -p "$into$(dirname "$lib")"
  cp -L "$lib" "$into$lib"
  count=$((count + 1))
done
echo "runtime-check: $(basename "$binary") and $count shared libraries in $into"

if [ "$skip_libc" -eq 1 ]; then
  exit 0
fi
# A Debian multiarch path may be reached through the /lib -> usr/lib link.
for dir in lib lib64; do
  if [ -L "/$dir" ] && [ ! -e "$into/$dir" ]; then ln -s "$(readlink "/$dir")" "$into/$dir"; fi
done

run_isolated() {
  if [ "$(id -u)" -eq 0 ] && chroot "$into" /usr/local/bin/employer-agent --help >"$into.out" 2>&1; then
    echo "chroot"
    return 0
  fi
  # Without chroot: the copied loader, with only the copied folders and no ld.so.cache.
  local loader
  loader=$(find "$into" -name 'ld-linux*.so*' | head -n 1)
  local paths
  paths=$(find "$into" -name '*.so*' -printf '%h\n' | sort -u | paste -sd: -)
  if [ -n "$loader" ] && "$loader" --inhibit-cache --library-path "$paths" "$into/usr/local/bin/employer-agent" --help >"$into.out" 2>&1; then
    echo "loader"
    return 0
  fi
  return 1
}
if how=$(run_isolated); then
  grep -q "serve" "$into.out" || { echo "runtime-check: --help did not list serve" >&2; cat "$into.out" >&2; rm -f "$into.out"; exit 1; }
  echo "runtime-check: --help ran from the copied filesystem ($how)"
  rm -f "$into.out"
else
  echo "runtime-check: the binary did not run from the copied filesystem:" >&2
  cat "$into.out" >&2 || true
  rm -f "$into.out"
  exit 1
fi
