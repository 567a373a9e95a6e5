#!/usr/bin/env bash
# The release build of the app, cut into parts (src/parts.rs), in dist/:
#
#  1. trunk writes index.html, the CSS and the copied assets, and has cargo build the wasm
#     with the `split` feature and its relocations kept (the splitter needs them). trunk's
#     own wasm-bindgen output is replaced below; it does not run wasm-opt on the uncut wasm
#     (`data-wasm-opt="0"` in index.html), which would be minutes of wasted work.
#  2. wasm-split-cli cuts the wasm at each `lazy_page!`: the main part, one
#     `split_<part>.wasm` per part, `chunk_<n>.wasm` for code some parts share, and the
#     loader `__wasm_split.js`.
#  3. wasm-bindgen generates the JS for the main part (only it talks to the browser's APIs
#     directly), keeping the exports the parts import from it; esbuild minifies it.
#  4. wasm-opt -Oz on every wasm file, two at a time.
#  5. Everything goes into dist/app-<hash>/: the files name each other relatively and the
#     splitter's file names are not content hashes, so the folder's hash keeps one build's
#     files together (and the server lets browsers cache them for a year). index.html is
#     pointed there (with subresource integrity), preloads the loader, and names the
#     learner's part (module, activity and progress pages) for the service worker to keep
#     for offline use; parts.json lists each part's files (for `make size`). The first
#     screen it paints before the app has arrived gets its texts from src/i18n.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=dist
stage=target/app-split
raw=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/kursbro-app.wasm

# RUSTFLAGS replaces the wasm target's rustflags of .cargo/config.toml: repeat them. wasm-env
# --release adds the size flags of the web toolchain's std where it has one (its comment).
config_flags=$(sed -n 's/^rustflags = \[\(.*\)\]/\1/p' .cargo/config.toml | tr -d '",')
RUSTFLAGS="$config_flags -Clink-args=--emit-relocs" scripts/wasm-env --release trunk build --release --features split

rm -rf "$stage"
mkdir -p "$stage/cut" "$stage/out"
wasm-split-cli "$raw" "$stage/cut" --target web --out-name kursbro-app
wasm-bindgen --target web --keep-lld-exports --no-typescript \
    --out-name kursbro-app --out-dir "$stage/out" "$stage/cut/kursbro-app.wasm"
# wasm-bindgen's JS glue minified (esbuild, from npm): 8.7 kB brotli -> 6.8 kB. The parts'
# loader stays as the splitter wrote it (its list of parts is read below). wasm-bindgen
# names the loader once per import of it, the same module each time: not a warning here.
esbuild "$stage/out/kursbro-app.js" --minify --format=esm --log-level=warning \
    --log-override:duplicate-object-key=silent --outfile="$stage/out/kursbro-app.min.js"
mv "$stage/out/kursbro-app.min.js" "$stage/out/kursbro-app.js"
cp "$stage/cut/__wasm_split.js" "$stage/out/"
find "$stage/cut" -name 'split_*.wasm' -o -name 'chunk_*.wasm' | xargs -r cp -t "$stage/out/"

# The splitter leaves a names subsection wasm-opt does not know; it warns once per file.
find "$stage/out" -name '*.wasm' -print0 |
    xargs -0 -P 2 -I{} sh -c 'wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$1" -o "$1" 2>&1 |
        { grep -v "unknown name subsection" >&2 || true; }' _ {}

hash=$(cd "$stage/out" && find . -type f | sort | xargs cat | sha256sum | cut -c1-16)
rm -rf "$dist"/app-* "$dist"/kursbro-app-*
mkdir "$dist/app-$hash"
cp "$stage"/out/* "$dist/app-$hash/"

python3 - "$dist" "app-$hash" <<'EOF'
import base64, hashlib, json, pathlib, re, sys

dist, folder = pathlib.Path(sys.argv[1]), sys.argv[2]
app = dist / folder
index = dist / "index.html"
html = index.read_text()

def integrity(name):
    digest = hashlib.sha384((app / name).read_bytes()).digest()
    return "sha384-" + base64.b64encode(digest).decode()

# trunk's names for the uncut app, and its integrity attributes for them.
trunk_js = re.search(r"/(kursbro-app-[0-9a-f]+)\.js", html).group(1)
for old, new in [(f"/{trunk_js}_bg.wasm", "kursbro-app_bg.wasm"), (f"/{trunk_js}.js", "kursbro-app.js")]:
    html = re.sub(
        r'href="' + re.escape(old) + r'"([^>]*?)integrity="[^"]*"',
        lambda m: f'href="/{folder}/{new}"{m.group(1)}integrity="{integrity(new)}"',
        html,
    )
    html = html.replace(old, f"/{folder}/{new}")
if trunk_js in html:
    sys.exit(f"index.html still names {trunk_js}")

# Each part and the chunks it needs, as the loader lists them; written down for
# scripts/size-report.sh, so the loader is read in one place.
loader = (app / "__wasm_split.js").read_text()
parts = {
    m.group(1): [f"split_{m.group(1)}.wasm"]
    + [c.strip().replace("__chunk_", "chunk_") + ".wasm" for c in m.group(2).split(",") if c.strip()]
    for m in re.finditer(r'new URL\("\./split_(\w+)\.wasm".*?\n, \[([^\]]*)\]', loader, re.S)
}
if "learning" not in parts:
    sys.exit("the loader does not name the learning part")
(app / "parts.json").write_text(json.dumps(parts, indent=1) + "\n")
learning = parts["learning"]
links = [
    f'<link rel="modulepreload" href="/{folder}/__wasm_split.js" crossorigin="anonymous" integrity="{integrity("__wasm_split.js")}">'
] + [f'<link rel="prefetch" href="/{folder}/{name}" data-part="learning">' for name in learning]
html = html.replace("</head>", "\n".join(links) + "\n</head>", 1)

# The first screen's texts, in both languages, from the app's own table (src/i18n.rs).
table = pathlib.Path("src/i18n.rs").read_text()
wanted = sorted(set(re.findall(r'data-t(?:-label)?="(\w+)"', html)))
texts = {"nb": {}, "en": {}}
for key in wanted:
    m = re.search(r"\b" + key + r' \{\s*nb: ("(?:[^"\\]|\\.)*"),\s*en: ("(?:[^"\\]|\\.)*"),?\s*\}', table)
    if not m:
        sys.exit(f"src/i18n.rs has no plain nb/en text for {key}, which index.html's first screen shows")
    for lang, literal in zip(("nb", "en"), m.groups()):
        texts[lang][key] = json.loads(literal)
if "/*BOOT_TEXTS*/{}" not in html:
    sys.exit("index.html has no /*BOOT_TEXTS*/{} to fill")
html = html.replace("/*BOOT_TEXTS*/{}", json.dumps(texts, ensure_ascii=False).replace("</", "<\\/"), 1)
index.write_text(html)
EOF

scripts/precompress.sh "$dist"
