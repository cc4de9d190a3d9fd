#!/usr/bin/env python3
"""An independent verifier of an EntryLedger bundle, written from schemas/ledger-format.md alone
(Python's hashlib, json and the `cryptography` package's Ed25519; no EntryLedger code).

    verify-bundle.py --trust SUPERVISOR.pub BUNDLE_DIR [--checkpoint FILE ...] [--quiet]

It implements every MUST of the spec: each line of ledger.jsonl (section 7.7), the payloads'
canonical form and members (2, 4.1), the seq and prev chain, every signature with the key that
was enrolled and not revoked at that seq, the roles (5.11), every body's members, types and
limits (5), every rule that depends on earlier records, with entry numbers compared on their
normal form (5.9.1) and the structural entry rules (5.9.2), the replay re-derived (5.10.1),
each archived batch file rendered again from its entries (scripts/abi_render.py, from
schemas/abi-mapping.md and schemas/abi-layouts.md) and compared byte for byte,
each archived ACE response file read again and its ace.response records held to what it gives
(schemas/ace-responses.md, "What verify checks"), checkpoint records against the Merkle tree (7.3), authorisations' cosigned checkpoints (5.10),
the bundle's completeness (7.7) and checkpoints given out of band (7.6). A drill ledger
(genesis "drill": true) is reported as such. Prints each problem with its seq and a summary
line; exit 0 whole, 1 problems, 2 unreadable input.
`--self-test` also runs it on tampered copies.
"""
import argparse, base64, hashlib, json, os, re, shutil, sys, tempfile

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import abi_render  # the ABI batch files rendered from schemas/abi-mapping.md (5.10.1 step 6)

SUPERVISOR_ONLY = {"genesis", "key.enroll", "key.revoke", "incident.open", "incident.close", "numbers.reserve",
                   "checkpoint", "reconnect.authorize", "replay.batch", "ledger.setting"}
ANYONE = {"incident.note", "incident.comm", "incident.evidence", "entry.add", "entry.amend", "entry.void",
          "entry.release", "ace.response"}
MAX_PAYLOAD = 1 << 20
MAX_LINE = 2 * MAX_PAYLOAD + 4096
WHITE_SPACE = set(chr(c) for c in list(range(9, 14)) + [0x20, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B))
                  + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
PARTIES = {"cbp-soc", "cbp-client-rep", "cbp-port", "cbp-hq", "pga", "importer", "surety", "software-provider", "other"}
CHANNELS = {"email", "phone", "portal", "meeting", "letter", "other"}
APPS = ("SE", "AE")            # plan and file order: SE first (5.10.1)
MAX_ENTRIES_PER_BATCH = 1000


# ---------------------------------------------------------------- section 2: canonical JSON

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
            elif 0xD800 <= o <= 0xDFFF: raise ValueError("lone surrogate")
            else: out.append(ch)
        return ''.join(out) + '"'
    if isinstance(v, list): return '[' + ','.join(jcs(x) for x in v) + ']'
    if isinstance(v, dict):
        return '{' + ','.join(jcs(k) + ':' + jcs(v[k]) for k in sorted(v, key=lambda k: k.encode('utf-16-be', 'surrogatepass'))) + '}'
    raise ValueError("not in the profile")


def _depth(v, d=0):
    if d > 64: raise ValueError("nested deeper than 64")
    if isinstance(v, list):
        for x in v: _depth(x, d + 1)
    elif isinstance(v, dict):
        for x in v.values(): _depth(x, d + 1)


def strict(text):
    def pairs(ps):
        d = {}
        for k, x in ps:
            if k in d: raise ValueError("duplicate member " + k)
            d[k] = x
        return d
    def no_float(s): raise ValueError("floating-point number")
    v = json.loads(text, object_pairs_hook=pairs, parse_float=no_float, parse_constant=no_float)
    _depth(v)
    return v


def canonical(raw):
    """Parses bytes that must be the canonical encoding of what they hold."""
    v = strict(raw.decode("utf-8"))
    if jcs(v).encode("utf-8") != raw: raise ValueError("not canonical JSON")
    return v


def b64(s, n=None):
    if not isinstance(s, str): raise ValueError("base64 should be a string")
    raw = base64.b64decode(s, validate=True)
    if base64.b64encode(raw).decode() != s: raise ValueError("non-canonical base64")
    if n is not None and len(raw) != n: raise ValueError("base64 of %d bytes expected" % n)
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


def key_id(pub): return sha(pub)[:16].hex()


# ---------------------------------------------------------------- section 1: types

class Bad(Exception):
    pass


def is_int(v): return type(v) is int
def blank(s): return all(c in WHITE_SPACE for c in s)


def text(o, k, n=10000, may_blank=False, where=""):
    v = o.get(k)
    if not isinstance(v, str): raise Bad("%s%s should be a string" % (where, k))
    if len(v) > n: raise Bad("%s%s is longer than %d code points" % (where, k, n))
    if not may_blank and blank(v): raise Bad("%s%s must not be blank" % (where, k))
    return v


def name(o, k, where=""): return text(o, k, 100, where=where)


def hexn(o, k, n, where=""):
    v = o.get(k)
    if not isinstance(v, str) or not re.fullmatch("[0-9a-f]{%d}" % (2 * n), v): raise Bad("%s%s should be %d lower-case hex characters" % (where, k, 2 * n))
    return v


def b64n(o, k, n, where=""):
    try: return b64(o.get(k), n)
    except Exception: raise Bad("%s%s should be canonical base64 of %d bytes" % (where, k, n))


def integer(o, k, minimum=None, where=""):
    v = o.get(k)
    if not is_int(v): raise Bad("%s%s should be an integer" % (where, k))
    if minimum is not None and v < minimum: raise Bad("%s%s should be at least %d" % (where, k, minimum))
    return v


DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def real_date(y, m, d):
    if not (1 <= y <= 9999 and 1 <= m <= 12 and d >= 1): return False
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    return d <= (29 if m == 2 and leap else DAYS[m - 1])


def is_date(s):
    m = isinstance(s, str) and re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", s)
    return bool(m) and real_date(int(m[1]), int(m[2]), int(m[3]))


def is_time(s):
    m = isinstance(s, str) and re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z", s)
    return bool(m) and is_date(m[1]) and int(m[2]) < 24 and int(m[3]) < 60 and int(m[4]) < 60   # no leap second


def members(o, kind, required, optional=()):
    if not isinstance(o, dict): raise Bad("%s should be an object" % kind)
    extra = sorted(set(o) - set(required) - set(optional))
    if extra: raise Bad("%s has an unknown member %r" % (kind, extra[0]))
    missing = [k for k in required if k not in o]
    if missing: raise Bad("%s is missing %r" % (kind, missing[0]))


def strings(o, k, max_count, max_len, allow_empty=False, where=""):
    a = o.get(k)
    if not isinstance(a, list) or len(a) > max_count: raise Bad("%s%s should be an array of at most %d strings" % (where, k, max_count))
    for s in a:
        if not isinstance(s, str) or len(s) > max_len or (not allow_empty and s == ""):
            raise Bad("%s%s should hold %sstrings of at most %d code points" % (where, k, "" if allow_empty else "non-empty ", max_len))
    return a


# ---------------------------------------------------------------- 5.9.1: entry numbers

def letter_value(c):
    if "0" <= c <= "9": return ord(c) - 48
    if "A" <= c <= "I": return ord(c) - 64
    if "J" <= c <= "R": return ord(c) - 73
    if "S" <= c <= "Z": return ord(c) - 81
    return None


def check_digit(ten):
    total = 0
    for i, c in enumerate(ten):
        d = letter_value(c)
        if i % 2 == 1:
            d *= 2
            if d > 9: d -= 9
        total += d
    return (10 - total % 10) % 10


def normal_number(s):
    """The normal form FFF-NNNNNNN-C of an entry number written either way, or None."""
    if not isinstance(s, str): return None
    m = re.fullmatch(r"([A-Z0-9]{3})-([0-9]{7})-([0-9])", s) or re.fullmatch(r"([A-Z0-9]{3})([0-9]{7})([0-9])", s)
    if not m or check_digit(m[1] + m[2]) != int(m[3]): return None
    return "%s-%s-%s" % (m[1], m[2], m[3])


def number(o, k, where=""):
    v = o.get(k)
    n = normal_number(v)
    if n is None or n != v: raise Bad("%s%s %r should be a valid entry number written FFF-NNNNNNN-C" % (where, k, v))
    return n


# ---------------------------------------------------------------- notes (7.2, 7.4)

