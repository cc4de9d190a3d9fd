#!/usr/bin/env python3
"""Checks the test vectors of schemas/ledger-format.md with an implementation written from the
document alone (Python's hashlib and the `cryptography` package's Ed25519; its own JCS encoder).
Exit status 0 if every vector holds; prints one line per check and a summary."""
import base64, hashlib, json, pathlib, sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

DOC = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "ledger-format.md"


def jcs(v):
    """RFC 8785 for the profile: no floats, ints within 2^53, keys sorted by UTF-16 units."""
    if v is None: return "null"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, int):
        assert -2**53 <= v <= 2**53, "integer outside the profile"
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
        keys = sorted(v, key=lambda k: k.encode('utf-16-be'))
        return '{' + ','.join(jcs(k) + ':' + jcs(v[k]) for k in keys) + '}'
    raise TypeError("not in the profile: %r" % (v,))


def no_dupes(pairs):
    d = {}
    for k, val in pairs:
        if k in d: raise ValueError("duplicate member " + k)
        d[k] = val
    return d


def parse(text):
    return json.loads(text, object_pairs_hook=no_dupes, parse_float=lambda s: (_ for _ in ()).throw(ValueError("float")))


def main():
    text = DOC.read_text()
    block = text.split("<!-- vectors:begin -->")[1].split("<!-- vectors:end -->")[0]
    v = {}
    for line in block.splitlines():
        if " = " in line:
            k, val = line.split(" = ", 1)
            v[k.strip()] = val
    passed = failed = 0

    def check(name, ok):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + name)
        if ok: passed += 1
        else: failed += 1

    seeds = {}
    for who in ("supervisor", "alice"):
        sk = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(v[who + ".seed"]))
        pk = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        seeds[who] = sk
        check(who + ".public_key", pk.hex() == v[who + ".public_key"])
        check(who + ".public_key_base64", base64.b64encode(pk).decode() == v[who + ".public_key_base64"])
        check(who + ".key_id", hashlib.sha256(pk).digest()[:16].hex() == v[who + ".key_id"])

    alice_pk = bytes.fromhex(v["alice.public_key"])
    msg = b"entryledger-key-proof-v1\x00" + jcs({"name": v["alice.name"], "public_key": base64.b64encode(alice_pk).decode()}).encode()
    check("alice.proof_message", msg.hex() == v["alice.proof_message"])
    check("alice.proof", seeds["alice"].sign(msg).hex() == v["alice.proof"])
    pub_file = parse(v["alice.public_key_file"])
    check("alice.public_key_file is canonical", jcs(pub_file) == v["alice.public_key_file"])
    check("alice.public_key_file proof", base64.b64decode(pub_file["proof"]).hex() == v["alice.proof"])

    prev = bytes(32)
    signer_of = {"genesis": "supervisor", "enroll": "supervisor", "note": "alice", "revoke": "supervisor"}
    for seq, label in enumerate(["genesis", "enroll", "note", "revoke"]):
        base = "record%d.%s." % (seq, label)
        payload_text = v[base + "payload"]
        payload = payload_text.encode()
        obj = parse(payload_text)
        check(base + "payload is canonical", jcs(obj) == payload_text)
        check(base + "seq and prev", obj["seq"] == seq and obj["prev"] == prev.hex() and obj["v"] == 1)
        check(base + "origin", obj["origin"] == v["ledger.origin"])
        signing = b"entryledger-record-v1\x00" + payload
        check(base + "signing_message_prefix", signing[:22].hex() == v[base + "signing_message_prefix"])
        sig = seeds[signer_of[label]].sign(signing)
        check(base + "signature", sig.hex() == v[base + "signature"])
        pk = Ed25519PublicKey.from_public_bytes(bytes.fromhex(v[signer_of[label] + ".public_key"]))
        pk.verify(sig, signing)
        h = hashlib.sha256(b"\x00" + payload + sig).digest()
        check(base + "hash", h.hex() == v[base + "hash"])
        if label == "genesis":
            b = obj["body"]
            check("genesis origin", v["ledger.origin"] == "entryledger/%s/%s" % (b["filer"], b["ledger_id"]))
        prev = h

    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
