#!/usr/bin/env python3
"""Checks the shape of `entryledger-bench --json FILE`: every figure has its keys with the right
types, its ratio is value / baseline_value, `met` is what the target says of the value or the
ratio, `peak_memory_met` what the memory target says of the peak, and `all_met` what the figures
say. It never judges speed: a slow run with an honest JSON passes.

    check-bench-json.py FILE         check FILE (exit 0 good, 1 problems, 2 unreadable)
    check-bench-json.py --run BIN    run `BIN --smoke --json TMP` (tiny sizes) and check TMP (what CI runs)
    check-bench-json.py              self-test: known good and broken documents, then --run on
                                     .build/debug/entryledger-bench when it is built

The format is described in README.md ("Fast: the bench").
"""
import copy, json, math, os, subprocess, sys, tempfile

OPS = {"<": lambda x, b: x < b, "<=": lambda x, b: x <= b, ">=": lambda x, b: x >= b, ">": lambda x, b: x > b}
SCOPES = {"step", "figure", "child"}
# The steps that carry the targets: each must give at least one figure with a target.
STEPS_WITH_TARGETS = ["durable single append", "verify", "checkpoint", "prove before acting", "bulk import and replay",
                      "peers: python verifier"]
FIGURE_KEYS = {"name": str, "step": str, "unit": str, "baseline": str, "notes": list, "peak_memory_of": str}
NUMBER_OR_NULL = ["value", "baseline_value", "ratio", "peak_memory_mib"]


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def target_problems(t, where, of_values):
    if not isinstance(t, dict): return ["%s is not an object" % where]
    p = []
    if t.get("op") not in OPS: p.append("%s.op %r is not one of %s" % (where, t.get("op"), sorted(OPS)))
    if not is_number(t.get("value")): p.append("%s.value %r is not a number" % (where, t.get("value")))
    if t.get("of") not in of_values: p.append("%s.of %r is not one of %s" % (where, t.get("of"), of_values))
    if not isinstance(t.get("text"), str) or not t.get("text"): p.append("%s.text is missing" % where)
    return p


def judged(t, x):
    """What the target says of x (None when x is missing)."""
    return None if x is None else OPS[t["op"]](x, t["value"])


