#!/usr/bin/env python3
"""Keeps schemas/abi-mapping.md honest (run by CI with every scripts/check-*.py):

1. every field its tables name, `name (positions)` under a record, stands in
   schemas/abi-layouts.md (generated from the Swift layout tables) with those positions;
2. scripts/abi_render.py, written from the mapping alone, renders each golden batch of
   samples/abi/ (which BatchTests compares with the Swift builder's output) byte for byte from
   its sample entry, with the settings those tests use;
3. the comparison can fail: a golden file with one byte changed, and an entry with its HTS
   number changed, are each reported with the record and column that differ;
4. hostile input (entries with members of the wrong type, junk control records) is refused,
   never a crash.

    check-abi-mapping.py          # exit 0 all good, 1 a problem (each printed)
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, HERE)
import abi_render  # noqa: E402

# The settings of the golden batches (Tests/ABITests/Support.swift, `sampleSettings`); the
# password is the transmission form's placeholder, `PASSWD`.
CONTACT = ("DANA WHITFIELD", "3125550142")
CANCEL_DELETE_ENTRY = "01-vessel-continuous-3461-7501.json"


def positions(text):
    m = re.fullmatch(r"(\d+)(?:-(\d+))?", text)
    return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None


def check_fields(problems):
    """Step 1: the tables' `field (pos)` against abi-layouts.md."""
    layouts = abi_render.LAYOUTS
    record, checked = None, 0
    for n, line in enumerate(open(os.path.join(ROOT, "schemas", "abi-mapping.md"), encoding="utf-8"), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if not cells or len(cells) != 4 or cells[0] in ("record", "---"): continue
        if cells[0]: record = cells[0]
        if record not in layouts: problems.append("abi-mapping.md line %d: record %s is not in abi-layouts.md" % (n, record)); continue
        for name, pos in re.findall(r"([A-Za-z][A-Za-z0-9/ -]*?) \(([0-9-]+)\)", cells[2]):
            name = name.strip()
            got = layouts[record].get(name)
            want = positions(pos)
            if got is None: problems.append("abi-mapping.md line %d: record %s has no field %r in abi-layouts.md" % (n, record, name))
            elif want != got[:2]: problems.append("abi-mapping.md line %d: %s %s is at %d-%d in abi-layouts.md, not %s" % (n, record, name, got[0], got[1], pos))
            checked += 1
    if checked < 80: problems.append("only %d fields found in the mapping's tables: the table format changed?" % checked)
    return checked


def golden():
    """(file name, entry, application, action) of every golden batch."""
    out = []
    entries = sorted(f for f in os.listdir(os.path.join(ROOT, "samples", "entries")) if f.endswith(".json"))
    for f in entries:
        for app in ("SE", "AE"):
            name = "%s-%s.abi" % (f[:-5], app)
            if os.path.isfile(os.path.join(ROOT, "samples", "abi", name)): out.append((name, f, app, "A"))
    out += [("cancel-SE.abi", CANCEL_DELETE_ENTRY, "SE", "D"), ("delete-AE.abi", CANCEL_DELETE_ENTRY, "AE", "D")]
    return out


def render_like(found, entry, app, action):
    return abi_render.render_batch(app, [(entry, action)], abi_render.settings_of(found), CONTACT, found[8:14].decode("ascii"))


def check_golden(problems):
    """Steps 2 and 3."""
    cases = golden()
    names = {c[0] for c in cases}
    for f in sorted(os.listdir(os.path.join(ROOT, "samples", "abi"))):
        if f.endswith(".abi") and f not in names: problems.append("samples/abi/%s: no sample entry to render it from" % f)
    for name, entry_file, app, action in cases:
        entry = json.load(open(os.path.join(ROOT, "samples", "entries", entry_file)))
        found = open(os.path.join(ROOT, "samples", "abi", name), "rb").read()
        try:
            diff = abi_render.first_difference(render_like(found, entry, app, action), found)
        except abi_render.Refused as e:
            problems.append("samples/abi/%s: the mapping refuses it: %s" % (name, e)); continue
        if diff: problems.append("samples/abi/%s: record %d differs from position %d:\n    mapping %s\n    golden  %s" % (name, *diff))
    # The comparison must be able to fail.
    name, entry_file, app, action = cases[0]
    entry = json.load(open(os.path.join(ROOT, "samples", "entries", entry_file)))
    found = open(os.path.join(ROOT, "samples", "abi", name), "rb").read()
    lines = found.split(b"\n")
    k = 3                                                      # a transaction record, after A, B and the header
    changed = bytearray(lines[k]); changed[20] = ord("9") if changed[20] != ord("9") else ord("8")
    tampered = b"\n".join(lines[:k] + [bytes(changed)] + lines[k + 1:])
    if abi_render.first_difference(render_like(tampered, entry, app, action), tampered) != (k + 1, 21, lines[k].decode(), changed.decode()):
        problems.append("a golden file with one byte changed at record %d column 21 is not reported there" % (k + 1))
    other = json.loads(json.dumps(entry)); other["lines"][0]["hts"] = other["lines"][0]["hts"][:-1] + ("1" if other["lines"][0]["hts"][-1] != "1" else "2")
    if abi_render.first_difference(render_like(found, other, app, action), found) is None:
        problems.append("an entry with its HTS number changed renders the same bytes")
    return len(cases)


def check_hostile(problems, rounds=3000):
    """Step 4: entries with members of the wrong type or missing, and junk control records, are
    refused (abi_render.Refused) and never crash the verifier that renders them."""
    import copy, random
    rng = random.Random(20261129)
    entries = [json.load(open(os.path.join(ROOT, "samples", "entries", f))) for f in sorted(os.listdir(os.path.join(ROOT, "samples", "entries"))) if f.endswith(".json")]
    settings = dict(site="EL01", sender="EL7", date="2026-11-30", office="01", user_data="B0001", block_user_data="B0001")
    junk = [None, 1, -5, "", "x", "\u00ff", [], {}, [1], {"a": 1}, True, 10 ** 30, "9" * 90, 2.5]
    def paths(v, p=()):
        if p: yield p
        for k, x in (v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else ()): yield from paths(x, p + (k,))
    refused = 0
    for _ in range(rounds):
        e = copy.deepcopy(rng.choice(entries))
        ps = list(paths(e))
        for _ in range(rng.randint(1, 3)):
            t, p = e, rng.choice(ps)
            try:
                for k in p[:-1]: t = t[k]
                if rng.random() < 0.2 and isinstance(t, dict): del t[p[-1]]
                else: t[p[-1]] = rng.choice(junk)
            except (KeyError, IndexError, TypeError): pass
        for app in ("SE", "AE"):
            try: abi_render.render_batch(app, [(e, rng.choice("ARUDX"))], settings, CONTACT)
            except abi_render.Refused: refused += 1
            except Exception as x:
                problems.append("a hostile entry crashed the renderer: %s %s (%s)" % (type(x).__name__, x, json.dumps(e)[:200])); return
    for data in [b"", b"A", b"\n\n\n", b"A" * 80 + b"\n" + b"B" * 80 + b"\n", bytes(range(256)) * 2]:
        try: abi_render.settings_of(data)
        except abi_render.Refused: refused += 1
        except Exception as x: problems.append("junk control records crashed settings_of: %s" % type(x).__name__)
    if refused < rounds // 2: problems.append("only %d of %d hostile renders were refused: the refusals do not work" % (refused, 2 * rounds))


def main():
    problems = []
    fields = check_fields(problems)
    batches = check_golden(problems)
    check_hostile(problems)
    for p in problems: print("  " + p)
    print("check-abi-mapping: %d mapped fields against abi-layouts.md, %d golden batches rendered from the mapping, %d problem(s)" % (fields, batches, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
