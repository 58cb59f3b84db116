#!/usr/bin/env bash
# Launch-to-usable time and memory of the desktop app, next to a minimal Tauri window built on
# the same machine, both driven the same way (tauri-driver + WebKitWebDriver under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
npm --prefix ui run build --silent
cargo build --release --locked -p appeal-kit-desktop -p minimal-window
work=$(mktemp -d)
cargo run --release --locked -q -p kit --features bench --example seed -- "$work/10k" 10000
xvfb-run -a -s "-screen 0 1280x800x24" node scripts/bench-desktop.mjs "$work"
rm -rf "$work"
