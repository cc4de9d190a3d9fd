#!/usr/bin/env python3
"""An independent check of CATAIR ABI batches (Cargo Release SE, Entry Summary AE), written from
the CATAIR chapter transcriptions (Batch & Block Control v23, ACE Cargo Release v40, Entry Summary
Create/Update July 2026) and not from EntryLedger's Swift code.

    check-abi.py [FILE_OR_DIR ...]      # default: samples/abi

A directory is searched for *.abi files at any depth (the demo writes DIR/replay-N/BATCH/*.abi).
Fails (exit 1) on: a record that is not 80 upper-case printable characters, a broken A/B/Y/Z
envelope, an unknown record for the application, a missing mandatory record or field, a field out
of its class, a wrong fill (a numeric field not right-justified with zeros, data in a filler), a
code outside its list, records an action may not carry, and totals that do not add up. Exit 2 when
a file cannot be read. Prints every problem with its file and line, then one summary line.
"""
import datetime, os, sys

# --- record tables: id -> [(start, end, class, requirement, name)] ----------------------------
# Class: A letters, N digits, AN letters/digits/space, X printable, D MMDDYY, SN amount (digits).
# Requirement: M mandatory, C conditional, O optional. Positions 1-based inclusive.
ENVELOPE = {
    "A": [(2, 5, "AN", "M", "site"), (6, 8, "AN", "M", "sender"), (9, 14, "AN", "M", "password"), (15, 20, "D", "O", "date"),
          (26, 27, "AN", "M", "application"), (38, 39, "AN", "C", "office"), (60, 80, "X", "O", "user data")],
    "B": [(4, 7, "AN", "M", "port"), (8, 10, "AN", "M", "filer"), (11, 12, "AN", "M", "application"), (45, 46, "AN", "C", "office"),
          (47, 50, "AN", "C", "preparer port"), (51, 53, "AN", "C", "preparer filer"), (54, 55, "AN", "C", "preparer office"),
          (56, 56, "AN", "C", "preparer indicator"), (60, 80, "X", "O", "user data")],
    "Y": [(4, 7, "AN", "M", "port"), (8, 10, "AN", "M", "filer"), (11, 12, "AN", "M", "application"), (45, 46, "AN", "C", "office")],
    "Z": [(2, 5, "AN", "M", "site"), (6, 8, "AN", "M", "sender"), (15, 20, "D", "C", "date"), (38, 39, "AN", "C", "office")],
}
PARTY = [(5, 7, "A", "M", "entity"), (8, 42, "X", "C", "name"), (43, 45, "X", "C", "qualifier"), (46, 65, "X", "C", "identifier")]
STREET = [(5, 6, "AN", "M", "qualifier 1"), (7, 41, "X", "M", "address 1"), (42, 43, "AN", "O", "qualifier 2"), (44, 78, "X", "O", "address 2")]
CITY = [(5, 39, "X", "M", "city"), (40, 42, "AN", "O", "subdivision"), (49, 63, "X", "C", "postal code"), (64, 65, "A", "M", "country")]
SE = {
    "SE10": [(5, 5, "A", "M", "action"), (6, 8, "AN", "M", "filer"), (11, 18, "AN", "M", "entry number"), (20, 21, "AN", "M", "entry type"),
             (22, 24, "AN", "C", "importer type"), (25, 36, "X", "C", "importer number"), (37, 38, "AN", "C", "mode"),
             (39, 39, "N", "M", "bond type"), (40, 49, "N", "M", "estimated value"), (50, 54, "AN", "C", "planned port"),
             (55, 55, "AN", "O", "split code"), (56, 60, "AN", "C", "port of unlading")],
    "SE11": [(5, 5, "X", "C", "election"), (6, 11, "N", "C", "elected date"), (12, 15, "AN", "C", "location FIRMS"), (16, 19, "AN", "O", "exam site"),
             (20, 39, "X", "C", "conveyance"), (40, 44, "X", "C", "voyage"), (45, 64, "AN", "O", "GO number"), (65, 68, "AN", "C", "warehouse FIRMS"),
             (69, 71, "AN", "C", "originating filer"), (72, 79, "AN", "C", "originating entry"), (80, 80, "X", "C", "immediate delivery")],
    "SE13": [(5, 44, "AN", "M", "contact name"), (45, 59, "AN", "M", "contact phone"), (60, 61, "AN", "C", "cancel reason"),
             (62, 62, "N", "O", "multiple dispositions"), (63, 63, "N", "O", "DIS"), (64, 64, "N", "O", "split indicator")],
    "SE15": [(5, 5, "A", "M", "bill type"), (6, 9, "AN", "C", "issuer"), (10, 59, "X", "M", "bill number"), (60, 67, "N", "C", "quantity"),
             (73, 73, "X", "M", "non-AMS")],
    "SE16": [(5, 8, "AN", "M", "carrier"), (9, 13, "X", "M", "voyage"), (14, 19, "N", "M", "arrival"), (20, 27, "N", "M", "quantity"),
             (28, 32, "X", "O", "unit"), (33, 52, "X", "C", "conveyance")],
    "SE17": [(5, 24, "AN", "M", "equipment")],
    "SE20": [(5, 7, "AN", "M", "qualifier"), (8, 57, "X", "M", "value")],
    "SE30": PARTY, "SE50": PARTY, "SE35": STREET, "SE55": STREET, "SE36": CITY, "SE56": CITY,
    "SE40": [(5, 7, "N", "M", "line"), (8, 9, "A", "M", "origin"), (11, 80, "X", "O", "description")],
    "SE41": [(5, 5, "A", "M", "zone status"), (6, 11, "N", "C", "privileged date"), (12, 19, "N", "M", "FTZ quantity")],
    "SE60": [(5, 14, "AN", "M", "HTS"), (15, 24, "N", "C", "value"), (25, 25, "X", "C", "position 25")],
    "SE61": [(5, 14, "AN", "M", "current HTS")],
}
AE = {
    "10": [(3, 3, "A", "M", "action"), (4, 6, "AN", "M", "filer"), (9, 16, "AN", "M", "entry number"), (18, 21, "AN", "M", "port"),
           (22, 30, "X", "C", "broker reference"), (34, 35, "AN", "M", "entry type"), (36, 37, "AN", "C", "mode"), (38, 38, "AN", "C", "bond waiver"),
           (39, 39, "AN", "C", "signature")] + [(p, p, "AN", "C", "flag %d" % p) for p in range(40, 47)]
          + [(47, 49, "AN", "C", "recon issue"), (51, 51, "AN", "C", "payment type"), (52, 57, "D", "C", "statement date"),
             (58, 59, "AN", "C", "statement month"), (60, 61, "AN", "C", "branch"), (62, 64, "AN", "C", "waiver reason")]
          + [(p, p, "AN", "C", "flag %d" % p) for p in range(65, 71)],
    "11": [(3, 14, "X", "M", "importer"), (15, 26, "X", "C", "consignee"), (27, 38, "X", "C", "notify"), (42, 47, "D", "C", "entry date"),
           (48, 53, "D", "C", "importation date"), (61, 62, "AN", "C", "state"), (63, 71, "AN", "C", "FTZ")],
    "20": [(3, 6, "AN", "C", "carrier"), (7, 10, "AN", "C", "unlading port"), (11, 16, "D", "C", "arrival"), (17, 20, "AN", "C", "FIRMS"),
           (21, 40, "X", "C", "conveyance"), (41, 47, "AN", "C", "vessel code"), (48, 51, "AN", "C", "exam port"), (52, 57, "D", "C", "in-bond date")],
    "21": [(3, 7, "X", "M", "trip")],
    "22": [(3, 10, "SN", "M", "manifested quantity"), (11, 15, "X", "M", "unit")],
    "23": [(3, 3, "AN", "M", "bill type"), (4, 7, "AN", "C", "issuer"), (8, 19, "AN", "M", "bill number")],
    "30": [(3, 5, "AN", "M", "warehouse filer"), (8, 15, "AN", "M", "warehouse entry"), (17, 20, "AN", "M", "warehouse port"), (21, 21, "AN", "C", "final")],
    "31": [(3, 3, "AN", "M", "bond type"), (4, 4, "AN", "M", "designation"), (5, 5, "AN", "C", "continuous indicator"), (6, 8, "AN", "M", "surety"),
           (9, 18, "SN", "C", "STB amount"), (19, 28, "AN", "O", "STB reference")],
    "34": [(3, 5, "AN", "M", "class 1"), (6, 13, "SN", "M", "amount 1"), (14, 16, "AN", "C", "class 2"), (17, 24, "SN", "C", "amount 2")],
    "40": [(5, 7, "X", "M", "line"), (8, 8, "AN", "C", "set"), (9, 10, "X", "M", "origin"), (11, 12, "AN", "C", "export country"),
           (13, 18, "D", "C", "export date"), (19, 24, "D", "C", "textile date"), (25, 26, "X", "C", "SPI"), (27, 36, "SN", "M", "charges"),
           (37, 41, "AN", "C", "lading port"), (42, 51, "SN", "M", "weight"), (52, 54, "N", "C", "textile category")]
          + [(p, p, "AN", "C", "flag %d" % p) for p in (55, 56, 57, 58, 60)],
    "44": [(3, 72, "X", "M", "description")],
    "47": [(3, 3, "AN", "M", "party type"), (4, 18, "X", "M", "identifier")],
    "50": [(3, 12, "AN", "M", "HTS"), (14, 23, "SN", "M", "duty"), (25, 34, "SN", "M", "value"), (36, 47, "SN", "C", "quantity 1"),
           (48, 50, "AN", "C", "unit 1"), (51, 62, "SN", "C", "quantity 2"), (63, 65, "AN", "C", "unit 2"), (66, 77, "SN", "C", "quantity 3"),
           (78, 80, "AN", "C", "unit 3")],
    "53": [(3, 12, "AN", "M", "case"), (13, 13, "AN", "M", "bond/cash"), (14, 21, "SN", "M", "rate"), (22, 22, "AN", "M", "rate type"),
           (25, 34, "SN", "M", "AD/CVD value"), (35, 46, "SN", "M", "AD/CVD quantity"), (47, 56, "SN", "M", "AD/CVD duty"), (57, 66, "AN", "C", "blanket id")],
    "60": [(3, 5, "AN", "M", "class"), (6, 15, "SN", "M", "amount")],
    "61": [(3, 5, "AN", "M", "class"), (6, 15, "SN", "M", "amount")],
    "62": [(3, 5, "AN", "M", "class"), (6, 13, "SN", "M", "amount")],
    "88": [(3, 13, "SN", "M", "bonded AD"), (15, 25, "SN", "M", "cash AD"), (27, 37, "SN", "M", "bonded CV"), (39, 49, "SN", "M", "cash CV")],
    "89": [(3, 5, "AN", "M", "class 1"), (6, 16, "SN", "M", "total 1"), (17, 19, "AN", "C", "class 2"), (20, 30, "SN", "C", "total 2"),
           (31, 33, "AN", "C", "class 3"), (34, 44, "SN", "C", "total 3"), (45, 47, "AN", "C", "class 4"), (48, 58, "SN", "C", "total 4"),
           (59, 61, "AN", "C", "class 5"), (62, 72, "SN", "C", "total 5")],
    "90": [(3, 13, "SN", "M", "duty"), (15, 25, "SN", "M", "fees"), (27, 37, "SN", "M", "IR tax"), (39, 49, "SN", "M", "AD"),
           (51, 61, "SN", "M", "CV"), (63, 73, "SN", "M", "other")],
}
# --- code lists -------------------------------------------------------------------------------
SE_TYPES = {"01", "02", "03", "06", "07", "11", "12", "21", "22", "23", "52", "86"}
AE_TYPES = SE_TYPES | {"31", "32", "34", "38", "51"}
MODES = {"10", "11", "12", "20", "21", "30", "31", "32", "33", "34", "40", "41", "50", "60", "70"}
NON_AMS_MODES = {"32", "33", "34", "50", "60", "70"}
ENTITIES = {"MF", "SE", "BY", "ST", "CN", "LG", "CS", "BKP"}
ID_QUALIFIERS = {"EI", "ANI", "34"}
ADDRESS_QUALIFIERS = {"01", "02", "05", "12", "13", "14", "15", "28", "30", "31", "32", "35", "37", "57", "AK"}
SE20_QUALIFIERS = {"CR", "EN", "IB", "FTZ", "DIS", "V1", "AMT", "EXP", "KII", "RRN", "PER", "CES", "EDA"}
CANCEL_REASONS = {"%02d" % i for i in range(1, 13)}
PLANNED_PORT_TYPES = {"02", "06", "07", "12", "21", "22", "23", "86"}
BILL_SEQUENCES = {("R",), ("T",), ("M", "H"), ("I", "R"), ("I", "M", "H")}
FEE_CLASSES = {"499", "501", "311", "500", "496", "056"}
WITHDRAWAL_TYPES = {"31", "32", "34", "38"}

LETTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DIGITS = set("0123456789")


class Checker:
    def __init__(self):
        self.problems = []
        self.batches = 0
        self.transactions = 0

    def bad(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))

    def fields(self, where, rec, table, rid):
        covered = set(range(1, len(rid) + 1))
        for (a, b, cls, req, name) in table:
            covered |= set(range(a, b + 1))
            v = rec[a - 1:b]
            if not v.strip():
                if req == "M":
                    self.bad(where, "%s %s (%d-%d) is mandatory and blank" % (rid, name, a, b))
                continue
            ok = True
            if cls == "A":
                ok = v.rstrip() == v.rstrip() and all(c in LETTERS or c == " " for c in v) and not v.startswith(" ")
            elif cls == "AN":
                ok = all(c in LETTERS or c in DIGITS or c == " " for c in v) and not v.startswith(" ")
            elif cls == "X":
                ok = not v.startswith(" ")
            elif cls in ("N", "SN"):
                ok = all(c in DIGITS for c in v)      # right-justified and zero-filled: no spaces at all
            elif cls == "D":
                ok = all(c in DIGITS for c in v) and valid_date(v)
            if not ok:
                what = {"A": "letters, left-justified", "AN": "letters/digits/spaces, left-justified", "X": "left-justified text",
                        "N": "digits, right-justified and zero-filled", "SN": "digits, right-justified and zero-filled",
                        "D": "a date MMDDYY"}[cls]
                self.bad(where, "%s %s (%d-%d) = %r is not %s" % (rid, name, a, b, v, what))
        filler = [p for p in range(1, 81) if p not in covered and rec[p - 1] != " "]
        if filler:
            self.bad(where, "%s has data in filler position(s) %s" % (rid, ",".join(map(str, filler[:5]))))

    def check_file(self, path):
        try:
            data = open(path, "rb").read()
        except OSError as e:
            print("check-abi: cannot read %s: %s" % (path, e))
            sys.exit(2)
        self.batches += 1
        if not data.endswith(b"\n"):
            self.bad(path, "the last record has no line end")
        lines = data.decode("ascii", errors="replace").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for i, l in enumerate(lines, 1):
            if len(l) != 80 or any(not (" " <= c <= "~") or ("a" <= c <= "z") for c in l):
                self.bad("%s:%d" % (path, i), "not 80 upper-case printable characters")
        if not lines or not lines[0].startswith("A") or not lines[-1].startswith("Z"):
            self.bad(path, "a batch starts with A and ends with Z")
            return
        a, z = lines[0], lines[-1]
        self.fields("%s:1" % path, a, ENVELOPE["A"], "A")
        self.fields("%s:%d" % (path, len(lines)), z, ENVELOPE["Z"], "Z")
        app = a[25:27]
        if app not in ("SE", "AE"):
            self.bad(path + ":1", "A application id %r is not SE or AE" % app)
            return
        if z[1:8] != a[1:8] or z[14:20] != a[14:20] or z[37:39] != a[37:39] or z[8:14].strip():
            self.bad("%s:%d" % (path, len(lines)), "Z must repeat A's site, sender, date and office, without the password")
        i = 1
        while i < len(lines) - 1:
            b = lines[i]
            if not b.startswith("B"):
                self.bad("%s:%d" % (path, i + 1), "expected a B block header")
                return
            self.fields("%s:%d" % (path, i + 1), b, ENVELOPE["B"], "B")
            if b[10:12] != app:
                self.bad("%s:%d" % (path, i + 1), "B application id %r differs from A's %r" % (b[10:12], app))
            j = i + 1
            while j < len(lines) - 1 and not lines[j].startswith("Y"):
                j += 1
            if j >= len(lines) - 1:
                self.bad("%s:%d" % (path, i + 1), "block without a Y trailer")
                return
            y = lines[j]
            self.fields("%s:%d" % (path, j + 1), y, ENVELOPE["Y"], "Y")
            if y[3:12] != b[3:12] or y[44:46] != b[44:46]:
                self.bad("%s:%d" % (path, j + 1), "Y must repeat its B's port, filer, application and office")
            body = list(enumerate(lines[i + 1:j], i + 2))
            if not body:
                self.bad("%s:%d" % (path, i + 1), "empty block")
            self.block(path, app, b, body)
            i = j + 1

    def block(self, path, app, b, body):
        start = "SE10" if app == "SE" else "10"
        tx = []
        for n, rec in body:
            rid = rec[:4] if app == "SE" else rec[:2]
            if rid == start:
                tx.append([])
            if not tx:
                self.bad("%s:%d" % (path, n), "record %r before the first %s" % (rid, start))
                continue
            tx[-1].append((n, rid, rec))
        for t in tx:
            self.transactions += 1
            where = "%s:%d" % (path, t[0][0])
            filer = t[0][2][5:8] if app == "SE" else t[0][2][3:6]
            if filer != b[7:10]:
                self.bad(where, "the transaction's filer code %r differs from its B's %r" % (filer, b[7:10]))
            for n, rid, rec in t:
                table = (SE if app == "SE" else AE).get(rid)
                if table is None:
                    self.bad("%s:%d" % (path, n), "unknown %s record %r" % (app, rid))
                else:
                    self.fields("%s:%d" % (path, n), rec, table, rid)
            (self.se if app == "SE" else self.ae)(where, t)

    # --- Cargo Release rules ------------------------------------------------------------------
    def se(self, where, t):
        ids = [rid for _, rid, _ in t]
        h = t[0][2]
        action, etype, mode, bond = h[4], h[19:21], h[36:38].strip(), h[38]
        if action not in "ARUD":
            self.bad(where, "SE10 action %r not in A R U D" % action)
        if etype not in SE_TYPES:
            self.bad(where, "SE10 entry type %r not a cargo release type" % etype)
        if mode and mode not in MODES:
            self.bad(where, "SE10 mode of transport %r not in the list" % mode)
        if bond not in "089":
            self.bad(where, "SE10 bond type %r not 0, 8 or 9" % bond)
        if h[21:24].strip() and h[21:24].strip() not in ID_QUALIFIERS:
            self.bad(where, "SE10 importer type %r not EI, ANI or 34" % h[21:24])
        if h[54] not in " 12":
            self.bad(where, "SE10 split shipment code %r not 1 or 2" % h[54])
        if etype == "11" and h[39:49].isdigit() and int(h[39:49]) > 2500:
            self.bad(where, "a type 11 entry is worth at most 2,500")
        if ids.count("SE13") != 1:
            self.bad(where, "SE13 (contact) is mandatory once in every SE transaction")
        se13 = next((r for _, rid, r in t if rid == "SE13"), None)
        if se13 and not se13[44:59].strip().isdigit():
            self.bad(where, "SE13 contact phone must be digits")
        if action == "D":
            if set(ids) - {"SE10", "SE13", "SE20"}:
                self.bad(where, "a cancel (D) carries SE10, SE13 and SE20 only, not %s" % sorted(set(ids) - {"SE10", "SE13", "SE20"}))
            if not h[49:54].strip():
                self.bad(where, "a cancel (D) needs the planned port of entry (SE10 50-54)")
            if se13 and se13[59:61] not in CANCEL_REASONS:
                self.bad(where, "a cancel (D) needs an SE13 reason code 01-12, not %r" % se13[59:61])
            return
        if se13 and se13[59:61].strip():
            self.bad(where, "SE13 reason code only on a cancel")
        if action == "U":
            extra = set(ids) - {"SE10", "SE11", "SE13", "SE15", "SE16", "SE17", "SE20"}
            if extra:
                self.bad(where, "an update (U) may not carry %s" % sorted(extra))
        order = ["SE10", "SE11", "SE13"]
        for k, rid in enumerate(ids[:3]):
            pass
        if ids[0] != "SE10" or (len(ids) > 1 and "SE11" in ids and ids.index("SE11") != 1):
            self.bad(where, "SE10 first, SE11 right after it")
        if "SE13" in ids and ids.index("SE13") > 2:
            self.bad(where, "SE13 comes right after SE10/SE11")
        # bills
        bills, group = [], None
        non_ams = mode in NON_AMS_MODES
        in_bond = False
        for n, rid, rec in t:
            if rid == "SE15":
                if group is None or group["closed"]:
                    group = {"types": [], "closed": False, "se16": 0}
                    bills.append(group)
                group["types"].append(rec[4])
                if rec[4] not in "RMHTI":
                    self.bad("%s" % where, "SE15 bill type %r not R M H T I" % rec[4])
                if rec[4] == "I":
                    in_bond = True
                    if rec[59:67].strip():
                        self.bad(where, "SE15 quantity is never sent on an in-bond (I) record")
                if rec[72] not in "YN":
                    self.bad(where, "SE15 non-AMS indicator (73) must be Y or N")
                if rec[72] == "Y" and rec[4] in "IT":
                    self.bad(where, "an I or T bill is never Non-AMS")
                if non_ams and rec[4] not in "IT" and rec[72] != "Y":
                    self.bad(where, "mode %s needs the Non-AMS indicator Y" % mode)
                if any(c in rec[9:59].strip() for c in " -/"):
                    self.bad(where, "SE15 bill number without spaces, hyphens or slashes")
            elif rid == "SE16":
                if group is None:
                    self.bad(where, "SE16 outside a bill grouping")
                else:
                    group["se16"] += 1
                    group["closed"] = True
            elif rid in ("SE17",):
                if group is not None:
                    group["closed"] = True
            elif group is not None:
                group["closed"] = True
            if rid == "SE15" and group and group["se16"]:
                pass
        for g in bills:
            if tuple(g["types"]) not in BILL_SEQUENCES:
                self.bad(where, "SE15 sequence %s is not one of R | T | M,H | I,R | I,M,H" % ",".join(g["types"]))
        for n, rid, rec in t:
            pass
        y_bills = any(rec[72] == "Y" for _, rid, rec in t if rid == "SE15")
        if y_bills and not any(rid == "SE16" for rid in ids):
            self.bad(where, "a Non-AMS bill needs its SE16")
        if not y_bills and "SE16" in ids:
            self.bad(where, "SE16 only with a Non-AMS bill")
        if not bills and etype != "06":
            self.bad(where, "bills (SE15) are needed on every type but 06")
        if (etype in PLANNED_PORT_TYPES or in_bond or y_bills) and not h[49:54].strip():
            self.bad(where, "the planned port of entry (SE10 50-54) is mandatory here")
        if mode in ("50", "60", "70") and not h[55:60].strip():
            self.bad(where, "mode %s needs the port of unlading (SE10 56-60)" % mode)
        se11 = next((r for _, rid, r in t if rid == "SE11"), None)
        if etype in ("21", "22") and (se11 is None or not se11[64:68].strip()):
            self.bad(where, "a type %s needs SE11 65-68 bonded warehouse FIRMS" % etype)
        if etype == "22" and (se11 is None or not se11[68:79].strip()):
            self.bad(where, "a type 22 needs SE11 69-79 originating warehouse entry")
        if etype in ("21", "22") and se11 is not None and se11[79] != " ":
            self.bad(where, "no immediate delivery on types 21/22")
        # references
        refs = [r[4:7].strip() for _, rid, r in t if rid == "SE20"]
        for _, rid, r in t:
            if rid == "SE20":
                q = r[4:7].strip()
                if q not in SE20_QUALIFIERS:
                    self.bad(where, "SE20 qualifier %r not in the list" % q)
                if q == "AMT":
                    v = r[7:57].strip()
                    if not v.isdigit() or v.startswith("0") or r[7] == " ":
                        self.bad(where, "SE20 AMT is whole dollars, left-justified, no leading zeros, > 0: %r" % v)
        if bond == "9" and not ("V1" in refs and "AMT" in refs):
            self.bad(where, "bond type 9 needs SE20 V1 and AMT")
        if action == "U":
            return
        # parties
        self.parties(where, t, "SE30", "SE35", "SE36", etype, header=True)
        # lines
        lines, cur = [], None
        for n, rid, rec in t:
            if rid == "SE40":
                cur = {"rec": rec, "hts": [], "se41": 0, "parties": []}
                lines.append(cur)
            elif rid == "SE60" and cur is not None:
                cur["hts"].append(rec)
            elif rid == "SE41" and cur is not None:
                cur["se41"] += 1
            elif rid in ("SE30", "SE35", "SE36") and cur is not None:
                self.bad(where, "%s after the first line" % rid)
        if not lines:
            self.bad(where, "an add or replace needs at least one SE40 line")
        for k, l in enumerate(lines, 1):
            if l["rec"][4:7] != "%03d" % k:
                self.bad(where, "SE40 line numbers run 001, 002 ...: found %r" % l["rec"][4:7])
            if not 1 <= len(l["hts"]) <= 32:
                self.bad(where, "SE40 line %s needs 1-32 SE60" % l["rec"][4:7])
            chapter = [h[4:6] == "99" for h in l["hts"]]
            if chapter and (chapter[-1] or any(chapter[i] and not chapter[i - 1] for i in range(1, len(chapter)))):
                if chapter[-1] or False in chapter[:-1]:
                    self.bad(where, "line %s: chapter 99 numbers come first, the chapter 1-97 number last" % l["rec"][4:7])
            for h in l["hts"]:
                if h[4:6] == "99" and h[14:24].strip():
                    self.bad(where, "line %s: no value on a chapter 99 SE60" % l["rec"][4:7])
            if (etype == "06") != (l["se41"] == 1):
                self.bad(where, "SE41 on every line of a type 06 and never otherwise")
        self.parties(where, t, "SE50", "SE55", "SE56", etype, header=False)

    def parties(self, where, t, pid, sid, cid, etype, header):
        seen, k = set(), 0
        recs = [(rid, rec) for _, rid, rec in t]
        level = 0
        while k < len(recs):
            rid, rec = recs[k]
            if rid == "SE40":
                seen, level = set(), level + 1
            if rid == pid:
                code, name, ident = rec[4:7].strip(), rec[7:42].strip(), rec[42:65].strip()
                if code not in ENTITIES:
                    self.bad(where, "%s entity code %r not in the list" % (pid, code))
                if code in seen:
                    self.bad(where, "%s entity code %s twice at one level" % (pid, code))
                seen.add(code)
                if code == "BKP" and not header:
                    self.bad(where, "BKP only at header level")
                if bool(name) == bool(ident):
                    self.bad(where, "%s %s: a name or an identifier, never both, never neither" % (pid, code))
                nxt = [r for r, _ in recs[k + 1:k + 5]]
                if ident:
                    if code not in ("BY", "ST", "CN"):
                        self.bad(where, "%s %s: an identifier only for BY, ST, CN" % (pid, code))
                    if rec[42:45].strip() not in ID_QUALIFIERS:
                        self.bad(where, "%s qualifier %r not EI, ANI or 34" % (pid, rec[42:45]))
                    if nxt and nxt[0] in (sid, cid):
                        self.bad(where, "%s by identifier takes no address" % pid)
                else:
                    if code == "CN" and etype not in ("11", "86"):
                        self.bad(where, "the consignee goes by number except on types 11 and 86")
                    m = 0
                    while m < len(nxt) and nxt[m] == sid:
                        m += 1
                    if not 1 <= m <= 3 or m >= len(nxt) or nxt[m] != cid:
                        self.bad(where, "%s %s by name needs 1-3 %s and one %s" % (pid, code, sid, cid))
                    for r2, rec2 in recs[k + 1:k + 1 + m]:
                        if rec2[4:6] not in ADDRESS_QUALIFIERS:
                            self.bad(where, "%s qualifier %r not in the list" % (sid, rec2[4:6]))
            k += 1

    # --- Entry Summary rules ------------------------------------------------------------------
    def ae(self, where, t):
        ids = [rid for _, rid, _ in t]
        h = t[0][2]
        action, etype = h[2], h[33:35]
        if action not in "ARD":
            self.bad(where, "10 action %r not A, R or D" % action)
        if etype not in AE_TYPES:
            self.bad(where, "10 entry type %r not in the list" % etype)
        if action == "D":
            if len(t) != 1:
                self.bad(where, "a delete (D) is the 10 record only")
            if h[35:80].strip():
                self.bad(where, "a delete (D) has 36-80 blank")
            return
        if h[38] != "X":
            self.bad(where, "10 position 39 electronic signature X is mandatory on A and R")
        mode = h[35:37].strip()
        if mode and mode not in MODES:
            self.bad(where, "10 mode %r not in the list" % mode)
        if ids.count("11") != 1 or ids[1] != "11":
            self.bad(where, "11 is mandatory once, right after 10")
        if ids[-1] != "90" or ids.count("90") != 1:
            self.bad(where, "90 is mandatory once, last")
        for k, rid in enumerate(ids):
            if rid == "23" and ids[k - 1] not in ("22", "23"):
                self.bad(where, "every 23 follows its 22")
            if rid == "23" and t[k][2][2] not in "IMHS":
                self.bad(where, "23 bill type %r not I M H S" % t[k][2][2])
        bond31 = [r for _, rid, r in t if rid == "31"]
        if h[37] != "0" and not bond31:
            self.bad(where, "a 31 bond record is needed unless 10 pos 38 = 0")
        for r in bond31:
            if r[2] not in "89" or r[3] not in "BAUE":
                self.bad(where, "31 bond type %r / designation %r not in the lists" % (r[2], r[3]))
        if etype in WITHDRAWAL_TYPES and "30" not in ids:
            self.bad(where, "a warehouse withdrawal (type %s) needs its 30" % etype)
        # lines, in order; totals
        lines, cur = [], None
        duty = fees = ir = other = ad = cv = 0
        fee_by_class, adcvd = {}, {("A", "B"): 0, ("A", "C"): 0, ("C", "B"): 0, ("C", "C"): 0}
        for n, rid, rec in t:
            if rid == "40":
                cur = {"rec": rec, "tariffs": [], "53": 0}
                lines.append(cur)
            elif rid == "50":
                duty += int(rec[13:23]) if rec[13:23].isdigit() else 0
                if cur is None:
                    self.bad(where, "50 before any 40")
                else:
                    cur["tariffs"].append(rec)
            elif rid in ("34", "62"):
                pairs = [(rec[2:5], rec[5:13])] + ([(rec[13:16], rec[16:24])] if rid == "34" and rec[13:16].strip() else [])
                for cls, amt in pairs:
                    if cls not in FEE_CLASSES:
                        self.bad(where, "%s fee class %r not in the list" % (rid, cls))
                    if amt.isdigit():
                        fee_by_class[cls] = fee_by_class.get(cls, 0) + int(amt)
            elif rid == "60":
                ir += int(rec[5:15]) if rec[5:15].isdigit() else 0
            elif rid == "61":
                other += int(rec[5:15]) if rec[5:15].isdigit() else 0
            elif rid == "53":
                if cur is not None:
                    cur["53"] += 1
                if rec[2] not in "AC" or rec[12] not in "BC" or rec[21] not in "AS":
                    self.bad(where, "53 case prefix, bond/cash or rate type not in the lists")
                d = int(rec[46:56]) if rec[46:56].isdigit() else 0
                adcvd[(rec[2], rec[12])] = adcvd.get((rec[2], rec[12]), 0) + d
                if rec[2] == "A":
                    ad += d
                else:
                    cv += d
        if not lines:
            self.bad(where, "an add or replace needs at least one 40 line")
        for l in lines:
            ts = l["tariffs"]
            if not 1 <= len(ts) <= 32:
                self.bad(where, "line %s needs 1-32 50 records" % l["rec"][4:7])
            ch99 = [r[2:4] == "99" for r in ts]
            if ts and (ch99[-1] or False in ch99[:-1]):
                self.bad(where, "line %s: chapter 99 numbers on their own 50 before the single chapter 1-97 number" % l["rec"][4:7])
            for r in ts:
                if r[2:4] == "99" and r[24:34] != "0" * 10:
                    self.bad(where, "line %s: value zero on a chapter 99 number" % l["rec"][4:7])
            if l["53"] > 2:
                self.bad(where, "at most two 53 per line")
            if l["53"] and l["rec"][59] != "Y":
                self.bad(where, "a line with AD/CVD carries the non-reimbursement statement (40 pos 60)")
        totals89 = {}
        for _, rid, r in t:
            if rid == "89":
                for a in (2, 16, 30, 44, 58):
                    cls, amt = r[a:a + 3], r[a + 3:a + 14]
                    if cls.strip():
                        if not amt.isdigit():
                            self.bad(where, "89 total for class %s is not digits" % cls)
                            continue
                        if cls in totals89:
                            self.bad(where, "89 class %s twice" % cls)
                        totals89[cls] = int(amt)
        if fee_by_class and not totals89:
            self.bad(where, "an 89 is required whenever a 34 or 62 fee is sent")
        if totals89 != fee_by_class:
            self.bad(where, "89 totals %s do not equal the 34/62 fees by class %s" % (totals89, fee_by_class))
        if any(rid == "53" for rid in ids) and "88" not in ids:
            self.bad(where, "an 88 is required whenever a 53 is sent")
        for _, rid, r in t:
            if rid == "88":
                want = [adcvd[("A", "B")], adcvd[("A", "C")], adcvd[("C", "B")], adcvd[("C", "C")]]
                got = [int(r[a:b]) if r[a:b].isdigit() else -1 for a, b in ((2, 13), (14, 25), (26, 37), (38, 49))]
                if got != want:
                    self.bad(where, "88 totals %s do not equal the 53 duties %s" % (got, want))
        r90 = t[-1][2] if ids[-1] == "90" else None
        if r90:
            got = [int(r90[a:b]) if r90[a:b].isdigit() else -1 for a, b in ((2, 13), (14, 25), (26, 37), (38, 49), (50, 61), (62, 73))]
            want = [duty, sum(totals89.values()), ir, ad, cv, other]
            if got != want:
                self.bad(where, "90 totals (duty, fees, IR tax, AD, CV, other) %s do not add up to %s" % (got, want))


def valid_date(v):
    try:
        datetime.date(2000 + int(v[4:6]), int(v[0:2]), int(v[2:4]))
        return True
    except ValueError:
        return False


def main(argv):
    paths = argv[1:] or [os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "abi")]
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".abi")]
        else:
            files.append(p)
    if not files:
        print("check-abi: no .abi files in %s" % ", ".join(paths))
        return 2
    c = Checker()
    for f in sorted(files):
        c.check_file(f)
    for p in c.problems:
        print(p)
    print("check-abi: %d batches, %d transactions, %d problems" % (c.batches, c.transactions, len(c.problems)))
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