def parse_note(note):
    """(body text, [(name, raw signature bytes)]) of a C2SP signed note, or raise."""
    if len(note.encode()) > (1 << 20): raise Bad("note larger than 1 MiB")
    if "\n\n" not in note or not note.endswith("\n"): raise Bad("not a signed note")
    body, sigs = note.split("\n\n", 1)
    body += "\n"
    lines = sigs[:-1].split("\n")
    if len(lines) > 100: raise Bad("more than 100 signature lines")
    out = []
    for line in lines:
        m = re.fullmatch("\u2014 ([^ ]+) ([A-Za-z0-9+/=]+)", line)
        if not m: raise Bad("malformed signature line")
        raw = base64.b64decode(m[2])
        if len(raw) < 5: raise Bad("signature line too short")
        out.append((m[1], raw))
    return body, out


def parse_checkpoint(body):
    lines = body[:-1].split("\n")
    if len(lines) < 3 or not re.fullmatch("0|[1-9][0-9]*", lines[1]): raise Bad("not a checkpoint")
    return lines[0], int(lines[1]), b64(lines[2], 32), lines[3:]


def note_key_id(name, typ, pub): return sha(name.encode() + b"\n" + bytes([typ]) + pub)[:4]


def supervisor_signed(note, origin, pub):
    """Checks the supervisor's line (7.2); returns the checkpoint (origin, size, root, extensions)."""
    body, sigs = parse_note(note)
    kid = note_key_id(origin, 1, pub)
    mine = [raw for n, raw in sigs if n == origin and raw[:4] == kid]
    if not mine: raise Bad("no signature by the supervisor's key")
    for raw in mine:
        if not ed_ok(pub, raw[4:], body.encode()): raise Bad("the supervisor's signature does not verify")
    return parse_checkpoint(body)


def cosigned(note, vkey):
    """Checks a valid cosignature (7.4) by the reviewer's vkey name+hexid+base64(0x04||pub)."""
    m = re.fullmatch(r"([^+ ]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)", vkey)
    if not m: raise Bad("reviewer_key is not a note verifier key")
    raw = b64(m[3])
    if len(raw) != 33 or raw[0] != 4: raise Bad("reviewer_key is not a cosignature/v1 key")
    pub, kid = raw[1:], bytes.fromhex(m[2])
    if note_key_id(m[1], 4, pub) != kid: raise Bad("reviewer_key's key id does not match its key")
    body, sigs = parse_note(note)
    for n, sig in sigs:
        if n == m[1] and sig[:4] == kid:
            if len(sig) != 76: raise Bad("malformed cosignature")
            t = int.from_bytes(sig[4:12], "big")
            if ed_ok(pub, sig[12:], ("cosignature/v1\ntime %d\n" % t).encode() + body.encode()): return
            raise Bad("the reviewer's cosignature does not verify")
    raise Bad("no cosignature by the reviewer's key")


# ---------------------------------------------------------------- section 5: bodies

def entry_object(o, k, filer, where):
    e = o.get(k)
    if not isinstance(e, dict): raise Bad("%sentry should be an object" % where)
    n = normal_number(e.get("entry_number"))
    if n is None: raise Bad("%sentry.entry_number %r is not a valid entry number (form or check digit)" % (where, e.get("entry_number")))
    if n[:3] != filer: raise Bad("%sentry number %s does not carry this ledger's filer code %s" % (where, n, filer))
    return n, e


def well_formed(kind, b, filer):
    """Section 5's members, types and limits of a body (no rule that reads earlier records)."""
    w = kind + " body: "
    if kind == "genesis":
        members(b, w, ["ledger_id", "filer", "port", "broker", "supervisor"], ["drill", "personal_data_key"])
        if "personal_data_key" in b: b64n(b, "personal_data_key", 32, w)
        if "drill" in b and b["drill"] is not True: raise Bad(w + "drill should be true when present")
        hexn(b, "ledger_id", 16, w)
        if not isinstance(b["filer"], str) or not re.fullmatch("[A-Z0-9]{3}", b["filer"]): raise Bad(w + "filer should be 3 of A-Z, 0-9")
        if not isinstance(b["port"], str) or not re.fullmatch("[0-9]{4}", b["port"]): raise Bad(w + "port should be 4 digits")
        text(b, "broker", 200, where=w)
        s = b["supervisor"]
        members(s, w + "supervisor", ["name", "public_key", "key_id"])
        name(s, "name", w)
        if s.get("key_id") != key_id(b64n(s, "public_key", 32, w)): raise Bad(w + "supervisor key_id is not the key id of its public_key")
    elif kind == "key.enroll":
        members(b, w, ["name", "role", "public_key", "key_id", "proof"])
        name(b, "name", w)
        if b["role"] != "clerk": raise Bad(w + "role should be clerk: only the genesis names the supervisor")
        if b.get("key_id") != key_id(b64n(b, "public_key", 32, w)): raise Bad(w + "key_id is not the key id of public_key")
        b64n(b, "proof", 64, w)
    elif kind == "key.revoke":
        members(b, w, ["key_id", "name", "reason"])
        hexn(b, "key_id", 16, w); name(b, "name", w); text(b, "reason", 2000, where=w)
    elif kind == "incident.note":
        members(b, w, ["text"]); text(b, "text", 20000, where=w)
    elif kind == "incident.open":
        members(b, w, ["discovered_at", "summary", "systems", "exposed_importers"])
        if not is_time(b["discovered_at"]): raise Bad(w + "discovered_at should be a TIME")
        text(b, "summary", 20000, where=w)
        strings(b, "systems", 1000, 200, where=w); strings(b, "exposed_importers", 1000, 200, where=w)
    elif kind == "incident.comm":
        members(b, w, ["party", "channel", "at", "summary"], ["party_name", "reference"])
        if b["party"] not in PARTIES: raise Bad(w + "party %r is not one of the parties" % (b["party"],))
        if b["channel"] not in CHANNELS: raise Bad(w + "channel %r is not one of the channels" % (b["channel"],))
        if not is_time(b["at"]): raise Bad(w + "at should be a TIME")
        text(b, "summary", 20000, where=w)
        if "party_name" in b: text(b, "party_name", 200, may_blank=True, where=w)
        if "reference" in b: text(b, "reference", 200, may_blank=True, where=w)
        if b["party"] in ("pga", "importer", "other") and blank(b.get("party_name", "")): raise Bad(w + "party_name is needed for party " + b["party"])
    elif kind == "incident.evidence":
        members(b, w, ["name", "size", "sha256", "description"])
        n = text(b, "name", 255, where=w)
        if "/" in n or n in (".", ".."): raise Bad(w + "name should be a file name without a folder")
        integer(b, "size", 0, w); hexn(b, "sha256", 32, w); text(b, "description", 2000, may_blank=True, where=w)
    elif kind == "incident.close":
        members(b, w, ["summary"]); text(b, "summary", 20000, where=w)
    elif kind == "numbers.reserve":
        members(b, w, ["first", "last", "reason"])
        f, l = number(b, "first", w), number(b, "last", w)
        text(b, "reason", 2000, may_blank=True, where=w)
        if f[:3] != filer or l[:3] != filer: raise Bad(w + "reserved numbers must carry this ledger's filer code " + filer)
        if f[4:11] > l[4:11]: raise Bad(w + "first must not come after last")
    elif kind == "entry.add":
        members(b, w, ["entry"], ["rules_version"]); entry_object(b, "entry", filer, w)
        if "rules_version" in b: integer(b, "rules_version", 1, w)
    elif kind == "entry.amend":
        members(b, w, ["entry_number", "entry", "reason"], ["rules_version"])
        if "rules_version" in b: integer(b, "rules_version", 1, w)
        n = number(b, "entry_number", w); text(b, "reason", 2000, where=w)
        m, _ = entry_object(b, "entry", filer, w)
        if m != n: raise Bad(w + "an amendment keeps its entry number: the entry says %s, the body %s" % (m, n))
    elif kind == "entry.void":
        members(b, w, ["entry_number", "reason"]); number(b, "entry_number", w); text(b, "reason", 2000, where=w)
    elif kind == "entry.release":
        members(b, w, ["entry_number", "date", "port", "reference"])
        number(b, "entry_number", w)
        if not is_date(b["date"]): raise Bad(w + "date should be a real date YYYY-MM-DD")
        if not isinstance(b["port"], str) or not re.fullmatch("[0-9]{4}", b["port"]): raise Bad(w + "port should be 4 digits")
        text(b, "reference", 200, where=w)
    elif kind == "checkpoint":
        members(b, w, ["size", "root", "note"])
        integer(b, "size", 0, w); b64n(b, "root", 32, w); text(b, "note", 100000, may_blank=True, where=w)
    elif kind == "reconnect.authorize":
        members(b, w, ["reference", "date", "contact"], ["checkpoint"])
        text(b, "reference", 200, where=w)
        if not is_date(b["date"]): raise Bad(w + "date should be a real date YYYY-MM-DD")
        text(b, "contact", 500, may_blank=True, where=w)
        if "checkpoint" in b:
            c = b["checkpoint"]
            members(c, w + "checkpoint", ["size", "root", "note", "reviewer_key"])
            integer(c, "size", 1, w); b64n(c, "root", 32, w)
            text(c, "note", 65536, may_blank=True, where=w); text(c, "reviewer_key", 1000, may_blank=True, where=w)
    elif kind == "replay.batch":
        members(b, w, ["batch_id", "cutoff", "authorization_seq", "manifest_sha256", "files", "transactions"], ["abi_header"])
        if "abi_header" in b:
            h = b["abi_header"]
            members(h, w + "abi_header", ["site", "sender", "office", "date"], ["user_data", "block_user_data", "contact"])
            for k in ("site", "sender", "office", "user_data", "block_user_data"):
                if k in h: text(h, k, 100, may_blank=True, where=w)
            if not is_date(h["date"]): raise Bad(w + "abi_header date should be a DATE")
            if "contact" in h:
                members(h["contact"], w + "abi_header contact", ["name", "phone"])
                text(h["contact"], "name", 40, where=w)
                if not (isinstance(h["contact"]["phone"], str) and re.fullmatch(r"[0-9]{1,15}", h["contact"]["phone"])): raise Bad(w + "abi_header contact phone should be 1-15 digits")
        text(b, "batch_id", 40, where=w); integer(b, "cutoff", 0, w); integer(b, "authorization_seq", 0, w)
        hexn(b, "manifest_sha256", 32, w)
        if not isinstance(b["files"], list) or not isinstance(b["transactions"], list): raise Bad(w + "files and transactions should be arrays")
        for f in b["files"]:
            members(f, w + "file", ["name", "application", "sha256", "size"])
            n = text(f, "name", 100, where=w)
            if "/" in n or n.startswith("."): raise Bad(w + "file name should be a plain file name")
            if f["application"] not in APPS: raise Bad(w + "file application should be SE or AE")
            hexn(f, "sha256", 32, w); integer(f, "size", 0, w)
        for t in b["transactions"]:
            members(t, w + "transaction", ["entry_number", "application", "action", "version_seq", "version_hash"])
            number(t, "entry_number", w)
            if t["application"] not in APPS or t["action"] not in ("A", "R", "D", "U"): raise Bad(w + "transaction application or action")
            integer(t, "version_seq", 0, w); hexn(t, "version_hash", 32, w)
    elif kind == "ace.response":
        members(b, w, ["file", "sha256", "results", "batch_errors", "unmatched"], ["control", "part"])
        if "control" in b and not (isinstance(b["control"], str) and len(b["control"]) == 80 and b["control"][8:14] == " " * 6):
            raise Bad(w + "control should be the 80-character A record with positions 9-14 as spaces")
        if "part" in b:
            members(b["part"], w + "part", ["index", "count"])
            integer(b["part"], "index", 1, w); integer(b["part"], "count", 1, w)
            if b["part"]["index"] > b["part"]["count"]: raise Bad(w + "part index should be at most its count")
        text(b, "file", 255, where=w); hexn(b, "sha256", 32, w)
        strings(b, "batch_errors", 100000, 2000, where=w); strings(b, "unmatched", 100000, 2000, where=w)
        if not isinstance(b["results"], list): raise Bad(w + "results should be an array")
        for r in b["results"]:
            members(r, w + "result", ["entry_number", "application", "outcome", "rejected", "messages"])
            number(r, "entry_number", w)
            if r["application"] not in APPS: raise Bad(w + "result application should be SE or AE")
            text(r, "outcome", where=w)
            if type(r["rejected"]) is not bool: raise Bad(w + "result rejected should be true or false")
            strings(r, "messages", 1000, 2000, allow_empty=True, where=w)
    elif kind == "ledger.setting":
        members(b, w, ["setting", "name", "phone"])
        if b["setting"] != "abi-contact": raise Bad(w + "setting should be abi-contact")
        if not isinstance(b["name"], str) or not re.fullmatch("[A-Z0-9 ]{1,40}", b["name"]) or blank(b["name"]): raise Bad(w + "name should be 1-40 upper-case letters, digits and spaces")
        if not isinstance(b["phone"], str) or not re.fullmatch("[0-9]{1,15}", b["phone"]): raise Bad(w + "phone should be 1-15 digits")
    else:
        raise Bad("unknown record kind %r" % kind)


