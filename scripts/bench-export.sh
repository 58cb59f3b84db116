#!/usr/bin/env bash
# Exporting a case with 25 large phone JPEGs (12 MP, with GPS tags to strip; every fourth one
# taken sideways, so turned upright on the way out) with
# `appeal-kit export`, next to `zip -0` storing the same files, both under hyperfine on this
# machine, and next to jpegtran turning the sideways ones before zip -0. Prints the times and ratios.
# The export is measured twice: as the command line does it right after `attach`, turning the
# sideways photos itself, and with their copies made ahead, as the desktop app does in the
# background after files are attached (kit's `bundle::ready`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p kit --bin appeal-kit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release --locked -q -p documents --features fixtures --example fixtures -- "$work/files" 25
kit="${CARGO_TARGET_DIR:-$PWD/target}/release/appeal-kit"
echo '{"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":true}' >"$work/answers.json"
case_id=$("$kit" --data-dir "$work/data" case new --provider alibaba-cloud --title Bench --answers "$work/answers.json")
"$kit" --data-dir "$work/data" attach "$case_id" supplementary_documents "$work"/files/photo-*.jpg >/dev/null
du -ch "$work"/files/photo-*.jpg | tail -1
cp -r "$work/data" "$work/ready"
cargo run --release --locked -q -p kit --example prepare -- "$work/ready"
# The same job done with standard tools, for comparison: the sideways photos (every fourth,
# see the fixtures example) turned by jpegtran, one after another, then all stored by zip -0.
# They do less than the export (no metadata removed from the upright photos, no hashes, no
# cover sheet, no fsync), so the ratio to them is if anything flattering to the tools.
sideways=$(cd "$work/files" && ls photo-*.jpg | awk 'NR % 4 == 1' | tr '\n' ' ')
hyperfine --warmup 2 --runs 10 --export-json "$work/export.json" \
  -n "appeal-kit export" --prepare "rm -f '$work/bundle.zip'" \
  "'$kit' --data-dir '$work/data' export $case_id --out '$work/bundle.zip'" \
  -n "appeal-kit export, copies made ahead" --prepare "rm -f '$work/bundle.zip'" \
  "'$kit' --data-dir '$work/ready' export $case_id --out '$work/bundle.zip'" \
  -n "zip -0" --prepare "rm -f '$work/plain.zip'" \
  "zip -0 -q -X -j '$work/plain.zip' $work/files/photo-*.jpg" \
  -n "jpegtran + zip -0" --prepare "rm -rf '$work/jt' && mkdir '$work/jt' && cp $work/files/photo-*.jpg '$work/jt/'" \
  "for f in $sideways; do jpegtran -copy none -rotate 90 -trim -outfile '$work/jt/'\$f '$work/files/'\$f; done; zip -0 -q -X -j '$work/plain.zip' $work/jt/photo-*.jpg"
python3 - "$work/export.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
kit, ahead, z, jt = r["appeal-kit export"], r["appeal-kit export, copies made ahead"], r["zip -0"], r["jpegtran + zip -0"]
print(f"export 25 x 12 MP JPEGs (7 sideways): appeal-kit {kit*1000:.0f} ms, with copies made ahead {ahead*1000:.0f} ms, "
      f"zip -0 {z*1000:.0f} ms, jpegtran + zip -0 {jt*1000:.0f} ms (medians)")
print(f"ratios to zip -0: {kit/z:.2f}x, copies made ahead {ahead/z:.2f}x; to jpegtran + zip -0: {kit/jt:.2f}x, {ahead/jt:.2f}x")
PY
