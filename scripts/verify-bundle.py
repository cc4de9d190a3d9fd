#!/usr/bin/env python3
"""An independent verifier of an EntryLedger bundle, written from schemas/ledger-format.md alone
(Python's hashlib, json and the `cryptography` package's Ed25519; no EntryLedger code).

    verify-bundle.py --trust SUPERVISOR.pub BUNDLE_DIR [--checkpoint FILE ...]

It checks what the spec says a verifier must: every line of ledger.jsonl, the payloads'
canonical form, the seq and prev chain, the record hashes, every signature with the key that
was enrolled and not revoked at that seq, the roles, entry numbers used once, each checkpoint
(in the bundle, recorded in the ledger, and given) against the Merkle root, and the evidence and
batch files against their recorded SHA-256. A drill ledger (genesis "drill": true) is reported
as such. Prints each problem with its seq and a summary line;
exit 0 whole, 1 problems, 2 unreadable input. `--self-test` also runs it on tampered copies.
"""
import argparse, base64, hashlib, json, os, re, shutil, sys, tempfile

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

SUPERVISOR_ONLY = {"genesis", "key.enroll", "key.revoke", "incident.open", "incident.close", "numbers.reserve",
                   "checkpoint", "reconnect.authorize", "replay.batch", "ledger.setting"}
ANYONE = {"incident.note", "incident.comm", "incident.evidence", "entry.add", "entry.amend", "entry.void",
          "entry.release", "ace.response"}


