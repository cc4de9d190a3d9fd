#!/usr/bin/env bash
# Renders the demo outage's HTML report in headless Chromium (Debian's package) and checks what
# a CBP reviewer would see: every entry of the ledger is a row of the rendered page, the page
# has its sections, and a screenshot is produced. Skips (exit 0, says so) without Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then echo "check-report-html: skipped (no chromium installed)"; exit 0; fi
bin=${ENTRYLEDGER_BIN:-.build/debug/entryledger}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" demo --dir "$work/demo" > "$work/demo.log"
"$bin" --ledger "$work/demo/entryledger.db" report --format json --out "$work/report.json" > /dev/null
"$bin" --ledger "$work/demo/entryledger.db" report --format html --out "$work/report.html" > /dev/null
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile")
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2> "$work/chromium.log"
timeout 120 "$browser" "${flags[@]}" --window-size=1200,1600 --screenshot="$work/report.png" "file://$work/report.html" >> "$work/chromium.log" 2>&1
python3 - "$work" <<'PY'
import json, os, re, sys
work = sys.argv[1]
report = json.load(open(os.path.join(work, "report.json")))
dom = open(os.path.join(work, "dom.html"), encoding="utf-8").read()
problems = []
entries = [e["entry_number"] for e in report["entries"]]
rows = re.findall(r'<tr data-entry="([^"]+)"', dom)
if not entries: problems.append("the report has no entries")
if sorted(rows) != sorted(entries): problems.append("rendered rows %s differ from the ledger's entries %s" % (rows, entries))
for section in ["Summary", "CBP deadlines", "Incident timeline and communications", "Entries", "Replay batches"]:
    if "<h2>%s</h2>" % section not in dom: problems.append("section %r is missing from the rendered page" % section)
png = os.path.join(work, "report.png")
if not os.path.exists(png) or os.path.getsize(png) < 10000: problems.append("no screenshot, or an empty one")
elif open(png, "rb").read(8) != b"\x89PNG\r\n\x1a\n": problems.append("the screenshot is not a PNG")
for p in problems: print("FAIL " + p)
print("check-report-html: %d entries rendered, %d passed, %d failed" % (len(rows), 0 if problems else 1, len(problems)))
sys.exit(1 if problems else 0)
PY