# ---------------------------------------------------------------- the ledger state (section 6)

class State:
    def __init__(self):
        self.origin = self.filer = None
        self.drill = False
        self.personal_key = None  # the genesis personal_data_key (5.12), if any
        self.genesis = None
        self.keys = {}            # key id -> dict(pub, role, name, enrolled, revoked)
        self.incident_open = self.incident_closed = None
        self.ranges = []
        self.entries = {}         # normal number -> dict(add, vseq, vhash, voided, apps)
        self.order = []           # numbers in the order added
        self.auth = None          # (seq, body) of the latest valid authorisation
        self.batches = 0
        self.sent = {}            # (number, app) -> (batch seq, tx)
        self.answers = {}         # (number, app) -> [(seq, result)]
        self.pending = None       # the cutoff, when the last valid batch's plan did not fit in it
        self.pending_in = None    # ... as it stood before the record being checked
        self.leaves = []

    def root(self, n): return merkle_root(self.leaves[:n])


def apps_of(entry): return [a for a, k in (("SE", "cargo_release"), ("AE", "entry_summary")) if k in entry]


def plan(st, cutoff):
    """5.10.1 step 3: the items the ledger says must go to ACE now."""
    items = []
    for n in st.order:
        e = st.entries[n]
        if e["add"] >= cutoff: continue
        apps = [a for a in APPS if a in e["apps"] or (n, a) in st.sent]
        for a in apps:
            def item(action): items.append({"entry_number": n, "application": a, "action": action,
                                            "version_seq": e["vseq"], "version_hash": e["vhash"]})
            sent = st.sent.get((n, a))
            if sent is None:
                if e["voided"] is None: item("A")
                continue
            s, tx = sent
            if tx["action"] == "D": continue
            later = [r for q, r in st.answers.get((n, a), []) if q > s]
            if later and later[-1]["rejected"]:
                # Not on file: nothing to replace, so an add; a batch rejected whole goes again as it was.
                on_file = any(not r["rejected"] and r["outcome"] != "referred" for q, r in st.answers.get((n, a), []))
                if e["voided"] is None and (later[-1]["outcome"] == "batch-rejected" or e["vseq"] > tx["version_seq"]): item("R" if on_file else "A")
                continue
            if e["voided"] is not None and e["voided"] > s: item("D")
            elif e["vseq"] > tx["version_seq"]: item("R")
    return items


def manifest_bytes(st, b, auth_seq, auth):
    m = {"format": "entryledger-replay-manifest", "version": 1, "batch_id": b["batch_id"], "origin": st.origin,
         "cutoff": b["cutoff"], "authorization": {"seq": auth_seq, "reference": auth["reference"]},
         "files": b["files"], "entries": b["transactions"]}
    if "checkpoint" in auth: m["checkpoint"] = {"size": auth["checkpoint"]["size"], "root": auth["checkpoint"]["root"]}
    if getattr(st, "drill", False): m["test"] = True
    return jcs(m).encode() + b"\n"


