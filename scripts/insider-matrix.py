#!/usr/bin/env python3
"""The insider tamper matrix: for each rule of schemas/ledger-format.md, a bundle whose records
break it, properly signed and chained with a key an insider holds (a clerk, a revoked clerk, the
supervisor), run through both verifiers, `entryledger verify --bundle` and
`scripts/verify-bundle.py`. Both must refuse every case (exit 1) and accept the honest bundle.

    insider-matrix.py --demo DEMO_DIR --bundle BUNDLE_DIR [--entryledger PATH] [--keep DIR]

DEMO_DIR is the folder `entryledger demo --dir` made (its keys are in DEMO_DIR/keys/, unsealed,
and its checkpoint in DEMO_DIR/checkpoint.txt); BUNDLE_DIR is that ledger's `export`. A case
either appends records after the honest ledger (what an insider can do without any other key)
or changes a record in place and re-signs and re-chains every record after it (the insider
with the supervisor's key: the demo's tail after the first batch is all the supervisor's; a
clerk's record in a re-signed tail is re-signed with that clerk's key, as colluding clerks
would). Where a record names files (batch manifest, ABI files, response files), the insider
rewrites them to match, so that only the rule under test can catch the lie.
"""
import argparse, base64, copy, hashlib, importlib.util, json, os, pathlib, shutil, subprocess, sys, tempfile

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

_spec = importlib.util.spec_from_file_location("verify_bundle", pathlib.Path(__file__).resolve().parent / "verify-bundle.py")
vb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vb)
jcs, sha = vb.jcs, vb.sha


