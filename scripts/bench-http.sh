#!/usr/bin/env bash
# HTTP throughput of the release server (`make server`, `make app`) with wrk on this machine:
# the static app shell (`/`) and a signed-in learner's read mix (who am I, the catalogue and a
# search in it, a module and the learner's progress in it, their whole progress), at 16 and 64
# connections. The server runs with the demo data on a throwaway SQLite file, removed after.
# Figures for BENCHMARKS.md; wrk is Debian's package (`apt-get install wrk`).
#
#   scripts/bench-http.sh            # 10 s a run
#   BENCH_SECONDS=30 scripts/bench-http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -q wrk >/dev/null || { echo "bench-http: install wrk (Debian's package)" >&2; exit 1; }
fi
SECONDS_EACH=${BENCH_SECONDS:-10}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/kursbro-http.XXXXXX")
PID=""
cleanup() {
    if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$DIR"
}
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
# Generous limits: this measures reads, not the rate limiter.
target/server/kursbro-server --addr "127.0.0.1:$PORT" --database-url "sqlite://$DIR/bench.db" \
    --demo-data --dist dist --login-failures-per-minute 100000 >"$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "$BASE/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
COOKIE=$(curl -fs -c - -H 'content-type: application/json' \
    -d '{"email":"kari.nordmann@demo.kursbro.no","password":"kursbro-demo"}' \
    "$BASE/api/v1/auth/login" | awk '$6 == "kursbro_session" { print $7 }')
[ -n "$COOKIE" ] || { echo "bench-http: could not sign in" >&2; exit 1; }

cat >"$DIR/mix.lua" <<LUA
local paths = {
  "/api/v1/me",
  "/api/v1/catalogue",
  "/api/v1/catalogue?q=smitte",
  "/api/v1/modules/smittevern",
  "/api/v1/modules/smittevern/progress",
  "/api/v1/progress",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Cookie"] = "kursbro_session=$COOKIE" })
end
LUA

run() {
    local name=$1 conns=$2; shift 2
    local out
    out=$(wrk -t2 -c"$conns" -d"${SECONDS_EACH}s" --latency "$@")
    if echo "$out" | grep -q "Non-2xx"; then echo "$out" >&2; echo "bench-http: errors in $name" >&2; exit 1; fi
    printf '%-28s %3d conns  %8s req/s  p50 %-9s p99 %s\n' "$name" "$conns" \
        "$(echo "$out" | awk '/Requests\/sec/ { print $2 }')" \
        "$(echo "$out" | awk '$1 == "50%" { print $2 }')" \
        "$(echo "$out" | awk '$1 == "99%" { print $2 }')"
}
run "static shell /" 16 "$BASE/"
run "static shell /" 64 "$BASE/"
run "learner read mix" 16 -s "$DIR/mix.lua" "$BASE"
run "learner read mix" 64 -s "$DIR/mix.lua" "$BASE"