def batch_rules(st, seq, b, p):
    """5.10.1: the batch at `seq` re-derived from the ledger before it. Returns the cutoff when
    the plan did not fit in this batch (the next record must continue it)."""
    if st.auth is None: p(seq, "no reconnection authorisation precedes this batch"); return None
    auth_seq, auth = st.auth
    if b["authorization_seq"] != auth_seq:
        p(seq, "authorization_seq %d is not the latest authorisation before the batch (seq %d)" % (b["authorization_seq"], auth_seq))
    if "checkpoint" in auth: cutoff = auth["checkpoint"]["size"]
    elif st.pending_in is not None: cutoff = st.pending_in
    else: cutoff = seq
    if b["cutoff"] != cutoff:
        p(seq, "cutoff %d should be %d (%s)" % (b["cutoff"], cutoff, "the authorised checkpoint's size" if "checkpoint" in auth else "the first batch of this replay"))
    items = plan(st, cutoff)
    if not items: p(seq, "the ledger gives nothing to send: this batch should not exist")
    numbers = []
    for it in items:
        if it["entry_number"] not in numbers: numbers.append(it["entry_number"])
    here = set(numbers[:MAX_ENTRIES_PER_BATCH])
    expected = [it for a in APPS for it in items if it["application"] == a and it["entry_number"] in here]
    got = b["transactions"]
    if got != expected:
        exp = {(t["entry_number"], t["application"]): t for t in expected}
        have = {(t["entry_number"], t["application"]): t for t in got}
        said = False
        for k, t in have.items():
            if k not in exp:
                p(seq, "transaction %s %s %s: the ledger gives nothing to send for it (not an entry before the cutoff, voided before it was sent, already sent, or deleted)" % (t["action"], k[0], k[1])); said = True
            elif exp[k] != t:
                e = exp[k]
                what = "action %s should be %s" % (t["action"], e["action"]) if t["action"] != e["action"] else \
                       "version_seq/version_hash %d/%s should be %d/%s" % (t["version_seq"], t["version_hash"][:12], e["version_seq"], e["version_hash"][:12])
                p(seq, "transaction %s %s: %s" % (k[0], k[1], what)); said = True
        for k, t in exp.items():
            if k not in have: p(seq, "transaction %s %s %s is missing from the batch" % (t["action"], k[0], k[1])); said = True
        if len(got) != len(have): p(seq, "a transaction appears twice"); said = True
        if not said: p(seq, "transactions are not in the order the ledger gives (SE first, then AE, entries in the order added)")
    want_id = "B%04d" % (st.batches + 1)
    if b["batch_id"] != want_id: p(seq, "batch_id %s should be %s (batch ids count the ledger's batches)" % (b["batch_id"], want_id))
    apps = [a for a in APPS if any(t["application"] == a for t in got)]
    test = "-TEST" if st.drill else ""
    if [(f["application"], f["name"]) for f in b["files"]] != [(a, "%s-%s%s.abi" % (b["batch_id"], a, test)) for a in apps]:
        p(seq, "files should be one BATCH_ID-APP%s.abi per application with transactions, SE first" % test)
    if sha(manifest_bytes(st, b, b["authorization_seq"], auth)).hex() != b["manifest_sha256"]:
        p(seq, "manifest_sha256 is not the SHA-256 of the manifest this record determines")
    return cutoff if len(numbers) > MAX_ENTRIES_PER_BATCH else None


def rules(st, seq, kind, b, kid, p):
    """Section 5's rules that read the state; returns an effect to apply if the record is valid."""
    if kind == "key.enroll":
        msg = b"entryledger-key-proof-v1\x00" + jcs({"name": b["name"], "public_key": b["public_key"]}).encode()
        if not ed_ok(b64(b["public_key"]), b64(b["proof"]), msg): p(seq, "proof of possession does not verify")
        if b["key_id"] in st.keys: p(seq, "key %s was already enrolled at seq %d" % (b["key_id"], st.keys[b["key_id"]]["enrolled"]))
        if any(k["name"] == b["name"] and k["revoked"] is None for k in st.keys.values()): p(seq, "the name %s is held by an active key" % b["name"])
        return lambda: st.keys.__setitem__(b["key_id"], dict(pub=b64(b["public_key"]), role="clerk", name=b["name"], enrolled=seq, revoked=None, body=b))
    if kind == "key.revoke":
        k = st.keys.get(b["key_id"])
        if k is None: p(seq, "key %s to revoke is not enrolled" % b["key_id"])
        elif k["role"] == "supervisor": p(seq, "the supervisor key cannot be revoked")
        elif k["revoked"] is not None: p(seq, "key %s was already revoked at seq %d" % (b["key_id"], k["revoked"]))
        elif k["name"] != b["name"]: p(seq, "key %s belongs to %s, not %s" % (b["key_id"], k["name"], b["name"]))
        return lambda: st.keys[b["key_id"]].__setitem__("revoked", seq)
    if kind == "incident.open":
        if st.incident_open is not None: p(seq, "the incident was already opened at seq %d" % st.incident_open)
        return lambda: setattr(st, "incident_open", seq)
    if kind in ("incident.comm", "incident.evidence"):
        if st.incident_open is None: p(seq, "%s before incident.open" % kind)
        return None
    if kind == "incident.close":
        if st.incident_open is None: p(seq, "incident.close before incident.open")
        if st.incident_closed is not None: p(seq, "the incident was already closed at seq %d" % st.incident_closed)
        return lambda: setattr(st, "incident_closed", seq)
    if kind == "numbers.reserve":
        f, l = int(b["first"][4:11]), int(b["last"][4:11])
        if any(a <= l and f <= z for a, z in st.ranges): p(seq, "reserved range %s to %s overlaps an earlier one" % (b["first"], b["last"]))
        return lambda: st.ranges.append((f, l))
    if kind in ("entry.add", "entry.amend", "entry.void", "entry.release"):
        n = normal_number(b["entry"]["entry_number"]) if kind == "entry.add" else b["entry_number"]
        e = st.entries.get(n)
        if kind == "entry.add":
            if e is not None: p(seq, "entry number %s already used by the entry at seq %d: one entry number, one entry" % (n, e["add"]))
            def add():
                st.entries[n] = dict(add=seq, vseq=seq, vhash=st.leaves[seq].hex(), voided=None, apps=apps_of(b["entry"]))
                st.order.append(n)
            return add
        if e is None: p(seq, "%s of entry number %s, which no entry.add holds" % (kind, n)); return None
        if e["voided"] is not None: p(seq, "%s of entry number %s, voided at seq %d" % (kind, n, e["voided"])); return None
        if kind == "entry.amend": return lambda: e.update(vseq=seq, vhash=st.leaves[seq].hex(), apps=apps_of(b["entry"]))
        if kind == "entry.void": return lambda: e.update(voided=seq)
        return None
    if kind == "checkpoint":
        if b["size"] != seq: p(seq, "checkpoint size %d should be %d, the records before it" % (b["size"], seq))
        try:
            origin, size, root, ext = supervisor_signed(b["note"], st.origin, st.genesis["pub"])
            if origin != st.origin or size != b["size"] or root != b64(b["root"]) or ext: p(seq, "the checkpoint note does not say this record's origin, size and root, or has extension lines")
        except Exception as e: p(seq, "checkpoint note: %s" % e)
        if b64(b["root"]) != st.root(seq): p(seq, "checkpoint root is not the root of the records before it")
        return None
    if kind == "reconnect.authorize":
        c = b.get("checkpoint")
        if c is not None:
            try:
                origin, size, root, _ = supervisor_signed(c["note"], st.origin, st.genesis["pub"])
                if origin != st.origin: p(seq, "the authorised checkpoint is another ledger's")
                if size != c["size"] or root != b64(c["root"]): p(seq, "the authorisation's checkpoint size and root differ from the note's")
                cosigned(c["note"], c["reviewer_key"])
            except Exception as e: p(seq, "authorised checkpoint: %s" % e)
            if c["size"] > seq: p(seq, "the authorised checkpoint covers %d records, more than the %d before the authorisation" % (c["size"], seq))
        return lambda: setattr(st, "auth", (seq, b))
    if kind == "replay.batch":
        more = batch_rules(st, seq, b, p)
        def apply():
            st.batches += 1
            for t in b["transactions"]: st.sent[(t["entry_number"], t["application"])] = (seq, t)
            st.pending = more
        return apply
    if kind == "ace.response":
        if st.batches == 0: p(seq, "no replay batch precedes this ACE response")
        for r in b["results"]:
            if (r["entry_number"], r["application"]) not in st.sent:
                p(seq, "result for %s %s, which no batch sent" % (r["entry_number"], r["application"]))
        def apply():
            for r in b["results"]: st.answers.setdefault((r["entry_number"], r["application"]), []).append((seq, r))
        return apply
    return None


# ---------------------------------------------------------------- the walk

