#!/usr/bin/env bash
# Installs what building and testing Kursbro needs, skipping whatever is already there.
# Safe to run again and again (make run / make test call it every time).
#
#   wasm32 target   rustup's std; Debian rustc-web + rust-web-src for the release app's own
#                   std (build-std, scripts/wasm-env), and for every build if rustup has none
#   trunk           0.21.x from crates.io (0.22 needs a newer rustc than stable here)
#   wasm-bindgen    exactly the version in Cargo.lock
#   wasm-split-cli  cuts the release wasm into parts (src/parts.rs, scripts/build-app.sh)
#   node packages   Playwright, axe-core, binaryen's wasm-opt (npm ci, from package-lock.json)
#   chromium        Debian's chromium + chromium-driver, and brotli for precompression
#   postgresql      Debian's server binaries, for the test suite's throwaway cluster
#   python3-venv    for schemathesis (from PyPI, into target/schemathesis-venv)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && have sudo; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
    if ! have apt-get; then
        say "please install these with your package manager: $*"
        return 1
    fi
    if [ -z "$APT_UPDATED" ]; then
        $SUDO apt-get update -q >/dev/null
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

if ! have cargo; then
    say "Rust is missing: install it from https://rustup.rs and run this again"
    exit 1
fi

# --- the wasm32 standard library -------------------------------------------------------
# Debian's rustc-web with the standard library's source, linked as the `web` toolchain: the
# release app builds a smaller std from source with it (scripts/wasm-env --release), and
# where rustup cannot provide the wasm32 std, every wasm build does. Without it the release
# app is built on rustup's prebuilt std, larger but the same app.
wasm_std_present() { scripts/wasm-env --rustup-std; }
if have rustup && ! scripts/wasm-env --web-works; then
    say "web toolchain: installing Debian's rustc-web and the std source (about a minute)"
    if apt_install rustc-web cargo-web rust-web-src rust-web-llvm; then
        # rust-web-llvm's rust-lld links to lld-<its LLVM version>, a package of its own.
        lld=$(basename "$(readlink /usr/bin/rust-lld 2>/dev/null || true)")
        if [ -n "$lld" ] && [ ! -e /usr/bin/rust-lld ]; then apt_install "$lld" || true; fi
        rustup toolchain link web /usr || true
    fi
fi
web_works=""
if have rustup && scripts/wasm-env --web-works; then web_works=1; fi
if [ -n "$web_works" ]; then
    say "web toolchain: $(rustc +web --version)"
    # The std's own dependencies, for builds with --offline (plain cargo fetch misses them).
    # Already fetched, nothing needs the network; without it, say so and go on.
    scripts/wasm-env --web cargo fetch --target wasm32-unknown-unknown ||
        say "web toolchain: could not fetch the std's dependencies (no network?)"
else
    say "web toolchain: not available; the release app uses rustup's prebuilt std"
fi
if wasm_std_present; then
    say "wasm32 target: present"
elif have rustup && timeout 120 rustup target add wasm32-unknown-unknown && wasm_std_present; then
    say "wasm32 target: installed with rustup"
elif [ -n "$web_works" ]; then
    say "wasm32 target: rustup could not provide it; every wasm build uses build-std on the web toolchain"
else
    say "wasm32 target: neither rustup nor Debian's rustc-web could provide it"
    exit 1
fi

# --- trunk ------------------------------------------------------------------------------
if have trunk && trunk --version >/dev/null 2>&1; then
    say "trunk: $(trunk --version)"
else
    say "trunk: installing $TRUNK_VERSION (about 10 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen, exactly as locked ------------------------------------------------------
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
    say "cannot read the wasm-bindgen version from Cargo.lock"
    exit 1
fi
if have wasm-bindgen && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WB_VERSION" ] \
    && have wasm-bindgen-test-runner; then
    say "wasm-bindgen: $WB_VERSION"
else
    # Not --locked: one of its locked dependency versions is no longer served.
    say "wasm-bindgen: installing $WB_VERSION (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- wasm-split-cli: cuts the release wasm into parts (scripts/build-app.sh) ---------------
SPLIT_VERSION=0.2.4
if have wasm-split-cli && cargo install --list | grep -q "^wasm_split_cli_support v$SPLIT_VERSION:"; then
    say "wasm-split-cli: $SPLIT_VERSION"
else
    say "wasm-split-cli: installing $SPLIT_VERSION (about 1 minute)"
    cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --locked --force
fi

# --- chromium, chromedriver, brotli ------------------------------------------------------------
CHROME="${CHROME_PATH:-/usr/bin/chromium}"
if [ -x "$CHROME" ] && have chromedriver && have brotli; then
    say "chromium: present"
else
    say "chromium: installing Debian's chromium, chromium-driver and brotli"
    apt_install chromium chromium-driver brotli
fi

# --- PostgreSQL (the tests start their own cluster; no service is used) ------------------
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && have python3; then
    say "postgresql: $(ls -d /usr/lib/postgresql/*/ | sort -V | tail -n 1)"
else
    say "postgresql: installing Debian's postgresql"
    apt_install postgresql python3
fi

# --- python3 venv (scripts/schemathesis.sh installs schemathesis from PyPI into target/) ---
if python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    say "python3 venv: present"
else
    say "python3 venv: installing Debian's python3-venv"
    apt_install python3-venv
fi

# --- the independent iCalendar parser the server tests read calendars with ------------------
ICAL_VERSION=6.3.1
if target/ical-venv/bin/python -c "import icalendar, sys; sys.exit(icalendar.__version__ != '$ICAL_VERSION')" 2>/dev/null; then
    say "python icalendar: $ICAL_VERSION"
else
    say "python icalendar: installing $ICAL_VERSION from PyPI into target/ical-venv"
    python3 -m venv target/ical-venv
    target/ical-venv/bin/pip install -q "icalendar==$ICAL_VERSION"
fi

# --- node packages ------------------------------------------------------------------------
if ! have npm; then
    say "node: installing Debian's nodejs and npm"
    apt_install nodejs npm
fi
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.package-lock.json.kursbro 2>/dev/null; then
    say "node packages: up to date"
else
    say "node packages: npm ci"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.package-lock.json.kursbro
fi
say "ready"