class Ledger:
    """The honest bundle's records as editable payloads, and the files an edit rewrites."""

    def __init__(self, bundle, keys):
        self.bundle = bundle
        self.keys = keys                  # key id -> Ed25519PrivateKey
        self.records = []                 # dict(payload=..., raw=None or bytes, keep=set())
        for line in open(os.path.join(bundle, "ledger.jsonl"), "rb").read().split(b"\n")[:-1]:
            o = json.loads(line)
            self.records.append(dict(payload=json.loads(o["payload"]), raw=None, keep=set()))
        self.dirty = len(self.records)    # first record to re-sign
        self.files = {}                   # bundle-relative path -> bytes, or None to remove
        self.tail = b""                   # bytes written after the last line (a cut line)
        g = self.records[0]["payload"]["body"]
        self.origin = self.records[0]["payload"]["origin"]
        self.filer = g["filer"]

    def kid(self, name):
        for r in self.records:
            p = r["payload"]
            if p["kind"] == "key.enroll" and p["body"]["name"].split()[0].lower() == name: return p["body"]["key_id"]
        if name == "supervisor": return self.records[0]["payload"]["key"]
        raise KeyError(name)

    def find(self, kind, n=0):
        return [i for i, r in enumerate(self.records) if r["payload"]["kind"] == kind][n]

    def body(self, i):
        self.dirty = min(self.dirty, i)
        return self.records[i]["payload"]["body"]

    def append(self, kind, body, signer):
        self.records.append(dict(payload={"v": 1, "origin": self.origin, "seq": 0, "prev": "", "time": self.records[-1]["payload"]["time"],
                                          "kind": kind, "key": self.kid(signer) if len(signer) != 32 else signer, "body": body}, raw=None, keep=set()))
        self.dirty = min(self.dirty, len(self.records) - 1)
        return len(self.records) - 1

    def write(self, out):
        shutil.copytree(self.bundle, out)
        lines, prev, hashes = [], bytes(32), {}
        for i, r in enumerate(self.records):
            p = r["payload"]
            if i >= self.dirty:
                if "seq" not in r["keep"]: p["seq"] = i
                if "prev" not in r["keep"]: p["prev"] = prev.hex()
                if p["kind"] == "replay.batch" and "version_hash" not in r["keep"] and any(t["version_seq"] in hashes for t in p["body"]["transactions"]):
                    # Re-chaining changed the hashes of the versions this batch names: a careful
                    # insider updates them and the manifest, so only the rule under test can tell.
                    b = p["body"]
                    for t in b["transactions"]:
                        if t["version_seq"] in hashes: t["version_hash"] = hashes[t["version_seq"]]
                    auth = self.records[b["authorization_seq"]]["payload"]["body"]
                    if "reference" in auth:
                        m = vb.manifest_bytes(type("S", (), {"origin": self.origin})(), b, b["authorization_seq"], auth)
                        self.files["batches/%s/manifest.json" % b["batch_id"]] = m
                        b["manifest_sha256"] = sha(m).hex()
                payload = jcs(p).encode()
                if r["raw"] == "RAW": payload = payload.replace(b'","', b'", "', 1)   # same value, not canonical
                signer = r.get("signer") or p["key"]
                sig = self.keys[signer].sign(b"entryledger-record-v1\x00" + payload)
            else:
                line = json.loads(open(os.path.join(self.bundle, "ledger.jsonl"), "rb").read().split(b"\n")[i])
                payload, sig = line["payload"].encode(), base64.b64decode(line["signature"])
            prev = sha(b"\x00" + payload + sig)
            if i >= self.dirty: hashes[i] = prev.hex()
            lines.append(jcs({"payload": payload.decode(), "seq": i, "signature": base64.b64encode(sig).decode()}).encode() + b"\n")
        open(os.path.join(out, "ledger.jsonl"), "wb").write(b"".join(lines) + self.tail)
        self.end_marker(out, lines)
        for rel, data in self.files.items():
            path = os.path.join(out, rel)
            if data is None:
                if os.path.exists(path): os.remove(path)
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "wb").write(data)

    def end_marker(self, out, lines):
        """bundle-end.json rewritten for the records written (7.7), as the insider who re-signs the
        tail would: a stale end marker must not be what catches a case."""
        if "bundle-end.json" in self.files: return
        leaves = [sha(b"\x00" + json.loads(l)["payload"].encode() + base64.b64decode(json.loads(l)["signature"])) for l in lines]
        end = {"format": "entryledger-bundle-end", "version": 1, "origin": self.origin, "records": len(lines),
               "root": base64.b64encode(vb.merkle_root(leaves)).decode(), "head_hash": leaves[-1].hex() if leaves else ""}
        open(os.path.join(out, "bundle-end.json"), "wb").write(jcs(end).encode() + b"\n")

    def hash_of(self, i):
        """The record hash of record i as it will be written (records before `dirty` only)."""
        line = json.loads(open(os.path.join(self.bundle, "ledger.jsonl"), "rb").read().split(b"\n")[i])
        return sha(b"\x00" + line["payload"].encode() + base64.b64decode(line["signature"])).hex()

    # ---- what a careful insider rewrites so that the files agree with a changed batch record

    def batch_files(self, i, abi_from=None, src=None):
        """Rewrites batch i's ABI files (the header records' action codes, SE then AE; taken
        from batch `abi_from`'s files when given) and manifest to match its transactions."""
        b = self.body(i)
        src = src or (self.records[abi_from]["payload"]["body"] if abi_from is not None else b)
        files = []
        for app in vb.APPS:
            txs = [t for t in b["transactions"] if t["application"] == app]
            if not txs: continue
            old = [f for f in src["files"] if f["application"] == app]
            data = open(os.path.join(self.bundle, "batches", src["batch_id"], old[0]["name"]), "rb").read().decode() if old else ""
            want = {(t["entry_number"][:3], t["entry_number"][4:11] + t["entry_number"][12]): t["action"] for t in txs}
            out = []
            for line in data.split("\n")[:-1]:
                if app == "SE" and line.startswith("SE10") and (line[5:8], line[10:18]) in want:
                    line = line[:4] + want.pop((line[5:8], line[10:18])) + line[5:]
                elif app == "AE" and line.startswith("10") and (line[3:6], line[8:16]) in want:
                    line = line[:2] + want.pop((line[3:6], line[8:16])) + line[3:]
                elif (app == "SE" and line.startswith("SE10")) or (app == "AE" and line.startswith("10")):
                    continue        # a transaction this batch no longer carries: drop its header
                out.append(line)
            for (filer, serial), action in want.items():   # one the honest file never had
                out.append(("SE10%s%s  %s" % (action, filer, serial) if app == "SE" else "10%s%s  %s" % (action, filer, serial)).ljust(80))
            data = ("\n".join(out) + "\n").encode()
            name = "%s-%s.abi" % (b["batch_id"], app)
            self.files["batches/%s/%s" % (b["batch_id"], name)] = data
            files.append({"name": name, "application": app, "sha256": sha(data).hex(), "size": len(data)})
        b["files"] = files
        auth = self.records[b["authorization_seq"]]["payload"]["body"] if b["authorization_seq"] < len(self.records) else {"reference": "X"}
        if "reference" not in auth: auth = {"reference": "X"}
        m = vb.manifest_bytes(type("S", (), {"origin": self.origin})(), b, b["authorization_seq"], auth)
        self.files["batches/%s/manifest.json" % b["batch_id"]] = m
        b["manifest_sha256"] = sha(m).hex()

    def new_batch(self, transactions, cutoff=None):
        auth = self.find("reconnect.authorize")
        batches = sum(1 for r in self.records if r["payload"]["kind"] == "replay.batch")
        body = {"batch_id": "B%04d" % (batches + 1), "authorization_seq": auth, "manifest_sha256": "0" * 64, "files": [],
                "cutoff": cutoff if cutoff is not None else self.records[auth]["payload"]["body"]["checkpoint"]["size"],
                "transactions": transactions}
        i = self.append("replay.batch", body, "supervisor")
        self.batch_files(i, abi_from=self.find("replay.batch"))
        return i

    def tx(self, number, app, action, version_seq):
        return {"entry_number": number, "application": app, "action": action, "version_seq": version_seq, "version_hash": self.hash_of(version_seq)}

    def entry_seq(self, number):
        """The seq of the current version of an entry (its add or latest amend)."""
        last = None
        for i, r in enumerate(self.records):
            p = r["payload"]
            if p["kind"] == "entry.add" and vb.normal_number(p["body"]["entry"]["entry_number"]) == number: last = i
            if p["kind"] == "entry.amend" and p["body"]["entry_number"] == number: last = i
        return last

    def response(self, results, name="ace-response-forged.txt"):
        data = ("forged response for " + ", ".join(r["entry_number"] for r in results) + "\n").encode()
        h = sha(data).hex()
        self.files["responses/%s-%s" % (h, name)] = data
        return self.append("ace.response", {"file": name, "sha256": h, "results": results, "batch_errors": [], "unmatched": []}, "supervisor")


# ---- ACE responses read again from their archived files (ace-responses.md, "What verify checks")

def response_record(L, name):
    """The index and body of the ace.response record of the file called `name`."""
    i = next(i for i, r in enumerate(L.records) if r["payload"]["kind"] == "ace.response" and r["payload"]["body"]["file"] == name)
    return i, L.records[i]["payload"]["body"]


def response_bytes(L, body):
    return open(os.path.join(L.bundle, "responses", body["sha256"] + "-" + body["file"]), "rb").read()


def archived_response(L, data, name, results, control=None, part=None):
    """A response file an insider archives in responses/ and records, signed by the supervisor,
    with the results given (what the file says, or a lie about it)."""
    h = sha(data).hex()
    L.files["responses/%s-%s" % (h, name)] = data
    body = {"file": name, "sha256": h, "results": results, "batch_errors": [], "unmatched": [],
            "control": control if control is not None else vb.control_of(data)}
    if part: body["part"] = part
    return L.append("ace.response", body, "supervisor")