def read_lines(path, p):
    data = open(path, "rb").read()
    lines = data.split(b"\n")
    last = lines.pop()
    if last != b"":
        if len(last) > MAX_LINE: p(len(lines), "ledger.jsonl line %d: longer than %d bytes; reading stopped" % (len(lines) + 1, MAX_LINE))
        else: p(len(lines), "ledger.jsonl line %d: the last line has no newline: truncated, not read" % (len(lines) + 1))
    for i, l in enumerate(lines):
        if len(l) > MAX_LINE:
            p(i, "ledger.jsonl line %d: longer than %d bytes; reading stopped" % (i + 1, MAX_LINE))
            return lines[:i]
    return lines


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
    lines = read_lines(os.path.join(bundle, "ledger.jsonl"), p)
    st = State()
    evidence, batches, responses, checkpoint_records, auth_roots = [], [], [], [], []
    abi_contacts = {"now": None}  # the SE13 contact in force (latest valid ledger.setting), and at each batch's seq
    for seq, raw in enumerate(lines):
        ok = [True]
        def q(s, msg): ok[0] = False; p(s, msg)
        try:
            obj = canonical(raw)
            if not isinstance(obj, dict) or set(obj) != {"payload", "seq", "signature"}: raise ValueError("members should be payload, seq and signature")
            if not is_int(obj["seq"]) or not isinstance(obj["payload"], str): raise ValueError("seq or payload of the wrong type")
            payload = obj["payload"].encode("utf-8")
            sig = b64(obj["signature"])
        except Exception as e:
            p(seq, "ledger.jsonl line %d: %s" % (seq + 1, e)); st.leaves.append(b""); st.pending = None; continue
        st.pending_in, st.pending = st.pending, None
        if obj["seq"] != seq: q(seq, "line %d holds seq %r" % (seq + 1, obj["seq"]))
        h = sha(b"\x00" + payload + sig)
        st.leaves.append(h)
        prev = st.leaves[seq - 1] if seq else bytes(32)
        if len(sig) != 64: q(seq, "signature should be 64 bytes")
        try:
            if len(payload) > MAX_PAYLOAD: raise ValueError("payload larger than 1 MiB")
            pl = canonical(payload)
            if not isinstance(pl, dict) or set(pl) != {"v", "origin", "seq", "prev", "time", "kind", "key", "body"}: raise ValueError("payload members")
            if not is_int(pl["v"]) or pl["v"] != 1: raise ValueError("v should be 1")
            if not isinstance(pl["origin"], str) or not pl["origin"]: raise ValueError("origin")
            if not is_int(pl["seq"]) or pl["seq"] < 0: raise ValueError("seq")
            if not isinstance(pl["prev"], str) or not re.fullmatch("[0-9a-f]{64}", pl["prev"]): raise ValueError("prev should be 64 lower-case hex")
            if not is_time(pl["time"]): raise ValueError("time should be YYYY-MM-DDTHH:MM:SSZ, a real time")
            if not isinstance(pl["kind"], str) or not pl["kind"]: raise ValueError("kind")
            if not isinstance(pl["key"], str) or not re.fullmatch("[0-9a-f]{32}", pl["key"]): raise ValueError("key should be a key id")
            if not isinstance(pl["body"], dict): raise ValueError("body should be an object")
            if any(ord(c) > 127 for k in _names(pl["body"]) for c in k): raise ValueError("a member name is not ASCII")
        except Exception as e:
            q(seq, "malformed payload: %s" % e); continue
        if pl["seq"] != seq: q(seq, "payload says seq %s" % pl["seq"])
        if pl["prev"] != prev.hex(): q(seq, "prev does not match the previous record's hash")
        kind, body, kid = pl["kind"], pl["body"], pl["key"]
        if (seq == 0) != (kind == "genesis"):
            q(seq, "the first record must be the genesis, and only the first"); continue
        if st.pending_in is not None and kind != "replay.batch":
            q(seq, "the batch before this record did not hold all of its plan: this record should be the next replay.batch")
        try:
            well_formed(kind, body, st.filer)
        except Bad as e:
            q(seq, str(e)); continue
        if seq == 0:
            pub = b64(body["supervisor"]["public_key"])
            if pub != trusted_pub: q(0, "the genesis names another supervisor key than the trusted one")
            origin = "entryledger/%s/%s" % (body["filer"], body["ledger_id"])
            if pl["origin"] != origin: q(0, "genesis origin should be " + origin)
            if kid != body["supervisor"]["key_id"]: q(0, "the genesis must be signed by the supervisor key it names")
            if not ed_ok(pub, sig, b"entryledger-record-v1\x00" + payload): q(0, "signature does not verify")
            st.origin, st.filer, st.drill = origin, body["filer"], body.get("drill") is True
            st.personal_key = b64(body["personal_data_key"]) if "personal_data_key" in body else None
            st.genesis = st.keys[body["supervisor"]["key_id"]] = dict(pub=pub, role="supervisor", name=body["supervisor"]["name"], enrolled=0, revoked=None, body=body)
            if not ok[0]: break       # nothing after a bad genesis can be judged
            continue
        if pl["origin"] != st.origin: q(seq, "origin is not this ledger's")
        k = st.keys.get(kid)
        if k is None: q(seq, "signed by key %s, not enrolled" % kid); continue
        if k["revoked"] is not None and seq > k["revoked"]: q(seq, "signed by %s after its revocation at seq %d" % (k["name"], k["revoked"]))
        if kind in SUPERVISOR_ONLY and k["role"] != "supervisor": q(seq, "a %s may not sign %s" % (k["role"], kind))
        if not ed_ok(k["pub"], sig, b"entryledger-record-v1\x00" + payload): q(seq, "signature does not verify")
        effect = rules(st, seq, kind, body, kid, q)
        if kind in ("entry.add", "entry.amend"):
            for msg in personal_data_problems(body.get("entry"), st.personal_key): q(seq, msg)
        if kind == "incident.evidence": evidence.append((seq, body))
        elif kind == "replay.batch": batches.append((seq, body))
        elif kind == "ace.response": responses.append((seq, body))
        elif kind == "checkpoint": checkpoint_records.append((seq, body))
        elif kind == "reconnect.authorize" and "checkpoint" in body: auth_roots.append((seq, body["checkpoint"]))
        if ok[0] and effect: effect()
        abi_contact_walk(abi_contacts, seq, kind, body, ok[0])
    n = len(lines)
    if n == 0: p(None, "the ledger holds no records")
    if st.pending is not None: p(n, "the last batch did not hold all of its plan: the next replay.batch is missing")
    # After the walk (section 6): authorised roots, files, completeness (7.7).
    for seq, c in auth_roots:
        if c["size"] <= n and b64(c["root"]) != st.root(c["size"]): p(seq, "the authorised checkpoint's root is not this ledger's root at size %d: the reviewer cosigned a different history" % c["size"])
    def file_is(path, sha_hex, size=None):
        if not os.path.isfile(path): return "missing"
        d = open(path, "rb").read()
        return None if sha(d).hex() == sha_hex and (size is None or len(d) == size) else "changed"
    for seq, b in evidence:
        why = file_is(os.path.join(bundle, "evidence", b["sha256"] + "-" + b["name"]), b["sha256"], b["size"])
        if why: p(seq, "evidence file %s is %s" % (b["name"], why))
    response_problems(bundle, responses, batches, p)   # each read again from its file (ace-responses.md)
    for seq, b in batches:
        folder = os.path.join(bundle, "batches", b["batch_id"])
        if "/" in b["batch_id"] or b["batch_id"].startswith("."): p(seq, "batch id is not a plain name"); continue
        why = file_is(os.path.join(folder, "manifest.json"), b["manifest_sha256"])
        if why: p(seq, "batch %s manifest.json is %s" % (b["batch_id"], why))
        for f in b["files"]:
            path = os.path.join(folder, f["name"])
            why = file_is(path, f["sha256"], f["size"])
            if why: p(seq, "batch %s file %s is %s" % (b["batch_id"], f["name"], why)); continue
            problem = abi_headers(open(path, "rb").read(), f["application"], [t for t in b["transactions"] if t["application"] == f["application"]])
            if problem: p(seq, "batch %s file %s: %s" % (b["batch_id"], f["name"], problem))
    rerender_batches(bundle, lines, batches, abi_contacts, p)
    for seq, b in checkpoint_records:
        path = os.path.join(bundle, "checkpoints", "checkpoint-%d.txt" % b["size"])
        if not os.path.isfile(path) or open(path, "rb").read() != b["note"].encode(): p(seq, "checkpoints/checkpoint-%d.txt is missing or is not this record's note" % b["size"])
    if st.genesis:
        g = st.genesis["body"]["supervisor"]
        want = jcs({"format": "entryledger-public-key", "version": 1, "name": g["name"], "public_key": g["public_key"], "key_id": g["key_id"]}).encode() + b"\n"
        path = os.path.join(bundle, "keys", "supervisor.pub")
        if not os.path.isfile(path) or open(path, "rb").read() != want: p(0, "keys/supervisor.pub is missing or is not the genesis's supervisor key")
        for kid, k in st.keys.items():
            if k["role"] == "supervisor": continue
            b = k["body"]
            want = jcs({"format": "entryledger-public-key", "version": 1, "name": b["name"], "public_key": b["public_key"], "key_id": kid, "proof": b["proof"]}).encode() + b"\n"
            path = os.path.join(bundle, "keys", kid + ".pub")
            if not os.path.isfile(path) or open(path, "rb").read() != want: p(k["enrolled"], "keys/%s.pub is missing or is not the enrolled key" % kid)
    # Checkpoints: the bundle's own and those given (7.6).
    folder = os.path.join(bundle, "checkpoints")
    files = [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if not f.startswith(".")] if os.path.isdir(folder) else []
    agreed = [b["size"] for _, b in checkpoint_records]
    mismatched = []
    for path in files + list(given_checkpoints):
        try:
            note = open(path, "rb").read().decode("utf-8")
            origin, size, root, _ = supervisor_signed(note, st.origin or "", trusted_pub)
        except Exception as e:
            p(None, "%s: not a checkpoint signed by the trusted key: %s" % (path, e)); continue
        if origin != st.origin: p(None, "%s: another ledger's checkpoint" % path)
        elif size > n: p(n, "%s: the ledger is cut short: it holds %d records, the checkpoint %d" % (path, n, size))
        elif root != st.root(size): mismatched.append((path, size))
        else: agreed.append(size)
    for path, size in mismatched:
        frm = max([a for a in agreed if a < size], default=0)
        p(frm, "%s: the ledger's root at size %d differs: history rewritten after seq %d" % (path, size, frm))
    # The end marker, written last by export: without it, or naming other records, the bundle is incomplete.
    try:
        end = strict(open(os.path.join(bundle, "bundle-end.json"), encoding="utf-8").read())
        if end.get("format") != "entryledger-bundle-end": p(None, "bundle-end.json is not an end marker")
        elif end.get("records") != n: p(None, "bundle-end.json says %r records, ledger.jsonl holds %d: incomplete" % (end.get("records"), n))
        elif b64(end.get("root", "")) != st.root(n): p(None, "bundle-end.json names another Merkle root")
    except OSError:
        p(None, "no bundle-end.json: the bundle is incomplete (an export that did not finish)")
    return n, problems, st.drill


