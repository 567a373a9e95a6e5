#!/usr/bin/env bash
# Prints raw / gzip -9 / brotli -q 11 sizes of every file of the built app, then what a
# first visit must fetch before the page works, per entry route:
#   /, /katalog         index.html, the CSS, the main part's JS and wasm, the parts' loader
#   a deep link         the same, plus the part of that page and the chunks it needs
#                       (parts.json, from the loader; scripts/build-app.sh, src/parts.rs)
# The service worker, icons, manifest and the learner's part that is fetched after first
# paint for offline use are not counted in the first load of / and /katalog.
set -euo pipefail
exec python3 - "${1:-dist}" <<'EOF'
import gzip, json, pathlib, re, subprocess, sys

dist = pathlib.Path(sys.argv[1])
files = sorted(p for p in dist.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz"))

def sizes(p):
    data = p.read_bytes()
    br = subprocess.run(["brotli", "-q", "11", "-c", str(p)], capture_output=True, check=True).stdout
    return len(data), len(gzip.compress(data, 9)), len(br)

table = {p.relative_to(dist).as_posix(): sizes(p) for p in files}
row = "{:<52} {:>10} {:>10} {:>10}"
print(row.format("file", "raw", "gzip", "brotli"))
for name, (raw, gz, br) in table.items():
    print(row.format(name, raw, gz, br))
print(row.format("TOTAL", *(sum(s[i] for s in table.values()) for i in range(3))))

html = (dist / "index.html").read_text()
# What index.html makes the browser fetch at once: stylesheets, scripts, module preloads,
# preloads (not prefetches, which wait until the page is idle).
first = ["index.html"]
for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
    if 'rel="prefetch"' in tag or 'rel="icon"' in tag or 'rel="manifest"' in tag or 'rel="apple-touch-icon"' in tag:
        continue
    for url in re.findall(r'(?:href|src)="/([^"]+)"', tag):
        if url not in first:
            first.append(url)
for url in re.findall(r"(?:from |module_or_path: )'/([^']+)'", html):
    if url not in first:
        first.append(url)

def total(names):
    missing = [n for n in names if n not in table]
    if missing:
        sys.exit(f"size-report: index.html names files that are not built: {missing}")
    return [sum(table[n][i] for n in names) for i in range(3)]

print()
print(row.format("FIRST LOAD", "raw", "gzip", "brotli"))
print(row.format("/, /katalog (main part)", *total(first)))
# Each part's files, as scripts/build-app.sh wrote them down from the parts' loader.
for manifest in sorted(dist.glob("app-*/parts.json")):
    folder = manifest.parent.name
    for part, files in json.loads(manifest.read_text()).items():
        label = f"deep link into the {part} part"
        print(row.format(label[:52], *total(first + [f"{folder}/{f}" for f in files])))
EOF