def jcs(v):
    if v is None: return "null"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, int):
        if not -2**53 <= v <= 2**53: raise ValueError("integer outside +/- 2^53")
        return str(v)
    if isinstance(v, str):
        out = ['"']
        for ch in v:
            o = ord(ch)
            if ch == '"': out.append('\\"')
            elif ch == '\\': out.append('\\\\')
            elif o in (8, 9, 10, 12, 13): out.append({8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r'}[o])
            elif o < 0x20: out.append('\\u%04x' % o)
            else: out.append(ch)
        return ''.join(out) + '"'
    if isinstance(v, list): return '[' + ','.join(jcs(x) for x in v) + ']'
    if isinstance(v, dict):
        return '{' + ','.join(jcs(k) + ':' + jcs(v[k]) for k in sorted(v, key=lambda k: k.encode('utf-16-be'))) + '}'
    raise ValueError("not in the profile")


def strict(text):
    def pairs(ps):
        d = {}
        for k, x in ps:
            if k in d: raise ValueError("duplicate member " + k)
            d[k] = x
        return d
    def no_float(s): raise ValueError("floating-point number")
    return json.loads(text, object_pairs_hook=pairs, parse_float=no_float, parse_constant=no_float)


def b64(s):
    raw = base64.b64decode(s, validate=True)
    if base64.b64encode(raw).decode() != s: raise ValueError("non-canonical base64")
    return raw


def sha(b): return hashlib.sha256(b).digest()


def merkle_root(leaves):
    """RFC 9162 2.1.1 MTH over already-hashed leaves."""
    if not leaves: return sha(b"")
    if len(leaves) == 1: return leaves[0]
    k = 1
    while k * 2 < len(leaves): k *= 2
    return sha(b"\x01" + merkle_root(leaves[:k]) + merkle_root(leaves[k:]))


def ed_ok(pub, sig, msg):
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
        return True
    except (InvalidSignature, ValueError):
        return False


def note_signed_by(note, name, pub):
    """C2SP signed note: does the line for (name, key id of pub) verify? Unknown lines are ignored."""
    if "\n\n" not in note: return None, "not a signed note (no blank line)"
    text, sigs = note.split("\n\n", 1)
    text += "\n"
    key_id = sha(name.encode() + b"\n" + b"\x01" + pub)[:4]
    for line in sigs.split("\n"):
        if not line: continue
        m = re.fullmatch("\u2014 (\\S+) (\\S+)", line)
        if not m: return None, "malformed signature line"
        raw = base64.b64decode(m.group(2))
        if m.group(1) == name and raw[:4] == key_id:
            return text, (None if ed_ok(pub, raw[4:], text.encode()) else "the supervisor's signature does not verify")
    return text, "no signature by the supervisor's key"


PERSONAL_QUALIFIERS = {"34"}  # the importer qualifiers schemas/entry.schema.json marks x-personal (an SSN)
SEALED_LENGTHS = {"to": (32, 32), "epk": (32, 32), "nonce": (12, 12), "ciphertext": (33, 96)}


def personal_data_problems(entry, personal_key):
    """Spec 5.12, checked without the secret: a personal importer number is sealed (never in
    clear) to the genesis personal_data_key, and its sealed value has exactly the right shape."""
    imp = entry.get("importer") if isinstance(entry, dict) else None
    if not isinstance(imp, dict): return []
    if "sealed" not in imp:
        if personal_key is not None and imp.get("qualifier") in PERSONAL_QUALIFIERS:
            return ["importer.number is personal data in clear; this ledger stores it only sealed"]
        return []
    s, out = imp["sealed"], []
    if "number" in imp: out.append("importer: a sealed number has a number in clear beside it")
    if imp.get("qualifier") not in PERSONAL_QUALIFIERS: out.append("importer: only personal data is sealed")
    if not isinstance(s, dict) or set(s) != {"alg", "to", "epk", "nonce", "ciphertext", "commitment"}:
        return out + ["importer.sealed: not a sealed value's members"]
    if s["alg"] != "X25519-HKDF-SHA256-ChaCha20Poly1305": out.append("importer.sealed.alg")
    for k, (lo, hi) in SEALED_LENGTHS.items():
        try:
            b = base64.b64decode(s[k], validate=True)
            if not lo <= len(b) <= hi or base64.b64encode(b).decode() != s[k]: raise ValueError
        except Exception:
            out.append("importer.sealed.%s: not base64 of %d to %d bytes" % (k, lo, hi))
    c = s["commitment"]
    if not (isinstance(c, str) and len(c) == 64 and all(ch in "0123456789abcdef" for ch in c)): out.append("importer.sealed.commitment")
    if personal_key is None or s["to"] != base64.b64encode(personal_key).decode():
        out.append("importer.sealed.to: not the genesis personal_data_key")
    return out


def verify(bundle, trusted_pub, given_checkpoints):
    problems = []
    def p(seq, msg): problems.append((seq, msg))
    path = os.path.join(bundle, "ledger.jsonl")
    data = open(path, "rb").read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"": lines.pop()
    elif lines: p(None, "the last line has no newline: truncated")
    keys = {}            # key id -> dict(pub, role, name, enrolled, revoked)
    origin = None
    prev = bytes(32)
    leaves = []
    entries = {}
    seen = set()
    evidence, batches, recorded_checkpoints = [], [], []
    personal_key = None
    drill = False
    for i, raw in enumerate(lines):
        seq = i
        try:
            obj = strict(raw.decode("utf-8"))
            if set(obj) != {"payload", "seq", "signature"}: raise ValueError("members")
            if jcs(obj).encode() != raw: raise ValueError("line is not canonical JSON")
            payload = obj["payload"].encode("utf-8")
            sig = b64(obj["signature"])
            if obj["seq"] != i: p(i, "line holds seq %r" % obj["seq"])
        except Exception as e:
            p(seq, "line %d: %s" % (i + 1, e)); leaves.append(b""); continue
        h = sha(b"\x00" + payload + sig)
        leaves.append(h)
        try:
            pl = strict(payload.decode("utf-8"))
            if jcs(pl).encode() != payload: raise ValueError("payload is not canonical")
            if set(pl) != {"v", "origin", "seq", "prev", "time", "kind", "key", "body"} or pl["v"] != 1: raise ValueError("payload members")
        except Exception as e:
            p(seq, "malformed payload: %s" % e); prev = h; continue
        if pl["seq"] != seq: p(seq, "payload says seq %s" % pl["seq"])
        if pl["prev"] != prev.hex(): p(seq, "prev does not match the previous record's hash")
        prev = h
        kind, body, kid = pl["kind"], pl["body"], pl["key"]
        if seq == 0:
            sup = body.get("supervisor", {})
            pub = b64(sup.get("public_key", ""))
            if kind != "genesis": p(0, "the first record must be the genesis")
            if pub != trusted_pub: p(0, "the genesis names another supervisor key than the trusted one")
            origin = "entryledger/%s/%s" % (body.get("filer"), body.get("ledger_id"))
            if pl["origin"] != origin: p(0, "genesis origin")
            keys[kid] = dict(pub=pub, role="supervisor", name=sup.get("name"), enrolled=0, revoked=None)
            if "drill" in body:
                if body["drill"] is not True: p(0, "genesis drill should be true when present")
                else: drill = True
            if hashlib.sha256(pub).digest()[:16].hex() != kid: p(0, "genesis key id")
            personal_key = b64(body["personal_data_key"]) if "personal_data_key" in body else None
        elif pl["origin"] != origin:
            p(seq, "origin is not this ledger's")
        k = keys.get(kid)
        if k is None: p(seq, "signed by a key not enrolled"); continue
        if k["revoked"] is not None and seq > k["revoked"]: p(seq, "signed by a key after its revocation at seq %d" % k["revoked"])
        if kind in SUPERVISOR_ONLY and k["role"] != "supervisor": p(seq, "a %s may not sign %s" % (k["role"], kind))
        if kind not in SUPERVISOR_ONLY | ANYONE: p(seq, "unknown kind " + kind)
        if not ed_ok(k["pub"], sig, b"entryledger-record-v1\x00" + payload): p(seq, "signature does not verify"); continue
        # What changes the state the next records are judged by.
        if kind == "key.enroll":
            pub = b64(body["public_key"])
            proof_msg = b"entryledger-key-proof-v1\x00" + jcs({"name": body["name"], "public_key": body["public_key"]}).encode()
            if not ed_ok(pub, b64(body["proof"]), proof_msg): p(seq, "proof of possession does not verify")
            elif body["key_id"] in keys: p(seq, "key enrolled twice")
            else: keys[body["key_id"]] = dict(pub=pub, role=body["role"], name=body["name"], enrolled=seq, revoked=None)
        elif kind == "key.revoke" and body.get("key_id") in keys:
            keys[body["key_id"]]["revoked"] = seq
        if kind in ("entry.add", "entry.amend"):
            for msg in personal_data_problems(body.get("entry"), personal_key): p(seq, msg)
        if kind == "entry.add":
            n = body["entry"]["entry_number"]
            if n in entries: p(seq, "entry number %s used again (first at seq %d)" % (n, entries[n]))
            else: entries[n] = seq
        elif kind in ("entry.amend", "entry.void", "entry.release") and body.get("entry_number") not in entries:
            p(seq, "%s of an entry number never added" % kind)
        elif kind == "incident.evidence": evidence.append((seq, body))
        elif kind == "replay.batch": batches.append((seq, body))
        elif kind == "checkpoint": recorded_checkpoints.append((seq, body))
    # Checkpoints: recorded ones cover the records before them; given ones must fit the ledger.
    for seq, body in recorded_checkpoints:
        if body["size"] != seq or b64(body["root"]) != merkle_root(leaves[:seq]): p(seq, "checkpoint record: not the root of the records before it")
    for name in given_checkpoints:
        note = open(name, encoding="utf-8").read()
        lines_ = note.split("\n")
        size = int(lines_[1])
        text, err = note_signed_by(note, lines_[0], trusted_pub)
        if err: p(None, "%s: %s" % (name, err)); continue
        if lines_[0] != origin: p(None, "%s: another ledger's checkpoint" % name)
        elif size > len(leaves): p(len(leaves), "%s: the ledger is cut short: it holds %d records, the checkpoint %d" % (name, len(leaves), size))
        elif b64(lines_[2]) != merkle_root(leaves[:size]): p(None, "%s: the ledger's root at size %d differs: history rewritten" % (name, size))
    for seq, body in evidence:
        f = os.path.join(bundle, "evidence", body["sha256"] + "-" + body["name"])
        if not os.path.exists(f) or hashlib.sha256(open(f, "rb").read()).hexdigest() != body["sha256"]: p(seq, "evidence %s missing or changed" % body["name"])
    # The end marker, written last by export: without it, or naming other records, the bundle is incomplete.
    try:
        end = strict(open(os.path.join(bundle, "bundle-end.json"), encoding="utf-8").read())
        if end.get("format") != "entryledger-bundle-end": p(None, "bundle-end.json is not an end marker")
        elif end.get("records") != len(lines): p(None, "bundle-end.json says %r records, ledger.jsonl holds %d: incomplete" % (end.get("records"), len(lines)))
        elif b64(end.get("root", "")) != merkle_root(leaves): p(None, "bundle-end.json names another Merkle root")
    except OSError:
        p(None, "no bundle-end.json: the bundle is incomplete (an export that did not finish)")
    for seq, body in batches:
        for f in body["files"] + [{"name": "manifest.json", "sha256": body["manifest_sha256"]}]:
            fp = os.path.join(bundle, "batches", body["batch_id"], f["name"])
            if not os.path.exists(fp) or hashlib.sha256(open(fp, "rb").read()).hexdigest() != f["sha256"]:
                p(seq, "batch %s file %s missing or changed" % (body["batch_id"], f["name"]))
    return len(lines), problems, drill


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trust", required=True)
    ap.add_argument("--checkpoint", action="append", default=[])
    ap.add_argument("--self-test", action="store_true", help="also check that tampered copies fail")
    ap.add_argument("bundle")
    a = ap.parse_args()
    try:
        trusted = b64(json.load(open(a.trust))["public_key"])
        n, problems, drill = verify(a.bundle, trusted, a.checkpoint)
    except (OSError, ValueError, KeyError) as e:
        print("verify-bundle: cannot read the input: %s" % e); return 2
    for seq, msg in problems: print("  %s%s" % ("" if seq is None else "seq %d: " % seq, msg))
    ok = 0 if problems else 1
    failed = len(problems)
    if a.self_test and not problems:
        # Each tamper must be caught: one byte of a payload, a line removed, the tail cut (give a checkpoint).
        cases = 0
        with tempfile.TemporaryDirectory() as tmp:
            for name, change in [("payload byte", lambda d: d.__setitem__(3, d[3].replace('"text":"', '"text":"X', 1) if '"text":"' in d[3] else d[3] + " ")),
                                 ("line removed", lambda d: d.pop(2)),
                                 # A tail after the last checkpoint cannot be missed by anyone; one inside it must be.
                                 ("tail cut below a checkpoint", lambda d: d.__delitem__(slice(len(d) // 2, None)))]:
                copy = os.path.join(tmp, name.replace(" ", "-"))
                shutil.copytree(a.bundle, copy)
                ls = open(os.path.join(copy, "ledger.jsonl")).read().split("\n")[:-1]
                change(ls)
                open(os.path.join(copy, "ledger.jsonl"), "w").write("\n".join(ls) + "\n")
                if name == "line removed": os.remove(os.path.join(copy, "bundle-end.json"))  # and the marker, as a cut export would
                elif name == "tail cut below a checkpoint":  # a marker rewritten to match the cut: the checkpoint still catches it
                    end = strict(open(os.path.join(copy, "bundle-end.json")).read()); end["records"] = len(ls)
                    open(os.path.join(copy, "bundle-end.json"), "w").write(jcs(end) + "\n")
                cases += 1
                _, pr, _ = verify(copy, trusted, a.checkpoint)
                if pr: ok += 1
                else: failed += 1; print("FAIL self-test: %s not caught" % name)
    if drill: print("verify-bundle: DRILL ledger (genesis drill: true): practice records, not a real outage")
    print("verify-bundle: %d records, %d passed, %d failed" % (n, ok, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
