/// The report as JSON, exactly as `schemas/report.schema.json` describes it. Times are UTC
/// (RFC 3339) with the office's local time beside where a person reads them.
enum ReportJSON {
    static func time(_ t: Int64, _ clock: OfficeClock) -> JSONValue {
        ["utc": .string(Timestamp.format(unixSeconds: t)), "local": .string(clock.rfc3339(t))]
    }

    static func time(_ text: String, _ clock: OfficeClock) -> JSONValue {
        Timestamp.parse(text).map { time($0, clock) } ?? ["utc": .string(text), "local": .string(text)]
    }

    static func document(_ a: Accounting, clock: OfficeClock) -> JSONValue {
        let h = a.header
        var header: [String: JSONValue] = [
            "broker": .string(h.broker), "filer_code": .string(h.filer), "office_port": .string(h.officePort),
            "ports": .array(h.ports.map { .string($0) }), "origin": .string(h.origin), "licensed_broker": .string(h.supervisor),
            "records": .int(h.records), "root": .string(Base64.encode(h.rootHash)),
            "period": ["start": h.periodStart.map { time($0, clock) } ?? .null, "end": time(h.periodEnd, clock), "open": .bool(h.periodOpen)],
        ]
        header["checkpoint"] = a.latestCheckpoint.map { c in
            ["seq": .int(c.seq), "recorded_at": time(c.time, clock), "size": .int(c.size), "root": .string(c.root),
             "records_after": .int(h.records - c.size)]
        } ?? .null

        var incident: [String: JSONValue] = ["opened": .null, "closed": .null]
        if let o = a.incident.opened {
            incident["opened"] = ["seq": .int(o.seq), "discovered_at": time(o.body.discoveredAt, clock), "summary": .string(o.body.summary),
                                  "systems": .array(o.body.systems.map { .string($0) }), "exposed_importers": .int(Int64(o.body.exposedImporters.count))]
        }
        if let c = a.incident.closed {
            let when = a.incident.events.first { $0.seq == c.seq }?.recorded ?? ""
            incident["closed"] = ["seq": .int(c.seq), "recorded_at": time(when, clock), "summary": .string(c.body.summary)]
        }

        var counts: [String: JSONValue] = [:]
        for (k, v) in a.counts { counts[k.lowercased().replacingOccurrences(of: " ", with: "_")] = .int(Int64(v)) }
        counts["by_state"] = .object(Dictionary(uniqueKeysWithValues: a.standingCounts.map { ($0.0.rawValue, JSONValue.int(Int64($0.1))) }))

        var totals = a.totals.json.objectValue ?? [:]
        totals["entries_counted"] = .int(Int64(a.entries.filter(\.countsInTotals).count))
        totals["from_entry_summary"] = nil

        return [
            "report": "entryledger-accounting", "report_version": .int(Report.jsonVersion),
            "generated_at": time(a.now, clock), "time_zone": .string(clock.name), "generated_by": .string(ProductVersion.line),
            "header": .object(header),
            "incident": .object(incident),
            "authorizations": .array(a.authorizations.map { r in
                var o: [String: JSONValue] = ["seq": .int(r.seq), "recorded_at": time(r.time, clock), "recorded_by": .string(r.author),
                                              "reference": .string(r.body.reference), "date": .string(r.body.date), "contact": .string(r.body.contact)]
                o["checkpoint"] = r.body.checkpointSize.map { size in
                    ["size": .int(size), "root": .string(r.body.checkpointRoot ?? ""), "reviewer_key": .string(r.body.reviewerKey ?? "")]
                } ?? .null
                return .object(o)
            }),
            "counts": .object(counts),
            "totals": .object(totals),
            "entries": .array(a.entries.map { e in
                var o = e.summaryJSON
                o["transmissions"] = .array(e.transmissions.map { t in
                    var x: [String: JSONValue] = ["application": .string(t.application.rawValue), "state": .string(t.standing.rawValue),
                                                  "rejected": .bool(t.rejected), "reason": .string(t.reason)]
                    x["batch"] = t.batchID.map { .string($0) } ?? .null
                    x["action"] = t.action.map { .string($0.rawValue) } ?? .null
                    x["outcome"] = t.outcome.map { .string($0) } ?? .null
                    x["pending"] = t.pending.map { .string($0) } ?? .null
                    return .object(x)
                })
                o["events"] = .array(e.events.map(\.json))
                o["cbp_release"] = e.state.release.map { ["date": .string($0.release.date), "port": .string($0.release.port), "reference": .string($0.release.reference)] } ?? .null
                o["voided"] = e.state.voided.map { ["seq": .int($0.seq), "reason": .string($0.reason)] } ?? .null
                o["rejections"] = .int(Int64(e.rejections.count))
                return .object(o)
            }),
            "batches": .array(a.batches.map { b in
                ["seq": .int(b.seq), "recorded_at": time(b.time, clock), "batch_id": .string(b.body.batchID), "cutoff": .int(b.body.cutoff),
                 "manifest_sha256": .string(b.body.manifestSHA256), "transactions": .int(Int64(b.body.transactions.count)),
                 "files": .array(b.body.files.map { ["name": .string($0.name), "application": .string($0.application.rawValue), "sha256": .string($0.sha256), "size": .int($0.size)] })]
            }),
            "ace_responses": .array(a.responses.map { r in
                ["seq": .int(r.seq), "recorded_at": time(r.time, clock), "file": .string(r.body.fileName), "sha256": .string(r.body.fileSHA256),
                 "results": .int(Int64(r.body.results.count)), "rejected": .int(Int64(r.body.results.filter(\.rejected).count)),
                 "batch_errors": .array(r.body.batchErrors.map { .string($0) }), "unmatched": .array(r.body.unmatched.map { .string($0) })]
            }),
            "communications": .array(a.incident.communications.map { c in
                let recorded = a.incident.events.first { $0.seq == c.seq }?.recorded ?? ""
                return ["seq": .int(c.seq), "recorded_at": time(recorded, clock), "at": time(c.body.at, clock), "party": .string(c.body.party.rawValue),
                        "with": .string(c.body.who), "channel": .string(c.body.channel.rawValue), "summary": .string(c.body.summary),
                        "reference": c.body.reference.map { .string($0) } ?? .null]
            }),
            "timeline": .array(a.incident.events.map { e in
                ["seq": .int(e.seq), "recorded_at": time(e.recorded, clock), "kind": .string(e.kind.rawValue), "author": .string(e.author), "summary": .string(e.headline)]
            }),
            "deadlines": .array(a.deadlines.map { d in
                ["rule": .string(d.ruleID), "title": .string(d.title), "due": d.due.map { time($0, clock) } ?? .null, "state": .string(d.state.rawValue),
                 "entry_number": d.entryNumber.map { .string($0) } ?? .null, "detail": .string(d.detail(clock)),
                 "met_at": d.met.map { time($0.at, clock) } ?? .null, "met_seq": d.met.map { .int($0.seq) } ?? .null]
            }),
            "evidence": .array(a.incident.evidence.map { ev in
                let e = a.incident.events.first { $0.seq == ev.seq }
                return ["seq": .int(ev.seq), "recorded_at": time(e?.recorded ?? "", clock), "recorded_by": .string(e?.author ?? ""),
                        "name": .string(ev.body.name), "size": .int(ev.body.size), "sha256": .string(ev.body.sha256), "description": .string(ev.body.description)]
            }),
            "not_accounted_for": .array(a.unaccounted.map { e in
                ["entry_number": .string(e.number), "state": .string(e.standing.rawValue), "action": .string(e.standing.action)]
            }),
            "signature": ["licensed_broker": .string(a.header.supervisor), "statement": .string(Report.attestation(a))],
        ]
    }
}