# ---------------------------------------------------------------- ACE response files (5.10, ace-responses.md)
# Every ace.response record checked against its archived file by reading the file again, as
# schemas/ace-responses.md "What verify checks" says: the answers (entry, application, outcome,
# rejected) in order, the number of batch conditions, the control header, the parts, the batch
# named, each file once. Kept in its own functions.

MAX_RESPONSE_FILE = 16 << 20
RESULTS_PER_PART = 2000
RESPONSE_IDS = {
    "SX": {"SE10", "SE11", "SE13", "SE15", "SE16", "SE20", "SE30", "SE35", "SE36", "SE40", "SE41", "SE50", "SE55", "SE56",
           "SE60", "SE61", "SE17", "SE31", "SE51", "SF10", "SE90", "X0", "X1"},
    "SO": {"SO10", "SO20", "SO30", "SO40", "SO42", "SO50", "SO60", "SO70", "SO71", "SO72", "X0", "X1"},
    "AX": {"E0", "E1", "X0", "X1"},
    "UC": {"E1", "E2", "E3", "E4", "SO70", "SO71", "SO72", "X0", "X1"},
}
IDS4 = {i for s in RESPONSE_IDS.values() for i in s if len(i) == 4}
IDS2 = {i for s in RESPONSE_IDS.values() for i in s if len(i) == 2}


class Unreadable(Exception):
    """The file is refused whole (ace-responses.md, "Reading a file")."""


def field(line, a, b):
    """Positions a-b (1-based, inclusive), without leading and trailing spaces."""
    return line[a - 1:b].strip(" ")


def digits(s): return s.isdigit() and s.isascii() and len(s) <= 12


def entry_at(line, fa, fb, na, nb):
    """The normal-form entry number of a filer code field and an 8-digit number field, or None."""
    f, n = field(line, fa, fb), field(line, na, nb)
    if len(f) != 3 or not re.fullmatch("[A-Z0-9]{3}", f) or not re.fullmatch("[0-9]{8}", n): return None
    return normal_number(f + n)


