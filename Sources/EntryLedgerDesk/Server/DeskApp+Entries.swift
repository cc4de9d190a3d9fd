import EntryLedger
import Foundation
import LedgerFormat
import LedgerSQLite

extension DeskApp {
    /// The entry from a JSON request body `{"entry": {...}}`, or the response refusing it.
    func entryBody(_ req: DeskRequest) -> Result<JSONValue, RefusedRequest> {
        guard req.body.count <= 2 << 20 else { return .failure(RefusedRequest(response: .refused(413, "refused: the request is larger than 2 MiB"))) }
        guard let json = try? JSONReader.parse(req.body), let entry = json["entry"], entry.objectValue != nil else {
            return .failure(RefusedRequest(response: .json(["problems": [["path": "", "message": "the request should be JSON {\"entry\": {...}}"]]], status: 400)))
        }
        return .success(entry)
    }

    /// Every problem of the entry as the library's validator sees it, plus a number already used.
    func problems(_ entry: JSONValue) -> [JSONValue] {
        var out = EntryValidator.problems(in: entry, ledgerFilerCode: ledger.genesis.filer, recordDate: String(Timestamp.now().prefix(10))).map(\.json)
        if let n = entry["entry_number"]?.stringValue, let number = try? EntryNumber(parsing: n),
            let row = try? ledger.store.numberRow(number.formatted) {
            out.append(["path": "entry_number", "rule": "entry_number_used",
                        "message": .string("\(number.formatted) is already used by the entry logged at seq \(row.addedSeq): take the next free number")])
        }
        return out
    }

    /// POST /api/check: the problems of the form as it stands (the page shows those of the
    /// fields the clerk has left).
    func checkEntry(_ req: DeskRequest) -> DeskResponse {
        switch entryBody(req) {
        case .failure(let r): return r.response
        case .success(let entry): return .json(["problems": .array(problems(entry)), "computed": .object(Self.computed(entry))])
        }
    }

    /// The entry with the figures that are sums of others (block 19, the 7501 totals, a line's
    /// duty not yet typed) made consistent, so that the money can be computed while the clerk is
    /// still typing; the real check of what was typed is `problems`.
    static func summed(_ entry: JSONValue) -> JSONValue {
        guard case .object(var o) = entry, case .array(var lines)? = o["lines"] else { return entry }
        var value: Int64 = 0, duty: Int64 = 0
        for (i, line) in lines.enumerated() {
            guard case .object(var l) = line else { continue }
            value += l["value_cents"]?.intValue ?? 0
            if case .object(var es)? = l["entry_summary"] {
                if es["duty_cents"]?.intValue == nil { es["duty_cents"] = 0 }
                duty += es["duty_cents"]?.intValue ?? 0
                l["entry_summary"] = .object(es)
            }
            lines[i] = .object(l)
        }
        o["lines"] = .array(lines)
        if case .object(var cr)? = o["cargo_release"] { cr["estimated_value_cents"] = .int(value); o["cargo_release"] = .object(cr) }
        let anyLineSummary = lines.contains { $0["entry_summary"] != nil }
        if o["entry_summary"] == nil, anyLineSummary { o["entry_summary"] = .object([:]) }
        if case .object(var es)? = o["entry_summary"] {
            var t = es["totals"]?.objectValue ?? [:]
            t["entered_value_cents"] = .int(value)
            t["duty_cents"] = .int(duty)
            for k in ["fees_cents", "taxes_cents"] where t[k]?.intValue == nil { t[k] = 0 }
            let total = ["fees_cents", "taxes_cents", "ad_duty_cents", "cv_duty_cents"].reduce(duty) { $0 + (t[$1]?.intValue ?? 0) }
            t["total_cents"] = .int(total)
            es["totals"] = .object(t)
            o["entry_summary"] = .object(es)
        }
        return .object(o)
    }

    /// The figures the ledger computes for the entry as typed, by the path of the field they go
    /// in (duty per tariff number, MPF and HMF per line, the 7501 totals); empty while the entry
    /// does not yet read.
    static func computed(_ entry: JSONValue) -> [String: JSONValue] {
        let summed = Self.summed(entry)
        guard let money = EntryValidator.moneyAsTyped(summed) else { return [:] }
        var out: [String: JSONValue] = [:]
        let lines = entry["lines"]?.arrayValue ?? []
        for (i, line) in money.lines.enumerated() where i < lines.count {
            let base = "lines[\(i)].entry_summary."
            let hts = lines[i]["hts"]?.stringValue
            let chapter99 = (lines[i]["entry_summary"]?["chapter_99"]?.arrayValue ?? []).compactMap { $0["hts"]?.stringValue }
            for t in line.tariffs {
                if t.hts == hts { out[base + "duty_cents"] = .int(t.dutyCents) }
                if let k = chapter99.firstIndex(of: t.hts) { out[base + "chapter_99[\(k)].duty_cents"] = .int(t.dutyCents) }
            }
            for code in ["499", "501"] { out[base + "fees." + code] = .int(line.fee(code) ?? 0) }
        }
        if summed["entry_summary"] != nil {
            out["entry_summary.totals.entered_value_cents"] = .int(money.enteredValueCents)
            out["entry_summary.totals.duty_cents"] = .int(money.dutyCents)
            out["entry_summary.totals.fees_cents"] = .int(money.feesCents)
            out["entry_summary.totals.taxes_cents"] = .int(money.taxesCents)
            out["entry_summary.totals.ad_duty_cents"] = .int(money.adDutyCents)
            out["entry_summary.totals.cv_duty_cents"] = .int(money.cvDutyCents)
            out["entry_summary.totals.total_cents"] = .int(money.totalCents)
        }
        return out
    }

