import LedgerFormat
/// The accounting as a document to hand to CBP: JSON, CSV (one row per entry and application)
/// or one self-contained printable HTML page.
public enum Report {
    /// The document formats `report --format` offers.
    public enum Format: String, CaseIterable, Sendable { case json, csv, html }

    /// The accounting as a document in `format`, ready to write to a file.
    public static func render(_ a: Accounting, as format: Format) -> String {
        switch format {
        case .json: return ((try? CanonicalJSON.encodeString(json(a))) ?? "{}") + "\n"
        case .csv: return csv(a)
        case .html: return html(a)
        }
    }

    static func json(_ a: Accounting) -> JSONValue {
        [
            "origin": .string(a.origin), "broker": .string(a.broker), "generated_at": .string(Timestamp.format(unixSeconds: a.now)),
            "made_from": ["records": .int(a.records), "root": .string(Base64.encode(a.rootHash))],
            "latest_checkpoint": a.latestCheckpoint.map { ["seq": .int($0.seq), "size": .int($0.size), "root": .string($0.root)] } ?? .null,
            "counts": .object(Dictionary(uniqueKeysWithValues: a.counts.map { ($0.0.replacingOccurrences(of: " ", with: "_"), JSONValue.int(Int64($0.1))) })),
            "deadlines": .array(a.deadlines.map(\.json)),
            "incident": a.incident.json,
            "entry_summary_rule": .string("\(a.summaryRule.id): \(a.summaryRule.title) (\(a.summaryRule.source))"),
            "entries": .array(a.lines.map { l in
                var o: [String: JSONValue] = [
                    "entry_number": .string(l.number), "status": .string(l.state.status.rawValue), "standing": .string(l.standing),
                    "accounted_for": .bool(l.accountedFor), "clerk": .string(l.state.addedBy), "logged_at": .string(l.state.addedAt),
                    "version": .int(Int64(l.state.version)), "entry_type": .string(l.state.entry.entryType), "port": .string(l.state.entry.portOfEntry),
                    "transmissions": .array(l.transmissions.map { t in
                        var x: [String: JSONValue] = ["application": .string(t.application.rawValue), "rejected": .bool(t.rejected), "messages": .array(t.messages.map { .string($0) })]
                        if let b = t.batchID { x["batch"] = .string(b) }
                        if let act = t.action { x["action"] = .string(act.rawValue) }
                        if let ace = t.ace { x["ace"] = .string(ace) }
                        if let p = t.pending { x["pending"] = .string(p) }
                        return .object(x)
                    }),
                ]
                if let r = l.state.release { o["cbp_release"] = ["date": .string(r.release.date), "port": .string(r.release.port), "reference": .string(r.release.reference)] }
                if let v = l.state.voided { o["voided"] = .string(v.reason) }
                if let d = l.summaryDue { o["entry_summary_due"] = .string(Timestamp.format(unixSeconds: d)) }
                return .object(o)
            }),
        ]
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func csv(_ a: Accounting) -> String {
        var rows = [["entry_number", "status", "standing", "accounted_for", "clerk", "logged_at", "entry_type", "port", "cbp_release_date",
                     "cbp_release_port", "cbp_release_reference", "application", "batch", "action", "ace", "ace_messages", "pending", "entry_summary_due"]]
        for l in a.lines {
            for t in l.transmissions.isEmpty ? [nil] : l.transmissions.map({ Optional($0) }) {
                rows.append([l.number, l.state.status.rawValue, l.standing, l.accountedFor ? "yes" : "no", l.state.addedBy, l.state.addedAt,
                             l.state.entry.entryType, l.state.entry.portOfEntry, l.state.release?.release.date ?? "", l.state.release?.release.port ?? "",
                             l.state.release?.release.reference ?? "", t?.application.rawValue ?? "", t?.batchID ?? "", t?.action?.rawValue ?? "",
                             t?.ace ?? "", t?.messages.joined(separator: "; ") ?? "", t?.pending ?? "", l.summaryDue.map { Timestamp.format(unixSeconds: $0) } ?? ""])
            }
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func esc(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func html(_ a: Accounting) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Outage accounting: \(esc(a.broker))</title>
        <style>
        body { font: 11pt/1.35 system-ui, sans-serif; margin: 2em; color: #111; }
        h1 { font-size: 16pt; margin-bottom: 0.2em; } h2 { font-size: 13pt; margin-top: 1.5em; border-bottom: 1px solid #999; }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }
        th { background: #eee; } .bad { color: #a00; font-weight: 600; } .ok { color: #060; } .mono { font-family: ui-monospace, monospace; font-size: 8.5pt; }
        .counts td:first-child { width: 14em; } @media print { body { margin: 0.5cm; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
        </style></head><body>
        <h1>Outage accounting: \(esc(a.broker))</h1>
        <p>Ledger <span class="mono">\(esc(a.origin))</span>. Made \(esc(Timestamp.format(unixSeconds: a.now))) from the ledger of
        <strong>\(a.records)</strong> records, Merkle root <span class="mono">\(esc(Base64.encode(a.rootHash)))</span>
        (check it against a checkpoint with <span class="mono">entryledger verify</span>).
        \(a.latestCheckpoint.map { "The latest checkpoint in the ledger (seq \($0.seq)) covers <strong>\($0.size)</strong> records, root <span class=\"mono\">\(esc($0.root))</span>." } ?? "The ledger holds no checkpoint yet.")</p>
        <h2>Summary</h2><table class="counts" id="counts">
        """
        for (k, v) in a.counts { h += "<tr><td>\(esc(k))</td><td>\(v)</td></tr>\n" }
        h += "</table>\n<h2>CBP deadlines</h2><ul>\n"
        for d in a.deadlines { h += "<li class=\"\(d.sentence.hasPrefix("MISSED") || d.sentence.hasPrefix("LATE") ? "bad" : "")\">\(esc(d.sentence))</li>\n" }
        if a.deadlines.isEmpty { h += "<li>No incident opened in the ledger.</li>\n" }
        h += "</ul>\n<h2>Incident timeline and communications</h2><table id=\"timeline\"><tr><th>Seq</th><th>Recorded</th><th>Happened</th><th>By</th><th>What</th></tr>\n"
        for e in a.incident.events {
            h += "<tr><td>\(e.seq)</td><td class=\"mono\">\(esc(e.recorded))</td><td class=\"mono\">\(esc(e.happened ?? ""))</td><td>\(esc(e.author))</td><td>\(esc(e.headline))</td></tr>\n"
        }
        h += "</table>\n<h2>Entries</h2><p>Entry summaries coming due use the rule \(esc(a.summaryRule.title)) (\(esc(a.summaryRule.source)); configurable in ComplianceRules).</p>\n"
        h += "<table id=\"entries\"><tr><th>Entry</th><th>Status</th><th>Clerk, logged</th><th>CBP release</th><th>ACE transmissions</th><th>Standing</th></tr>\n"
        for l in a.lines {
            let release = l.state.release.map { "\($0.release.date) port \($0.release.port), \($0.release.reference)" } ?? ""
            let tx = l.transmissions.map { t in
                let parts = [t.batchID.map { "batch \($0)" }, t.action.map { "action \($0.rawValue)" }, t.ace.map { "ACE \($0)" },
                             t.messages.isEmpty ? nil : t.messages.joined(separator: "; "), t.pending.map { "pending \($0)" }].compactMap { $0 }
                return "\(t.application.rawValue): " + (parts.isEmpty ? "never sent" : parts.joined(separator: ", "))
            }.map(esc).joined(separator: "<br>")
            h += "<tr data-entry=\"\(esc(l.number))\"><td class=\"mono\">\(esc(l.number))</td><td>\(esc(l.state.status.rawValue)) v\(l.state.version)</td><td>\(esc(l.state.addedBy)), \(esc(l.state.addedAt))</td><td>\(esc(release))</td><td>\(tx)</td><td class=\"\(l.accountedFor ? "ok" : "bad")\">\(esc(l.standing))\(l.summaryDue.map { "<br>entry summary due \(esc(Timestamp.format(unixSeconds: $0)))" } ?? "")</td></tr>\n"
        }
        h += "</table>\n<h2>Replay batches</h2><ul>\n"
        for (seq, b) in a.batches {
            h += "<li>\(esc(b.batchID)) at seq \(seq): \(b.transactions.count) transaction(s); " + b.files.map { "\(esc($0.name)) <span class=\"mono\">\(esc($0.sha256))</span>" }.joined(separator: ", ") + "</li>\n"
        }
        h += "</ul>\n</body></html>\n"
        return h
    }
}
