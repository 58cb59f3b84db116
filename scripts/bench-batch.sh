#!/usr/bin/env bash
# Working on many cases (issue 16), with the release `appeal-kit` under hyperfine:
# - importing a 1,000-row CSV (aim: under 2 s);
# - one PDF of the letters of 100 cases (aim: under 3 s);
# - `batch export` of 50 cases, each with a 12 MP phone photo, next to `zip -0` storing the
#   same 50 files in one run (aim: at most 1.2x).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p kit --bin appeal-kit
kit="${CARGO_TARGET_DIR:-$PWD/target}/release/appeal-kit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
header = ["provider", "title", "tags", "customer_type", "real_name_verified", "account_type", "card_added",
          "account_name", "holder_name", "uscc", "legal_representative", "contact_email"]
def rows(n, tag):
    for i in range(n):
        yield ["huawei-cloud", f"Subsidiary {i:04}", f"{tag};batch-{i // 100}", "direct", "yes", "enterprise", "no" if i % 2 else "否",
               f"acct-{i:04}", f"Subsidiary {i:04} Co., Ltd.", "91350100M000100Y43", "Li Si", f"it{i}@example.com"]
for name, n, tag in [("thousand.csv", 1000, "all"), ("hundred.csv", 100, "print")]:
    with open(f"{work}/{name}", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows(n, tag))
with open(f"{work}/fifty.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["provider", "title", "tags", "verification", "appeal_items", "submitter_is_verified_individual"])
    for i in range(50):
        w.writerow(["alibaba-cloud", f"Shop {i:02}", "export", "individual", "reset_password", "yes"])
PY

# 1. Import 1,000 rows into an empty store, each run.
hyperfine --warmup 1 --runs 10 --export-json "$work/import.json" \
  -n "batch import 1000 rows" --prepare "rm -rf '$work/import-data'" \
  "'$kit' --data-dir '$work/import-data' batch import '$work/thousand.csv'"

# 2. Letters for 100 cases in one PDF.
"$kit" --data-dir "$work/data" batch import "$work/hundred.csv" >/dev/null
hyperfine --warmup 1 --runs 10 --export-json "$work/letters.json" \
  -n "batch letters 100 cases" \
  "'$kit' --data-dir '$work/data' batch letters --tag print --out '$work/letters.pdf' --force"
pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page(?![s\w])', open(sys.argv[1],'rb').read())))" "$work/letters.pdf")

# 3. 50 bundles, each case with one 12 MP photo (25 photos, each used by two cases).
cargo run --release --locked -q -p documents --features fixtures --example fixtures -- "$work/files" 25
mapfile -t ids < <("$kit" --data-dir "$work/data" batch import "$work/fifty.csv" | cut -d' ' -f3)
mkdir -p "$work/same"
for i in "${!ids[@]}"; do
  photo=$(printf "%s/files/photo-%02d.jpg" "$work" $((i % 25)))
  "$kit" --data-dir "$work/data" attach "${ids[$i]}" supplementary_documents "$photo" >/dev/null
  ln -s "$photo" "$work/same/case-$i.jpg"
done
du -chL "$work"/same/*.jpg | tail -1
# The same store with the sideways photos' copies made ahead, as the desktop app does after
# files are attached (kit's `bundle::ready`).
cp -r "$work/data" "$work/ready"
cargo run --release --locked -q -p kit --example prepare -- "$work/ready"
hyperfine --warmup 1 --runs 5 --export-json "$work/export.json" \
  -n "batch export 50 cases" --prepare "rm -rf '$work/bundles'" \
  "'$kit' --data-dir '$work/data' batch export --tag export --out '$work/bundles' 2>/dev/null" \
  -n "batch export, copies made ahead" --prepare "rm -rf '$work/bundles'" \
  "'$kit' --data-dir '$work/ready' batch export --tag export --out '$work/bundles' 2>/dev/null" \
  -n "zip -0" --prepare "rm -f '$work/plain.zip'" \
  "zip -0 -q -X -j '$work/plain.zip' $work/same/*.jpg"

python3 - "$work" "$pages" <<'PY'
import json, sys
work, pages = sys.argv[1], sys.argv[2]
med = lambda f: {x["command"]: x["median"] for x in json.load(open(f"{work}/{f}"))["results"]}
imp = med("import.json")["batch import 1000 rows"]
let = med("letters.json")["batch letters 100 cases"]
exp = med("export.json")
kit, ahead, z = exp["batch export 50 cases"], exp["batch export, copies made ahead"], exp["zip -0"]
print(f"batch import of 1,000 rows: {imp:.2f} s (aim < 2 s)")
print(f"batch letters for 100 cases ({pages} pages): {let:.2f} s (aim < 3 s)")
print(f"batch export of 50 cases: appeal-kit {kit*1000:.0f} ms, with copies made ahead {ahead*1000:.0f} ms, zip -0 {z*1000:.0f} ms (medians); "
      f"ratios {kit/z:.2f}x and {ahead/z:.2f}x (aim <= 1.2x)")
PY
