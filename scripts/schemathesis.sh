#!/usr/bin/env bash
# Checks that the API does what its OpenAPI document says, with schemathesis (property-based
# requests generated from /api/v1/openapi.json, `--checks all`), signed in as a learner, as
# a facilitator, and as an organisation's admin (who also has the competence overview and
# the plans). Any failure fails this script.
#
#   scripts/schemathesis.sh              # bounded run (make test)
#   ST_EXAMPLES=100 scripts/schemathesis.sh
#
# Starts the debug server binary (cargo build -p kursbro-server first) on a free port with
# the demo data in a throwaway SQLite file, and removes it afterwards. schemathesis is
# installed from PyPI into target/schemathesis-venv (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ST_VERSION=4.32.5
EXAMPLES=${ST_EXAMPLES:-12}
SEED=${ST_SEED:-$RANDOM}
VENV=target/schemathesis-venv
if [ ! -x "$VENV/bin/st" ] || ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$ST_VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "schemathesis==$ST_VERSION"
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/kursbro-st.XXXXXX")
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Generous limits: the point here is the contract, not the rate limiter (tested elsewhere).
target/debug/kursbro-server --addr 127.0.0.1:0 --database-url "sqlite://$DIR/st.db" \
    --demo-data --dist "$DIR/no-dist" --posts-per-minute 100000 \
    --login-failures-per-minute 100000 >"$DIR/server.log" 2>&1 &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 100); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$DIR/server.log" | head -n 1 || true)
    [ -n "$BASE" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$BASE" ] || { echo "schemathesis: the server did not start" >&2; cat "$DIR/server.log" >&2; exit 1; }

session_of() {
    curl -sS -o /dev/null -D - -H 'Content-Type: application/json' -H "Origin: $BASE" \
        --data "{\"email\":\"$1\",\"password\":\"kursbro-demo\"}" "$BASE/api/v1/auth/login" \
        | grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/' | head -n 1
}

status=0
for who in kari.nordmann@demo.kursbro.no marte.lie@demo.kursbro.no hilde.aas@demo.kursbro.no; do
    cookie=$(session_of "$who")
    [ -n "$cookie" ] || { echo "schemathesis: could not sign in as $who" >&2; exit 1; }
    echo "schemathesis: as $who, $EXAMPLES examples per operation, seed $SEED"
    # Signing out would end the session the rest of the run uses: those two are left out
    # (the API tests cover them).
    # Run from the temporary folder: schemathesis keeps a cache in `.schemathesis/` there.
    (cd "$DIR" && "$ROOT/$VENV/bin/st" --config-file "$ROOT/scripts/schemathesis.toml" \
        run "$BASE/api/v1/openapi.json" --checks all \
        --max-examples "$EXAMPLES" --seed "$SEED" --no-color \
        -H "Cookie: $cookie" -H "Origin: $BASE" \
        --generation-with-security-parameters false \
        --exclude-path /api/v1/auth/logout --exclude-path /api/v1/auth/logout-everywhere) \
        || status=1
done
exit $status
