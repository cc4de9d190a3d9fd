"""What the schema checks share: loading a JSON Schema (Draft 2020-12) with a clear exit 2 when
Python's jsonschema is missing, the path of the built binary, and a pass/fail tally that prints
each failure and the summary line CI reads."""
import json, os, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def validator(script, schema_name):
    """The validator for schemas/<schema_name>; exits 2 (naming the script) without jsonschema."""
    try:
        import jsonschema
    except ImportError:
        print("%s: jsonschema is not installed (pip install jsonschema)" % script)
        sys.exit(2)
    schema = json.loads((ROOT / "schemas" / schema_name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def binary():
    """The entryledger binary the checks drive: $ENTRYLEDGER_BIN or the debug build."""
    return os.environ.get("ENTRYLEDGER_BIN", str(ROOT / ".build" / "debug" / "entryledger"))


class Tally:
    """Counts checks; prints each failure with its detail."""

    def __init__(self, script):
        self.script, self.passed, self.failed = script, 0, 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL", name, detail)

    def finish(self):
        """Prints the summary line and exits 1 when any check failed."""
        print("%s: %d passed, %d failed" % (self.script, self.passed, self.failed))
        sys.exit(1 if self.failed else 0)
