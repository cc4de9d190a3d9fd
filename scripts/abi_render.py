#!/usr/bin/env python3
"""Renders EntryLedger's CATAIR ABI batch files (Cargo Release SE, Entry Summary AE) from the
entry versions a `replay.batch` record names, written from `schemas/abi-mapping.md` (what fills
each field) and `schemas/abi-layouts.md` (where each field stands, read from that file at import)
alone, not from the Swift. `scripts/verify-bundle.py` re-renders every archived batch file with it
(schemas/ledger-format.md 5.10.1 step 6) and compares the bytes.

    import abi_render
    settings = abi_render.settings_of(archived_bytes)              # A and first B record
    data = abi_render.render_batch("SE", [(entry, "A")], settings, contact=("DANA WHITFIELD", "3125550142"))
    where = abi_render.first_difference(data, archived_bytes)     # None, or (line, position, want, found)

A transaction that cannot be rendered (schemas/abi-mapping.md "refuse") raises `Refused` naming
the entry, the record and why.
"""
import datetime, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
LAYOUTS_MD = os.path.join(HERE, "..", "schemas", "abi-layouts.md")
MASKED_PASSWORD = "******"
SSN_MASK = "***-**-****"


class Refused(Exception):
    """The transaction or batch cannot be rendered (abi-mapping.md section 1, "Refusals")."""


# ------------------------------------------------------------------ layouts from abi-layouts.md

def read_layouts(path=LAYOUTS_MD):
    """{record id: {field name: (start, end, class)}} of the input records (everything before the
    "Responses" section), as schemas/abi-layouts.md tables them."""
    layouts, current = {}, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("## Responses"): break
        m = re.match(r"### `([^`]+)` ", line)
        if m: current = layouts.setdefault(m.group(1), {}); continue
        m = re.match(r"\| (\d+)(?:-(\d+))? \| \d+ \| ([^|]+?) \| (A|N|AN|X|D|\(S\)N) \|", line)
        if m and current is not None:
            start = int(m.group(1)); end = int(m.group(2) or start)
            current[m.group(3)] = (start, end, m.group(4))
    return layouts


LAYOUTS = read_layouts()


# What each text class admits (spaces always: they are the fill); X is printable ASCII but a-z.
CLASS_RE = {
    "A": re.compile(rb"[A-Z ]*"),
    "AN": re.compile(rb"[A-Z0-9 ]*"),
    "X": re.compile(rb"[\x20-\x60\x7B-\x7E]*"),
}