def rejecting(data):
    """The accepting SX file with its SE90 turned into ACE's rejection (message type 01)."""
    return data.replace(b"SE9002   MESSAGE ACCEPTED", b"SE9001   MESSAGE REJECTED")


def honest_new_rejection(L):
    """Control: a new rejection archived and recorded as its file says. Both verifiers must accept it,
    so that the response cases above are refused for their lie, not for being appended."""
    _, b = response_record(L, "ace-response-2-sx.txt")
    archived_response(L, rejecting(response_bytes(L, b)), "ace-response-3-sx.txt", [rejected_result(b)])


def transaction_rejection(L):
    """ACE's X0 TRNACT + X1 R for the first transaction of batch B0002's SE file (its record 3),
    in the envelope of the demo's answer to B0002: the file, and what ack records from it."""
    _, b = response_record(L, "ace-response-2-sx.txt")
    lines = response_bytes(L, b).decode().split("\n")
    number = next(t["entry_number"] for t in L.records[L.find("replay.batch", 1)]["payload"]["body"]["transactions"] if t["application"] == "SE")
    body = ["X0 TRNACT 000001 REF ID: 0000003 10".ljust(80), "X1RF998   TRANSACTION DATA REJECTED".ljust(80)]
    data = "\n".join(lines[:2] + body + [lines[-3][:12] + "00002".ljust(68), lines[-2]]) + "\n"
    result = {"entry_number": number, "application": "SE", "outcome": "transaction-rejected", "rejected": True,
              "messages": ["F 998 TRANSACTION DATA REJECTED"]}
    return data.encode(), result, "line 3: TRNACT 1, record 3: F 998 TRANSACTION DATA REJECTED (rejected)"


def honest_transaction_rejection(L):
    data, result, condition = transaction_rejection(L)
    i = archived_response(L, data, "ace-response-3-sx.txt", [result])
    L.records[i]["payload"]["body"]["batch_errors"] = [condition]


HONEST_EDITS = [("honest-new-ace-response", honest_new_rejection), ("honest-transaction-rejection", honest_transaction_rejection)]


def rejected_result(body):
    r = dict(body["results"][0]); r.update(outcome="rejected", rejected=True, messages=["MESSAGE REJECTED"])
    return r


def abi_file_edit(L, n, app, edit):
    """Batch n's (0-based) ABI file of `app` edited line by line by `edit` (a list of records in,
    a list out), with its SHA-256 and size in the replay.batch record and the manifest re-computed:
    the insider's file differs from what the entries render, and from nothing else."""
    i = L.find("replay.batch", n); b = L.body(i)
    f = next(f for f in b["files"] if f["application"] == app)
    rel = "batches/%s/%s" % (b["batch_id"], f["name"])
    records = open(os.path.join(L.bundle, rel), "rb").read().decode("ascii").split("\n")[:-1]
    changed = edit(list(records))
    assert changed != records, "the edit changed nothing"
    data = ("\n".join(changed) + "\n").encode("ascii")
    L.files[rel] = data
    f["sha256"], f["size"] = sha(data).hex(), len(data)
    m = vb.manifest_bytes(type("S", (), {"origin": L.origin})(), b, b["authorization_seq"], L.records[b["authorization_seq"]]["payload"]["body"])
    L.files["batches/%s/manifest.json" % b["batch_id"]] = m; b["manifest_sha256"] = sha(m).hex()


def number_with(filer, serial):
    ten = "%s%07d" % (filer, serial)
    return "%s-%07d-%d" % (filer, serial, vb.check_digit(ten))


def entries_of(L):
    return [vb.normal_number(r["payload"]["body"]["entry"]["entry_number"]) for r in L.records if r["payload"]["kind"] == "entry.add"]


def accepted_entries(L):
    """Entries sent with A whose latest SE answer accepted them, and not voided."""
    voided = {r["payload"]["body"]["entry_number"] for r in L.records if r["payload"]["kind"] == "entry.void"}
    answers = {}
    for r in L.records:
        if r["payload"]["kind"] == "ace.response":
            for x in r["payload"]["body"]["results"]: answers[(x["entry_number"], x["application"])] = x["rejected"]
    return [n for (n, a), rej in answers.items() if a == "SE" and not rej and n not in voided]


def a_new_entry(L, serial, filer=None, compact=False):
    e = copy.deepcopy(next(r["payload"]["body"]["entry"] for r in L.records if r["payload"]["kind"] == "entry.add"))
    n = number_with(filer or L.filer, serial)
    e["entry_number"] = n.replace("-", "") if compact else n
    return e


# ------------------------------------------------------------------------------ the cases