    /// POST /api/submit: signs and appends the entry through `Ledger.addEntries`, the path of
    /// `entryledger entry add`; answers the record's seq and hash, or every problem (422).
    func submitEntry(_ req: DeskRequest, _ s: DeskSession) -> DeskResponse {
        let entry: JSONValue
        switch entryBody(req) {
        case .failure(let r): return r.response
        case .success(let e): entry = e
        }
        let found = problems(entry)
        guard found.isEmpty else { return .json(["problems": .array(found)], status: 422) }
        do {
            let (r, number) = try ledger.addEntries([entry], signer: s.key)[0]
            drafts.remove(s.key.keyID)
            return .json(["entry_number": .string(number.formatted), "seq": .int(r.seq), "hash": .string(Hex.encode(r.hash))])
        } catch let e as LedgerError {
            let found: [Problem]
            switch e {
            case .invalidInput(let p), .refused(let p): found = p
            case .notFound(let w): found = [w]
            }
            return .json(["problems": .array(found.map { ["path": .string($0.field ?? ""), "rule": .string($0.rule), "message": .string($0.message)] })], status: 422)
        } catch {
            return .json(["problems": [["path": "", "message": .string("the ledger refused the entry: \(error)")]]], status: 500)
        }
    }

    func loadDraft(_ s: DeskSession) -> DeskResponse {
        guard let bytes = drafts.load(s.key.keyID), let json = try? JSONReader.parse(bytes) else { return .json(["draft": nil]) }
        return .json(["draft": json])
    }

    /// POST /api/draft: keeps the form as typed (any JSON object, checked or not).
    func saveDraft(_ req: DeskRequest, _ s: DeskSession) -> DeskResponse {
        guard req.body.count <= DraftStore.maxBytes, let json = try? JSONReader.parse(req.body), json.objectValue != nil,
            let bytes = try? CanonicalJSON.encode(json)
        else { return .refused(400, "refused: a draft is a JSON object of at most 1 MiB") }
        do { try drafts.save(s.key.keyID, bytes) } catch { return .refused(500, "the draft could not be saved: \(error)") }
        return .json(["saved": true])
    }

    /// The lowest reserved number not yet used (what `entry add --next-number` would take now),
    /// or nil when none is reserved or left.
    func nextFreeNumber() -> EntryNumber? {
        guard let ranges = try? ledger.store.rangeRows() else { return nil }
        for r in ranges {
            guard let lo = try? EntryNumber(filerCode: r.group, serial: Int(r.first)), let hi = try? EntryNumber(filerCode: r.group, serial: Int(r.last)),
                let used = try? ledger.store.numbers(from: lo.formatted, through: hi.formatted)
            else { continue }
            let serials = Set(used.compactMap { try? EntryNumber(parsing: $0).serial })
            if let serial = (Int(r.first)...Int(r.last)).first(where: { !serials.contains($0) }) { return try? EntryNumber(filerCode: r.group, serial: serial) }
        }
        return nil
    }

    func entryState(_ text: String) -> EntryState? {
        guard let n = try? EntryNumber(parsing: text.removingPercentEncoding ?? text) else { return nil }
        return (try? EntryBook.load(ledger))?.first { $0.number == n }
    }

    func entryPage(_ s: DeskSession, _ number: String, message: String? = nil, status: Int = 200) -> DeskResponse {
        guard let e = entryState(number) else { return .refused(404, "no entry \(number.prefix(20)) in the ledger") }
        return .html(DeskPages.entry(e, session: s, message: message), status: status)
    }

    /// GET /entries/N/forms.pdf: the 3461 (and 7501) with the record's seq and hash in the footer.
    func entryPDF(_ number: String) -> DeskResponse {
        guard let e = entryState(number) else { return .refused(404, "no entry \(number.prefix(20)) in the ledger") }
        let bytes = PaperForms.pdf(e, broker: ledger.genesis.broker, origin: ledger.origin, drill: ledger.genesis.drill)
        return DeskResponse(status: 200, headers: [("Content-Type", "application/pdf"),
                                                   ("Content-Disposition", "inline; filename=\"\(e.number.formatted)-3461.pdf\"")], body: bytes)
    }

    /// POST /entries/N/release: CBP's paper release, as `entryledger entry release` records it.
    func recordRelease(_ req: DeskRequest, _ s: DeskSession, _ number: String) -> DeskResponse {
        guard let e = entryState(number) else { return .refused(404, "no entry \(number.prefix(20)) in the ledger") }
        let f = req.form
        let release = EntryRelease(entryNumber: e.number, date: f["date"] ?? "", port: f["port"] ?? "", reference: (f["reference"] ?? "").uppercased())
        do {
            let r = try ledger.releaseEntry(release, signer: s.key)
            return .redirect("/entries/\(e.number.formatted)?released=\(r.seq)")
        } catch let err as LedgerError {
            return entryPage(s, number, message: err.description, status: 422)
        } catch {
            return entryPage(s, number, message: "\(error)", status: 500)
        }
    }
}

/// A request refused before it reaches the ledger, with the response to send.
struct RefusedRequest: Error {
    let response: DeskResponse
}
