import EntryLedger
import Foundation
import LedgerFormat

/// The desk's pages, rendered on the server; the only script is `/desk.js` (the entry form's
/// checks, drafts and totals).
enum DeskPages {
    static func h(_ s: String) -> String { HTML.h(s) }

    static func layout(_ title: String, session: DeskSession?, body: String, script: Bool = false) -> String {
        var nav = ""
        if let s = session {
            nav = """
            <nav><a href="/">Today</a><a href="/new" id="nav-new">New entry</a><a href="/incident">Incident</a><a href="/import">Import CSV</a>\
            \(s.role == .supervisor ? "<a href=\"/supervisor\">Supervisor</a>" : "")\
            <span class="who">\(h(s.key.name)) (\(s.role.rawValue))</span>\
            <form method="post" action="/signout" class="inline"><input type="hidden" name="csrf" value="\(s.csrf)"><button id="signout">Sign out</button></form></nav>
            """
        }
        let meta = session.map { "<meta name=\"csrf\" content=\"\($0.csrf)\"><meta name=\"clerk\" content=\"\($0.key.keyID)\">" } ?? ""
        return """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(h(title)) - EntryLedger desk</title>\(meta)
        <link rel="stylesheet" href="/desk.css">\(script ? "<script src=\"/desk.js\" defer></script>" : "")</head>
        <body><header><b>EntryLedger</b> clerk's desk</header>\(nav)<main><h1>\(h(title))</h1>
        \(body)
        </main></body></html>
        """
    }

    static func signIn(keys: [String], csrf: String, message: String?, broker: String) -> String {
        let options = keys.map { "<option value=\"\(h($0))\">\(h($0))</option>" }.joined()
        return layout("Sign in", session: nil, body: """
        <p>\(h(broker)): unlock your own sealed key with its passphrase. The key stays on this machine, in the desk's memory, until you sign out or the session ends.</p>
        \(message.map { "<p class=\"error\" id=\"signin-message\">\(h($0))</p>" } ?? "")
        <form method="post" action="/signin" id="signin">
        <input type="hidden" name="csrf" value="\(csrf)">
        <label>Key <select name="key" id="key">\(options)</select></label>
        <label>Passphrase <input type="password" name="passphrase" id="passphrase" autocomplete="current-password"></label>
        <button type="submit" id="signin-button">Sign in</button>
        </form>
        \(keys.isEmpty ? "<p class=\"error\">No key files (*.key) in the desk's keys folder.</p>" : "")
        """)
    }

    static func statusBadge(_ s: EntryState.Status) -> String { "<span class=\"st st-\(s.rawValue)\">\(s.rawValue.uppercased())</span>" }

    static func entryTable(_ entries: [EntryState]) -> String {
        guard !entries.isEmpty else { return "<p>No entries.</p>" }
        let rows = entries.map { e in
            "<tr><td><a href=\"/entries/\(e.number.formatted)\">\(e.number.formatted)</a></td><td>\(statusBadge(e.status))</td><td>\(h(e.entry.entryType))</td><td>\(h(e.entry.portOfEntry))</td><td>\(e.entry.lines.count)</td><td>\(h(e.addedAt))</td><td>\(h(e.addedBy))</td><td>\(e.version)</td></tr>"
        }.joined()
        return "<table id=\"entries\"><tr><th>Entry</th><th>State</th><th>Type</th><th>Port</th><th>Lines</th><th>Logged</th><th>By</th><th>Version</th></tr>\(rows)</table>"
    }

    static func entry(_ e: EntryState, session: DeskSession, message: String?) -> String {
        let x = e.entry
        var body = message.map { "<p class=\"error\" id=\"release-message\">\(h($0))</p>" } ?? ""
        body += """
        <p id="entry-state">\(statusBadge(e.status)) version \(e.version); type \(h(x.entryType)), port \(h(x.portOfEntry)), \(x.lines.count) line(s), arrival \(h(x.arrivalDate))</p>
        <p class="record">Ledger record of this version: seq <b id="record-seq">\(e.versionSeq)</b>, hash <code id="record-hash">\(Hex.encode(e.versionHash))</code></p>
        <p><a class="button" id="print" href="/entries/\(e.number.formatted)/forms.pdf" target="_blank">Print CBP Form 3461\(x.entrySummary != nil ? " and 7501" : "") (PDF)</a></p>
        """
        if let r = e.release {
            body += "<p id=\"released\">Released by CBP on \(h(r.release.date)) at port \(h(r.release.port)), stamp/ref \(h(r.release.reference)) (seq \(r.seq)).</p>"
        } else if e.voided == nil {
            body += """
            <h2>Record CBP's release (block 28)</h2>
            <form method="post" action="/entries/\(e.number.formatted)/release" id="release">
            <input type="hidden" name="csrf" value="\(session.csrf)">
            <label>Release date <input name="date" id="release-date" placeholder="YYYY-MM-DD" size="10"></label>
            <label>Port <input name="port" id="release-port" value="\(h(x.portOfEntry))" size="5"></label>
            <label>Officer's stamp or reference <input name="reference" id="release-reference" size="16"></label>
            <button id="release-button">Record release</button></form>
            """
        }
        if let v = e.voided { body += "<p class=\"error\">Voided at seq \(v.seq): \(h(v.reason))</p>" }
        body += "<h2>History</h2><table id=\"history\"><tr><th>Seq</th><th>Signed</th><th>By</th><th>What</th></tr>"
        body += e.history.map { "<tr><td>\($0.seq)</td><td>\(h($0.time))</td><td>\(h($0.author))</td><td>\(h($0.summary))</td></tr>" }.joined()
        body += "</table>"
        return layout("Entry \(e.number.formatted)", session: session, body: body)
    }

