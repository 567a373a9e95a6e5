#!/usr/bin/env bash
# Fails when SQL appears outside the data-access layer (crates/kursbro-server/src/store):
# a query call of sqlx, or a string that starts an SQL statement, anywhere else in the
# server, its tests and benchmarks, or the app.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='sqlx::(query|query_as|query_scalar)|\.fetch_(one|all|optional)\(|"(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA) '
found=$(grep -rnE "$pattern" --include='*.rs' crates/kursbro-server crates/kursbro-shared src tests \
    | grep -v '^crates/kursbro-server/src/store/' || true)
if [ -n "$found" ]; then
    echo "SQL outside crates/kursbro-server/src/store:" >&2
    echo "$found" >&2
    exit 1
fi
echo "check-sql-location: every SQL statement is in crates/kursbro-server/src/store"
