#!/usr/bin/env bash
# Rebuilds crates/documents/fonts/AppealKitSans-SC.otf: Noto Sans CJK SC Regular (SIL OFL 1.1),
# cut down to Latin, CJK punctuation and the 7,445 characters of GB 2312, so letters render
# Chinese on machines with no Chinese fonts installed. Needs Debian's fonts-noto-cjk and
# PyPI's fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
out = set(chr(c) for c in range(0x20, 0x7F)) | set(chr(c) for c in range(0xA0, 0x180))
out |= set("“”‘’—–…•·×→←✓☐☑■□●○★№§©®™€£¥")
out |= set(chr(c) for c in range(0x3000, 0x3040)) | set(chr(c) for c in range(0xFF00, 0xFF70))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            out.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(out)))
PY
# Index 2 of the collection is Noto Sans CJK SC.
pyftsubset "$src" --font-number=2 --text-file="$chars" --layout-features='*' --name-IDs='*' \
  --name-legacy --name-languages='*' --drop-tables+=DSIG --output-file=crates/documents/fonts/AppealKitSans-SC.otf
rm "$chars"
ls -l crates/documents/fonts/AppealKitSans-SC.otf
