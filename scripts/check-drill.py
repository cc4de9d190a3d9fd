#!/usr/bin/env python3
"""Runs `entryledger drill --non-interactive` with samples/office-profile.json and checks that
nothing it makes can be taken for the real thing: the genesis says "drill": true, every replay
batch has -TEST file names, DRILL in each B record's filer user data (positions 60-80) and
"test": true in a manifest valid against schemas/replay-manifest.schema.json; the report says
DRILL; the Python bundle verifier verifies the exported drill bundle and reports it as a drill.
Prints a summary line; exit 0 when all hold, 1 otherwise."""
import json, os, pathlib, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
binary = os.environ.get("ENTRYLEDGER_BIN", str(ROOT / ".build" / "debug" / "entryledger"))
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok: passed += 1
    else:
        failed += 1
        print("FAIL", name, detail)


with tempfile.TemporaryDirectory() as tmp:
    d = os.path.join(tmp, "drill")
    subprocess.run([binary, "drill", "--profile", str(ROOT / "samples" / "office-profile.json"), "--dir", d, "--non-interactive"],
                   check=True, stdout=subprocess.DEVNULL)
    ledger = os.path.join(d, "entryledger-DRILL.db")
    subprocess.run([binary, "--ledger", ledger, "export", "--out", os.path.join(tmp, "bundle")], check=True, stdout=subprocess.DEVNULL)
    first = open(os.path.join(tmp, "bundle", "ledger.jsonl")).readline()
    genesis = json.loads(json.loads(first)["payload"])
    check("genesis says drill", genesis["body"].get("drill") is True)
    manifests = sorted(pathlib.Path(d, "replay-DRILL").glob("B*/manifest.json"))
    check("the drill replayed", len(manifests) >= 1)
    try:
        import jsonschema
        validator = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / "replay-manifest.schema.json").read_text()))
    except ImportError:
        validator = None
    for m in manifests:
        doc = json.loads(m.read_text())
        check(str(m) + " test", doc.get("test") is True)
        if validator: check(str(m) + " schema", validator.is_valid(doc), [e.message for e in validator.iter_errors(doc)])
        for f in doc["files"]:
            check(f["name"] + " named TEST", f["name"].endswith("-TEST.abi"))
            for line in (m.parent / f["name"]).read_text().splitlines():
                if line.startswith("B"): check(f["name"] + " B record DRILL", line[59:80] == "DRILL".ljust(21), repr(line[59:80]))
    html = open(os.path.join(d, "report-DRILL.html")).read()
    check("report says DRILL", 'class="drill-banner"' in html)
    # Every printed page: padded to many pages, printed by headless Chromium, read back per page.
    import shutil
    browser, pdftotext = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("pdftotext")
    if browser and pdftotext:
        rows = html.split('<section id="entries">', 1)
        check("the report has its entries section", len(rows) == 2)
        long_html = rows[0] + "<table>" + "".join("<tr><td>padding row %d</td></tr>\n" % i for i in range(400)) + "</table>" + '<section id="entries">' + rows[-1]
        page = os.path.join(tmp, "long.html")
        open(page, "w").write(long_html)
        pdf = os.path.join(tmp, "long.pdf")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + os.path.join(tmp, "profile"),
                        "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + page], capture_output=True, timeout=120)
        text = subprocess.run([pdftotext, "-layout", pdf, "-"], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
        pages = [p for p in text.split("\f") if p.strip()]
        check("the report printed on several pages", len(pages) >= 3, "%d page(s)" % len(pages))
        check("DRILL on every printed page", pages and all("DRILL: practice outage" in p for p in pages),
              [i + 1 for i, p in enumerate(pages) if "DRILL: practice outage" not in p])
    else:
        print("check-drill: printed pages not checked (no chromium or pdftotext)")
    v = subprocess.run([sys.executable, str(ROOT / "scripts" / "verify-bundle.py"), "--trust", os.path.join(d, "keys", "supervisor.key.pub"),
                        os.path.join(tmp, "bundle")], capture_output=True, text=True)
    check("verify-bundle verifies the drill bundle", v.returncode == 0, v.stdout)
    check("verify-bundle reports a drill", "DRILL ledger" in v.stdout, v.stdout)

print("check-drill: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
