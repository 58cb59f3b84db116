#!/usr/bin/env bash
# Attaching a 12-megapixel phone JPEG (hash, crash-safe store, upright 320 px thumbnail, case
# row) with `appeal-kit attach`, next to `vipsthumbnail` making the same thumbnail, both as
# whole processes under hyperfine on this machine. Prints both times and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p kit --bin appeal-kit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release --locked -q -p documents --features fixtures --example fixtures -- "$work/files"
photo="$work/files/phone-12mp.jpg"
kit="${CARGO_TARGET_DIR:-$PWD/target}/release/appeal-kit"
echo '{"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":true}' >"$work/answers.json"
case_id=$("$kit" --data-dir "$work/pristine" case new --provider alibaba-cloud --title Bench --answers "$work/answers.json")
mkdir -p "$work/vips"
# Each run starts from the same store, so every attach stores the photo anew.
hyperfine --warmup 3 --runs 30 --export-json "$work/attach.json" \
  -n "appeal-kit attach" --prepare "rm -rf '$work/data' && cp -r '$work/pristine' '$work/data'" \
  "'$kit' --data-dir '$work/data' attach $case_id supplementary_documents '$photo'" \
  -n "vipsthumbnail" --prepare "rm -f '$work/vips/thumb.jpg'" \
  "vipsthumbnail '$photo' --size 320 -o '$work/vips/thumb.jpg'"
python3 - "$work/attach.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
kit, vips = r["appeal-kit attach"], r["vipsthumbnail"]
print(f"attach 12 MP JPEG: appeal-kit {kit*1000:.1f} ms, vipsthumbnail {vips*1000:.1f} ms (median); ratio {kit/vips:.2f}x")
PY
