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
"$target/debug/examples/fixtures" "$APPEAL_KIT_E2E_FIXTURES"
cd tests/e2e
exec xvfb-run -a -s "-screen 0 1280x800x24" npm test --silent
