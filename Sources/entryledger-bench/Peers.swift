import EntryLedger
import Foundation

/// The tools a CBP reviewer would use instead, timed in the same run: the project's Python
/// verifier (python3 + `cryptography`, written from the spec alone) on the same bundle the
/// library verifies, and `openssl speed`'s Ed25519 rate beside swift-crypto's.
extension Figures {
    /// The bundle's size: the issue's 100,000 records (the verify-before-signing ledger's size).
    var bundleRecords: Int { scale.proveRecords }

    /// The repository's root (the bench runs from a checkout: its samples and scripts).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The cached ledger exported as `entryledger export` does (`BundleExport.export`), then
    /// verified by the library as `entryledger verify --bundle` does (`LedgerAudit`) and by
    /// `scripts/verify-bundle.py`.
    func bundleVerify() throws -> Figure {
        let records = bundleRecords
        let name = "bundle verify (\(records) records): Swift vs the Python verifier"
        let target: Target = ">= 3x baseline"
        let copy = folder + "/peer.db"
        try FileManager.default.copyItem(atPath: try cachedLedger(records: records), toPath: copy)
        let bundle = folder + "/peer-bundle"
        let summary = try BundleExport.export(ledger: try Ledger.open(path: copy), to: bundle)
        guard summary.records == Int64(records) else { throw BenchError("the bundle holds \(summary.records) records, not \(records)") }

        let reset = Measure.resetPeakMemory()
        var result: LedgerAudit.Result?
        let t = try Measure.seconds {
            result = try LedgerAudit.run(source: .bundle(bundle), trusting: Self.supervisor.publicKey, checkpoints: [],
                                         evidenceFolder: bundle + "/evidence", batchFolder: bundle + "/batches",
                                         responseFolder: bundle + "/responses")
        }
        let peak = Measure.peakMiB()
        guard let result, result.report.ok, result.report.records == Int64(records) else {
            throw BenchError("the library did not verify the bundle: \(result.map { Array($0.report.problems.prefix(3)) } ?? [])")
        }
        var figure = Figure(name: name, value: Double(records) / t, unit: "records/s",
                            baseline: "scripts/verify-bundle.py (python3 + cryptography, 1 core), same bundle", target: target,
                            notes: ["Swift: LedgerAudit on the bundle, as `entryledger verify --bundle`"],
                            peakMemoryMiB: peak, peakMemoryOf: reset ? .figure : .step)

        let script = Self.repositoryRoot.appendingPathComponent("scripts/verify-bundle.py").path
        guard let python = Measure.which("python3") else { return figure.notMeasured("python3 is not on PATH") }
        guard FileManager.default.fileExists(atPath: script) else { return figure.notMeasured("\(script) is missing") }
        guard let probe = Measure.child(python, ["-c", "import cryptography, sys; print(sys.version.split()[0], cryptography.__version__)"], folder: folder),
            probe.status == 0
        else { return figure.notMeasured("python3 cannot import cryptography (pip install cryptography)") }
        let versions = probe.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let trust = folder + "/peer-supervisor.pub"
        try AtomicFile.write(KeyFile.publicKeyFileBytes(Self.supervisor.publicKey), to: trust, existing: .replace)
        log("  python3 scripts/verify-bundle.py on \(records) records")
        guard let run = Self.pythonPeer(python, [script, "--quiet", "--trust", trust, bundle], folder: folder) else {
            return figure.notMeasured("python3 could not be started")
        }
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        guard run.status == 0, last.hasPrefix("verify-bundle: \(records) records") else {
            return figure.notMeasured("the Python verifier exited \(run.status): \(last.isEmpty ? run.stderr.suffix(300) : last[...])")
        }
        figure.baselineValue = Double(records) / run.seconds
        figure.notes.append("Python \(versions.first ?? "?"), cryptography \(versions.dropFirst().first ?? "?"): "
            + "\(run.seconds.pretty) s, max RSS \(run.maxRSSMiB.map { "\($0.pretty) MiB" } ?? "not read")")
        return figure
    }

    /// swift-crypto's Ed25519 verification rate on one core (over messages of the ledger's
    /// size) beside `openssl speed -seconds N ed25519`'s, also one core.
    func opensslSpeed() throws -> Figure {
        let seconds = scale.cryptoSamples >= 20_000 ? 3 : 1
        let rates = verificationRates(message: RecordFormat.signingMessage(payload: try samplePayload()))
        var figure = Figure(name: "Ed25519 verify, 1 core: swift-crypto vs openssl speed", value: rates.oneCore, unit: "verify/s",
                            baseline: "openssl speed -seconds \(seconds) ed25519, verify/s")
        guard let bin = Measure.which("openssl") else { return figure.notMeasured("openssl is not on PATH") }
        log("  openssl speed -seconds \(seconds) ed25519")
        guard let run = Measure.child(bin, ["speed", "-seconds", String(seconds), "ed25519"], folder: folder), run.status == 0 else {
            return figure.notMeasured("`openssl speed ed25519` did not run")
        }
        // "253 bits EdDSA (Ed25519)   0.0000s   0.0001s  24931.4   9123.9": sign/s, verify/s last.
        guard let line = run.stdout.split(separator: "\n").last(where: { $0.contains("Ed25519") && $0.contains("bits") }),
            case let numbers = line.split(separator: " ").compactMap({ Double($0) }), numbers.count >= 3
        else { return figure.notMeasured("could not read the Ed25519 line of `openssl speed`") }
        figure.baselineValue = numbers[numbers.count - 1]
        let version = Measure.child(bin, ["version"], folder: folder)?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "openssl"
        figure.notes.append("\(version): sign \(numbers[numbers.count - 2].pretty)/s")
        return figure
    }
}

extension Figures {
    /// Runs a Python script under a small Python parent that times it and reads its maximum
    /// resident size from its own RUSAGE_CHILDREN: a child forked from that small parent,
    /// unlike one spawned by the bench, does not inherit the bench's resident size as its peak.
    static func pythonPeer(_ python: String, _ args: [String], folder: String) -> (status: Int32, stdout: String, stderr: String, seconds: Double, maxRSSMiB: Double?)? {
        let wrapper = """
            import resource, subprocess, sys, time
            t = time.perf_counter()
            r = subprocess.run([sys.executable] + sys.argv[1:])
            t = time.perf_counter() - t
            print("bench-peer %d %.6f %d" % (r.returncode, t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)
            """
        guard let run = Measure.child(python, ["-c", wrapper] + args, folder: folder) else { return nil }
        guard let line = run.stderr.split(separator: "\n").last(where: { $0.hasPrefix("bench-peer ") }),
            case let f = line.split(separator: " "), f.count == 4, let status = Int32(f[1]), let seconds = Double(f[2]), let kib = Double(f[3])
        else { return (run.status == 0 ? 1 : run.status, run.stdout, run.stderr, run.seconds, nil) }
        return (status, run.stdout, run.stderr, seconds, kib / 1024)
    }
}

extension Figure {
    /// The figure without its baseline, saying why: a missing peer is reported, not a crash.
    func notMeasured(_ why: String) -> Figure {
        var f = self
        f.baselineValue = nil
        f.notes.append("baseline not measured: \(why)")
        return f
    }
}
