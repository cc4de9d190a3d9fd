/// The report as one self-contained HTML page (no scripts, no external files) that prints on
/// Letter and A4: every section is a `<section id=...>` with an `<h2>`; the entries table has a
/// `<tr data-entry=...>` per entry and each entry's life an `<article data-life=...>`.
enum ReportHTML {
    /// The sections, in order: id and heading. `scripts/check-report-html.sh` checks each.
    static let sections: [(id: String, title: String)] = [
        ("header", "Broker, incident and ledger"),
        ("authorisation", "CBP's authorisation to reconnect"),
        ("summary", "Summary and money totals"),
        ("entries", "Entries"),
        ("lives", "Each entry's life"),
        ("deadlines", "Deadlines"),
        ("communications", "Communications and incident timeline"),
        ("batches", "Replay batches and ACE's answers"),
        ("evidence", "Evidence"),
        ("unaccounted", "Not yet accounted for"),
        ("signature", "Signature of the licensed broker"),
    ]

    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
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

    static let style = """
        @page { margin: 14mm 12mm; }
        * { box-sizing: border-box; }
        body { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 0 auto; padding: 6mm; max-width: 186mm; }
        h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1.5px solid #444; }
        h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 1mm 0 2mm; }
        th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #eee; } thead { display: table-header-group; }
        tfoot td { font-weight: 700; background: #f4f4f4; }
        .num, .nowrap { text-align: right; white-space: nowrap; } .nowrap { text-align: left; }
        dl.facts + dl.facts { margin-top: 3mm; }
        .hash, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 7.5pt; overflow-wrap: anywhere; word-break: break-all; }
        .bad { color: #a00; font-weight: 700; } .ok { color: #060; } .muted { color: #555; }
        dl.facts { display: grid; grid-template-columns: 38mm 1fr; gap: 1mm 3mm; margin: 0; }
        dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        article.life { border-left: 3px solid #999; padding: 0 0 0 3mm; margin: 2mm 0 3mm; }
        article.life.attention { border-left-color: #a00; }
        article.life ol { margin: 0; padding-left: 5mm; } article.life li { margin: 0.5mm 0; }
        table.changes { width: auto; max-width: 100%; margin: 0.5mm 0; }
        .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 9mm 8mm; margin-top: 6mm; }
        .sign div { border-bottom: 1px solid #111; min-height: 11mm; padding-top: 7mm; font-size: 8.5pt; color: #333; }
        @media print {
          body { padding: 0; max-width: none; }
          h2, h3 { break-after: avoid; }
          tr, article.life li, .sign { break-inside: avoid; }
          #signature { break-inside: avoid; }
        }
        """