def check(doc):
    """Every problem of the document, each naming the figure, the key, the value and the rule."""
    if not isinstance(doc, dict): return ["the document is not a JSON object"]
    p = []
    if doc.get("format") != "entryledger-bench": p.append("format %r is not \"entryledger-bench\"" % doc.get("format"))
    if doc.get("version") != 1: p.append("version %r is not 1" % doc.get("version"))
    if doc.get("mode") not in ("smoke", "quick", "full"): p.append("mode %r is not smoke, quick or full" % doc.get("mode"))
    if doc.get("build") not in ("debug", "release"): p.append("build %r is not debug or release" % doc.get("build"))
    if not isinstance(doc.get("date"), str): p.append("date is missing")
    m = doc.get("machine")
    if not isinstance(m, dict) or not isinstance(m.get("cpu"), str) or not isinstance(m.get("cores"), int) \
            or not all(isinstance(m.get(k), list) and all(is_number(x) for x in m[k]) for k in ("load_average_before", "load_average_after")):
        p.append("machine must hold cpu (text), cores (integer), load_average_before and load_average_after (lists of numbers)")
    if doc.get("only") is not None and not isinstance(doc.get("only"), str): p.append("only %r is not text or null" % doc.get("only"))
    failed = doc.get("failed_steps")
    if not isinstance(failed, list) or not all(isinstance(s, str) for s in failed): p.append("failed_steps is not a list of step names")
    figures = doc.get("figures")
    if not isinstance(figures, list) or not figures: return p + ["figures is not a non-empty list"]
    names = set()
    all_met = isinstance(failed, list) and not failed
    for i, f in enumerate(figures):
        where = "figure %d" % i
        if not isinstance(f, dict): p.append(where + " is not an object"); all_met = False; continue
        if isinstance(f.get("name"), str): where = "figure %r" % f["name"]
        fp = []
        for k, ty in FIGURE_KEYS.items():
            if not isinstance(f.get(k), ty): fp.append("%s: %s %r is not %s" % (where, k, f.get(k), ty.__name__))
        for k in NUMBER_OR_NULL + ["target", "met", "peak_memory_met", "peak_memory_target"]:
            if k not in f: fp.append("%s: no key %s" % (where, k))
        for k in NUMBER_OR_NULL:
            if k in f and f[k] is not None and not is_number(f[k]): fp.append("%s: %s %r is not a number or null" % (where, k, f[k]))
        for k in ("met", "peak_memory_met"):
            if k in f and f[k] is not None and not isinstance(f[k], bool): fp.append("%s: %s %r is not true, false or null" % (where, k, f[k]))
        if isinstance(f.get("notes"), list) and not all(isinstance(n, str) for n in f["notes"]): fp.append(where + ": notes are not all text")
        if f.get("peak_memory_of") not in SCOPES: fp.append("%s: peak_memory_of %r is not one of %s" % (where, f.get("peak_memory_of"), sorted(SCOPES)))
        if f.get("target") is not None: fp += target_problems(f["target"], where + ": target", ["value", "ratio"])
        fp += target_problems(f.get("peak_memory_target"), where + ": peak_memory_target", ["peak_memory_mib"])
        if f.get("name") in names: fp.append("%s: the name appears twice" % where)
        names.add(f.get("name"))
        p += fp
        if fp: all_met = False; continue
        # The numbers agree with each other.
        v, b, r = f["value"], f["baseline_value"], f["ratio"]
        want_ratio = v / b if v is not None and b not in (None, 0) else None
        if (want_ratio is None) != (r is None) or (r is not None and not math.isclose(r, want_ratio, rel_tol=1e-9)):
            p.append("%s: ratio %r is not value / baseline_value = %r" % (where, r, want_ratio))
        t = f["target"]
        want_met = judged(t, v if t["of"] == "value" else r) if t is not None else None
        if f["met"] != want_met:
            p.append("%s: met %r, but %s of %r says %r" % (where, f["met"], t and t["text"], t and (v if t["of"] == "value" else r), want_met))
        mt = f["peak_memory_target"]
        want_mem = judged(mt, f["peak_memory_mib"])
        if f["peak_memory_met"] != want_mem:
            p.append("%s: peak_memory_met %r, but %s of %r MiB says %r" % (where, f["peak_memory_met"], mt["text"], f["peak_memory_mib"], want_mem))
        if (t is not None and want_met is not True) or want_mem is not True: all_met = False
    if doc.get("all_met") is not all_met: p.append("all_met %r, but the figures say %r" % (doc.get("all_met"), all_met))
    steps = {f.get("step") for f in figures if isinstance(f, dict) and f.get("target") is not None}
    for s in STEPS_WITH_TARGETS if doc.get("only") is None else []:   # --only STEP runs a part on purpose
        if s not in steps and not (isinstance(failed, list) and s in failed):
            p.append("step %r gave no figure with a target (the issue's targets must all be measured)" % s)
    return p


def good_document():
    fig = lambda name, step, value, unit, bv, target, peak: {
        "name": name, "step": step, "value": value, "unit": unit, "baseline": "b" if bv is not None else "", "baseline_value": bv,
        "ratio": value / bv if bv else None, "target": target,
        "met": None if target is None else OPS[target["op"]](value if target["of"] == "value" else value / bv, target["value"]),
        "peak_memory_mib": peak, "peak_memory_of": "step",
        "peak_memory_target": {"op": "<", "value": 256, "of": "peak_memory_mib", "text": "< 256 MiB"},
        "peak_memory_met": peak < 256, "notes": []}
    ratio = lambda op, v, text: {"op": op, "value": v, "of": "ratio", "text": text}
    figures = [
        fig("durable single append, median", "durable single append", 0.2, "ms", 0.16, ratio("<=", 1.5, "<= 1.5x baseline"), 30),
        fig("durable single append, p99", "durable single append", 0.5, "ms", 0.4, None, 30),
        fig("verify", "verify", 30000, "records/s", 31000, ratio(">=", 0.8, ">= 80% of baseline"), 40),
        fig("checkpoint", "checkpoint", 700, "ms", 360, ratio("<=", 2, "<= 2x baseline"), 60),
        fig("verify before signing", "prove before acting", 120, "ms", 4000, {"op": "<", "value": 500, "of": "value", "text": "< 500 ms"}, 50),
        fig("bulk import", "bulk import and replay", 30000, "entries/s", 66000, ratio(">=", 0.4, ">= 40% of baseline"), 200),
        fig("replay", "bulk import and replay", 60000, "entries/s", None, {"op": ">=", "value": 50000, "of": "value", "text": ">= 50,000 entries/s"}, 200),
        fig("bundle verify", "peers: python verifier", 20000, "records/s", 5000, ratio(">=", 3, ">= 3x baseline"), 40),
    ]
    return {"format": "entryledger-bench", "version": 1, "mode": "full", "only": None, "build": "release", "date": "2026-11-30T00:00:00Z",
            "machine": {"cpu": "x", "cores": 2, "load_average_before": [1, 1, 1], "load_average_after": [1, 1, 1]},
            "seconds": 1, "all_met": True, "failed_steps": [], "figures": figures}


