#!/usr/bin/env python3
"""Checks schemas/office-profile.schema.json against samples/office-profile.json: the sample must
pass the schema and be read by the built `entryledger` as a complete profile (`readiness` exit 0
as of a date when everything in it is in date); broken copies must fail the schema and be refused
by `entryledger` with exit 2 (the schema and the Swift reader agree). Prints a summary line.
Needs Python's jsonschema. Exit 0 when all hold, 1 otherwise, 2 when jsonschema is missing."""
import copy, json, os, pathlib, subprocess, sys, tempfile

from schemacheck import ROOT, Tally, binary as _binary, validator as _validator

validator = _validator('check-office-profile', 'office-profile.schema.json')
binary = _binary()
sample_path = ROOT / "samples" / "office-profile.json"
sample = json.loads(sample_path.read_text())
AS_OF = "2026-11-29"   # a date when every dated item of the sample is in date
tally = Tally('check-office-profile')
check = tally.check


def readiness(doc, tmp):
    path = os.path.join(tmp, "profile.json")
    with open(path, "w") as f: json.dump(doc, f)
    return subprocess.run([binary, "readiness", "--profile", path, "--as-of", AS_OF], capture_output=True, text=True)


errors = list(validator.iter_errors(sample))
check("the sample passes the schema", not errors, "; ".join(e.message for e in errors))
with tempfile.TemporaryDirectory() as tmp:
    r = readiness(sample, tmp)
    check("entryledger reads the sample as a complete profile", r.returncode == 0, r.stdout + r.stderr)
    isa_old = copy.deepcopy(sample); isa_old["isa"]["signed"] = "2022-11-29"
    r = readiness(isa_old, tmp)
    check("an ISA four years old: readiness exits 1 naming it", r.returncode == 1 and "isa (OVERDUE)" in r.stderr, r.stderr)
    for name, mutate in [
        ("unknown member", lambda d: d.update(extra=1)),
        ("lower-case filer", lambda d: d.update(filer="el7")),
        ("no ports", lambda d: d.update(ports=[])),
        ("5-digit port", lambda d: d["ports"].append("41030")),
        ("contact without phone or email", lambda d: d["contacts"].append({"role": "surety", "name": "X"})),
        ("unknown contact role", lambda d: d["contacts"][0].update(role="lawyer")),
        ("bad e-mail", lambda d: d["contacts"][0].update(email="soc at cbp")),
        ("policy without review date", lambda d: d["policies"][0].pop("last_review")),
        ("person with unknown role", lambda d: d["people"][0].update(role="owner")),
        ("backups encrypted as text", lambda d: d["backups"].update(encrypted="yes")),
        ("wrong format", lambda d: d.update(format="something-else")),
    ]:
        bad = copy.deepcopy(sample)
        mutate(bad)
        check("schema refuses: " + name, not validator.is_valid(bad))
        r = readiness(bad, tmp)
        check("entryledger refuses (exit 2): " + name, r.returncode == 2 and r.stderr.startswith("error:"), "exit %d %s" % (r.returncode, r.stderr))

tally.finish()
