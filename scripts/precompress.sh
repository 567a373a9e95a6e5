#!/usr/bin/env bash
# Writes .br and .gz next to each text and wasm file of the built app; the server sends
# them to browsers that accept them, so a phone downloads the smallest form.
set -euo pipefail
dist="${1:-dist}"
find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.webmanifest' \) \
    ! -path '*/.stage/*' -print0 |
while IFS= read -r -d '' f; do
    gzip -9 -k -f "$f"
    if command -v brotli >/dev/null 2>&1; then brotli -q 11 -k -f "$f"; fi
done