    // MARK: the entry form

    static func field(_ f: FormField) -> String {
        let id = "f-" + f.path.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "-")
        let attrs = "id=\"\(id)\" data-path=\"\(h(f.path))\" data-kind=\"\(f.kind.rawValue)\" name=\"\(h(f.path))\""
            + (f.feeClass.isEmpty ? "" : " data-class=\"\(f.feeClass)\"")
        let input: String
        switch f.kind {
        case .select:
            input = "<select \(attrs)>" + f.options.map { "<option value=\"\(h($0.0))\">\(h($0.1))</option>" }.joined() + "</select>"
        case .bool:
            input = "<input type=\"checkbox\" \(attrs)>"
        default:
            let mode = [.cents, .int, .quantity, .percent, .fee].contains(f.kind) ? " inputmode=\"decimal\"" : ""
            input = "<input \(attrs) size=\"\(f.size)\" autocomplete=\"off\"\(mode)\(f.hint.isEmpty ? "" : " placeholder=\"\(h(f.hint))\"")>"
        }
        return "<div class=\"fld\"><label for=\"\(id)\"><span class=\"blk\">\(h(f.block))</span> \(h(f.label))</label>\(input)<span class=\"calc\" data-calc=\"\(h(f.path))\"></span><span class=\"msg\" data-for=\"\(h(f.path))\"></span></div>"
    }

    static func rows(_ rows: [[FormField]]) -> String {
        rows.map { "<div class=\"row\">" + $0.map(field).joined() + "</div>" }.joined()
    }

    static func lineBlock(_ i: String) -> String {
        "<fieldset class=\"line\" data-line=\"\(i)\"><legend>Line <span class=\"lineno\"></span></legend>\(rows(EntryFormLayout.line(i)))</fieldset>"
    }

    static func billBlock(_ i: String) -> String {
        "<div class=\"row bill\" data-bill=\"\(i)\">" + EntryFormLayout.bill(i).map(field).joined() + "</div>"
    }

    static func entryForm(session: DeskSession, nextNumber: String?, filer: String, port: String) -> String {
        let body = """
        <p>Form 3461 and 7501 block by block (block numbers in grey). Each field is checked by the ledger's own rules when you leave it; \
        letters are upper-cased for you; money is in dollars and cents. What you type is kept as a draft in this browser and on the desk.</p>
        <form id="entry" data-next-number="\(h(nextNumber ?? ""))" data-filer="\(h(filer))" data-port="\(h(port))" novalidate>
        <p class="draft" id="draft-state"></p>
        <fieldset><legend>CBP Form 3461: entry</legend>\(rows(EntryFormLayout.header))
        \(nextNumber.map { "<p class=\"hint\">Next free reserved number: <button type=\"button\" id=\"use-next\">\($0)</button></p>" } ?? "<p class=\"hint\">No reserved number is free: the supervisor reserves a range.</p>")
        </fieldset>
        <fieldset><legend>Blocks 10, 11, 26: parties</legend>\(rows([EntryFormLayout.party(0), EntryFormLayout.party(1)]))</fieldset>
        <fieldset><legend>Blocks 21 to 23: bills of lading / air waybills</legend><div id="bills">\(billBlock("0"))</div>
        <button type="button" id="add-bill">Add a bill</button></fieldset>
        <fieldset><legend>Blocks 20, 24 to 26 (3461) and 27 to 34 (7501): lines</legend><div id="lines">\(lineBlock("0"))</div>
        <button type="button" id="add-line">Add a line</button>
        <template id="line-template">\(lineBlock("{i}"))</template><template id="bill-template">\(billBlock("{i}"))</template></fieldset>
        <fieldset><legend>CBP Form 7501: summary <label class="inline"><input type="checkbox" id="with-7501" checked> include 7501 data</label></legend>\(rows(EntryFormLayout.summary))</fieldset>
        <div id="problems" class="error"></div>
        <p><button type="submit" id="submit">Sign and log the entry</button> <button type="button" id="clear">Clear the form</button></p>
        </form>
        <div id="result"></div>
        """
        return layout("New entry", session: session, body: body, script: true)
    }
}
