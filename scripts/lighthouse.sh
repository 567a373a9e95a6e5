#!/usr/bin/env bash
# Lighthouse's mobile performance run (a mid-range phone, slow 4G, 4x CPU slowdown) on /,
# /katalog and a module page, served by the release server with the demo data on a fresh
# SQLite file. Prints the median of RUNS runs (default 3) per page: Performance score, LCP,
# TBT, CLS, FCP and the bytes transferred. Figures for BENCHMARKS.md; not part of make test.
#
# Twice: with Lighthouse's default throttling (`simulate`: the page is loaded at full speed
# and the timings are estimated from what was fetched before each paint), and with
# `devtools` throttling (the network and CPU really are slowed while the page loads). The two
# differ for the first screen index.html paints before the app arrives: loaded at full speed,
# the app's wasm has arrived before that paint, so the estimate counts it as needed for it.
# THROTTLING=simulate or THROTTLING=devtools runs one of them.
#
# Lighthouse comes from npm, installed into target/lighthouse (pinned below), and drives
# Debian's Chromium with the same flags as the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# 12.x: the newest line that runs on the Node.js 20 these machines have (13 wants 22).
LIGHTHOUSE_VERSION=12.8.2
RUNS="${RUNS:-3}"
PAGES="${PAGES:-/ /katalog /moduler/smittevern}"
LH=target/lighthouse
if [ "$(cat "$LH/.version" 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    mkdir -p "$LH"
    npm install --prefix "$LH" --no-audit --no-fund --no-save "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
    echo "$LIGHTHOUSE_VERSION" >"$LH/.version"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kursbro-lighthouse.XXXXXX")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
target/server/kursbro-server --addr "127.0.0.1:$PORT" --database-url "sqlite://$work/kursbro.db" \
    --demo-data --dist dist >"$work/server.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -fs "$BASE/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/api/v1/health" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"
report() {
    node - "$1" <<'EOF'
const fs = require('fs');
const runs = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => l.split(' '));
const pages = [...new Set(runs.map(([p]) => p))];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log('| page | Performance | LCP | TBT | CLS | FCP | transferred |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const page of pages) {
  const rs = runs.filter(([p]) => p === page).map(([, f]) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const a = (id) => median(rs.map((r) => r.audits[id].numericValue));
  const score = median(rs.map((r) => r.categories.performance.score * 100));
  console.log(`| ${page} | ${score.toFixed(0)} | ${(a('largest-contentful-paint') / 1000).toFixed(2)} s | ` +
    `${a('total-blocking-time').toFixed(0)} ms | ${a('cumulative-layout-shift').toFixed(3)} | ` +
    `${(a('first-contentful-paint') / 1000).toFixed(2)} s | ${(a('total-byte-weight') / 1000).toFixed(0)} kB |`);
}
console.log(`(median of ${runs.length / pages.length} runs each)`);
EOF
}

n=0
for throttling in ${THROTTLING:-simulate devtools}; do
    for page in $PAGES; do
        for run in $(seq 1 "$RUNS"); do
            n=$((n + 1))
            "$LH/node_modules/.bin/lighthouse" "$BASE$page" --quiet --only-categories=performance \
                --throttling-method="$throttling" \
                --chrome-path="${CHROME_PATH:-/usr/bin/chromium}" \
                --chrome-flags="$flags --user-data-dir=$work/profile-$n" \
                --output=json --output-path="$work/$n.json"
            echo "$page $work/$n.json" >>"$work/runs-$throttling"
        done
    done
    echo
    echo "throttling: $throttling"
    report "$work/runs-$throttling"
done
