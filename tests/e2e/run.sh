#!/usr/bin/env bash
# Builds the UI and the desktop binary, then runs the end-to-end tests under a virtual display.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm --prefix ui run build --silent
# The whole workspace with every target: the same features as `cargo test --workspace`, so
# after the crate tests this reuses their build instead of compiling most crates again.
cargo build --workspace --all-targets --locked
target="${CARGO_TARGET_DIR:-target}"
# CARGO_TARGET_DIR may be absolute (each helper's own) or relative to the checkout.
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
export APPEAL_KIT_APP="${APPEAL_KIT_APP:-$target/debug/appeal-kit-desktop}"
export APPEAL_KIT_E2E_FIXTURES="$PWD/target/e2e-fixtures"
# Also turns pages rasterised with pdftoppm into scans (`fixtures scan`, `fixtures scan-pdf`).
export APPEAL_KIT_FIXTURES_BIN="$target/debug/examples/fixtures"
"$target/debug/examples/fixtures" "$APPEAL_KIT_E2E_FIXTURES"
# A fresh WebKit storage every run: the app remembers its language and idle-lock choice there,
# and a run that ended in Chinese must not start the next one in Chinese.
export XDG_DATA_HOME="$target/e2e-xdg/data" XDG_CACHE_HOME="$target/e2e-xdg/cache"
rm -rf "$target/e2e-xdg" && mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
cd tests/e2e
exec xvfb-run -a -s "-screen 0 1280x800x24" npm test --silent
