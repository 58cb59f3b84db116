#!/usr/bin/env bash
# Builds the UI and the desktop binary, then runs the end-to-end tests under a virtual display.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm --prefix ui run build --silent
cargo build -p appeal-kit-desktop --locked
export APPEAL_KIT_E2E_FIXTURES="$PWD/target/e2e-fixtures"
cargo run -q --locked -p documents --features fixtures --example fixtures -- "$APPEAL_KIT_E2E_FIXTURES"
cd tests/e2e
exec xvfb-run -a -s "-screen 0 1280x800x24" npm test --silent