def self_test():
    good = good_document()
    assert check(good) == [], check(good)
    slow = copy.deepcopy(good)   # a missed target, honestly reported, is a good document
    slow["figures"][6].update(value=5000, met=False); slow["all_met"] = False
    assert check(slow) == [], check(slow)
    breaks = [
        ("met contradicts the ratio", lambda d: d["figures"][0].update(met=False)),
        ("met contradicts the value", lambda d: d["figures"][6].update(value=100)),
        ("ratio is not value / baseline", lambda d: d["figures"][2].update(ratio=0.5)),
        ("a missing key", lambda d: d["figures"][3].pop("peak_memory_mib")),
        ("a target without op", lambda d: d["figures"][4]["target"].pop("op")),
        ("an unknown op", lambda d: d["figures"][4]["target"].update(op="~")),
        ("memory over the target called met", lambda d: d["figures"][5].update(peak_memory_mib=300)),
        ("all_met while a target is missed", lambda d: d["figures"][7].update(value=10000, ratio=2.0, met=False)),
        ("a step's target missing", lambda d: d["figures"].pop(3) and d.update(all_met=True)),
        ("met given without a target", lambda d: d["figures"][1].update(met=True)),
        ("a name twice", lambda d: d["figures"][1].update(name=d["figures"][0]["name"])),
        ("value as text", lambda d: d["figures"][2].update(value="30000")),
        ("no figures", lambda d: d.update(figures=[])),
    ]
    caught = 0
    for label, change in breaks:
        d = copy.deepcopy(good)
        change(d)
        if check(d): caught += 1
        else: print("FAIL self-test: %s not caught" % label)
    return caught, len(breaks)


def check_file(path):
    try:
        with open(path, encoding="utf-8") as f: doc = json.load(f)
    except (OSError, ValueError) as e:
        print("check-bench-json: cannot read %s: %s" % (path, e)); return 2
    problems = check(doc)
    for pr in problems: print("  " + pr)
    n = len(doc.get("figures") or []) if isinstance(doc, dict) else 0
    print("check-bench-json: %s: %d figures, %s" % (path, n, "%d problem(s)" % len(problems) if problems else "shape OK"))
    return 1 if problems else 0


def main(argv):
    if len(argv) == 2 and argv[0] == "--run":
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "bench.json")
            r = subprocess.run([argv[1], "--smoke", "--json", out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                print("check-bench-json: %s --smoke exited %d: %s" % (argv[1], r.returncode, r.stderr[-500:])); return 1
            return check_file(out)
    if len(argv) == 1 and not argv[0].startswith("-"): return check_file(argv[0])
    if argv:
        print(__doc__.strip().split("\n\n")[1]); return 2
    caught, total = self_test()
    print("check-bench-json: self-test, good documents pass, %d of %d broken ones caught" % (caught, total))
    if caught != total: return 1
    bench = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "debug", "entryledger-bench")
    if not os.access(bench, os.X_OK):
        print("check-bench-json: %s is not built; the smoke run is skipped" % os.path.normpath(bench)); return 0
    return main(["--run", bench])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
