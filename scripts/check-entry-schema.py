#!/usr/bin/env python3
"""Checks schemas/entry.schema.json against the entry files: every sample in samples/entries
must pass the schema and every fixture in Tests/EntryTests/Fixtures/invalid must fail it.

Needs Python's jsonschema (pip install jsonschema). Exit 0 when all hold, 1 otherwise,
2 when jsonschema is missing or a file cannot be read.
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("check-entry-schema: the jsonschema module is missing (pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "entry.schema.json"
SAMPLES = ROOT / "samples" / "entries"
INVALID = ROOT / "Tests" / "EntryTests" / "Fixtures" / "invalid"


def no_floats(text):
    raise ValueError(f"floating-point number {text} (money is integer cents)")


def load_sample(path):
    # Floats are refused in samples as the Swift reader refuses them; the schema's "integer"
    # alone would accept 1.0, which the ledger never does.
    return json.loads(path.read_text(encoding="utf-8"), parse_float=no_floats)


def load_fixture(path):
    # Invalid fixtures are read plainly, so that the schema itself has to reject them.
    return json.loads(path.read_text(encoding="utf-8"))


def main():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    samples = sorted(SAMPLES.glob("*.json"))
    invalid = sorted(INVALID.glob("*.json"))
    if not samples or not invalid:
        print(f"check-entry-schema: no samples in {SAMPLES} or no fixtures in {INVALID}", file=sys.stderr)
        return 2
    for path in samples:
        try:
            errors = list(validator.iter_errors(load_sample(path)))
        except ValueError as e:
            errors = [e]
        for e in errors:
            where = "/".join(str(p) for p in getattr(e, "absolute_path", []))
            failures.append(f"sample {path.name} fails the schema at {where or '(entry)'}: {getattr(e, 'message', e)}")
    for path in invalid:
        try:
            errors = list(validator.iter_errors(load_fixture(path)))
        except ValueError as e:
            failures.append(f"invalid fixture {path.name} is not JSON: {e}")
            continue
        if not errors:
            failures.append(f"invalid fixture {path.name} passes the schema")
        else:
            print(f"  {path.name}: rejected ({len(errors)} schema error{'s' if len(errors) != 1 else ''})")
    for f in failures:
        print(f, file=sys.stderr)
    status = "FAILED" if failures else "ok"
    print(f"check-entry-schema: {status}: {len(samples)} samples, {len(invalid)} invalid fixtures, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
