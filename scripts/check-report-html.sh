#!/usr/bin/env bash
# Renders the demo outage's accounting report in headless Chromium (Debian's package) and checks
# what the licensed broker signs and a CBP reviewer reads:
#   - every section is on the rendered page, every entry is a row and has its life, the
#     rejected entry shows its rejection and its fix, CBP's authorisation is there;
#   - nothing overflows sideways at the printable width of Letter and of A4 (measured in the
#     page by the browser), and the screenshots are real, non-blank images whose right edge is
#     empty;
#   - the PDF prints on Letter and on A4, and its pages are counted and hold the text.
# Screenshots and PDFs are kept in $ENTRYLEDGER_CHECK_DIR (default: $TMPDIR/entryledger-report-check).
# Skips (exit 0, says so) without Chromium; the PDF checks need pdfinfo/pdftotext (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then echo "check-report-html: skipped (no chromium installed)"; exit 0; fi
bin=${ENTRYLEDGER_BIN:-.build/debug/entryledger}
out=${ENTRYLEDGER_CHECK_DIR:-${TMPDIR:-/tmp}/entryledger-report-check}
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" demo --dir "$work/demo" > "$work/demo.log"
ledger=(--ledger "$work/demo/entryledger.db")
"$bin" "${ledger[@]}" report --format json --time-zone America/New_York --out "$work/report.json" > /dev/null
"$bin" "${ledger[@]}" report --format html --time-zone America/New_York --out "$out/report.html" > /dev/null
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile")

