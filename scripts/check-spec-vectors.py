#!/usr/bin/env python3
"""Checks the test vectors of schemas/ledger-format.md with an implementation written from the
document alone (Python's hashlib and the `cryptography` package's Ed25519; its own JCS encoder).
Exit status 0 if every vector holds; prints one line per check and a summary."""
import base64, hashlib, importlib.util, json, pathlib, sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

DOC = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "ledger-format.md"


# The JCS encoder and strict reader are verify-bundle.py's: one independent implementation of
# the spec, shared by both scripts (verify-bundle.py stays a single file a reviewer can carry).
_spec = importlib.util.spec_from_file_location("verify_bundle", pathlib.Path(__file__).resolve().parent / "verify-bundle.py")
_vb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_vb)
jcs, parse = _vb.jcs, _vb.strict


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

    # Section 7: the Merkle tree (RFC 9162), the checkpoint note and the checkpoint record.
    leaves = [bytes.fromhex(v["record%d.%s.hash" % (i, l)]) for i, l in enumerate(["genesis", "enroll", "note", "revoke"])]

    def node(a, b): return hashlib.sha256(b"\x01" + a + b).digest()

    def split(n):
        k = 1
        while k * 2 < n: k *= 2
        return k

    def mth(d):
        if len(d) == 0: return hashlib.sha256(b"").digest()
        if len(d) == 1: return d[0]
        k = split(len(d))
        return node(mth(d[:k]), mth(d[k:]))

    def path(m, d):
        if len(d) <= 1: return []
        k = split(len(d))
        return path(m, d[:k]) + [mth(d[k:])] if m < k else path(m - k, d[k:]) + [mth(d[:k])]

    def subproof(m, d, b):
        n = len(d)
        if m == n: return [] if b else [mth(d)]
        k = split(n)
        return subproof(m, d[:k], b) + [mth(d[k:])] if m <= k else subproof(m - k, d[k:], False) + [mth(d[:k])]

    def verify_inclusion(index, size, leaf, proof, root):
        fn, sn, r = index, size - 1, leaf
        for p in proof:
            if sn == 0: return False
            if fn & 1 or fn == sn:
                r = node(p, r)
                while not fn & 1 and fn != 0: fn >>= 1; sn >>= 1
            else:
                r = node(r, p)
            fn >>= 1; sn >>= 1
        return sn == 0 and r == root

    def verify_consistency(first, second, proof, first_hash, second_hash):
        if first == second: return not proof and first_hash == second_hash
        if not proof: return False
        if first & (first - 1) == 0: proof = [first_hash] + proof
        fn, sn = first - 1, second - 1
        while fn & 1: fn >>= 1; sn >>= 1
        fr = sr = proof[0]
        for c in proof[1:]:
            if sn == 0: return False
            if fn & 1 or fn == sn:
                fr = node(c, fr); sr = node(c, sr)
                while not fn & 1 and fn != 0: fn >>= 1; sn >>= 1
            else:
                sr = node(sr, c)
            fn >>= 1; sn >>= 1
        return sn == 0 and fr == first_hash and sr == second_hash

    def hexlist(s): return [bytes.fromhex(x) for x in s.split(",")]

    root4, root3 = mth(leaves), mth(leaves[:3])
    check("merkle.root_size4", root4.hex() == v["merkle.root_size4"])
    check("merkle.root_size3", root3.hex() == v["merkle.root_size3"])
    inc = hexlist(v["merkle.inclusion_seq2_size4"])
    check("merkle.inclusion_seq2_size4", inc == path(2, leaves) and verify_inclusion(2, 4, leaves[2], inc, root4))
    check("merkle.inclusion fails for another leaf", not verify_inclusion(2, 4, leaves[1], inc, root4))
    con = hexlist(v["merkle.consistency_3_4"])
    check("merkle.consistency_3_4", con == subproof(3, leaves, True) and verify_consistency(3, 4, con, root3, root4))
    check("merkle.consistency fails with a changed hash", not verify_consistency(3, 4, [con[0], bytes(32)] + con[2:], root3, root4))

    origin = v["ledger.origin"]
    sup_pk = bytes.fromhex(v["supervisor.public_key"])
    check("checkpoint.key_name is the origin", v["checkpoint.key_name"] == origin)
    key_id = hashlib.sha256(origin.encode() + b"\n" + b"\x01" + sup_pk).digest()[:4]
    check("checkpoint.key_id", key_id.hex() == v["checkpoint.key_id"])
    check("checkpoint.vkey", "%s+%s+%s" % (origin, key_id.hex(), base64.b64encode(b"\x01" + sup_pk).decode()) == v["checkpoint.vkey"])
    text = ("%s\n%d\n%s\n" % (origin, 4, base64.b64encode(root4).decode())).encode()
    check("checkpoint.text_hex", text.hex() == v["checkpoint.text_hex"])
    sig = seeds["supervisor"].sign(text)
    line = "\u2014 %s %s" % (origin, base64.b64encode(key_id + sig).decode())
    check("checkpoint.signature_line", line == v["checkpoint.signature_line"])
    Ed25519PublicKey.from_public_bytes(sup_pk).verify(sig, text)
    note = text + b"\n" + line.encode() + b"\n"
    check("checkpoint.note_hex", note.hex() == v["checkpoint.note_hex"])

    payload_text = v["record4.checkpoint.payload"]
    obj = parse(payload_text)
    check("record4.checkpoint.payload is canonical", jcs(obj) == payload_text)
    check("record4.checkpoint body", obj["kind"] == "checkpoint" and obj["seq"] == 4 and obj["body"] ==
          {"size": 4, "root": base64.b64encode(root4).decode(), "note": note.decode()})
    check("record4.checkpoint prev", obj["prev"] == v["record3.revoke.hash"] and obj["key"] == v["supervisor.key_id"])
    signing = b"entryledger-record-v1\x00" + payload_text.encode()
    sig4 = seeds["supervisor"].sign(signing)
    check("record4.checkpoint.signature", sig4.hex() == v["record4.checkpoint.signature"])
    h4 = hashlib.sha256(b"\x00" + payload_text.encode() + sig4).digest()
    check("record4.checkpoint.hash", h4.hex() == v["record4.checkpoint.hash"])
    check("merkle.root_size5", mth(leaves + [h4]).hex() == v["merkle.root_size5"])

    # Entry numbers (5.9.1), written here again from the spec's steps, and the store's identity.
    def digit(ten):
        vals = [int(c) if c.isdigit() else "ABCDEFGHI".find(c) + 1 if c <= "I" else "JKLMNOPQR".find(c) + 1 if c <= "R" else "STUVWXYZ".find(c) + 2 for c in ten]
        total = sum(d if i % 2 == 0 else (2 * d - 9 if 2 * d > 9 else 2 * d) for i, d in enumerate(vals))
        return (10 - total % 10) % 10
    for n in v["entry_number.valid"].split(","):
        check("entry_number.valid " + n, digit(n[:3] + n[4:11]) == int(n[12]))
    n = "EL710000075"
    check("entry_number.normal_form_of_EL710000075", v["entry_number.normal_form_of_EL710000075"] == "%s-%s-%s" % (n[:3], n[3:10], n[10]) and digit(n[:10]) == int(n[10]))
    check("store.application_id", int(v["store.application_id"]) == int.from_bytes(b"ELED", "big"))

    personal_vectors(v, check)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def personal_vectors(v, check):
    """Section 5.12: the personal-data key from the supervisor seed, a sealed SSN from fixed
    ephemeral key, salt and nonce, opened again, and verify-bundle.py's structure check."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    raw = lambda k: k.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    xpriv = HKDF(SHA256(), 32, b"entryledger-personal-data-key-v1", b"x25519").derive(bytes.fromhex(v["supervisor.seed"]))
    check("personal.supervisor_x25519_private", xpriv.hex() == v["personal.supervisor_x25519_private"])
    to = raw(X25519PrivateKey.from_private_bytes(xpriv).public_key())
    check("personal.personal_data_key", base64.b64encode(to).decode() == v["personal.personal_data_key"])
    check("the genesis names the personal-data key", parse(v["record0.genesis.payload"])["body"]["personal_data_key"] == v["personal.personal_data_key"])
    eph = X25519PrivateKey.from_private_bytes(bytes.fromhex(v["personal.ephemeral_private"]))
    epk = raw(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(to))
    check("personal.shared_secret", shared.hex() == v["personal.shared_secret"])
    key = HKDF(SHA256(), 32, epk + to, b"entryledger-personal-data-v1").derive(shared)
    check("personal.key", key.hex() == v["personal.key"])
    salt, value, field = bytes.fromhex(v["personal.salt"]), v["personal.value"].encode(), v["personal.field"].encode()
    commitment = hashlib.sha256(salt + value).digest()
    check("personal.commitment", commitment.hex() == v["personal.commitment"])
    aad = b"entryledger-personal-data-v1\x00" + field + b"\x00" + commitment
    ct = ChaCha20Poly1305(key).encrypt(bytes.fromhex(v["personal.nonce"]), salt + value, aad)
    sealed = parse(v["personal.sealed"])
    check("personal.sealed is canonical", jcs(sealed) == v["personal.sealed"])
    check("personal.sealed", sealed == {"alg": "X25519-HKDF-SHA256-ChaCha20Poly1305", "to": base64.b64encode(to).decode(),
                                        "epk": base64.b64encode(epk).decode(), "nonce": base64.b64encode(bytes.fromhex(v["personal.nonce"])).decode(),
                                        "ciphertext": base64.b64encode(ct).decode(), "commitment": commitment.hex()})
    # The supervisor's side: open with the derived key, check against the commitment.
    shared2 = X25519PrivateKey.from_private_bytes(xpriv).exchange(X25519PublicKey.from_public_bytes(base64.b64decode(sealed["epk"])))
    plain = ChaCha20Poly1305(HKDF(SHA256(), 32, epk + to, b"entryledger-personal-data-v1").derive(shared2)).decrypt(
        base64.b64decode(sealed["nonce"]), base64.b64decode(sealed["ciphertext"]), aad)
    check("personal.sealed opens to the value", plain[16:] == value and hashlib.sha256(plain).digest() == commitment)
    entry = {"importer": {"qualifier": "34", "sealed": sealed}}
    check("verify-bundle.py accepts the sealed importer", _vb.personal_data_problems(entry, to) == [])
    check("verify-bundle.py refuses an SSN in clear", _vb.personal_data_problems({"importer": {"qualifier": "34", "number": v["personal.value"]}}, to) != [])
    bad = dict(sealed, nonce=base64.b64encode(b"short").decode())
    check("verify-bundle.py refuses a malformed sealed value", _vb.personal_data_problems({"importer": {"qualifier": "34", "sealed": bad}}, to) != [])


if __name__ == "__main__":
    sys.exit(main())
