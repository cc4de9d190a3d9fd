#!/usr/bin/env python3
"""Runs the demo outage with the built binary and checks every replay manifest it wrote against
schemas/replay-manifest.schema.json, and each batch file against the SHA-256 and size the
manifest gives; then checks that broken manifests fail the schema. Prints a summary line."""
import copy, hashlib, json, os, pathlib, subprocess, sys, tempfile

from schemacheck import ROOT, Tally, binary as _binary, validator as _validator

validator = _validator('check-manifest-schema', 'replay-manifest.schema.json')
binary = _binary()
tally = Tally('check-manifest-schema')
check = tally.check

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([binary, "demo", "--dir", tmp + "/demo"], check=True, stdout=subprocess.DEVNULL)
    manifests = sorted(pathlib.Path(tmp, "demo").glob("replay-*/B*/manifest.json"))
    check("the demo wrote manifests", len(manifests) >= 2)
    for m in manifests:
        text = m.read_bytes()
        doc = json.loads(text)
        errors = list(validator.iter_errors(doc))
        check(str(m), not errors, "; ".join(e.message for e in errors))
        check(str(m) + " is canonical", text == (json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode())
        for f in doc["files"]:
            data = (m.parent / f["name"]).read_bytes()
            # The demo's --out folders hold transmission copies: the manifest hashes the file with
            # the A record's password (positions 9-14) masked as ****** (ledger-format.md 5.10).
            masked = data[:8] + b"******" + data[14:] if data[:1] == b"A" else data
            check(f["name"] + " sha256", hashlib.sha256(masked).hexdigest() == f["sha256"] and len(data) == f["size"])
            check(f["name"] + " carries the password only in the transmission copy", data[8:14] != b"******")
            check(f["name"] + " records", all(len(line) == 80 for line in data.decode("ascii").splitlines()))
        # Broken copies must fail.
        for mutate in [lambda d: d.pop("entries"), lambda d: d["entries"][0].update(action="X"),
                       lambda d: d["files"][0].update(sha256="ABC"), lambda d: d.update(extra=1),
                       lambda d: d["entries"][0].update(entry_number="EL7-1-2")]:
            bad = copy.deepcopy(doc)
            mutate(bad)
            check("a broken manifest fails", not validator.is_valid(bad))

tally.finish()
