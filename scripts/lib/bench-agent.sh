# Shared by the benchmark scripts (source it): the release binary, a data directory with a
# trained admin `bench` / `bench-password-1`, and the service started on it.

# Sets BIN to this tree's release build unless BIN is given.
bench_binary() {
  if [ -z "${BIN:-}" ]; then
    swift build -c release --product employer-agent >/dev/null
    BIN="$(swift build -c release --show-bin-path)/employer-agent"
  fi
}

# bench_prepare DATA: migrates DATA and creates the admin.
bench_prepare() {
  "$BIN" migrate --data-dir "$1" >/dev/null 2>&1
  printf 'bench-password-1\n' | "$BIN" create-admin --username bench --full-name "Bench Admin" --password-stdin \
    --training-score 100 --data-dir "$1" >/dev/null 2>&1
}

# bench_serve DATA PORT: starts the service with its log in DATA/server.log (a file, as a
# service manager keeps it, not a terminal), sets `server` to its pid and returns once
# /health answers; refuses a port that something else answers on.
bench_serve() {
  local data=$1 port=$2
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then echo "port $port is in use: set PORT" >&2; exit 1; fi
  "$BIN" serve --data-dir "$data" --http-port "$port" --simulate >>"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the server did not start" >&2
  exit 1
}
