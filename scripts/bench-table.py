#!/usr/bin/env python3
"""Prints the README's bench table (markdown) from `entryledger-bench --json FILE`, so that the
table in README.md is always a real run's:

    bench-table.py bench.json [--no-notes]

One row per figure: its value, its baseline measured in the same run, the ratio, the target,
whether it was met and the peak memory; then the run (date, machine, load) and each figure's
notes. The JSON's shape is checked by scripts/check-bench-json.py.
"""
import json, sys


def num(x):
    """12345.6 -> 12,346; 0.1234 -> 0.123; 2.345 -> 2.35 (as the bench prints)."""
    if x is None: return "-"
    if abs(x) >= 100: return "{:,.0f}".format(x)
    if abs(x) >= 1: return "%.2f" % x
    return "%.3g" % x


def ratio_text(f):
    r = f["ratio"]
    if r is None: return ""
    t = f["target"]
    if t and t["of"] == "ratio" and "%" in t["text"]: return "%.0f%%" % (100 * r)
    return "%.2fx" % r


def met_text(f):
    return {True: "yes", False: "**no**", None: "not measured" if f["target"] else ""}[f["met"]]


def memory_text(f):
    m = f["peak_memory_mib"]
    if m is None: return "not read"
    scope = {"step": "step", "figure": "figure alone", "child": "child process"}[f["peak_memory_of"]]
    return "%.1f MiB (%s)%s" % (m, scope, "" if f["peak_memory_met"] else " **over 256**")


def cell(text):
    return text.replace("|", "\\|")


def table(doc, notes=True):
    m = doc["machine"]
    load = lambda l: ", ".join("%.2f" % x for x in l)
    out = ["Run of %s (%s, %s build, %.0f s): %s, %d cores; load average %s before, %s after. All targets met: %s."
           % (doc["date"], doc["mode"], doc["build"], doc.get("seconds", 0), m["cpu"], m["cores"], load(m["load_average_before"]),
              load(m["load_average_after"]), "yes" if doc["all_met"] else "no"), "",
           "| figure | value | baseline (same run) | ratio | target | met | peak memory (< 256 MiB) |",
           "|---|---|---|---|---|---|---|"]
    for f in doc["figures"]:
        value = "%s %s" % (num(f["value"]), f["unit"]) if f["value"] is not None else "not measured"
        baseline = f["baseline"] + (": %s %s" % (num(f["baseline_value"]), f["unit"]) if f["baseline_value"] is not None
                                    else (": not measured" if f["baseline"] else ""))
        target = f["target"]["text"] if f["target"] else ""
        out.append("| " + " | ".join(cell(c) for c in [f["name"], value, baseline, ratio_text(f), target, met_text(f), memory_text(f)]) + " |")
    if doc.get("failed_steps"): out += ["", "Failed steps: " + ", ".join(doc["failed_steps"]) + "."]
    if notes:
        lines = [(f["name"], n) for f in doc["figures"] for n in f["notes"]]
        if lines:
            out += ["", "Notes:", ""] + ["- %s: %s" % (name, n) for name, n in lines]
    return "\n".join(out)


def main(argv):
    paths = [a for a in argv if not a.startswith("-")]
    if len(paths) != 1 or any(a not in ("--no-notes",) for a in argv if a.startswith("-")):
        print("usage: bench-table.py bench.json [--no-notes]", file=sys.stderr); return 2
    try:
        with open(paths[0], encoding="utf-8") as f: doc = json.load(f)
        print(table(doc, notes="--no-notes" not in argv))
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("bench-table: cannot read %s: %s (check it with scripts/check-bench-json.py)" % (paths[0], e), file=sys.stderr); return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