def cases():
    C = []
    def case(name, rule, insider):
        def wrap(f):
            C.append((name, rule, insider, f))
            return f
        return wrap

    # --- keys and roles (5.2, 5.3, 5.11, 6 step 5)
    @case("clerk-enrolls-a-key", "5.11 roles: only the supervisor enrolls", "clerk")
    def _(L):
        k = Ed25519PrivateKey.generate(); pub = k.public_key().public_bytes_raw(); b64p = base64.b64encode(pub).decode()
        proof = k.sign(b"entryledger-key-proof-v1\x00" + jcs({"name": "Mallory", "public_key": b64p}).encode())
        L.append("key.enroll", {"name": "Mallory", "role": "clerk", "public_key": b64p, "key_id": vb.key_id(pub), "proof": base64.b64encode(proof).decode()}, "alice")

    @case("clerk-reserves-numbers", "5.11 roles: numbers.reserve is the supervisor's", "clerk")
    def _(L): L.append("numbers.reserve", {"first": number_with(L.filer, 2000000), "last": number_with(L.filer, 2000010), "reason": "mine"}, "alice")

    @case("clerk-authorizes-reconnection", "5.11 roles: reconnect.authorize is the supervisor's", "clerk")
    def _(L): L.append("reconnect.authorize", {"reference": "FAKE", "date": "2026-11-30", "contact": ""}, "bob")

    @case("clerk-records-a-batch", "5.11 roles: replay.batch is the supervisor's", "clerk")
    def _(L):
        i = L.new_batch([L.tx(accepted_entries(L)[0], "SE", "A", L.entry_seq(accepted_entries(L)[0]))])
        L.records[i]["payload"]["key"] = L.kid("bob")

    @case("revoked-clerk-adds-an-entry", "5.3 a revoked key signs nothing after its revocation", "revoked clerk")
    def _(L):
        L.append("key.revoke", {"key_id": L.kid("bob"), "name": "Bob Tanaka", "reason": "left"}, "supervisor")
        L.append("entry.add", {"entry": a_new_entry(L, 1000050)}, "bob")

    @case("revoked-clerk-amends-after-revocation", "5.3 revocation takes effect from its seq", "revoked clerk")
    def _(L):
        L.append("key.revoke", {"key_id": L.kid("alice"), "name": "Alice Moreno", "reason": "laptop stolen"}, "supervisor")
        L.append("incident.note", {"text": "backdated note by a stolen key"}, "alice")

    @case("unenrolled-key-signs", "6 step 5: the author key must be enrolled", "outsider key")
    def _(L):
        k = Ed25519PrivateKey.generate(); kid = vb.key_id(k.public_key().public_bytes_raw()); L.keys[kid] = k
        L.append("incident.note", {"text": "hello"}, kid)

    @case("enrol-with-a-bad-proof", "5.2 proof of possession", "supervisor")
    def _(L):
        k = Ed25519PrivateKey.generate(); pub = k.public_key().public_bytes_raw()
        L.append("key.enroll", {"name": "Eve", "role": "clerk", "public_key": base64.b64encode(pub).decode(), "key_id": vb.key_id(pub),
                                "proof": base64.b64encode(bytes(64)).decode()}, "supervisor")

    @case("enrol-a-second-supervisor", "5.2 only the genesis names the supervisor", "supervisor")
    def _(L):
        k = Ed25519PrivateKey.generate(); pub = k.public_key().public_bytes_raw(); b64p = base64.b64encode(pub).decode()
        proof = k.sign(b"entryledger-key-proof-v1\x00" + jcs({"name": "Deputy", "public_key": b64p}).encode())
        L.append("key.enroll", {"name": "Deputy", "role": "supervisor", "public_key": b64p, "key_id": vb.key_id(pub), "proof": base64.b64encode(proof).decode()}, "supervisor")

    @case("enrol-a-key-twice", "5.2 a key is enrolled once", "supervisor")
    def _(L):
        b = copy.deepcopy(L.records[L.find("key.enroll")]["payload"]["body"]); b["name"] = "Alice Again"
        L.append("key.enroll", b, "supervisor")

    @case("enrol-a-taken-name", "5.2 no two active keys share a name", "supervisor")
    def _(L):
        k = Ed25519PrivateKey.generate(); pub = k.public_key().public_bytes_raw(); b64p = base64.b64encode(pub).decode()
        proof = k.sign(b"entryledger-key-proof-v1\x00" + jcs({"name": "Alice Moreno", "public_key": b64p}).encode())
        L.append("key.enroll", {"name": "Alice Moreno", "role": "clerk", "public_key": b64p, "key_id": vb.key_id(pub), "proof": base64.b64encode(proof).decode()}, "supervisor")

    @case("revoke-the-supervisor", "5.3 the supervisor key cannot be revoked", "supervisor")
    def _(L): L.append("key.revoke", {"key_id": L.kid("supervisor"), "name": L.records[0]["payload"]["body"]["supervisor"]["name"], "reason": "x"}, "supervisor")

    @case("revoke-under-a-wrong-name", "5.3 the key must be held by name", "supervisor")
    def _(L): L.append("key.revoke", {"key_id": L.kid("bob"), "name": "Alice Moreno", "reason": "x"}, "supervisor")

    # --- payload and chain (4.1, 6 steps 1-4)
    @case("another-ledgers-origin", "4.1 origin", "clerk")
    def _(L):
        i = L.append("incident.note", {"text": "from elsewhere"}, "alice"); L.records[i]["payload"]["origin"] = "entryledger/EL7/" + "0" * 32

    @case("wrong-prev", "6 step 3: prev is the previous record's hash", "clerk")
    def _(L):
        i = L.append("incident.note", {"text": "forked"}, "alice"); L.records[i]["payload"]["prev"] = "0" * 64; L.records[i]["keep"].add("prev")

    @case("wrong-payload-seq", "6 step 3: payload seq", "clerk")
    def _(L):
        i = L.append("incident.note", {"text": "elsewhere"}, "alice"); L.records[i]["payload"]["seq"] = 3; L.records[i]["keep"].add("seq")

    @case("non-canonical-payload", "2: payload bytes are canonical", "clerk")
    def _(L):
        i = L.append("incident.note", {"text": "spaced"}, "alice")
        L.records[i]["raw"] = "RAW"

    @case("leap-second-time", "1: TIME has no leap second", "clerk")
    def _(L):
        i = L.append("incident.note", {"text": "late"}, "alice"); L.records[i]["payload"]["time"] = "2026-12-31T23:59:60Z"

    @case("unknown-kind", "5.11: a record of any other kind is invalid", "supervisor")
    def _(L): L.append("entry.delete", {"entry_number": entries_of(L)[0]}, "supervisor")

    @case("unknown-body-member", "5: a body has exactly its members", "clerk")
    def _(L): L.append("incident.note", {"text": "x", "hidden": "y"}, "alice")

    @case("second-genesis", "5.1 genesis at seq 0 only", "supervisor")
    def _(L): L.append("genesis", copy.deepcopy(L.records[0]["payload"]["body"]), "supervisor")

    # --- incident (5.4-5.8)
    @case("second-incident-open", "5.5 one incident", "supervisor")
    def _(L): L.append("incident.open", copy.deepcopy(L.records[L.find("incident.open")]["payload"]["body"]), "supervisor")

    @case("close-twice", "5.8 at most one incident.close", "supervisor")
    def _(L):
        L.append("incident.close", {"summary": "done"}, "supervisor"); L.append("incident.close", {"summary": "done again"}, "supervisor")

    @case("blank-note", "1: TEXT is not blank (U+3000 is White_Space)", "clerk")
    def _(L): L.append("incident.note", {"text": "\u3000\u2003 "}, "alice")

    @case("note-too-long-in-code-points", "1: lengths count code points", "clerk")
    def _(L): L.append("incident.note", {"text": "e\u0301" * 10001}, "alice")

    @case("pga-without-a-name", "5.6 party_name for pga", "clerk")
    def _(L): L.append("incident.comm", {"party": "pga", "channel": "email", "at": "2026-11-29T01:00:00Z", "summary": "told them"}, "alice")

    # --- entries (5.9)
    @case("duplicate-number-written-compact", "5.9.1 uniqueness on the normal form", "clerk")
    def _(L):
        n = entries_of(L)[0]
        L.append("entry.add", {"entry": a_new_entry(L, int(n[4:11]), compact=True)}, "alice")

    @case("duplicate-number-of-a-voided-entry", "5.9.2 one entry number, one entry (voided or not)", "clerk")
    def _(L):
        n = L.records[L.find("entry.void")]["payload"]["body"]["entry_number"]
        L.append("entry.add", {"entry": a_new_entry(L, int(n[4:11]))}, "bob")

    @case("bad-check-digit", "5.9.1 check digit", "clerk")
    def _(L):
        e = a_new_entry(L, 1000060); e["entry_number"] = e["entry_number"][:-1] + str((int(e["entry_number"][-1]) + 1) % 10)
        L.append("entry.add", {"entry": e}, "alice")

    @case("another-filer-code", "5.9.2 the ledger's filer code", "clerk")
    def _(L): L.append("entry.add", {"entry": a_new_entry(L, 1000061, filer="ZZ9")}, "alice")

    @case("entry-not-an-object", "5.9.2 ENTRY is an object", "clerk")
    def _(L): L.append("entry.add", {"entry": number_with(L.filer, 1000062)}, "alice")

    @case("amend-a-nonexistent-entry", "5.9.2 amend only an existing entry", "clerk")
    def _(L):
        e = a_new_entry(L, 1000063); L.append("entry.amend", {"entry_number": e["entry_number"], "entry": e, "reason": "x"}, "alice")

    @case("amend-changes-the-number", "5.9.2 an amendment keeps its number", "clerk")
    def _(L):
        n = entries_of(L)[0]; e = a_new_entry(L, 1000064)
        L.append("entry.amend", {"entry_number": n, "entry": e, "reason": "renumber"}, "alice")

    @case("amend-a-voided-entry", "5.9.2 not voided", "clerk")
    def _(L):
        n = L.records[L.find("entry.void")]["payload"]["body"]["entry_number"]; e = a_new_entry(L, int(n[4:11]))
        L.append("entry.amend", {"entry_number": n, "entry": e, "reason": "revive"}, "alice")

    @case("void-twice", "5.9.2 void only an unvoided entry", "clerk")
    def _(L):
        n = L.records[L.find("entry.void")]["payload"]["body"]["entry_number"]
        L.append("entry.void", {"entry_number": n, "reason": "again"}, "alice")

    @case("release-a-voided-entry", "5.9.2 release only an unvoided entry", "clerk")
    def _(L):
        n = L.records[L.find("entry.void")]["payload"]["body"]["entry_number"]
        L.append("entry.release", {"entry_number": n, "date": "2026-11-29", "port": "2704", "reference": "STAMP"}, "bob")

    @case("void-written-compact", "5.9.1 body entry numbers in normal form", "clerk")
    def _(L): L.append("entry.void", {"entry_number": entries_of(L)[0].replace("-", ""), "reason": "x"}, "alice")

    @case("overlapping-reservation", "5.9.2 reserved ranges do not overlap", "supervisor")
    def _(L):
        r = L.records[L.find("numbers.reserve")]["payload"]["body"]
        L.append("numbers.reserve", {"first": r["last"], "last": number_with(L.filer, int(r["last"][4:11]) + 10), "reason": "more"}, "supervisor")

    # --- checkpoints and authorisation (7.3, 5.10)
    @case("checkpoint-wrong-size", "7.3 size = the record's seq", "supervisor")
    def _(L):
        b = copy.deepcopy(L.records[L.find("checkpoint")]["payload"]["body"]); L.append("checkpoint", b, "supervisor")

    @case("authorize-without-cosignature", "5.10 the authorised checkpoint carries the reviewer's cosignature", "supervisor")
    def _(L):
        b = copy.deepcopy(L.records[L.find("reconnect.authorize")]["payload"]["body"])
        note = L.records[L.find("checkpoint")]["payload"]["body"]["note"]
        b["checkpoint"]["note"] = note
        L.append("reconnect.authorize", b, "supervisor")

    # --- the replay re-derived (5.10.1): in place, the tail re-signed by the supervisor
    @case("wrong-version-hash", "5.10.1 step 3: version_hash is the current version's", "supervisor")
    def _(L):
        i = L.find("replay.batch", 1); t = L.body(i)["transactions"][0]
        t["version_hash"] = L.hash_of(L.find("entry.add")); L.batch_files(i); L.records[i]["keep"].add("version_hash")

    @case("transaction-for-a-nonexistent-entry", "5.10.1 step 3: only entries of the ledger", "supervisor")
    def _(L):
        i = L.find("replay.batch"); L.body(i)["transactions"].insert(0, L.tx(number_with(L.filer, 1000099), "SE", "A", L.find("entry.add")))
        L.batch_files(i)

    @case("accepted-entry-sent-again", "5.10.1 step 3: an accepted entry is not sent again", "supervisor")
    def _(L):
        n = accepted_entries(L)[0]; L.new_batch([L.tx(n, "SE", "A", L.entry_seq(n))])

    @case("void-sent-as-replace", "5.10.1 step 3: voided after the send is D", "supervisor")
    def _(L):
        n = accepted_entries(L)[0]; L.append("entry.void", {"entry_number": n, "reason": "cancelled"}, "alice")
        L.new_batch([L.tx(n, "SE", "R", L.entry_seq(n))])

    @case("missing-delete", "5.10.1 step 4: the batch carries the whole plan", "supervisor")
    def _(L):
        a = accepted_entries(L)[:2]
        for n in a: L.append("entry.void", {"entry_number": n, "reason": "cancelled"}, "alice")
        L.new_batch([L.tx(a[0], "SE", "D", L.entry_seq(a[0]))])

    @case("entry-after-the-cutoff", "5.10.1 step 3: entries added at or after the cutoff are not sent", "supervisor")
    def _(L):
        i = L.append("entry.add", {"entry": a_new_entry(L, 1000070)}, "alice")
        n = number_with(L.filer, 1000070); L.new_batch([])
        b = L.records[-1]["payload"]["body"]; b["transactions"] = [{"entry_number": n, "application": "SE", "action": "A", "version_seq": i, "version_hash": "0" * 64}]
        L.pending_hash = (len(L.records) - 1, i)

    @case("wrong-cutoff", "5.10.1 step 2: cutoff = the authorised checkpoint's size", "supervisor")
    def _(L):
        i = L.find("replay.batch"); L.body(i)["cutoff"] += 1; L.batch_files(i)

    @case("wrong-authorization-seq", "5.10.1 step 1: the latest authorisation", "supervisor")
    def _(L):
        i = L.find("replay.batch"); L.body(i)["authorization_seq"] -= 1; L.batch_files(i)

    @case("batch-id-reused", "5.10.1 step 5: batch ids count the batches", "supervisor")
    def _(L):
        i = L.find("replay.batch", 1); original = copy.deepcopy(L.body(i))
        L.body(i)["batch_id"] = "B0001"; L.batch_files(i, src=original)

    @case("action-changed-in-record-and-files", "5.10.1 step 3: the planned action", "supervisor")
    def _(L):
        i = L.find("replay.batch", 1); t = L.body(i)["transactions"][0]
        t["action"] = "R" if t["action"] == "A" else "A"; L.batch_files(i)

    @case("response-for-an-entry-never-sent", "5.10: results name what a batch sent", "supervisor")
    def _(L):
        n = [x for x in entries_of(L) if x not in accepted_entries(L)][-1]
        L.response([{"entry_number": n, "application": "AE", "outcome": "accepted", "rejected": False, "messages": []}])

    @case("batch-file-header-differs", "5.10.1 step 6: the files name the batch's transactions", "supervisor")
    def _(L):
        i = L.find("replay.batch"); b = L.body(i)
        path = os.path.join(L.bundle, "batches", b["batch_id"], b["files"][0]["name"])
        data = open(path, "rb").read().replace(b"SE10A", b"SE10R", 1)
        L.files["batches/%s/%s" % (b["batch_id"], b["files"][0]["name"])] = data
        b["files"][0]["sha256"], b["files"][0]["size"] = sha(data).hex(), len(data)
        m = vb.manifest_bytes(type("S", (), {"origin": L.origin})(), b, b["authorization_seq"], L.records[b["authorization_seq"]]["payload"]["body"])
        L.files["batches/%s/manifest.json" % b["batch_id"]] = m; b["manifest_sha256"] = sha(m).hex()

    # --- ACE responses read again from their archived files (ace-responses.md, "What verify checks")
    @case("response-claims-an-acceptance-the-file-does-not-give", "5.10 / ace-responses.md: results are what the file gives", "supervisor")
    def _(L):
        _, b = response_record(L, "ace-response-2-sx.txt")
        archived_response(L, rejecting(response_bytes(L, b)), "ace-response-3-sx.txt", b["results"])

    @case("response-omits-a-rejection", "5.10 / ace-responses.md: every answer of the file is recorded", "supervisor")
    def _(L):
        _, b = response_record(L, "ace-response-2-sx.txt")
        archived_response(L, rejecting(response_bytes(L, b)), "ace-response-3-sx.txt", [])

    @case("response-names-a-batch-never-sent", "ace-responses.md: the batch a file names was recorded before it", "supervisor")
    def _(L):
        _, b = response_record(L, "ace-response-2-sx.txt")
        data = response_bytes(L, b).replace(b"B0002" + b" " * 16, b"B0009" + b" " * 16)
        archived_response(L, data, "ace-response-3-sx.txt", b["results"])

    @case("response-drops-a-transaction-rejection", "ace-responses.md 5: an X1 R after an X0 TRNACT rejects that transaction", "supervisor")
    def _(L):
        data, _, condition = transaction_rejection(L)
        i = archived_response(L, data, "ace-response-3-sx.txt", [])
        L.records[i]["payload"]["body"]["batch_errors"] = [condition]

    @case("response-recorded-twice", "5.10 each response once: an old rejection replayed over a newer acceptance", "supervisor")
    def _(L):
        _, b = response_record(L, "ace-response-1-sx.txt")
        L.append("ace.response", copy.deepcopy(b), "supervisor")

    @case("response-control-not-the-files", "5.10 control is the file's A record, positions 9-14 blanked", "supervisor")
    def _(L):
        _, b = response_record(L, "ace-response-2-sx.txt")
        data = rejecting(response_bytes(L, b))
        archived_response(L, data, "ace-response-3-sx.txt", [rejected_result(b)], control=vb.control_of(data).replace("SX", "AX", 1))

    @case("response-split-into-parts-it-does-not-need", "5.10 parts: only a response of more than 2,000 results", "supervisor")
    def _(L):
        _, b = response_record(L, "ace-response-2-sx.txt")
        archived_response(L, rejecting(response_bytes(L, b)), "ace-response-3-sx.txt", [rejected_result(b)], part={"index": 1, "count": 1})

    # --- the batch files re-rendered (5.10.1 step 6, schemas/abi-mapping.md): a file that is not
    # what its entries render, with its SHA-256, size and manifest re-computed in the replay.batch
    # record and the tail re-signed by the supervisor; only the re-render can tell.
    @case("batch-file-hts-changed", "5.10.1 step 6: the file is what the entries render (an SE60 HTS number)", "supervisor")
    def _(L):
        def edit(ls):
            k = next(i for i, l in enumerate(ls) if l.startswith("SE60") and not l.startswith("SE6099"))
            ls[k] = ls[k][:13] + ("9" if ls[k][13] != "9" else "8") + ls[k][14:]   # the HTS number's last digit
            return ls
        abi_file_edit(L, 0, "SE", edit)

    @case("batch-file-value-changed", "5.10.1 step 6: the file is what the entries render (an AE 50 value)", "supervisor")
    def _(L):
        def edit(ls):
            k = next(i for i, l in enumerate(ls) if l.startswith("50") and not l.startswith("5099"))
            value = int(ls[k][24:34]) + 1000
            ls[k] = ls[k][:24] + "%010d" % value + ls[k][34:]
            return ls
        abi_file_edit(L, 0, "AE", edit)

    @case("batch-file-record-dropped", "5.10.1 step 6: the file is what the entries render (a manufacturer's records dropped)", "supervisor")
    def _(L):
        def edit(ls):
            k = next(i for i, l in enumerate(ls) if l.startswith("SE50"))
            return ls[:k] + ls[k + 3:]
        abi_file_edit(L, 0, "SE", edit)

    @case("batch-file-contact-changed", "5.10.1 step 6: SE13 carries the ledger's abi-contact setting", "supervisor")
    def _(L): abi_file_edit(L, 1, "SE", lambda ls: [l[:4] + "MALLORY".ljust(40) + "2025550199".ljust(15) + l[59:] if l.startswith("SE13") else l for l in ls])

    # --- the signed abi_header (5.10.1 step 6, rule replay.batch-abi-header): the file's A and B
    # records and SE13 contact are exactly the header's; the file's hash and the record re-signed,
    # so that the re-render (which reads those settings back from the file) cannot tell.
    @case("batch-file-sender-not-the-header", "5.10.1 step 6: the A record is the signed abi_header (sender id)", "supervisor")
    def _(L): abi_file_edit(L, 0, "SE", lambda ls: [l[:5] + "XL7" + l[8:] if l[0] in "AZ" else l for l in ls])   # A and Z agree

    @case("batch-file-date-not-the-header", "5.10.1 step 6: the A record is the signed abi_header (date, and Z as A)", "supervisor")
    def _(L):
        def moved(l): return l[:14] + ("010127" if l[14:20] != "010127" else "010227") + l[20:]
        abi_file_edit(L, 0, "AE", lambda ls: [moved(ls[0])] + ls[1:-1] + [moved(ls[-1])])

    @case("batch-file-second-block-not-the-header", "5.10.1 step 6: every B record is the signed abi_header (filer user data)", "supervisor")
    def _(L):
        def edit(ls):
            k = [i for i, l in enumerate(ls) if l.startswith("B")][1]
            ls[k] = ls[k][:59] + "B0009".ljust(21); return ls
        abi_file_edit(L, 0, "SE", edit)

    @case("batch-header-contact-not-the-files", "5.10.1 step 6: SE13 carries the signed abi_header's contact", "supervisor")
    def _(L): L.body(L.find("replay.batch", 1))["abi_header"]["contact"] = {"name": "MALLORY", "phone": "2025550199"}

    # --- the bundle's completeness (7.7): files only, nothing re-signed
    @case("checkpoint-file-missing", "7.7 each checkpoint record's note is in checkpoints/", "anyone with the bundle")
    def _(L): L.files["checkpoints/checkpoint-%d.txt" % L.records[L.find("checkpoint")]["payload"]["body"]["size"]] = None

    @case("clerk-key-file-missing", "7.7 keys/KEY_ID.pub for each enrolled key", "anyone with the bundle")
    def _(L): L.files["keys/%s.pub" % L.kid("bob")] = None

    @case("supervisor-key-file-swapped", "7.7 keys/supervisor.pub is the genesis's key", "anyone with the bundle")
    def _(L): L.files["keys/supervisor.pub"] = open(os.path.join(L.bundle, "keys", L.kid("alice") + ".pub"), "rb").read()

    @case("response-file-changed", "5.10 the archived response file", "anyone with the bundle")
    def _(L):
        b = L.records[L.find("ace.response")]["payload"]["body"]
        L.files["responses/%s-%s" % (b["sha256"], b["file"])] = b"nothing was rejected\n"

    @case("batch-manifest-missing", "5.10.1 step 7 / 7.7 batch files present", "anyone with the bundle")
    def _(L): L.files["batches/B0001/manifest.json"] = None

    @case("last-line-cut", "7.7 a last line without a newline", "anyone with the bundle")
    def _(L):
        L.tail = b'{"payload":"{}","seq":' + str(len(L.records)).encode()

    return C


