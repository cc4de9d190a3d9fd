#!/usr/bin/env python3
"""Secrets check (issue 15): after a full demo run, an export, a backup, a killed backup and a
killed restore, searches the bytes of every file under the work folder (ledger, WAL, archive,
bundle, backups, decrypted backup, temporaries) for the ABI password and the sample SSN.

The password may appear only in the transmission copies written to replay --out (mode 0600);
the SSN nowhere (replay opens it only for the transmission copy, which the Swift tests check;
the demo's authorised cutoff keeps the entry logged here out of any replay). The bundle must
verify with scripts/verify-bundle.py, which needs no secret.
Needs a built binary (.build/debug/entryledger). Prints 'N passed, N failed' last.
"""
import os, subprocess, sys, tempfile, stat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "debug", "entryledger")
PASSWORD = b"DEMO01"          # the demo's ABI password
SSNS = [b"512-08-3377", b"512083377"]  # samples/entries/01-air-ssn-importer-single-bond.json
BACKUP_PASS = "tidal basin ferry 42"

passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def run(args, env=None, expect=0, cwd=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("ENTRYLEDGER_")}
    e.update(env or {})
    p = subprocess.run([BIN] + args, env=e, cwd=cwd, capture_output=True, text=True)
    if expect is not None and p.returncode != expect:
        print("command", args, "exited", p.returncode, p.stdout[-2000:], p.stderr[-2000:])
    return p


def files_under(folder):
    for dirpath, _, names in os.walk(folder):
        for n in names:
            yield os.path.join(dirpath, n)


def holding(folder, needle):
    found = []
    for path in files_under(folder):
        try:
            with open(path, "rb") as f:
                if needle in f.read():
                    found.append(path)
        except OSError:
            pass
    return found


def main():
    if not os.path.exists(BIN):
        print("no", BIN, "(run swift build first)")
        return 1
    work = tempfile.mkdtemp(prefix="el-secrets-")
    demo = os.path.join(work, "demo")
    ledger = os.path.join(demo, "entryledger.db")
    check(run(["demo", "--dir", demo]).returncode == 0, "demo runs")
    # An importer whose number is an SSN, logged by a clerk: the ledger stores it only sealed.
    sample = os.path.join(ROOT, "samples", "entries", "01-air-ssn-importer-single-bond.json")
    check(run(["--ledger", ledger, "entry", "add", "--file", sample, "--key", os.path.join(demo, "keys", "alice.key")]).returncode == 0, "the SSN entry is logged")
    for listing in (["entry", "list"], ["entry", "list", "--json"], ["status"]):
        r = run(["--ledger", ledger] + listing)
        check(r.returncode == 0 and not any(s in r.stdout.encode() for s in SSNS), "`%s` runs and does not show the SSN" % " ".join(listing))
    check(run(["--ledger", ledger, "export", "--out", os.path.join(work, "bundle")]).returncode == 0, "export runs")
    env = {"ENTRYLEDGER_BACKUP_PASSPHRASE": BACKUP_PASS}
    offsite = os.path.join(work, "offsite")
    os.makedirs(offsite)
    check(run(["--ledger", ledger, "backup", "--out", os.path.join(offsite, "full.elbackup")], env).returncode == 0, "backup runs")

    # A killed backup and a killed restore: SIGKILL halfway through their own count of steps.
    count_file = os.path.join(work, "steps")
    run(["--ledger", ledger, "backup", "--out", os.path.join(offsite, "counted.elbackup")], dict(env, ENTRYLEDGER_COUNT_STEPS=count_file))
    n = int(open(count_file).read() or "2")
    killed = run(["--ledger", ledger, "backup", "--out", os.path.join(offsite, "killed.elbackup")],
                 dict(env, ENTRYLEDGER_KILL_AT_STEP=str(max(1, n // 2))), expect=None)
    check(killed.returncode == -9, "the backup was killed (exit %s)" % killed.returncode)
    restore_to = os.path.join(work, "restore-killed", "entryledger.db")
    os.makedirs(os.path.dirname(restore_to))
    run(["--ledger", restore_to, "restore", "--from", os.path.join(offsite, "full.elbackup")], dict(env, ENTRYLEDGER_COUNT_STEPS=count_file))
    n = int(open(count_file).read() or "2")
    os.remove(restore_to)
    for extra in ("-wal", "-shm"):
        if os.path.exists(restore_to + extra):
            os.remove(restore_to + extra)
    killed = run(["--ledger", restore_to, "restore", "--from", os.path.join(offsite, "full.elbackup")],
                 dict(env, ENTRYLEDGER_KILL_AT_STEP=str(max(1, n // 2))), expect=None)
    check(killed.returncode == -9, "the restore was killed (exit %s)" % killed.returncode)
    # A decrypted backup, in full.
    restored = os.path.join(work, "restored", "entryledger.db")
    os.makedirs(os.path.dirname(restored))
    check(run(["--ledger", restored, "restore", "--from", os.path.join(offsite, "full.elbackup")], env).returncode == 0, "restore runs")

    # The bytes: the password only in the --out transmission copies, the SSN nowhere.
    allowed = [os.path.join(demo, d) + os.sep for d in os.listdir(demo) if d.startswith("replay-")]
    with_password = holding(work, PASSWORD)
    check(with_password != [], "the transmission copies carry the ABI password")
    for path in with_password:
        ok = any(path.startswith(a) for a in allowed) and path.endswith(".abi")
        check(ok, "the ABI password is in %s" % path)
        if ok:
            check(stat.S_IMODE(os.stat(path).st_mode) == 0o600, "%s is mode 0600" % path)
    for ssn in SSNS:
        for path in holding(work, ssn):
            check(False, "an SSN is in %s" % path)
    leftovers = [p for p in files_under(work) if "/.entryledger-tmp-" in p]
    print("temporaries left by the killed runs:", len(set(os.path.dirname(p) for p in leftovers)))

    # The next run removes what the killed ones left, and says so.
    again = run(["--ledger", ledger, "backup", "--out", os.path.join(offsite, "again.elbackup")], env)
    check(again.returncode == 0, "a backup after the killed one runs")
    again_r = run(["--ledger", restore_to, "restore", "--from", os.path.join(offsite, "full.elbackup"), "--force"], env)
    check(again_r.returncode == 0, "a restore after the killed one runs")
    left = [p for p in files_under(work) if "/.entryledger-tmp-" in p]
    check(left == [], "no temporaries left after the next runs: %s" % left[:3])
    if leftovers:
        check("Removed" in again.stdout + again_r.stdout, "the next run says it removed the leftovers")

    # The bundle verifies without any secret, and the Python verifier agrees.
    check(run(["verify", "--bundle", os.path.join(work, "bundle"), "--trust", os.path.join(demo, "keys", "supervisor.key.pub")], expect=None).returncode == 0,
          "entryledger verify --bundle accepts the bundle")
    p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "verify-bundle.py"), "--trust", os.path.join(demo, "keys", "supervisor.key.pub"),
                        os.path.join(work, "bundle")], capture_output=True, text=True)
    check(p.returncode == 0, "verify-bundle.py accepts the bundle: " + p.stdout[-500:] + p.stderr[-500:])

    subprocess.run(["rm", "-rf", work])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