def mmddyy(d):
    """YYYY-MM-DD -> MMDDYY, refusing anything that is not a real date."""
    if not isinstance(d, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", d): raise Refused("date %r is not YYYY-MM-DD" % (d,))
    try: datetime.date(int(d[:4]), int(d[5:7]), int(d[8:10]))
    except ValueError: raise Refused("date %r is not a real date" % d)
    return d[5:7] + d[8:10] + d[2:4]


class Record:
    """One 80-column record of a layout; fields written by name (abi-mapping.md section 1)."""

    def __init__(self, rid):
        if rid not in LAYOUTS: raise Refused("record %s is not in schemas/abi-layouts.md" % rid)
        self.rid, self.layout = rid, LAYOUTS[rid]
        ident = {"A": "A", "B": "B", "Y": "Y", "Z": "Z"}.get(rid, rid)
        self.cols = bytearray(ident.encode().ljust(80))

    def _field(self, name):
        if name not in self.layout: raise Refused("record %s has no field %r in schemas/abi-layouts.md" % (self.rid, name))
        return self.layout[name]

    def _place(self, name, data, right):
        start, end, _ = self._field(name)
        width = end - start + 1
        if len(data) > width: raise Refused("record %s field %s (%d-%d): %d characters do not fit in %d" % (self.rid, name, start, end, len(data), width))
        data = data.rjust(width, b"0") if right else data.ljust(width, b" ")
        self.cols[start - 1:end] = data

    def text(self, name, value):
        """A value by the field's class; None leaves the field spaces."""
        if value is None: return
        start, end, cls = self._field(name)
        if cls == "D": return self.date(name, value)
        if not isinstance(value, str): raise Refused("record %s field %s: %r is not text" % (self.rid, name, value))
        try: data = value.encode("ascii")
        except UnicodeEncodeError: raise Refused("record %s field %s: not ASCII" % (self.rid, name))
        if cls in ("N", "(S)N"):
            if not data or not data.isdigit(): raise Refused("record %s field %s: %r is not digits" % (self.rid, name, value))
            return self._place(name, data, True)
        if not CLASS_RE[cls].fullmatch(data): raise Refused("record %s field %s: %r holds a character outside class %s" % (self.rid, name, value, cls))
        self._place(name, data, False)

    def number(self, name, value):
        if value is None: return
        _, _, cls = self._field(name)
        if cls not in ("N", "(S)N"): raise Refused("record %s field %s is not numeric" % (self.rid, name))
        if type(value) is not int or value < 0: raise Refused("record %s field %s: %r is not a non-negative integer" % (self.rid, name, value))
        self._place(name, str(value).encode(), True)

    def date(self, name, value):
        if value is None: return
        start, end, cls = self._field(name)
        if not (cls == "D" or (cls == "N" and end - start == 5)): raise Refused("record %s field %s is not a date" % (self.rid, name))
        self._place(name, mmddyy(value).encode(), False)

    def flag(self, name, value):
        if value is not None: self.text(name, "Y" if value else "N")

    @property
    def line(self): return bytes(self.cols)


# ------------------------------------------------------------------ values (abi-mapping.md section 1)

def split_number(n):
    """FFF-NNNNNNN-C or FFFNNNNNNNC -> (FILER, 7-digit serial, check digit)."""
    c = n.replace("-", "") if isinstance(n, str) else ""
    if not re.fullmatch(r"[A-Z0-9]{3}[0-9]{8}", c): raise Refused("entry number %r is not FFF-NNNNNNN-C" % (n,))
    return c[:3], c[3:10], c[10]


def filer_of(n): return split_number(n)[0]
def abi_of(n): f, s, d = split_number(n); return s + d


def usd(cents):
    if type(cents) is not int or cents < 0: raise Refused("amount %r cents cannot be written" % (cents,))
    return cents // 100 + (1 if cents % 100 >= 50 else 0)


def importer_number(e):
    imp = e.get("importer") or {}
    return SSN_MASK if "sealed" in imp else imp.get("number")


def tariffs(line):
    """The tariff numbers of a line (abi-mapping.md section 3): (hts, duty, value cents or None, quantity or None)."""
    ls = line.get("entry_summary")
    out = [(c.get("hts"), c.get("duty_cents", 0), None, None) for c in (ls or {}).get("chapter_99", [])]
    out.append((line.get("hts"), (ls or {}).get("duty_cents", 0), line.get("value_cents"), line.get("quantity")))
    return [(h, d, None if str(h).startswith("99") else v, None if str(h).startswith("99") else q) for h, d, v, q in out]


def hundredths(q):
    amount, scale = q.get("amount"), q.get("scale")
    if type(amount) is not int or scale not in (0, 1, 2): raise Refused("quantity %r has no integer amount and scale 0-2" % (q,))
    return amount * 10 ** (2 - scale)


# ------------------------------------------------------------------ Cargo Release (section 3)

NON_AMS = {"32", "33", "34", "50", "60", "70"}
NO_ISSUER = {"32", "33", "34", "40", "41", "50", "60"}
PLANNED_PORT_TYPES = {"02", "06", "07", "12", "21", "22", "23", "86"}


def bill_groups_se(e):
    bills = e.get("bills_of_lading", [])
    of = lambda t: [b for b in bills if b.get("type") == t]
    groups = [[b] for b in of("R")]
    if of("M") or of("H"):
        if len(of("M")) != 1 or not of("H"): raise Refused("SE15: bills must come as R | T | M,H | I,R | I,M,H (%d M, %d H)" % (len(of("M")), len(of("H"))))
        groups += [[of("M")[0], h] for h in of("H")]
    plain = len(groups)
    groups += [[b] for b in of("T")]
    if len(of("I")) > plain: raise Refused("SE15: %d in-bond numbers for %d R or M,H groups" % (len(of("I")), plain))
    for k, b in enumerate(of("I")): groups[k].insert(0, b)
    if not groups: raise Refused("SE15: a cargo release needs its bill of lading")
    return groups


def party_group(p, e, ids):
    party, street, city = (Record(i) for i in ids)
    party.text("entity code", p.get("entity"))
    if p.get("id_qualifier") is not None and p.get("id") is not None and p.get("entity") in ("BY", "ST", "CN") and p.get("id_qualifier") in ("EI", "ANI", "34"):
        party.text("identifier qualifier", p["id_qualifier"]); party.text("identifier", p["id"])
        return [party.line]
    if p.get("entity") == "CN" and e.get("entry_type") not in ("11", "86"): raise Refused("%s: the consignee goes by number on type %s" % (ids[0], e.get("entry_type")))
    a = p.get("address")
    if a is None: raise Refused("%s: party %s by name needs its address" % (ids[0], p.get("entity")))
    party.text("name", p.get("name"))
    street.text("qualifier 1", "15"); street.text("address 1", a.get("street"))
    city.text("city", a.get("city")); city.text("subdivision", a.get("subdivision"))
    city.text("postal code", a.get("postal_code")); city.text("country", a.get("country"))
    return [party.line, street.line, city.line]


def se_transaction(e, action, contact):
    if action not in ("A", "R", "U", "D"): raise Refused("action %s is not one of SE's A R U D" % action)
    cr = e.get("cargo_release")
    if cr is None: raise Refused("the entry has no cargo release data")
    if contact is None: raise Refused("SE13: no contact (ledger.setting abi-contact) before the batch")
    etype, mot = e.get("entry_type"), e.get("mode_of_transport")
    if etype == "06": raise Refused("SE41: type 06 is not rendered")
    groups = bill_groups_se(e)
    non_ams = mot in NON_AMS
    out = []
    r = Record("SE10")
    r.text("action code", action); r.text("filer code", filer_of(e.get("entry_number"))); r.text("entry number", abi_of(e.get("entry_number")))
    r.text("entry type", etype); r.text("importer type", (e.get("importer") or {}).get("qualifier")); r.text("importer number", importer_number(e))
    r.text("mode of transport", mot); r.text("bond type", (e.get("bond") or {}).get("type"))
    value = cr.get("estimated_value_cents")
    r.number("estimated value", usd(value))
    if etype == "11" and value > 250000: raise Refused("SE10: a type 11 entry is worth at most $2,500")
    if etype == "86" and value > 80000: raise Refused("SE10: a type 86 entry is worth at most $800")
    in_bond = any(b.get("type") == "I" for b in e.get("bills_of_lading", []))
    if action == "D" or etype in PLANNED_PORT_TYPES or in_bond or (non_ams and groups): r.text("planned port of entry", e.get("port_of_entry"))
    if cr.get("split_shipment") is True: r.text("split shipment release code", "1")
    if mot in ("50", "60", "70") and e.get("port_of_unlading") is None: raise Refused("SE10: mode %s needs the port of unlading" % mot)
    r.text("port of unlading", e.get("port_of_unlading"))
    out.append(r.line)
    if action != "D":
        r, needed = Record("SE11"), False
        if etype in ("21", "22"):
            if cr.get("warehouse_firms") is None: raise Refused("SE11: type %s needs cargo_release.warehouse_firms" % etype)
            r.text("bonded warehouse FIRMS", cr["warehouse_firms"]); needed = True
            if etype == "22":
                o = cr.get("originating_entry")
                if o is None: raise Refused("SE11: type 22 needs cargo_release.originating_entry")
                r.text("originating warehouse filer code", filer_of(o.get("entry_number"))); r.text("originating warehouse entry number", abi_of(o.get("entry_number")))
        for field, member in (("location of goods", "firms_code"), ("conveyance name", "conveyance_name"), ("voyage", "voyage")):
            if e.get(member) is not None: r.text(field, e[member]); needed = True
        if needed: out.append(r.line)
    r = Record("SE13")
    r.text("contact name", contact[0]); r.text("contact phone", contact[1])
    if action == "D": r.text("cancellation reason", "01")
    out.append(r.line)
    if action == "D": return out
    for group in groups:
        for b in group:
            r = Record("SE15")
            r.text("bill type", b.get("type"))
            r.text("issuer code", None if b.get("type") == "I" or mot in NO_ISSUER else b.get("issuer"))
            if any(c in str(b.get("number")) for c in " -/"): raise Refused("SE15: bill number %s holds a space, hyphen or slash" % b.get("number"))
            r.text("bill number", b.get("number"))
            r.number("quantity", None if b.get("type") == "I" else b.get("quantity"))
            r.text("non-AMS indicator", "Y" if non_ams and b.get("type") not in ("I", "T") else "N")
            out.append(r.line)
        if non_ams:
            if e.get("carrier_code") is None or e.get("voyage") is None: raise Refused("SE16: a Non-AMS bill needs carrier_code and voyage")
            r = Record("SE16")
            r.text("carrier code", e["carrier_code"]); r.text("voyage", e["voyage"]); r.date("arrival date", e.get("arrival_date"))
            last = [b for b in group if b.get("type") != "I"]
            r.number("quantity", last[-1].get("quantity") if last else 0)
            r.text("conveyance name", e.get("conveyance_name"))
            out.append(r.line)
    bond = e.get("bond") or {}
    if bond.get("type") == "9":
        if bond.get("surety_code") is None or bond.get("amount_cents") is None: raise Refused("SE20: a type 9 bond needs surety_code and amount_cents")
        v1, amt = Record("SE20"), Record("SE20")
        v1.text("qualifier", "V1"); v1.text("value", bond["surety_code"])
        amt.text("qualifier", "AMT"); amt.text("value", str(usd(bond["amount_cents"])))
        out += [v1.line, amt.line]
    if action == "U": return out
    parties = e.get("parties", [])
    header = [p for p in parties if p.get("entity") != "MF"]
    seen = set()
    for p in header:
        if p.get("entity") in seen: raise Refused("SE30: entity code %s appears twice" % p.get("entity"))
        seen.add(p.get("entity"))
    for p in header: out += party_group(p, e, ("SE30", "SE35", "SE36"))
    mf = [p for p in parties if p.get("entity") == "MF"]
    if len(mf) > 1: raise Refused("SE50: %d manufacturers" % len(mf))
    if not e.get("lines"): raise Refused("SE40: a cargo release needs at least one line")
    for line in e["lines"]:
        r = Record("SE40")
        r.number("line number", line.get("line_number")); r.text("country of origin", line.get("country_of_origin")); r.text("description", line.get("description"))
        out.append(r.line)
        for m in mf: out += party_group(m, e, ("SE50", "SE55", "SE56"))
        for hts, _, value, _ in tariffs(line):
            r = Record("SE60")
            r.text("HTS number", hts)
            if value is not None: r.number("line value", usd(value))
            out.append(r.line)
    return out


# ------------------------------------------------------------------ Entry Summary (section 4)

def manifest_groups(e):
    bills = e.get("bills_of_lading", [])
    of = lambda *ts: [b for b in bills if b.get("type") in ts]
    groups = [[b] for b in of("R", "T")]
    masters, houses = of("M"), of("H", "S")
    if not houses: groups += [[m] for m in masters]
    else: groups += [[masters[0], h] if len(masters) == 1 else [h] for h in houses]
    if not groups: return [[b] for b in of("I")]
    for k, b in enumerate(of("I")): groups[min(k, len(groups) - 1)].append(b)
    return groups


def ae_transaction(e, action):
    if action not in ("A", "R", "D"): raise Refused("action %s is not one of AE's A R D" % action)
    s = e.get("entry_summary")
    if s is None: raise Refused("the entry has no entry summary data")
    out = []
    r = Record("10")
    r.text("action code", action); r.text("filer code", filer_of(e.get("entry_number"))); r.text("entry number", abi_of(e.get("entry_number")))
    r.text("port", e.get("port_of_entry")); r.text("broker reference", s.get("broker_reference")); r.text("entry type", e.get("entry_type"))
    if action == "D": return [r.line]
    bond = e.get("bond") or {}
    waived = bond.get("type") == "0"
    r.text("mode of transport", e.get("mode_of_transport"))
    if waived: r.text("bond waiver", "0")
    r.text("electronic signature", "X")
    out.append(r.line)
    r = Record("11")
    r.text("importer number", importer_number(e)); r.text("consignee number", s.get("consignee_number")); r.date("date of importation", e.get("arrival_date"))
    out.append(r.line)
    r = Record("20")
    r.text("carrier code", e.get("carrier_code")); r.text("port of unlading", e.get("port_of_unlading")); r.date("estimated arrival date", e.get("arrival_date"))
    r.text("location of goods", e.get("firms_code")); r.text("conveyance name", e.get("conveyance_name"))
    out.append(r.line)
    for group in manifest_groups(e):
        r = Record("22")
        plain = [b for b in group if b.get("type") != "I"]
        r.number("manifested quantity", (plain[-1] if plain else group[0]).get("quantity")); r.text("unit of measure", "PCS")
        out.append(r.line)
        for b in group:
            r = Record("23")
            r.text("bill type", "M" if b.get("type") in ("R", "T") else b.get("type"))
            r.text("issuer code", None if b.get("type") == "I" else b.get("issuer")); r.text("bill number", b.get("number"))
            out.append(r.line)
    if e.get("entry_type") in ("31", "32", "34", "38"):
        w = s.get("warehouse_entry")
        if w is None: raise Refused("30: a warehouse withdrawal needs entry_summary.warehouse_entry")
        r = Record("30")
        r.text("warehouse filer code", filer_of(w.get("entry_number"))); r.text("warehouse entry number", abi_of(w.get("entry_number"))); r.text("warehouse port", w.get("port"))
        out.append(r.line)
    if not waived:
        if bond.get("surety_code") is None: raise Refused("31: bond type %s needs the surety code" % bond.get("type"))
        r = Record("31")
        r.text("bond type", bond.get("type")); r.text("bond designation", "B"); r.text("surety code", bond["surety_code"])
        if bond.get("type") == "9":
            if bond.get("amount_cents") is None: raise Refused("31: a single transaction bond needs its amount")
            r.number("bond amount", usd(bond["amount_cents"]))
        out.append(r.line)
    header_fees = [(f.get("class_code"), f.get("amount_cents")) for f in s.get("fees", []) if f.get("amount_cents", 0) > 0]
    for i in range(0, len(header_fees), 2):
        r = Record("34")
        r.text("class 1", header_fees[i][0]); r.number("amount 1", header_fees[i][1])
        if i + 1 < len(header_fees): r.text("class 2", header_fees[i + 1][0]); r.number("amount 2", header_fees[i + 1][1])
        out.append(r.line)
    if not e.get("lines"): raise Refused("40: an entry summary needs at least one line")
    duty = irtax = 0
    cases, fees = [], list(header_fees)
    for line in e["lines"]:
        ls = line.get("entry_summary")
        if ls is None: raise Refused("40: line %s has no entry summary data" % line.get("line_number"))
        r = Record("40")
        n = line.get("line_number")
        if type(n) is not int or n < 0: raise Refused("40: line number %r" % (n,))
        r.text("line number", str(n).rjust(3, "0")); r.text("country of origin", line.get("country_of_origin"))
        r.text("country of export", ls.get("country_of_export")); r.date("export date", ls.get("export_date")); r.text("SPI", ls.get("spi"))
        r.number("charges", usd(ls.get("charges_cents"))); r.text("foreign port of lading", e.get("foreign_port_of_lading"))
        r.number("gross weight", ls.get("gross_weight_kg")); r.flag("related party", ls.get("related_party", False))
        if ls.get("adcvd_non_reimbursement") is True: r.text("AD/CVD non-reimbursement", "Y")
        out.append(r.line)
        r = Record("44"); r.text("description", line.get("description")); out.append(r.line)
        r = Record("47"); r.text("party type", "M"); r.text("identifier", ls.get("mid")); out.append(r.line)
        ts = tariffs(line)
        if not 1 <= len(ts) <= 32: raise Refused("50: line %s has %d tariff numbers" % (n, len(ts)))
        for hts, d, value, q in ts:
            r = Record("50")
            r.text("HTS number", hts); r.number("duty", d); r.number("value", usd(value if value is not None else 0))
            if q is not None and q.get("unit") != "X":
                r.number("quantity 1", hundredths(q)); r.text("unit 1", q.get("unit"))
            out.append(r.line)
            duty += d
        for a in ls.get("adcvd", []):
            r = Record("53")
            r.text("case number", a.get("case_number")); r.text("bond or cash", a.get("claim")); r.number("deposit rate", a.get("deposit_rate"))
            r.text("rate type", a.get("rate_type")); r.number("AD/CVD value", usd(a.get("value_cents", 0)))
            r.number("AD/CVD quantity", a.get("quantity_ten_thousandths", 0)); r.number("AD/CVD duty", a.get("duty_cents"))
            r.text("blanket declaration id", a.get("blanket_declaration"))
            out.append(r.line)
            cases.append(a)
        if ls.get("ir_tax") is not None:
            t = ls["ir_tax"]
            r = Record("60"); r.text("class", t.get("class_code")); r.number("amount", t.get("amount_cents")); out.append(r.line)
            irtax += t.get("amount_cents")
        for f in ls.get("fees", []):
            if f.get("amount_cents", 0) > 0:
                r = Record("62"); r.text("class", f.get("class_code")); r.number("amount", f.get("amount_cents")); out.append(r.line)
                fees.append((f.get("class_code"), f.get("amount_cents")))
    is_ad = lambda a: str(a.get("case_number")).startswith("A")
    if cases:
        r = Record("88")
        for field, ad, bonded in (("bonded AD", True, True), ("cash AD", True, False), ("bonded CV", False, True), ("cash CV", False, False)):
            r.number(field, sum(a.get("duty_cents") for a in cases if is_ad(a) == ad and (a.get("claim") == "B") == bonded))
        out.append(r.line)
    totals = {}
    for c, amount in fees: totals[c] = totals.get(c, 0) + amount
    classes = list(totals)
    for i in range(0, len(classes), 5):
        r = Record("89")
        for k, c in enumerate(classes[i:i + 5]): r.text("class %d" % (k + 1), c); r.number("total %d" % (k + 1), totals[c])
        out.append(r.line)
    r = Record("90")
    r.number("duty", duty); r.number("user fees", sum(totals.values())); r.number("IR tax", irtax)
    r.number("AD duty", sum(a.get("duty_cents") for a in cases if is_ad(a))); r.number("CV duty", sum(a.get("duty_cents") for a in cases if not is_ad(a)))
    r.number("other revenue", 0)
    out.append(r.line)
    return out


# ------------------------------------------------------------------ the batch file (section 2)

def settings_of(data):
    """The settings read back from a file's A record and first B record (abi-mapping.md section 2):
    dict(site, sender, date YYYY-MM-DD, office, user_data, block_user_data); Refused if unreadable."""
    lines = data.split(b"\n")
    if len(lines) < 3 or len(lines[0]) != 80 or len(lines[1]) != 80 or lines[0][:1] != b"A" or lines[1][:1] != b"B":
        raise Refused("its first two lines are not an 80-character A and B control record")
    def field(line, rid, name):
        start, end, _ = LAYOUTS[rid][name]
        return line[start - 1:end].decode("latin-1").rstrip(" ")
    a, b = lines[0], lines[1]
    d = field(a, "A", "date")
    if not re.fullmatch(r"[0-9]{6}", d): raise Refused("its A record's date %r is not MMDDYY" % d)
    iso = "20%s-%s-%s" % (d[4:6], d[0:2], d[2:4])
    mmddyy(iso)
    return dict(site=field(a, "A", "site code"), sender=field(a, "A", "sender id"), date=iso, office=field(a, "A", "office code"),
                user_data=field(a, "A", "user data"), block_user_data=field(b, "B", "filer user data"))


def render_batch(app, items, settings, contact=None, password=MASKED_PASSWORD):
    """The file of application `app` ("SE"/"AE") holding `items`, a list of (entry JSON, action):
    bytes, each record 80 characters and a newline. `password` is `******` in every archived copy."""
    if not items: raise Refused("a batch file holds at least one transaction")
    keyed = []
    seen = set()
    for e, action in items:
        if not isinstance(e, dict): raise Refused("an entry version is not a JSON object")
        f, serial, _ = split_number(e.get("entry_number"))
        if (f, serial) in seen: raise Refused("entry %s is twice in the batch" % e.get("entry_number"))
        seen.add((f, serial))
        keyed.append(((f.encode(), str(e.get("port_of_entry")).encode(), int(serial)), e, action))
    keyed.sort(key=lambda k: k[0])
    out = []
    a = Record("A")
    a.text("site code", settings["site"]); a.text("sender id", settings["sender"])
    a._place("password", password.encode("ascii"), False)   # the mask is not class AN: placed as is
    a.date("date", settings["date"]); a.text("application id", app); a.text("office code", settings["office"]); a.text("user data", settings.get("user_data"))
    out.append(a.line)
    i = 0
    while i < len(keyed):
        j = i
        while j < len(keyed) and keyed[j][0][:2] == keyed[i][0][:2]: j += 1
        filer, port = keyed[i][0][0].decode(), keyed[i][1].get("port_of_entry")
        b = Record("B")
        b.text("port", port); b.text("filer code", filer); b.text("application id", app); b.text("office code", settings["office"]); b.text("filer user data", settings.get("block_user_data"))
        out.append(b.line)
        for _, e, action in keyed[i:j]:
            try:
                out += se_transaction(e, action, contact) if app == "SE" else ae_transaction(e, action)
            except Refused as x:
                raise Refused("entry %s (%s %s): %s" % (e.get("entry_number"), app, action, x))
            except (TypeError, AttributeError, ValueError, KeyError, IndexError) as x:
                # A hostile or malformed entry (a member of the wrong type): not renderable, never a crash.
                raise Refused("entry %s (%s %s): its JSON is not shaped as schemas/entry.schema.json says (%s)" % (e.get("entry_number"), app, action, type(x).__name__))
        y = Record("Y")
        y.text("port", port); y.text("filer code", filer); y.text("application id", app); y.text("office code", settings["office"])
        out.append(y.line)
        i = j
    z = Record("Z")
    z.text("site code", settings["site"]); z.text("sender id", settings["sender"]); z.date("date", settings["date"]); z.text("office code", settings["office"])
    out.append(z.line)
    return b"".join(l + b"\n" for l in out)


def record_id(line):
    """The record id a line starts with (the longest layout id that prefixes it), or '?'."""
    return next((k for k in sorted(LAYOUTS, key=len, reverse=True) if line.startswith(k)), "?")


def first_difference(want, found):
    """None when equal, else (line, position, wanted text, found text) of the first difference:
    1-based record number and column, with the 80-column records around it."""
    if want == found: return None
    wl, fl = want.split(b"\n"), found.split(b"\n")
    for n in range(max(len(wl), len(fl))):
        w = wl[n] if n < len(wl) else None
        f = fl[n] if n < len(fl) else None
        if w != f:
            if w is None or f is None: return (n + 1, 1, (w or b"(no record)").decode("latin-1"), (f or b"(no record)").decode("latin-1"))
            col = next((k for k in range(max(len(w), len(f))) if k >= len(w) or k >= len(f) or w[k] != f[k]), 0)
            return (n + 1, col + 1, w.decode("latin-1"), f.decode("latin-1"))
    return (len(wl), 1, "", "")


if __name__ == "__main__":
    import json, sys
    # abi_render.py ENTRY.json SE|AE ACTION FILE.abi [CONTACT_NAME CONTACT_PHONE]: re-render FILE from the entry and its own A/B records.
    entry, app, action, path = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
    contact = (sys.argv[5], sys.argv[6]) if len(sys.argv) > 6 else None
    found = open(path, "rb").read()
    pw = found[8:14].decode("latin-1") if found[:1] == b"A" else MASKED_PASSWORD
    try:
        where = first_difference(render_batch(app, [(entry, action)], settings_of(found), contact, pw), found)
    except Refused as e:
        print("cannot render: %s" % e); sys.exit(1)
    print("identical" if where is None else "differs at record %d position %d:\n  want  %s\n  found %s" % where)
    sys.exit(0 if where is None else 1)
