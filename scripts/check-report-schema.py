#!/usr/bin/env python3
"""Runs the demo outage with the built binary and checks its accounting report
(`report --format json`) against schemas/report.schema.json, then the report's own arithmetic
(totals are the sums over the entries not voided, the counts add up, every entry is in exactly
one state), and that broken copies fail the schema. Prints a summary line."""
import copy, json, os, pathlib, subprocess, sys, tempfile

from schemacheck import ROOT, Tally, binary as _binary, validator as _validator

validator = _validator('check-report-schema', 'report.schema.json')
binary = _binary()
tally = Tally('check-report-schema')
check = tally.check

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([binary, "demo", "--dir", tmp + "/demo"], check=True, stdout=subprocess.DEVNULL)
    ledger = ["--ledger", tmp + "/demo/entryledger.db"]
    for zone in ["UTC", "America/New_York", "Asia/Kolkata"]:
        text = subprocess.run([binary, *ledger, "report", "--format", "json", "--time-zone", zone], check=True, capture_output=True).stdout
        doc = json.loads(text)
        errors = list(validator.iter_errors(doc))
        check("report (%s) matches the schema" % zone, not errors, "; ".join("%s: %s" % (e.json_path, e.message[:160]) for e in errors[:5]))
        check("report (%s) is canonical JSON" % zone, text == (json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode())
    entries = doc["entries"]
    counted = [e for e in entries if e["counts_in_totals"]]
    for k in ["value_cents", "duty_cents", "fees_cents", "taxes_cents", "ad_cents", "cv_cents", "total_cents"]:
        check("totals." + k + " is the sum of the entries", doc["totals"][k] == sum(e["money"][k] for e in counted))
    classes = sorted({c for e in counted for c in e["money"]["fees_by_class"]})
    for c in classes:
        check("fee class %s total is the sum of the entries" % c, doc["totals"]["fees_by_class"][c] == sum(e["money"]["fees_by_class"].get(c, 0) for e in counted))
    check("fees by class add up to the fees", sum(doc["totals"]["fees_by_class"].values()) == doc["totals"]["fees_cents"])
    for e in entries:
        m = e["money"]
        check(e["entry_number"] + " total", m["total_cents"] == m["duty_cents"] + m["fees_cents"] + m["taxes_cents"] + m["ad_cents"] + m["cv_cents"])
    check("entries_counted", doc["totals"]["entries_counted"] == len(counted))
    check("counts.logged", doc["counts"]["logged"] == len(entries))
    check("by_state adds up", sum(doc["counts"]["by_state"].values()) == len(entries))
    check("not_accounted_for lists the entries not accounted for",
          sorted(x["entry_number"] for x in doc["not_accounted_for"]) == sorted(e["entry_number"] for e in entries if not e["accounted_for"]))
    check("the demo's rejection is kept", any(ev["kind"] == "ace-rejected" for e in entries for ev in e["events"]))
    check("CBP's authorisation is there", len(doc["authorizations"]) >= 1 and doc["authorizations"][0]["checkpoint"] is not None)
    size = doc["authorizations"][-1]["checkpoint"]["size"]
    check("entries logged after the authorised checkpoint are not covered",
          all(e["state"] == "not-covered" for e in entries if e["logged_seq"] >= size and e["voided"] is None))
    # Broken copies must fail.
    for mutate in [lambda d: d.pop("totals"), lambda d: d["entries"][0].update(state="sent"),
                   lambda d: d["evidence"][0].update(sha256="abc123"), lambda d: d.update(extra=1),
                   lambda d: d["header"].update(filer_code="EL"), lambda d: d["entries"][0]["money"].update(duty_cents=1.5),
                   lambda d: d["deadlines"][0].update(state="DUE")]:
        bad = copy.deepcopy(doc)
        mutate(bad)
        check("a broken report fails the schema", not validator.is_valid(bad))

tally.finish()
