#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temporary folder, start it
# on a free port on 127.0.0.1, export KURSBRO_TEST_POSTGRES (a URL to its `postgres`
# database), run the command, then stop the cluster and delete the folder — also when the
# command fails or is interrupted. Nothing assumes a PostgreSQL already running.
#
#   scripts/with-postgres.sh cargo test -p kursbro-server
#
# Uses the newest /usr/lib/postgresql/*/bin (Debian's packages; scripts/setup.sh installs
# them). As root, the cluster runs as the `postgres` user (PostgreSQL refuses root).
set -euo pipefail

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "with-postgres: PostgreSQL is not installed (run scripts/setup.sh)" >&2
    exit 1
fi

AS=()
if [ "$(id -u)" -eq 0 ]; then
    AS=(runuser -u postgres --)
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/kursbro-pg.XXXXXX")
cleanup() {
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$DIR"
fi

# A free port: bind port 0 and read what the kernel chose.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
# Durability is pointless for a test cluster that is deleted at the end: turn it off for
# speed. Enough connections for the tests running in parallel, each with its own pool.
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }

export KURSBRO_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT (folder $DIR)"
"$@"
