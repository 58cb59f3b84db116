#!/usr/bin/env bash
# Screenshots of every screen in both languages at 1280x800 and 1024x700 (tests/e2e/tour.mjs),
# for people to look at; builds like run.sh first. Usage: tests/e2e/tour.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
npm --prefix ui run build --silent
cargo build --workspace --all-targets --locked  # as run.sh: nothing to do after it
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
export CARGO_TARGET_DIR="$target"
export APPEAL_KIT_E2E_FIXTURES="$PWD/target/e2e-fixtures"
"$target/debug/examples/fixtures" "$APPEAL_KIT_E2E_FIXTURES"
out="$(realpath -m "${1:-tests/e2e/tour}")"
cd tests/e2e
exec xvfb-run -a -s "-screen 0 1280x800x24" node tour.mjs "$out"