# The page measured by the browser itself: a copy with a script that writes what overflows.
measure='<script>
(function(){var w=document.documentElement.clientWidth,bad=[];
document.querySelectorAll("body *").forEach(function(e){var r=e.getBoundingClientRect();
if(r.width>0&&r.right>w+1&&bad.length<20)bad.push(e.tagName+(e.id?"#"+e.id:"")+" right="+Math.round(r.right));});
var p=document.createElement("pre");p.id="layout-check";p.setAttribute("data-width",w);
p.setAttribute("data-scroll-width",document.documentElement.scrollWidth);p.setAttribute("data-height",document.documentElement.scrollHeight);
p.textContent=bad.join("\n");document.body.appendChild(p);})();
</script></body>'
python3 - "$out/report.html" "$work/measured.html" "$measure" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("</body>", sys.argv[3], 1))
PY
# Printable widths at 96 px per inch: Letter 8.5 in and A4 210 mm, less the 12 mm side margins.
for paper in letter:725 a4:703; do
  name=${paper%%:*}; width=${paper##*:}
  timeout 120 "$browser" "${flags[@]}" --window-size="$width,1200" --dump-dom "file://$work/measured.html" > "$work/dom-$name.html" 2>> "$work/chromium.log"
done
timeout 120 "$browser" "${flags[@]}" --window-size=816,1056 --screenshot="$out/screen-letter-width.png" "file://$out/report.html" >> "$work/chromium.log" 2>&1
timeout 120 "$browser" "${flags[@]}" --window-size=703,4000 --screenshot="$out/screen-a4-width-long.png" "file://$out/report.html" >> "$work/chromium.log" 2>&1
timeout 120 "$browser" "${flags[@]}" --window-size=1280,900 --screenshot="$out/screen-desktop.png" "file://$out/report.html" >> "$work/chromium.log" 2>&1

# PDFs: the product's own (the printer's default paper), and Letter and A4 forced by @page.
pdf_ok=1
if ! "$bin" "${ledger[@]}" report --format pdf --time-zone America/New_York --out "$out/report.pdf" > /dev/null 2> "$work/pdf.err"; then pdf_ok=0; fi
for size in Letter A4; do
  sed "s|</style>|@page { size: $size; }</style>|" "$out/report.html" > "$work/report-$size.html"
  timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="$out/report-$size.pdf" "file://$work/report-$size.html" >> "$work/chromium.log" 2>&1 || true
done
have_poppler=0
if command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then have_poppler=1; fi
if [ $have_poppler = 1 ] && command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -png -r 60 -f 1 -l 1 "$out/report-A4.pdf" "$out/pdf-a4-page" >/dev/null 2>&1 || true
fi

python3 - "$work" "$out" "$pdf_ok" "$have_poppler" <<'PY'
import json, os, re, struct, subprocess, sys, zlib
work, out, pdf_ok, have_poppler = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
report = json.load(open(os.path.join(work, "report.json")))
passed, problems = 0, []
def check(name, ok, detail=""):
    global passed
    if ok: passed += 1
    else: problems.append(name + (": " + detail if detail else ""))

def png(path):
    """Width, height and rows of RGB(A) pixels of an 8-bit, non-interlaced PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n": raise ValueError("not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b"IHDR": w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT": idat += body
    if depth != 8 or color not in (2, 6) or interlace: raise ValueError("unsupported PNG")
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return w, h, bpp, rows

entries = [e["entry_number"] for e in report["entries"]]
sections = ["header", "authorisation", "summary", "entries", "lives", "deadlines", "communications", "batches", "evidence", "unaccounted", "signature"]
for paper in ["letter", "a4"]:
    dom = open(os.path.join(work, "dom-%s.html" % paper), encoding="utf-8").read()
    m = re.search(r'<pre id="layout-check" data-width="(\d+)" data-scroll-width="(\d+)" data-height="(\d+)">(.*?)</pre>', dom, re.S)
    check("%s: the page was measured" % paper, m is not None)
    if not m: continue
    width, scroll, height, overflow = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4).strip()
    check("%s: no horizontal overflow (scroll width %d, width %d)" % (paper, scroll, width), scroll <= width, overflow)
    check("%s: no element sticks out on the right" % paper, overflow == "", overflow)
    if paper == "letter":
        rows = re.findall(r'<tr data-entry="([^"]+)"', dom)
        lives = re.findall(r'<article class="life[^"]*" data-life="([^"]+)"', dom)
        check("every entry is a row of the rendered page", sorted(rows) == sorted(entries) and entries, "%s vs %s" % (rows, entries))
        check("every entry has its life", sorted(lives) == sorted(entries))
        for s in sections: check("section %s is on the page" % s, re.search(r'<section id="%s"><(h1|h2)' % s, dom) is not None)
        check("CBP's authorisation is shown", "CBP-RECON-2026-0042" in dom and "data-authorisation=" in dom)
        rejected = [e["entry_number"] for e in report["entries"] if e["rejections"] > 0]
        check("the demo has a rejected entry", len(rejected) == 1)
        for n in rejected:
            life = dom.split('data-life="%s"' % n)[1].split("</article>")[0]
            check("the rejection and its fix are in %s's life" % n, "ACE REJECTED" in life and "amended" in life and "MAERSK ESSEX" in life)
        not_covered = [e["entry_number"] for e in report["entries"] if e["state"] == "not-covered"]
        check("the entry logged after the checkpoint is shown not covered", bool(not_covered) and all('data-entry="%s" data-state="not-covered"' % n in dom for n in not_covered))
        check("times carry the office's zone and UTC", " EST (" in dom or " EDT (" in dom)
        check("full hashes", all(ev["sha256"] in dom for ev in report["evidence"]) and all(f["sha256"] in dom for b in report["batches"] for f in b["files"]))
        check("the page is longer than one screen but bounded", 1500 < height < 200000, str(height))

for shot, w, h in [("screen-letter-width.png", 816, 1056), ("screen-a4-width-long.png", 703, 4000), ("screen-desktop.png", 1280, 900)]:
    path = os.path.join(out, shot)
    try:
        pw, ph, bpp, rows = png(path)
    except Exception as e:
        check(shot + " is a PNG", False, str(e)); continue
    check(shot + " has the window's size", (pw, ph) == (w, h), "%dx%d" % (pw, ph))
    dark = sum(1 for r in rows for x in range(0, pw * bpp, bpp * 4) if r[x] + r[x + 1] + r[x + 2] < 384)
    check(shot + " is not blank", dark > (pw * ph / 4) * 0.01, "%d dark samples" % dark)
    edge = sum(1 for r in rows for x in range((pw - 6) * bpp, pw * bpp, bpp) if r[x] + r[x + 1] + r[x + 2] < 600)
    check(shot + " has nothing cut at its right edge", edge == 0, "%d non-white pixels in the last 6 columns" % edge)

pages = {}
if have_poppler:
    for name, expect in [("report.pdf", None), ("report-Letter.pdf", "letter"), ("report-A4.pdf", "A4")]:
        path = os.path.join(out, name)
        if name == "report.pdf" and not pdf_ok:
            check("entryledger report --format pdf", False, open(os.path.join(work, "pdf.err")).read().strip()); continue
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) if "Pages:" in info else 0
        size = re.search(r"^Page size:\s+(.*)$", info, re.M)
        pages[name] = n
        check(name + " has pages", 1 <= n <= 40, str(n))
        if expect: check(name + " is on " + expect, size is not None and expect in size.group(1), size.group(1) if size else "no size")
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        check(name + " holds the signature block and every entry", "Signature of the licensed broker" in text and all(e in text for e in entries))
    check("A4 and Letter page counts are close", abs(pages.get("report-Letter.pdf", 0) - pages.get("report-A4.pdf", 0)) <= 2, str(pages))
    first = os.path.join(out, "pdf-a4-page-1.png")
    if os.path.exists(first):
        pw, ph, bpp, rows = png(first)
        check("the A4 PDF's first page renders with content", sum(1 for r in rows for x in range(0, pw * bpp, bpp * 4) if r[x] + r[x + 1] + r[x + 2] < 384) > 200)
else:
    print("check-report-html: PDF checks skipped (pdfinfo/pdftotext not installed: apt-get install poppler-utils)")

for p in problems: print("FAIL " + p)
print("check-report-html: %d entries rendered, PDF pages %s, %d passed, %d failed; screenshots and PDFs in %s"
      % (len(entries), ", ".join("%s %d" % kv for kv in sorted(pages.items())) or "not counted", passed, len(problems), out))
sys.exit(1 if problems else 0)
PY
