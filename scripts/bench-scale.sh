#!/usr/bin/env bash
# Every page's API calls timed on a region's data (issue 15): 500,000 learners, 1,000
# cohorts, 200 modules, ~50 million completions and events (`make scale-data`).
#
#   scripts/bench-scale.sh fill       # (re)make the SQLite file target/scale/region.db only
#   scripts/bench-scale.sh sqlite     # time the pages on it (made first if missing)
#   scripts/bench-scale.sh postgres   # a throwaway PostgreSQL cluster, filled, then removed
#
# The release server (`make server`) runs on the data; examples/scale_pages.rs signs in as a
# learner, a facilitator, a clinic's leader and an organisation's admin and times each call
# one request at a time (p50 / p95 of BENCH_RUNS, 30 by default). Figures for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
TMP_WHO=""
RUNS=${BENCH_RUNS:-30}
cargo build -q --profile server -p kursbro-server --example scale_data --example scale_pages
EXAMPLES=target/server/examples

DB=target/scale/region.db
fill_sqlite() {
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.who.json"
    mkdir -p target/scale
    "$EXAMPLES/scale_data" "sqlite://$DB" "$DB.who.json"
}

case "$KIND" in
fill)
    fill_sqlite
    exit 0
    ;;
sqlite)
    [ -f "$DB.who.json" ] || fill_sqlite
    ls -l --block-size=M "$DB"
    URL="sqlite://$DB"
    WHO="$DB.who.json"
    ;;
postgres)
    if [ -z "${KURSBRO_TEST_POSTGRES:-}" ]; then
        exec scripts/with-postgres.sh "$0" postgres
    fi
    URL="$KURSBRO_TEST_POSTGRES"
    TMP_WHO=$(mktemp "${TMPDIR:-/tmp}/kursbro-scale.XXXXXX.json")
    trap 'rm -f "$TMP_WHO"' EXIT
    WHO=$TMP_WHO
    "$EXAMPLES/scale_data" "$URL" "$WHO"
    ;;
*)
    echo "usage: $0 fill|sqlite|postgres" >&2
    exit 2
    ;;
esac

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
LOG=$(mktemp "${TMPDIR:-/tmp}/kursbro-scale-server.XXXXXX")
target/server/kursbro-server --addr "127.0.0.1:$PORT" --database-url "$URL" --dist dist \
    >"$LOG" 2>&1 &
PID=$!
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -f "$LOG"; }
trap 'stop; rm -f "${TMP_WHO:-}"' EXIT
for _ in $(seq 1 600); do curl -fs "$BASE/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/api/v1/health" >/dev/null || { cat "$LOG" >&2; exit 1; }
echo "bench-scale: $KIND, $RUNS requests per call"
"$EXAMPLES/scale_pages" "$BASE" "$WHO" "$RUNS"