def read_response(data):
    """The file's application, batch ids named, dispositions [(number, outcome)] in file order
    and batch conditions [(type, occurrence, position, rejected)]. Raises Unreadable."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"": lines.pop()                              # the newline ending the last line
    if lines and lines[-1] in (b"", b"\r"): lines.pop()                      # a last line that is empty
    app, named, disp, conds = None, [], [], []
    block = None          # dict(port, filer, app, records) while a block is open
    z = False
    open_ = None          # ("SX"|"SO"|"AX"|"UC", index or None)
    pending = None        # index of a disposition still waiting for its outcome
    cond = None           # index of the batch condition X1s attach to
    def close():
        nonlocal pending, open_
        if pending is not None: disp[pending] = None      # never got its outcome: not recorded
        pending, open_ = None, None
    for raw in lines:
        if raw.endswith(b"\r"): raw = raw[:-1]
        if z: raise Unreadable("a record after Z")
        first = raw[:1]
        envelope = first in (b"A", b"B", b"Y", b"Z")
        if len(raw) != 80 or any(c < 0x20 or c > 0x7E for c in raw):
            if envelope or app is None: raise Unreadable("a line that is not 80 printable characters")
            continue
        line = raw.decode("ascii")
        if app is None and first != b"A": raise Unreadable("no A record first")
        if envelope:
            if first == b"A":
                if app is not None: raise Unreadable("a second A")
                app = field(line, 26, 27)
                if app not in RESPONSE_IDS: raise Unreadable("A application %r" % app)
                if field(line, 60, 80): named.append(field(line, 60, 80))
            elif first == b"B":
                if block is not None: raise Unreadable("B inside a block")
                if line[79] == "B" and line[1:79] == " " * 78:
                    block = dict(port="", filer="", app=app, records=0)
                    continue
                if field(line, 11, 12) != app: raise Unreadable("B of another application")
                block = dict(port=field(line, 4, 7), filer=field(line, 8, 10), app=app, records=0)
                if field(line, 60, 79): named.append(field(line, 60, 79))
            elif first == b"Y":
                if block is None: raise Unreadable("Y without B")
                if line[79] != "Y" and block["port"] != "":
                    if (field(line, 4, 7), field(line, 8, 10), field(line, 11, 12)) != (block["port"], block["filer"], block["app"]):
                        raise Unreadable("Y differs from its B")
                close(); block = None
            else:
                if block is not None: raise Unreadable("Z inside a block")
                close(); z = True
            continue
        if block is None:
            if line[:2] in ("X0", "X1"): cond = condition(line, line[:2], conds, cond)
            continue
        block["records"] += 1
        rid = line[:4] if line[:4] in IDS4 else line[:2] if line[:2] in IDS2 else None
        if rid is None or rid not in RESPONSE_IDS[app]: continue
        if rid in ("X0", "X1"):
            cond = condition(line, rid, conds, cond); continue
        if app == "SX":
            if rid == "SE10":
                close()
                n = entry_at(line, 6, 8, 11, 18)
                if n is None: open_ = ("SX", None); continue
                disp.append([n, "referred"]); pending = len(disp) - 1; open_ = ("SX", pending)
            elif rid == "SE90" and open_ and open_[0] == "SX" and open_[1] is not None:
                t = line[4:6]
                if t in ("01", "02", "03", "04"):
                    disp[open_[1]][1] = {"01": "rejected", "02": "accepted", "03": "accepted-with-warnings", "04": "referred"}[t]
                    pending = None
        elif app == "SO":
            if rid == "SO10":
                close()
                n = entry_at(line, 9, 11, 14, 21)
                if n is None: open_ = ("SO", None); continue
                disp.append([n, "bill-"]); pending = len(disp) - 1; open_ = ("SO", pending)
            elif rid in ("SO50", "SO60") and open_ and open_[0] == "SO" and open_[1] is not None:
                code = field(line, 15, 16)
                if not re.fullmatch("[A-Z0-9]{2}", code): continue
                i = open_[1]
                if rid == "SO60":
                    disp[i][1] = {"98": "released", "97": "admissible", "04": "detained", "23": "cancelled"}.get(code, "status-" + code)
                elif disp[i][1].startswith("bill-"):
                    disp[i][1] = "bill-" + code
                pending = None
        elif app == "AX":
            if rid == "E0":
                typ, occ = field(line, 4, 9), field(line, 11, 16)
                if not digits(occ) or not typ or field(line, 18, 24) != "REF ID:": continue
                if typ == "SUMMRY":
                    close()
                    n = entry_at(line, 26, 28, 30, 37)
                    if n is None: open_ = ("AX", None); continue
                    disp.append([n, "rejected"]); pending = len(disp) - 1; open_ = ("AX", pending)
            elif open_ and open_[0] == "AX" and open_[1] is not None:
                d, sev = field(line, 3, 3), field(line, 4, 4)
                if d not in ("", "A", "R") or sev not in ("", "F", "W", "P", "I") or d == "": continue
                if field(line, 56, 63):
                    n = entry_at(line, 51, 53, 56, 63)
                    if n is None or n != disp[open_[1]][0]: continue
                disp[open_[1]][1] = "accepted" if d == "A" else "rejected"
                pending = None; open_ = ("AX", None)
        else:  # UC
            if rid == "E1":
                close()
                t = field(line, 3, 3)
                n = entry_at(line, 51, 53, 56, 63)
                if len(t) != 1 or n is None: open_ = ("UC", None); continue
                disp.append([n, "rejected-after-acceptance" if t == "4" else "uc-" + t]); open_ = ("UC", len(disp) - 1)
    if block is not None: raise Unreadable("a block without its Y")
    if app is None: raise Unreadable("no records")
    if not z: raise Unreadable("no Z")
    return app, named, [tuple(d) for d in disp if d is not None], conds


def condition(line, rid, conds, cond):
    """An X0 opens a batch condition, X1s attach to it (or open one for the whole batch); X1 R rejects and ends it."""
    if rid == "X0":
        typ, occ = field(line, 4, 9), field(line, 11, 16)
        if not digits(occ) or typ not in ("BLOCK", "TRNACT") or field(line, 18, 24) != "REF ID:": return cond
        pos = None
        if typ == "TRNACT":
            pos = field(line, 26, 32)
            if not digits(pos): return cond
            pos = int(pos)
        conds.append([typ, int(occ), pos, False]); return len(conds) - 1
    d, sev = field(line, 3, 3), field(line, 4, 4)
    if d not in ("", "R") or sev not in ("", "F", "W", "P", "I"): return cond
    if cond is None:
        conds.append([None, None, None, False]); cond = len(conds) - 1
    if d == "R":
        conds[cond][3] = True; return None
    return cond


def batch_headers(data, app):
    """The archived batch file's lines, and for each its transaction header's entry number (or None)."""
    out = []
    for l in data.decode("ascii", "replace").split("\n"):
        n = None
        if len(l) == 80 and app == "SE" and l.startswith("SE10"): n = entry_at(l, 6, 8, 11, 18)
        if len(l) == 80 and app == "AE" and l.startswith("10"): n = entry_at(l, 4, 6, 9, 16)
        out.append((l, n))
    return out


def response_answers(bundle, data, before):
    """What ack records from the file, matched against the batches recorded before it:
    (results [(number, app, outcome, rejected)], number of batch conditions), or a reason it refuses."""
    try: rapp, named, disp, conds = read_response(data)
    except Unreadable as e: return "the file does not read as ACE responses (%s)" % e
    app = "AE" if rapp in ("AX", "UC") else "SE"
    batch = None
    for bid in named:
        if bid == "DRILL": continue
        found = [b for b in before if b["batch_id"] == bid]
        if not found: return "the file names batch %s, which no earlier replay.batch recorded" % bid
        if batch is not None and batch["batch_id"] != bid: return "the file names two batches"
        batch = found[-1]
    sent = {(t["entry_number"], t["application"]) for b in before for t in b["transactions"]}
    results = []
    for n, outcome in disp:
        if (n, app) not in sent: return "the file answers %s %s, which no earlier batch sent" % (app, n)
        if rapp in ("SX", "AX") and batch is not None and not any(t["entry_number"] == n and t["application"] == app for t in batch["transactions"]):
            return "the file answers %s %s, which batch %s did not carry" % (app, n, batch["batch_id"])
        results.append((n, app, outcome, outcome in ("rejected", "rejected-after-acceptance")))
    for typ, occ, pos, rejected in conds:
        if not rejected or batch is None: continue
        f = [x for x in batch["files"] if x["application"] == app]
        path = os.path.join(bundle, "batches", batch["batch_id"], f[0]["name"]) if f else None
        if path is None or not os.path.isfile(path): continue
        bdata = open(path, "rb").read()
        if sha(bdata).hex() != f[0]["sha256"]: continue
        lines = batch_headers(bdata, app)
        if typ == "TRNACT":
            n = None
            if 1 <= pos <= len(lines):
                for l, h in reversed(lines[:pos]):
                    if h is not None: n = h; break
                    if l.startswith("B") or l.startswith("A"): break
            if n is not None: results.append((n, app, "transaction-rejected", True))
            continue
        k, block = occ if typ == "BLOCK" else None, 0
        for l, h in lines:
            if l.startswith("B"): block += 1; continue
            if (k is None or block == k) and h is not None: results.append((h, app, "batch-rejected", True))
    if not results and not conds: return "nothing in the file matches an entry this ledger sent"
    return results, len(conds)


def control_of(data):
    first = data[:81].split(b"\n")[0].split(b"\r")[0]
    if len(first) != 80 or first[:1] != b"A" or any(c < 0x20 or c > 0x7E for c in first): return None
    return (first[:8] + b" " * 6 + first[14:]).decode("ascii")


def response_problems(bundle, responses, batches, p):
    """Each ace.response (its parts) against its archived file, as of its seq."""
    groups, seen = [], {}
    for seq, b in responses:
        g = groups[-1] if groups else None
        part = b.get("part")
        if g and part and part["index"] > 1 and seq == g[-1][0] + 1 and part["index"] == len(g) + 1 and g[0][1].get("part") \
                and part["count"] == g[0][1]["part"]["count"] and all(b.get(k) == g[0][1].get(k) for k in ("file", "sha256", "control")):
            g.append((seq, b)); continue
        if part and part["index"] != 1: p(seq, "[ace.response-parts] ACE response %s: part %d does not follow part %d at the seq before it" % (b["file"], part["index"], part["index"] - 1))
        groups.append([(seq, b)])
    for g in groups:
        seq, b = g[0]
        if "part" in b and len(g) != b["part"]["count"]: p(seq, "[ace.response-parts] ACE response %s is recorded in %d of its %d parts" % (b["file"], len(g), b["part"]["count"]))
        if b["sha256"] in seen: p(seq, "[ace.response-once] ACE response %s: the file was already recorded at seq %d: each response once" % (b["file"], seen[b["sha256"]]))
        else: seen[b["sha256"]] = seq
        if "/" in b["file"] or b["file"].startswith("."): p(seq, "[ace.response-file-name] response file name %r is not a plain name" % b["file"]); continue
        path = os.path.join(bundle, "responses", b["sha256"] + "-" + b["file"])
        if not os.path.isfile(path) or os.path.islink(path): p(seq, "[ace.response-file-missing] ACE response file %s is missing" % b["file"]); continue
        if os.path.getsize(path) > MAX_RESPONSE_FILE: p(seq, "[ace.response-file-missing] ACE response file %s is larger than 16 MiB" % b["file"]); continue
        data = open(path, "rb").read()
        if sha(data).hex() != b["sha256"]: p(seq, "[ace.response-file-sha256] ACE response file %s is changed" % b["file"]); continue
        got = response_answers(bundle, data, [x for s, x in batches if s < seq])
        if isinstance(got, str):
            p(seq, "[%s] ACE response %s: %s: ack refuses such a file" % ("ace.response-file-unreadable" if got.startswith("the file does not read") else "ace.response-batch", b["file"], got)); continue
        results, nconds = got
        recorded = [(r["entry_number"], r["application"], r["outcome"], r["rejected"]) for _, x in g for r in x["results"]]
        if recorded != results:
            p(seq, "[ace.response-results] ACE response %s: the records say %s; the file gives %s" % (b["file"], recorded[:5], results[:5]))
        if sum(len(x["batch_errors"]) for _, x in g) != nconds:
            p(seq, "[ace.response-conditions] ACE response %s: %d batch condition(s) recorded; the file gives %d" % (b["file"], sum(len(x["batch_errors"]) for _, x in g), nconds))
        if any(x.get("control") != control_of(data) for _, x in g):
            p(seq, "[ace.response-control] ACE response %s: control is not the file's A record with positions 9-14 as spaces" % b["file"])
        n = len(results)
        want = [min(RESULTS_PER_PART, n - i) for i in range(0, n, RESULTS_PER_PART)] or [0]
        parts = [x.get("part") for _, x in g]
        shape = [len(x["results"]) for _, x in g]
        later = any(x["batch_errors"] or x["unmatched"] for _, x in g[1:])
        if len(recorded) == n and (shape != want or later or (parts != [None] if len(want) == 1 else parts != [{"index": i + 1, "count": len(want)} for i in range(len(want))])):
            p(seq, "[ace.response-parts] ACE response %s: should be recorded as %d part(s) of at most %d results, conditions in the first" % (b["file"], len(want), RESULTS_PER_PART))


def _names(v):
    if isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from _names(x)
    elif isinstance(v, list):
        for x in v: yield from _names(x)


def abi_headers(data, app, txs):
    """5.10.1 step 6: 80-character ASCII records; the transaction headers name exactly the TXs."""
    try: text_ = data.decode("ascii")
    except UnicodeDecodeError: return "not ASCII"
    if not text_.endswith("\n"): return "does not end with a newline"
    found = []
    for line in text_[:-1].split("\n"):
        if len(line) != 80: return "a record is not 80 characters"
        if app == "SE" and line.startswith("SE10"): found.append((line[4], line[5:8], line[10:18]))
        if app == "AE" and line.startswith("10"): found.append((line[2], line[3:6], line[8:16]))
    want = [(t["action"], t["entry_number"][:3], t["entry_number"][4:11] + t["entry_number"][12]) for t in txs]
    if sorted(found) != sorted(want): return "its transaction header records do not name exactly the batch's transactions"
    return None


# ---------------------------------------------------------------- 5.10.1 step 6: batch files re-rendered

def abi_contact_walk(contacts, seq, kind, body, valid):
    """During the walk: the contact of the latest valid ledger.setting, and the one in force at each replay.batch."""
    if kind == "ledger.setting" and valid: contacts["now"] = (body["name"], body["phone"])
    if kind == "replay.batch": contacts[seq] = contacts["now"]


def abi_header_differences(data, h):
    """5.10.1 step 6, rule replay.batch-abi-header: the A record's site code 2-5, sender id 6-8,
    date 15-20 (MMDDYY), office code 38-39 and user data 60-80, every B record's office code
    45-46 and filer user data 60-80, and every SE13's contact name 5-44 and phone 45-59 hold
    exactly the abi_header's values, left-justified and padded with spaces."""
    ls = data.split(b"\n")
    if ls and ls[-1] == b"": ls.pop()
    if not ls or len(ls[0]) != 80 or not ls[0].startswith(b"A"): return ["its first record is not an 80-character A record"]
    out = []
    def cmp(line, a, b_, want, label, record):
        got = line[a - 1:b_]
        w = (want or "").encode("utf-8")
        if len(w) > len(got) or got != w.ljust(len(got), b" "):
            out.append("%s %d-%d holds %r, abi_header %s is %r" % (record, a, b_, got.decode("latin-1").rstrip(" "), label, want or ""))
    d = h["date"]
    mmddyy = d[5:7] + d[8:10] + d[2:4] if isinstance(d, str) and re.fullmatch(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}", d) else str(d)
    A = ls[0]
    cmp(A, 2, 5, h["site"], "site", "A"); cmp(A, 6, 8, h["sender"], "sender", "A"); cmp(A, 15, 20, mmddyy, "date (MMDDYY)", "A")
    cmp(A, 38, 39, h["office"], "office", "A"); cmp(A, 60, 80, h.get("user_data"), "user_data", "A")
    blocks = 0
    for i, line in enumerate(ls[1:], start=2):
        if len(line) != 80: continue
        if line.startswith(b"B"):
            blocks += 1
            cmp(line, 45, 46, h["office"], "office", "B (record %d)" % i); cmp(line, 60, 80, h.get("block_user_data"), "block_user_data", "B (record %d)" % i)
        elif line.startswith(b"SE13"):
            if "contact" not in h: out.append("SE13 (record %d) carries a contact, abi_header has none" % i); continue
            cmp(line, 5, 44, h["contact"]["name"], "contact name", "SE13 (record %d)" % i); cmp(line, 45, 59, h["contact"]["phone"], "contact phone", "SE13 (record %d)" % i)
    if not blocks: out.append("it holds no B record")
    return out


