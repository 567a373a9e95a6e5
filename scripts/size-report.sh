#!/usr/bin/env bash
# Prints raw / gzip -9 / brotli -q 11 sizes of every file of the built app, then what a
# first visit must fetch before the page works (index.html and the JS, wasm and CSS it
# names; the service worker, icons and manifest come later). The app is one part today, so
# every entry route (`/`, `/katalog`, a deep link) fetches the same.
set -euo pipefail
dist="${1:-dist}"
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
first_raw=0 first_gz=0 first_br=0
while IFS= read -r f; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    br=$(brotli -q 11 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
    case "$f" in
        */index.html | *.js | *.wasm | *.css)
            if [ "${f##*/}" != sw.js ]; then
                first_raw=$((first_raw + raw)) first_gz=$((first_gz + gz)) first_br=$((first_br + br))
            fi ;;
    esac
    printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist" -type f ! -name '*.br' ! -name '*.gz' ! -path '*/.stage/*' | sort)
printf '%-48s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
printf '%-48s %10d %10d %10d\n' "FIRST LOAD (/, /katalog, any deep link)" "$first_raw" "$first_gz" "$first_br"
