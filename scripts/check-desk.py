#!/usr/bin/env python3
"""The clerk's desk driven as a clerk would, in headless Chromium (Selenium + chromium-driver).

A fresh ledger with a sealed supervisor key and a sealed clerk key, a reserved range; then
`entryledger desk` on a free loopback port. Checks that the desk refuses requests without a
session, from another origin, with another Host, or without the CSRF token; then in the browser:
sign in, type an entry with a wrong check digit, see the rule's message beside the field, fix it,
submit, print the 3461 as a PDF whose text (pdftotext) holds the entry number and the record
hash, record CBP's release on the entry's page; then `entryledger verify` passes and
`entry show` shows the entry. Screenshots are kept in the run's temporary folder (printed).
Every wait is bounded; the server is stopped whatever happens.
"""
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("ENTRYLEDGER_BIN", os.path.join(ROOT, ".build", "debug", "entryledger"))
PASSPHRASE = "correct horse battery staple, desk"
WAIT = 20  # seconds, for any one thing the page should show
LAST_PAGE = ["", ""]  # url and text of the page when something went wrong


def run(*args, cwd, check=True):
    p = subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        sys.exit(f"check-desk: FAILED: entryledger {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p


def request(port, method, path, headers=None, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def expect(cond, what):
    if not cond:
        raise AssertionError(what)
    print(f"  ok: {what}")


def main():
    signal.alarm(600)  # the whole check, however the machine is loaded
    for tool in ("chromium", "chromedriver", "pdftotext"):
        if shutil.which(tool) is None:
            print(f"check-desk: SKIPPED: {tool} is not installed (apt-get install chromium chromium-driver poppler-utils)")
            return 0
    try:
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.ui import Select, WebDriverWait
    except ImportError:
        print("check-desk: SKIPPED: selenium is not installed (pip install selenium)")
        return 0
    if not os.path.exists(BIN):
        sys.exit(f"check-desk: FAILED: {BIN} does not exist: run swift build first")

    work = tempfile.mkdtemp(prefix="check-desk-")
    shots = os.path.join(work, "screenshots")
    os.makedirs(shots)
    os.makedirs(os.path.join(work, "keys"))
    with open(os.path.join(work, "pp"), "w") as f:
        f.write(PASSPHRASE + "\n")
    os.chmod(os.path.join(work, "pp"), 0o600)   # a passphrase file others may read is refused
    sup = ["--key", "keys/supervisor.key", "--passphrase-file", "pp"]
    run("key", "new", "--name", "supervisor", "--out", "keys/supervisor.key", "--seal", "--passphrase-file", "pp", cwd=work)
    run("key", "new", "--name", "alice", "--out", "keys/alice.key", "--seal", "--passphrase-file", "pp", cwd=work)
    run("--ledger", "entryledger.db", "init", "--filer", "EL7", "--port", "2304", "--broker", "DESK CHECK BROKERS", *sup, cwd=work)
    run("--ledger", "entryledger.db", "clerk", "enroll", "--name", "alice", "--public-key", "keys/alice.key.pub", *sup, cwd=work)
    run("--ledger", "entryledger.db", "entry", "reserve", "--first", "EL7-1000001-8", "--last", "EL7-1000050-5", *sup, cwd=work)

    server = subprocess.Popen([BIN, "--ledger", "entryledger.db", "desk", "--port", "0"], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        line = ""
        deadline = time.time() + 60
        while time.time() < deadline and "http://" not in line:
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                sys.exit(f"check-desk: FAILED: the desk exited: {server.stderr.read()}")
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        expect(m is not None, f"the desk listens on loopback ({line.strip()})")
        port = int(m.group(1))
        base = f"http://127.0.0.1:{port}"

        # The doors, without a browser.
        status, headers, _ = request(port, "GET", "/", {"Host": f"127.0.0.1:{port}"})
        expect(status == 303 and headers.get("location") == "/signin", "a page without a session is sent to sign-in")
        status, _, _ = request(port, "POST", "/api/check", {"Host": f"127.0.0.1:{port}", "Origin": base, "Content-Type": "application/json"}, b'{"entry":{}}')
        expect(status == 401, "an API request without a session is refused (401)")
        status, _, _ = request(port, "GET", "/signin", {"Host": f"evil.example:{port}"})
        expect(status == 421, "a request naming another Host is refused (421)")

        options = webdriver.ChromeOptions()
        for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,2200"):
            options.add_argument(a)
        options.binary_location = shutil.which("chromium")
        service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
        driver = webdriver.Chrome(options=options, service=service)
        driver.set_page_load_timeout(WAIT)
        wait = WebDriverWait(driver, WAIT)

        # Sign in with the clerk's sealed key; a wrong passphrase first.
        driver.get(base + "/signin")
        Select(driver.find_element(By.ID, "key")).select_by_value("alice.key")
        driver.find_element(By.ID, "passphrase").send_keys("not the passphrase")
        driver.find_element(By.ID, "signin-button").click()
        wait.until(lambda d: "Wrong passphrase" in d.find_element(By.ID, "signin-message").text)
        expect(True, "a wrong passphrase is refused on the sign-in page")
        Select(driver.find_element(By.ID, "key")).select_by_value("alice.key")
        driver.find_element(By.ID, "passphrase").send_keys(PASSPHRASE)
        driver.find_element(By.ID, "signin-button").click()
        wait.until(lambda d: d.find_elements(By.ID, "nav-new"))
        driver.save_screenshot(os.path.join(shots, "1-signed-in.png"))
        expect("alice (clerk)" in driver.page_source, "the clerk is signed in")
        session = driver.get_cookie("desk_session")["value"]

        # With a session, another origin and a missing CSRF token are still refused.
        cookie = {"Host": f"127.0.0.1:{port}", "Cookie": f"desk_session={session}", "Content-Type": "application/json"}
        status, _, _ = request(port, "POST", "/api/check", {**cookie, "Origin": "http://evil.example"}, b'{"entry":{}}')
        expect(status == 403, "a request from another origin is refused (403) even with a session")
        status, _, _ = request(port, "POST", "/api/check", {**cookie, "Origin": base}, b'{"entry":{}}')
        expect(status == 403, "a request without the CSRF token is refused (403)")

        # The entry form: a wrong check digit, named beside the field.
        driver.find_element(By.ID, "nav-new").click()
        wait.until(lambda d: d.find_elements(By.ID, "f-entry_number"))

        def field(path):
            return driver.find_element(By.ID, "f-" + path.replace("[", "-").replace("]", "").replace(".", "-"))

        def message(path):
            return driver.find_element(By.CSS_SELECTOR, f'.msg[data-for="{path}"]').text

        def type_in(path, text):
            el = field(path)
            el.clear()
            el.send_keys(text)
            el.send_keys(Keys.TAB)

        type_in("entry_number", "EL7-1000001-2")
        wait.until(lambda d: "check digit" in message("entry_number"))
        driver.save_screenshot(os.path.join(shots, "2-wrong-check-digit.png"))
        expect(True, f"the wrong check digit is named beside the field: {message('entry_number')!r}")
        driver.find_element(By.ID, "use-next").click()
        wait.until(lambda d: field("entry_number").get_attribute("value") == "EL7-1000001-8" and message("entry_number") == "")
        expect(True, "the next free reserved number fixes it and the message goes")

        type_in("arrival_date", "2026-11-19")
        Select(field("entry_type")).select_by_value("01")
        type_in("port_of_entry", "2304")
        Select(field("bond.type")).select_by_value("8")
        type_in("bond.surety_code", "457")
        Select(field("importer.qualifier")).select_by_value("EI")
        type_in("importer.number", "74-288130100")
        type_in("carrier_code", "tfex")
        expect(field("carrier_code").get_attribute("value") == "TFEX", "lower case is upper-cased for the clerk")
        type_in("conveyance_name", "tractor 4471")
        Select(field("mode_of_transport")).select_by_value("30")
        type_in("port_of_unlading", "2304")
        Select(field("parties[0].entity")).select_by_value("MF")
        type_in("parties[0].name", "autopartes del norte sa de cv")
        Select(field("parties[0].id_qualifier")).select_by_value("MID")
        type_in("parties[0].id", "MXAUTDEL1200MON")
        Select(field("parties[1].entity")).select_by_value("ST")
        type_in("parties[1].name", "south texas auto assembly")
        Select(field("bills_of_lading[0].type")).select_by_value("R")
        type_in("bills_of_lading[0].issuer", "TFEX")
        type_in("bills_of_lading[0].number", "LRD88213")
        type_in("bills_of_lading[0].quantity", "22")
        type_in("lines[0].hts", "8708295160")
        type_in("lines[0].country_of_origin", "mx")
        type_in("lines[0].description", "stamped steel door panels")
        type_in("lines[0].value_cents", "51,200.00")
        type_in("lines[0].quantity.amount", "800")
        type_in("lines[0].quantity.unit", "no")
        # The 7501 data of line 1: the duty and the MPF are computed as the clerk types.
        type_in("lines[0].entry_summary.mid", "MXAUTDEL1200MON")
        type_in("lines[0].entry_summary.country_of_export", "MX")
        type_in("lines[0].entry_summary.export_date", "2026-11-18")
        type_in("lines[0].entry_summary.gross_weight_kg", "5200")
        type_in("lines[0].entry_summary.charges_cents", "0")
        type_in("lines[0].entry_summary.rate.ad_valorem_bp", "2.5")
        wait.until(lambda d: field("lines[0].entry_summary.duty_cents").get_attribute("value") == "1280.00")
        mpf = field("lines[0].entry_summary.fees.499").get_attribute("value")
        wait.until(lambda d: field("entry_summary.totals.total_cents").get_attribute("value") != "")
        expect(re.fullmatch(r"\d+\.\d\d", mpf or "") is not None,
               f"the duty (2.5 % of $51,200.00 = 1280.00) and the MPF ({mpf}) are filled in as the clerk types")
        driver.save_screenshot(os.path.join(shots, "3a-computed-7501.png"))
        driver.find_element(By.ID, "add-line").click()
        wait.until(lambda d: d.find_elements(By.ID, "f-lines-1-hts"))
        type_in("lines[1].hts", "8708999000")
        type_in("lines[1].country_of_origin", "MX")
        type_in("lines[1].description", "BRAKE CALIPER BRACKETS")
        type_in("lines[1].value_cents", "16440")
        type_in("lines[1].quantity.amount", "3200")
        type_in("lines[1].quantity.unit", "NO")
        expect(field("cargo_release.estimated_value_cents").get_attribute("value") == "67640.00",
               "block 19, the total value, adds up the lines as the clerk types")
        driver.find_element(By.ID, "with-7501").click()  # this one is a 3461 only
        driver.save_screenshot(os.path.join(shots, "3-entry-typed.png"))

        # A reload keeps what was typed (the draft in the browser).
        driver.refresh()
        wait.until(lambda d: field("lines[1].description").get_attribute("value") == "BRAKE CALIPER BRACKETS")
        expect(True, "a reload keeps every field typed (draft)")
        expect(os.path.exists(os.path.join(work, "drafts")) and os.listdir(os.path.join(work, "drafts")), "a draft is kept on the desk too")

        driver.find_element(By.ID, "submit").click()
        wait.until(lambda d: d.find_elements(By.ID, "logged") or d.find_element(By.ID, "problems").text)
        driver.save_screenshot(os.path.join(shots, "4-submitted.png"))
        logged = driver.find_elements(By.ID, "logged")
        if not logged:
            msgs = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".msg") if e.text]
            raise AssertionError(f"the entry was refused: {driver.find_element(By.ID, 'problems').text} {msgs}")
        m = re.search(r"Logged entry (\S+) at seq (\d+), record hash ([0-9a-f]{64})", logged[0].text)
        expect(m is not None and m.group(1) == "EL7-1000001-8", f"submitted: {logged[0].text}")
        number, seq, digest = m.group(1), m.group(2), m.group(3)

        # The entry's page, its paper 3461, and CBP's release recorded from the same page.
        driver.find_element(By.ID, "open-entry").click()
        wait.until(lambda d: d.find_elements(By.ID, "record-hash"))
        expect(driver.find_element(By.ID, "record-hash").text == digest, "the entry's page shows the record hash")
        status, headers, pdf = request(port, "GET", f"/entries/{number}/forms.pdf", {"Host": f"127.0.0.1:{port}", "Cookie": f"desk_session={session}"})
        expect(status == 200 and headers.get("content-type") == "application/pdf" and pdf.startswith(b"%PDF-"), "the print button's PDF")
        pdf_path = os.path.join(work, f"{number}-3461.pdf")
        with open(pdf_path, "wb") as f:
            f.write(pdf)
        text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True, timeout=60).stdout
        expect(number in text and digest in text and f"seq {seq}" in text and "CBP Form 3461" in text,
               "the 3461's text holds the entry number, the record's seq and its hash")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf_path, os.path.join(shots, "5-form-3461")], timeout=60)
        run("--ledger", "entryledger.db", "entry", "print", "--number", number, "--out", "cli-3461.pdf", cwd=work)
        cli_text = subprocess.run(["pdftotext", os.path.join(work, "cli-3461.pdf"), "-"], capture_output=True, text=True, timeout=60).stdout
        expect(number in cli_text and digest in cli_text, "`entryledger entry print` writes the same form")

        driver.find_element(By.ID, "release-date").send_keys("2026-11-20")
        driver.find_element(By.ID, "release-reference").send_keys("stamp 4471")
        driver.find_element(By.ID, "release-button").click()
        wait.until(lambda d: d.find_elements(By.ID, "released"))
        driver.save_screenshot(os.path.join(shots, "6-released.png"))
        expect("STAMP 4471" in driver.find_element(By.ID, "released").text, "CBP's release is recorded from the entry's page")

        # A CSV of two entries, one row with a bad HTS number: nothing imported, the row named; fixed: both logged.
        header = "HTS,Origin,Goods,Value,Qty,Unit,Type,Port,Qualifier,Importer,Bond,Surety,Mode,Carrier,Arrival"
        common = "01,2304,EI,74-288130100,8,457,30,TFEX,2026-11-19"
        bad = f"{header}\n8708,MX,door panels,\"1,000.00\",10,NO,{common}\n8708999000,MX,brackets,500,5,NO,{common}\n"
        driver.get(base + "/import")
        wait.until(lambda d: d.find_elements(By.ID, "csv"))
        driver.find_element(By.ID, "csv").send_keys(bad)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mapping select")) == 15)
        targets = ["line.hts", "line.country_of_origin", "line.description", "line.value_cents", "line.quantity.amount", "line.quantity.unit",
                   "entry_type", "port_of_entry", "importer.qualifier", "importer.number", "bond.type", "bond.surety_code",
                   "mode_of_transport", "carrier_code", "arrival_date"]
        for sel, target in zip(driver.find_elements(By.CSS_SELECTOR, "#mapping select"), targets):
            Select(sel).select_by_value(target)
        driver.find_element(By.ID, "import-button").click()
        wait.until(lambda d: "nothing was imported" in d.find_element(By.ID, "import-phase").text)
        expect("row 2: lines[0].hts" in driver.find_element(By.ID, "import-result").text, "a bad CSV row is named and nothing is imported")
        driver.get(base + "/import")  # the mapping is remembered
        wait.until(lambda d: d.find_elements(By.ID, "csv"))
        driver.find_element(By.ID, "csv").send_keys(bad.replace("\n8708,", "\n8708295160,"))
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mapping select")) == 15)
        expect(Select(driver.find_elements(By.CSS_SELECTOR, "#mapping select")[0]).first_selected_option.get_attribute("value") == "line.hts",
               "the column mapping is remembered")
        driver.find_element(By.ID, "import-button").click()
        wait.until(lambda d: "imported 2 entries" in d.find_element(By.ID, "import-phase").text)
        driver.save_screenshot(os.path.join(shots, "7-imported.png"))
        expect(True, "the fixed CSV logs both entries in one transaction")

        driver.find_element(By.ID, "signout").click()
        wait.until(lambda d: d.find_elements(By.ID, "signin"))
        status, _, _ = request(port, "POST", "/api/check", {**cookie, "Origin": base}, b'{"entry":{}}')
        expect(status == 401, "after sign-out the old session is refused")
    except Exception:
        if driver is not None:
            LAST_PAGE[0], LAST_PAGE[1] = driver.current_url, driver.find_element(By.TAG_NAME, "body").text
            driver.save_screenshot(os.path.join(shots, "failed.png"))
        raise
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)

    p = run("--ledger", "entryledger.db", "verify", "--trust", "keys/supervisor.key.pub", cwd=work, check=False)
    expect(p.returncode == 0, "entryledger verify passes")
    p = run("--ledger", "entryledger.db", "entry", "show", "--number", number, cwd=work)
    expect(number in p.stdout and "RELEASED" in p.stdout, "entry show shows the entry, released")
    print(f"check-desk: ok: signed in, refused a wrong check digit, logged {number} at seq {seq}, printed its 3461, recorded its release (screenshots in {shots})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"check-desk: FAILED: {e}")
        sys.exit(1)
    except Exception as e:  # a wait that ran out, a page that broke: say where
        print(f"check-desk: FAILED: {type(e).__name__} at {LAST_PAGE[0]!r}: {LAST_PAGE[1][:1500]}")
        sys.exit(1)
