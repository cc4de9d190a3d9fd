import EntryLedger
import Foundation
import LedgerFormat
import LedgerSQLite

extension DeskApp {
    /// GET /: today's entries (UTC day) with their state; `?all` for every entry.
    func todayPage(_ s: DeskSession, all: Bool) -> DeskResponse {
        let entries: [EntryState]
        do { entries = try EntryBook.load(ledger) } catch { return .refused(500, "the ledger cannot be read: \(error)") }
        let today = String(Timestamp.now().prefix(10))
        let shown = all ? entries : entries.filter { $0.addedAt.hasPrefix(today) || $0.history.last?.time.hasPrefix(today) == true }
        let counts = Dictionary(grouping: entries, by: \.status).mapValues(\.count)
        let body = """
        <p>\(DeskPages.h(ledger.genesis.broker)), filer \(DeskPages.h(ledger.genesis.filer)), port \(DeskPages.h(ledger.genesis.port))\(ledger.genesis.drill ? " <b>DRILL LEDGER</b>" : ""). \
        In the ledger: \(counts[.logged] ?? 0) logged, awaiting CBP's release; \(counts[.released] ?? 0) released; \(counts[.voided] ?? 0) voided.</p>
        <p><a class="button" href="/new">New entry</a> \(all ? "<a href=\"/\">Only today</a>" : "<a href=\"/?all=1\">Every entry</a>")</p>
        <h2>\(all ? "Every entry" : "Today's entries (\(today), UTC)")</h2>
        \(DeskPages.entryTable(shown))
        """
        return .html(DeskPages.layout("Entries", session: s, body: body))
    }

    func entryFormPage(_ s: DeskSession) -> DeskResponse {
        .html(DeskPages.entryForm(session: s, nextNumber: nextFreeNumber()?.formatted, filer: ledger.genesis.filer, port: ledger.genesis.port))
    }

    /// GET /incident: the incident's timeline and its deadlines, what is due next first.
    func incidentPage(_ s: DeskSession) -> DeskResponse {
        let t: IncidentTimeline
        do { t = try IncidentTimeline.load(ledger) } catch { return .refused(500, "the ledger cannot be read: \(error)") }
        let now = Int64(config.now())
        let deadlines = t.deadlines(now: now).sorted { ($0.due ?? .max) < ($1.due ?? .max) }
        var body = t.opened == nil ? "<p>No incident is open in this ledger.</p>" : ""
        if !deadlines.isEmpty {
            let pending = deadlines.filter { if case .pending = $0.state { return true } else { return false } }
            if let next = pending.first {
                body += "<p id=\"due-next\"><b>Due next:</b> \(DeskPages.h(next.sentence))</p>"
            }
            body += "<h2>Deadlines</h2><ul id=\"deadlines\">" + deadlines.map { "<li><code>\(DeskPages.h($0.sentence))</code></li>" }.joined() + "</ul>"
        }
        body += "<h2>Timeline</h2><table id=\"timeline\"><tr><th>Seq</th><th>Happened</th><th>Recorded</th><th>By</th><th>What</th></tr>"
        body += t.events.map { e in
            "<tr><td>\(e.seq)</td><td>\(DeskPages.h(e.happened ?? ""))</td><td>\(DeskPages.h(e.recorded))</td><td>\(DeskPages.h(e.author))</td><td>\(DeskPages.h(e.headline))</td></tr>"
        }.joined() + "</table>"
        return .html(DeskPages.layout("Incident", session: s, body: body))
    }

    /// GET /supervisor: the enrolled keys, the reserved numbers and who is signed in.
    func supervisorPage(_ s: DeskSession) -> DeskResponse {
        let keys = (try? ledger.store.keys()) ?? []
        let ranges = (try? ledger.store.rangeRows()) ?? []
        var body = "<h2>Enrolled keys</h2><table id=\"keys\"><tr><th>Name</th><th>Role</th><th>Key id</th><th>Enrolled</th><th>Revoked</th></tr>"
        body += keys.map { "<tr><td>\(DeskPages.h($0.name))</td><td>\($0.role.rawValue)</td><td><code>\($0.keyID)</code></td><td>seq \($0.enrolledSeq)</td><td>\($0.revokedSeq.map { "seq \($0)" } ?? "")</td></tr>" }.joined()
        body += "</table><h2>Reserved entry numbers</h2><ul id=\"ranges\">"
        body += ranges.map { r in
            let a = (try? EntryNumber(filerCode: r.group, serial: Int(r.first)).formatted) ?? "?"
            let b = (try? EntryNumber(filerCode: r.group, serial: Int(r.last)).formatted) ?? "?"
            return "<li>\(a) to \(b)</li>"
        }.joined()
        body += "</ul><p>Next free number: <b>\(nextFreeNumber()?.formatted ?? "none: reserve a range with <code>entryledger entry reserve</code>")</b></p>"
        body += "<h2>Sessions</h2><ul>" + sessions.values.map { "<li>\(DeskPages.h($0.key.name)) (\($0.role.rawValue))</li>" }.joined() + "</ul>"
        return .html(DeskPages.layout("Supervisor", session: s, body: body))
    }
}
