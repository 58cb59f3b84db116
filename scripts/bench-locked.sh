#!/usr/bin/env bash
# The locked store (issue 17), with the release `appeal-kit` under hyperfine, plain next to
# encrypted in one run:
# - unlocking: `case list` of an empty store with a passphrase minus the same without one is the
#   Argon2id derivation (aim: 0.3 to 1 s);
# - attaching a 12 MP phone JPEG;
# - exporting a case of 25 such photos.
# Each command on a locked store unlocks it first (a new process each time), so the ratios are
# given both as measured and with the unlock taken out (aim: at most 1.15x).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p kit --bin appeal-kit
kit="${CARGO_TARGET_DIR:-$PWD/target}/release/appeal-kit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release --locked -q -p documents --features fixtures --example fixtures -- "$work/files" 25
photo="$work/files/phone-12mp.jpg"
printf 'bench passphrase\n' >"$work/pass"
export APPEAL_KIT_PASSPHRASE_FILE="$work/pass"
echo '{"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":true}' >"$work/answers.json"

for kind in plain locked; do
  "$kit" --data-dir "$work/empty-$kind" case list >/dev/null
  id=$("$kit" --data-dir "$work/pristine-$kind" case new --provider alibaba-cloud --title Bench --answers "$work/answers.json")
  echo "$id" >"$work/attach-case-$kind"
  id=$("$kit" --data-dir "$work/export-$kind" case new --provider alibaba-cloud --title Bench --answers "$work/answers.json")
  "$kit" --data-dir "$work/export-$kind" attach "$id" supplementary_documents "$work"/files/photo-*.jpg >/dev/null
  echo "$id" >"$work/export-case-$kind"
  if [ "$kind" = locked ]; then
    for d in empty pristine export; do "$kit" --data-dir "$work/$d-locked" store encrypt 2>/dev/null; done
  fi
done

hyperfine --warmup 2 --runs 10 --export-json "$work/unlock.json" \
  -n "case list plain" "'$kit' --data-dir '$work/empty-plain' case list" \
  -n "case list locked" "'$kit' --data-dir '$work/empty-locked' case list"
hyperfine --warmup 2 --runs 15 --export-json "$work/attach.json" \
  -n "attach plain" --prepare "rm -rf '$work/data-plain' && cp -r '$work/pristine-plain' '$work/data-plain'" \
  "'$kit' --data-dir '$work/data-plain' attach $(cat "$work/attach-case-plain") supplementary_documents '$photo'" \
  -n "attach locked" --prepare "rm -rf '$work/data-locked' && cp -r '$work/pristine-locked' '$work/data-locked'" \
  "'$kit' --data-dir '$work/data-locked' attach $(cat "$work/attach-case-locked") supplementary_documents '$photo'"
hyperfine --warmup 1 --runs 8 --export-json "$work/export.json" \
  -n "export plain" --prepare "rm -f '$work/plain.zip'" \
  "'$kit' --data-dir '$work/export-plain' export $(cat "$work/export-case-plain") --out '$work/plain.zip'" \
  -n "export locked" --prepare "rm -f '$work/locked.zip'" \
  "'$kit' --data-dir '$work/export-locked' export $(cat "$work/export-case-locked") --out '$work/locked.zip'"

python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
r = {}
for f in ("unlock", "attach", "export"):
    r.update({x["command"]: x["median"] for x in json.load(open(f"{w}/{f}.json"))["results"]})
unlock = r["case list locked"] - r["case list plain"]
print(f"unlock (Argon2id, 128 MiB, 3 passes): {unlock*1000:.0f} ms (median of case list, locked {r['case list locked']*1000:.0f} ms - plain {r['case list plain']*1000:.0f} ms)")
for what in ("attach", "export"):
    p, l = r[f"{what} plain"], r[f"{what} locked"]
    print(f"{what}: plain {p*1000:.0f} ms, locked {l*1000:.0f} ms: {l/p:.2f}x; without the unlock {(l-unlock)*1000:.0f} ms: {(l-unlock)/p:.2f}x")
PY