def rerender_batches(bundle, lines, batches, contacts, p):
    """Each archived batch file rendered again from the entry versions its record names and the
    file's own A and B records (schemas/abi-mapping.md), compared byte for byte in its archived
    form (password `******`): a difference is a problem naming the batch, the record and column."""
    versions = {}
    def version(seq):
        if seq not in versions:
            versions[seq] = None
            try:
                pl = json.loads(json.loads(lines[seq])["payload"]) if isinstance(seq, int) and 0 <= seq < len(lines) else None
                if pl and pl.get("kind") in ("entry.add", "entry.amend") and isinstance(pl["body"].get("entry"), dict): versions[seq] = pl["body"]["entry"]
            except (ValueError, KeyError, TypeError, AttributeError):
                pass
        return versions[seq]
    for seq, b in batches:
        if "/" in b["batch_id"] or b["batch_id"].startswith("."): continue
        for f in b["files"]:
            path = os.path.join(bundle, "batches", b["batch_id"], f["name"])
            if "/" in f["name"] or f["name"].startswith(".") or not os.path.isfile(path): continue   # reported above
            found = open(path, "rb").read()
            where = "batch %s file %s" % (b["batch_id"], f["name"])
            items, missing = [], []
            for t in b["transactions"]:
                if t["application"] != f["application"]: continue
                e = version(t["version_seq"])
                if e is None: missing.append(t["entry_number"])
                else: items.append((e, t["action"]))
            if missing:
                p(seq, "%s cannot be rendered again: the versions of %s are not entry records" % (where, ", ".join(missing))); continue
            contact = contacts.get(seq)
            if "abi_header" in b:   # the signed header wins: the file must be exactly it, SE13 its contact
                h = b["abi_header"]
                diffs = abi_header_differences(found, h)
                if diffs: p(seq, "[replay.batch-abi-header] %s is not what its signed abi_header says: %s" % (where, "; ".join(diffs)))
                contact = (h["contact"]["name"], h["contact"]["phone"]) if "contact" in h else None
            try:
                want = abi_render.render_batch(f["application"], items, abi_render.settings_of(found), contact)
            except abi_render.Refused as e:
                p(seq, "%s cannot be what the ledger renders: %s" % (where, e)); continue
            diff = abi_render.first_difference(want, found)
            if diff:
                line, col, w, got = diff
                rid = abi_render.record_id(w if w and not w.startswith("(") else got)
                p(seq, "%s is not what its entries render: record %d (%s) differs from position %d: the entries give %r, the file holds %r"
                  % (where, line, rid, col, w[col - 1:col + 19], got[col - 1:col + 19]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trust", required=True)
    ap.add_argument("--checkpoint", action="append", default=[])
    ap.add_argument("--self-test", action="store_true", help="also check that tampered copies fail")
    ap.add_argument("--quiet", action="store_true", help="print only the summary line")
    ap.add_argument("bundle")
    a = ap.parse_args()
    try:
        trusted = b64(json.load(open(a.trust))["public_key"], 32)
        if not os.path.isfile(os.path.join(a.bundle, "ledger.jsonl")): raise OSError("no ledger.jsonl in " + a.bundle)
        for c in a.checkpoint: open(c, "rb").read()
        n, problems, drill = verify(a.bundle, trusted, a.checkpoint)
    except (OSError, ValueError, KeyError) as e:
        print("verify-bundle: cannot read the input: %s" % e); return 2
    if not a.quiet:
        for seq, msg in sorted(problems, key=lambda x: -1 if x[0] is None else x[0]):
            print("  %s%s" % ("" if seq is None else "seq %d: " % seq, msg))
    ok = 0 if problems else 1
    failed = len(problems)
    if a.self_test and not problems:
        # Each tamper must be caught: one byte of a payload, a line removed, the tail cut (give a checkpoint).
        with tempfile.TemporaryDirectory() as tmp:
            for label, change in [("payload byte", lambda d: d.__setitem__(3, d[3].replace('"text":"', '"text":"X', 1) if '"text":"' in d[3] else d[3] + " ")),
                                  ("line removed", lambda d: d.pop(2)),
                                  # A tail after the last checkpoint cannot be missed by anyone; one inside it must be.
                                  ("tail cut below a checkpoint", lambda d: d.__delitem__(slice(len(d) // 2, None)))]:
                copy = os.path.join(tmp, label.replace(" ", "-"))
                shutil.copytree(a.bundle, copy)
                ls = open(os.path.join(copy, "ledger.jsonl")).read().split("\n")[:-1]
                change(ls)
                open(os.path.join(copy, "ledger.jsonl"), "w").write("\n".join(ls) + "\n")
                if label == "line removed": os.remove(os.path.join(copy, "bundle-end.json"))  # and the marker, as a cut export would
                elif label == "tail cut below a checkpoint":  # a marker rewritten to match the cut: the checkpoint still catches it
                    end = strict(open(os.path.join(copy, "bundle-end.json")).read()); end["records"] = len(ls)
                    open(os.path.join(copy, "bundle-end.json"), "w").write(jcs(end) + "\n")
                _, pr, _ = verify(copy, trusted, a.checkpoint)
                if pr: ok += 1
                else: failed += 1; print("FAIL self-test: %s not caught" % label)
    if drill: print("verify-bundle: DRILL ledger (genesis drill: true): practice records, not a real outage")
    print("verify-bundle: %d records, %d passed, %d failed" % (n, ok, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