def finish(L):
    """Fix what needs the final hashes (a batch naming a version appended in the same case)."""
    if getattr(L, "pending_hash", None):
        bi, vi = L.pending_hash
        tmp = tempfile.mkdtemp()
        try:
            L.write(os.path.join(tmp, "b"))
            lines = open(os.path.join(tmp, "b", "ledger.jsonl"), "rb").read().split(b"\n")
            o = json.loads(lines[vi]); h = sha(b"\x00" + o["payload"].encode() + base64.b64decode(o["signature"])).hex()
        finally:
            shutil.rmtree(tmp)
        L.records[bi]["payload"]["body"]["transactions"][0]["version_hash"] = h
        L.batch_files(bi, abi_from=L.find("replay.batch"))


# Cases that only one rule can catch, with what each verifier's first problem must say: refused for
# another reason (a stale file, a broken chain) would not show that the rule is checked.
REASONS = {
    "batch-file-hts-changed": ("is not what the ledger renders", "is not what its entries render"),
    "batch-file-value-changed": ("is not what the ledger renders", "is not what its entries render"),
    "batch-file-record-dropped": ("is not what the ledger renders", "is not what its entries render"),
    "batch-file-contact-changed": ("is not what the ledger renders", "is not what its entries render"),
    "batch-file-sender-not-the-header": ("is not what its signed abi_header says", "[replay.batch-abi-header]"),
    "batch-file-date-not-the-header": ("is not what its signed abi_header says", "[replay.batch-abi-header]"),
    "batch-file-second-block-not-the-header": ("is not what its signed abi_header says", "[replay.batch-abi-header]"),
    "batch-header-contact-not-the-files": ("is not what its signed abi_header says", "[replay.batch-abi-header]"),
}