    static func render(_ a: Accounting, clock: OfficeClock) -> String {
        var h = ""
        h.reserveCapacity(4096 + a.entries.count * 1500)
        let hd = a.header
        func t(_ x: Int64) -> String { esc(clock.both(x)) }
        func t(_ x: String) -> String { esc(clock.both(x)) }
        h += """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Accounting of downtime entries: \(esc(hd.broker))</title>
            <style>
            \(style)
            </style></head><body>

            """

        // 1. Header
        h += "<section id=\"header\"><h1>Accounting of entries made during the cyber incident</h1>\n"
        h += "<h2>Broker, incident and ledger</h2><dl class=\"facts\">\n"
        func fact(_ k: String, _ v: String) { h += "<dt>\(esc(k))</dt><dd>\(v)</dd>\n" }
        fact("Broker", esc(hd.broker))
        fact("Filer code", "<span class=\"mono\">\(esc(hd.filer))</span>")
        fact("Port(s)", esc(hd.ports.enumerated().map { $0.offset == 0 ? "\($0.element) (office)" : $0.element }.joined(separator: ", ")))
        fact("Licensed broker", esc(hd.supervisor))
        if let o = a.incident.opened {
            fact("Incident", esc(o.body.summary))
            fact("Discovered", t(o.body.discoveredAt))
            if !o.body.systems.isEmpty { fact("Systems affected", esc(o.body.systems.joined(separator: "; "))) }
            fact("Exposed importer numbers", "\(o.body.exposedImporters.count)")
            if let c = a.incident.closed { fact("Closed", esc(c.body.summary)) }
        } else {
            fact("Incident", "<span class=\"bad\">no incident opened in the ledger</span>")
        }
        fact("Period", (hd.periodStart.map(t) ?? "(no record yet)") + " to " + t(hd.periodEnd) + (hd.periodOpen ? " (incident still open: as of this report)" : ""))
        fact("Ledger origin", "<span class=\"mono\">\(esc(hd.origin))</span>")
        fact("Made from", "\(hd.records) records, Merkle root <span class=\"hash\">\(esc(Base64.encode(hd.rootHash)))</span>")
        if let c = a.latestCheckpoint {
            let after = hd.records - c.size
            fact("Checkpoint covered", "the checkpoint recorded at seq \(c.seq) (\(t(c.time))) covers the first \(c.size) records, root <span class=\"hash\">\(esc(c.root))</span>"
                 + (after > 0 ? "; <strong>\(after) record(s) after it are not yet covered by a checkpoint</strong>" : ""))
        } else {
            fact("Checkpoint covered", "<span class=\"bad\">none: the ledger holds no checkpoint yet</span>")
        }
        fact("Times", "in the office's time zone, \(esc(clock.name)), with UTC beside")
        fact("Report made", t(a.now) + ", by \(esc(ProductVersion.line))")
        h += "</dl></section>\n"

        // 2. Authorisation
        h += "<section id=\"authorisation\"><h2>CBP's authorisation to reconnect</h2>\n"
        if a.authorizations.isEmpty {
            h += "<p class=\"bad\">No authorisation from CBP is recorded: nothing may be replayed into ACE yet.</p>\n"
        } else {
            for r in a.authorizations {
                h += "<dl class=\"facts\" data-authorisation=\"\(esc(r.body.reference))\">\n"
                fact("Reference", "<strong>\(esc(r.body.reference))</strong>")
                fact("Date", esc(r.body.date))
                fact("CBP contact", r.body.contact.isEmpty ? "(not recorded)" : esc(r.body.contact))
                fact("Recorded", "seq \(r.seq), \(t(r.time)), by \(esc(r.author))")
                if let size = r.body.checkpointSize {
                    fact("Checkpoint", "the first \(size) records, root <span class=\"hash\">\(esc(r.body.checkpointRoot ?? ""))</span>; entries logged after it are not covered")
                    fact("Cosigned by", "<span class=\"hash\">\(esc(r.body.reviewerKey ?? ""))</span>")
                } else {
                    fact("Checkpoint", "not bound to a checkpoint: covers every entry logged before it")
                }
                h += "</dl>\n"
            }
        }
        h += "</section>\n"

        // 3. Summary and totals
        h += "<section id=\"summary\"><h2>Summary and money totals</h2><table id=\"counts\"><tbody>\n"
        for (k, v) in a.counts { h += "<tr><th>\(esc(k.prefix(1).uppercased() + k.dropFirst()))</th><td class=\"num\">\(v)</td></tr>\n" }
        for (s, v) in a.standingCounts { h += "<tr><td>state: \(esc(s.label))</td><td class=\"num\">\(v)</td></tr>\n" }
        h += "</tbody></table>\n"
        let tot = a.totals
        h += "<table id=\"totals\"><thead><tr><th>Totals of the \(a.entries.filter(\.countsInTotals).count) entries not voided</th>\(moneyHeads)</tr></thead>\n"
        h += "<tbody><tr><td>All entries</td>\(moneyCells(tot))</tr></tbody></table>\n"
        h += "<table id=\"fees\"><thead><tr><th>Fees by accounting class</th><th class=\"num\">Amount</th></tr></thead><tbody>\n"
        for f in tot.feesByClass { h += "<tr><td>\(esc(Money.feeClassName(f.classCode)))</td><td class=\"num\">\(Money.text(f.amountCents))</td></tr>\n" }
        if tot.feesByClass.isEmpty { h += "<tr><td colspan=\"2\">no fees</td></tr>\n" }
        h += "</tbody></table>\n"
        h += "<p class=\"muted\">Money of entries with entry summary (7501) data is computed from the entry by the customs rules (the figures the ABI records carry): duty, fees by class, taxes (IR tax), AD/CVD deposits (antidumping and countervailing). An entry with cargo release (3461) data only counts its estimated value and has no duty, fees or taxes yet. Voided entries are listed but not counted.</p></section>\n"

        // 4. Entries table
        h += "<section id=\"entries\"><h2>Entries</h2><table><thead><tr><th>Entry</th><th>Importer</th><th>State</th>\(moneyHeads)</tr></thead><tbody>\n"
        for e in a.entries {
            let cls = e.accountedFor ? "ok" : "bad"
            h += "<tr data-entry=\"\(esc(e.number))\" data-state=\"\(e.standing.rawValue)\"><td><span class=\"mono nowrap\">\(esc(e.number))</span><br>type \(esc(e.state.entry.entryType)), port \(esc(e.state.entry.portOfEntry))\(e.state.voided != nil ? ", <strong>voided</strong>" : "")</td>"
            h += "<td><span class=\"nowrap\">\(esc(e.state.entry.importer.qualifier)) \(esc(e.importerDisplay))</span></td><td class=\"\(cls)\">\(esc(e.standing.label))</td>"
            h += e.money.hasSummary ? moneyCells(e.money) : "<td class=\"num\">\(Money.text(e.money.valueCents))</td><td colspan=\"5\" class=\"muted\">no entry summary (7501) data</td>"
            h += "</tr>\n"
        }
        h += "</tbody><tfoot><tr><td colspan=\"3\">Totals (entries not voided)</td>\(moneyCells(tot))</tr></tfoot></table></section>\n"

        // 5. Lives
        h += "<section id=\"lives\"><h2>Each entry's life</h2>\n"
        for e in a.entries {
            h += "<article class=\"life\(e.accountedFor ? "" : " attention")\" data-life=\"\(esc(e.number))\"><h3>\(esc(e.number)): \(esc(e.standing.label))</h3>\n"
            for tx in e.transmissions {
                h += "<div class=\"muted\">\(tx.application.rawValue): \(esc(tx.standing.label)); \(esc(tx.reason))</div>\n"
            }
            h += "<ol>\n"
            for ev in e.events {
                let cls: String
                if case .answered(_, _, _, let rejected, _) = ev.what { cls = rejected ? " class=\"bad\"" : " class=\"ok\"" } else { cls = "" }
                h += "<li\(cls)>\(t(ev.time)), seq \(ev.seq), \(esc(ev.author)): "
                if case .amended(let reason, let changes) = ev.what {
                    h += "amended (\(esc(reason)))"
                    if changes.isEmpty { h += ": no field changed" } else {
                        h += "<table class=\"changes\"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>"
                        for c in changes { h += "<tr><td class=\"mono\">\(esc(c.path))</td><td class=\"mono\">\(esc(c.old ?? "(none)"))</td><td class=\"mono\">\(esc(c.new ?? "(none)"))</td></tr>" }
                        h += "</tbody></table>"
                    }
                } else {
                    h += esc(ev.sentence)
                }
                h += "</li>\n"
            }
            if let d = e.summaryDue { h += "<li>entry summary due \(t(d))</li>\n" }
            h += "</ol></article>\n"
        }
        h += "</section>\n"

        // 6. Deadlines
        h += "<section id=\"deadlines\"><h2>Deadlines</h2>\n"
        if a.deadlines.isEmpty { h += "<p>No deadline runs: no incident is opened and no entry summary is coming due.</p>\n" } else {
            h += "<table><thead><tr><th class=\"nowrap\">State</th><th>Deadline</th><th>Due</th><th>Where it stands</th></tr></thead><tbody>\n"
            for d in a.deadlines {
                h += "<tr><td class=\"nowrap \(d.state.needsAction ? "bad" : "ok")\">\(esc(d.state.rawValue))</td><td>\(esc(d.title))</td><td>\(d.due.map(t) ?? "at once")</td><td>\(esc(d.detail(clock)))</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        h += "<p class=\"muted\">" + DeadlineState.allCases.map { "<strong>\($0.rawValue)</strong> \(esc($0.meaning))" }.joined(separator: "; ")
            + ". Entry summaries: \(esc(a.summaryRule.title)) (\(esc(a.summaryRule.source))).</p></section>\n"

        // 7. Communications and timeline
        h += "<section id=\"communications\"><h2>Communications and incident timeline</h2>\n"
        if a.incident.events.isEmpty { h += "<p>Nothing logged about the incident.</p>\n" } else {
            h += "<table><thead><tr><th class=\"nowrap\">Seq</th><th>When it happened</th><th>Recorded, by</th><th>What</th></tr></thead><tbody>\n"
            for e in a.incident.events {
                h += "<tr><td class=\"nowrap\">\(e.seq)</td><td>\(e.happened.map(t) ?? "")</td><td>\(t(e.recorded)), \(esc(e.author))</td><td>\(esc(e.headline))</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        h += "</section>\n"

        // 8. Batches and ACE answers
        h += "<section id=\"batches\"><h2>Replay batches and ACE's answers</h2>\n"
        if a.batches.isEmpty { h += "<p>No batch has been made for ACE yet.</p>\n" } else {
            h += "<table><thead><tr><th class=\"nowrap\">Batch</th><th>Recorded</th><th class=\"num\">Transactions</th><th>Files (SHA-256)</th></tr></thead><tbody>\n"
            for b in a.batches {
                let files = b.body.files.map { "\(esc($0.name)) (\($0.size) bytes)<br><span class=\"hash\">\(esc($0.sha256))</span>" }.joined(separator: "<br>")
                h += "<tr><td>\(esc(b.body.batchID))</td><td>seq \(b.seq), \(t(b.time))</td><td class=\"num\">\(b.body.transactions.count)</td><td>\(files)<br>manifest.json<br><span class=\"hash\">\(esc(b.body.manifestSHA256))</span></td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        if !a.responses.isEmpty {
            h += "<table><thead><tr><th>ACE response file (SHA-256)</th><th>Recorded</th><th class=\"num\">Answers</th><th class=\"num\">Rejections</th><th>Batch errors, unmatched lines</th></tr></thead><tbody>\n"
            for r in a.responses {
                let rej = r.body.results.filter(\.rejected).count
                h += "<tr><td>\(esc(r.body.fileName))<br><span class=\"hash\">\(esc(r.body.fileSHA256))</span></td><td>seq \(r.seq), \(t(r.time))</td><td class=\"num\">\(r.body.results.count)</td><td class=\"num\(rej > 0 ? " bad" : "")\">\(rej)</td><td>\((r.body.batchErrors + r.body.unmatched).map(esc).joined(separator: "<br>"))</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        h += "</section>\n"

        // 9. Evidence
        h += "<section id=\"evidence\"><h2>Evidence</h2>\n"
        if a.incident.evidence.isEmpty { h += "<p>No evidence file is recorded.</p>\n" } else {
            h += "<table><thead><tr><th>File</th><th>What it shows</th><th>Recorded</th><th>SHA-256</th></tr></thead><tbody>\n"
            for ev in a.incident.evidence {
                let e = a.incident.events.first { $0.seq == ev.seq }
                h += "<tr><td>\(esc(ev.body.name)) (\(ev.body.size) bytes)</td><td>\(esc(ev.body.description))</td><td>seq \(ev.seq), \(e.map { t($0.recorded) } ?? ""), \(esc(e?.author ?? ""))</td><td class=\"hash\">\(esc(ev.body.sha256))</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        h += "</section>\n"

        // 10. Unaccounted
        h += "<section id=\"unaccounted\"><h2>Not yet accounted for</h2>\n"
        let open = a.unaccounted
        if open.isEmpty { h += "<p class=\"ok\">Every entry is accounted for: in ACE, deleted in ACE, or voided before it was sent.</p>\n" } else {
            h += "<table><thead><tr><th>Entry</th><th>State</th><th>What is needed</th></tr></thead><tbody>\n"
            for e in open { h += "<tr data-open=\"\(esc(e.number))\"><td class=\"mono\">\(esc(e.number))</td><td class=\"bad\">\(esc(e.standing.label))</td><td>\(esc(e.standing.action))</td></tr>\n" }
            h += "</tbody></table>\n"
        }
        h += "</section>\n"

        // 11. Signature
        h += "<section id=\"signature\"><h2>Signature of the licensed broker</h2><p>\(esc(Report.attestation(a)))</p>\n"
        h += "<div class=\"sign\"><div>Licensed customs broker (printed name): \(esc(hd.supervisor))</div><div>Broker license number</div>"
        h += "<div>Signature</div><div>Date</div></div></section>\n"
        h += "</body></html>\n"
        return h
    }

    static let moneyHeads = ["Value", "Duty", "Fees", "Taxes", "AD/CVD", "Total"].map { "<th class=\"num\">\($0)</th>" }.joined()

    static func moneyCells(_ m: AccountMoney) -> String {
        [m.valueCents, m.dutyCents, m.feesCents, m.taxesCents, m.adcvdCents, m.totalCents].map { "<td class=\"num\">\(Money.text($0))</td>" }.joined()
    }
}