def refused_for_the_rule(name, swift_output, python_output):
    want = REASONS.get(name)
    return want is None or (want[0] in swift_output and want[1] in python_output)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l.strip() for l in (r.stdout + r.stderr).splitlines() if l.strip()]
    detail = next((l for l in lines if l.startswith("seq ") or l.startswith("ledger.jsonl") or "problem" in l.lower()), lines[-1] if lines else "")
    return r.returncode, detail, r.stdout + r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo", required=True)
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--entryledger", default=".build/debug/entryledger")
    ap.add_argument("--keep", help="keep each tampered bundle in this folder")
    ap.add_argument("--only", help="run only the cases whose name contains this")
    ap.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    a = ap.parse_args()
    keys = {}
    for f in sorted(os.listdir(os.path.join(a.demo, "keys"))):
        if f.endswith(".key"):
            o = json.load(open(os.path.join(a.demo, "keys", f)))
            keys[o["key_id"]] = Ed25519PrivateKey.from_private_bytes(base64.b64decode(o["private_key"]))
    trust = os.path.join(a.demo, "keys", "supervisor.key.pub")
    checkpoint = os.path.join(a.demo, "checkpoint.txt")
    here = pathlib.Path(__file__).resolve().parent
    def both(bundle):
        s = run([a.entryledger, "verify", "--trust", trust, "--bundle", bundle, "--checkpoint", checkpoint])
        p = run([sys.executable, str(here / "verify-bundle.py"), "--trust", trust, "--checkpoint", checkpoint, bundle])
        return s, p
    work = a.keep or tempfile.mkdtemp()
    failures = 0
    (s, p) = both(a.bundle)
    print("%-40s swift=%d python=%d  (honest bundle: both must accept)" % ("honest", s[0], p[0]))
    if s[0] != 0 or p[0] != 0:
        failures += 1; print("  FAIL: the honest bundle is refused:\n    swift: %s\n    python: %s" % (s[1], p[1]))
    for name, make in HONEST_EDITS:      # honest records appended by the insider's own means: both must accept
        L = Ledger(a.bundle, keys); make(L)
        out = os.path.join(work, name)
        if os.path.exists(out): shutil.rmtree(out)
        L.write(out)
        s, p = both(out)
        print("%-40s swift=%d python=%d  (honest: both must accept)" % (name, s[0], p[0]))
        if s[0] != 0 or p[0] != 0:
            failures += 1; print("  FAIL: refused:\n    swift: %s\n    python: %s" % (s[1], p[1]))
    n = 0
    for name, rule, insider, make in cases():
        if a.only and a.only not in name: continue
        n += 1
        L = Ledger(a.bundle, keys)
        make(L)
        finish(L)
        out = os.path.join(work, name)
        if os.path.exists(out): shutil.rmtree(out)
        L.write(out)
        s, p = both(out)
        ok = s[0] == 1 and p[0] == 1
        ok = ok and refused_for_the_rule(name, s[2], p[2])
        if not ok: failures += 1
        if ok and a.quiet: continue
        print("%-40s swift=%d python=%d  %s [%s]%s" % (name, s[0], p[0], "refused by both" if ok else "FAIL", insider, "" if ok else "\n    rule: %s\n    swift: %s\n    python: %s" % (rule, s[1], p[1])))
    if not a.keep: shutil.rmtree(work, ignore_errors=True)
    print("insider-matrix: %d cases, %d failed" % (n, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
