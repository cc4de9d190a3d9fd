import EntryLedger
import Foundation
import LedgerFormat
import LedgerSQLite

/// The clerk's desk: every request goes through `handle`, which guards the doors (Host, Origin,
/// session, CSRF) before any page or action runs. The signed-in keys live only in this actor.
///
/// ```swift
/// let app = try DeskApp(DeskConfiguration(ledgerPath: "entryledger.db", origins: DeskConfiguration.origins(host: "127.0.0.1", port: 8461)))
/// let response = await app.handle(DeskRequest(method: "GET", path: "/signin", headers: ["host": "127.0.0.1:8461"]))
/// ```
public actor DeskApp {
    public let config: DeskConfiguration
    let ledger: Ledger
    var sessions: [String: DeskSession] = [:]
    /// Failed sign-ins per key file: after `maxFailures` in a row the key is refused for
    /// `lockSeconds`, so that passphrases cannot be tried at the speed of scrypt.
    var failures: [String: (count: Int, lastAt: Double)] = [:]
    static let maxFailures = 5
    static let lockSeconds = 60.0
    let drafts: DraftStore

    public init(_ config: DeskConfiguration) throws {
        self.config = config
        self.ledger = try Ledger.open(path: config.ledgerPath)
        self.drafts = DraftStore(folder: config.draftsFolder)
    }

    /// Headers on every response: no caching of ledger data, no framing, scripts and styles from
    /// the desk alone.
    static let securityHeaders: [(String, String)] = [
        ("Cache-Control", "no-store"),
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ]

    /// Answers one request.
    public func handle(_ request: DeskRequest) async -> DeskResponse {
        var r = route(request)
        r.headers += Self.securityHeaders
        return r
    }

    /// How many sessions are open (for tests and the supervisor's page).
    public var sessionCount: Int { sessions.count }

    func route(_ req: DeskRequest) -> DeskResponse {
        // 1. The Host must be the desk's own: a page from another name resolving to 127.0.0.1
        //    (DNS rebinding) is refused.
        guard let host = req.headers["host"], config.hosts.contains(host) else {
            return .refused(421, "refused: the Host header is not this desk's address")
        }
        // 2. A request sent by a page of another origin is refused, whatever it asks.
        if let origin = req.headers["origin"], !config.origins.contains(origin) {
            return .refused(403, "refused: a request from another origin (\(origin.prefix(80)))")
        }
        if req.headers["sec-fetch-site"] == "cross-site" {
            return .refused(403, "refused: a cross-site request")
        }
        if req.method == "POST", req.headers["origin"] == nil {
            return .refused(403, "refused: a form or fetch without an Origin header")
        }
        // 3. Pages anyone may see: sign-in and the style sheet.
        switch (req.method, req.path) {
        case ("GET", "/signin"):
            return signInPage(req, message: req.query["expired"] != nil ? "Your session ended after \(Int(config.idleTimeout / 60)) minutes without activity: sign in again." : nil)
        case ("GET", "/favicon.ico"): return .refused(404, "no icon")
        case ("POST", "/signin"): return signIn(req)
        case ("GET", "/desk.css"): return DeskResponse(status: 200, headers: [("Content-Type", "text/css")], body: Array(DeskAssets.css.utf8))
        default: break
        }
        // 4. Everything else needs a live session.
        let now = config.now()
        guard let id = req.cookie("desk_session"), var session = sessions[id] else {
            return req.method == "GET" && !req.path.hasPrefix("/api/") ? .redirect("/signin") : .refused(401, "refused: sign in first")
        }
        guard now - session.lastSeen <= config.idleTimeout else {
            sessions[id] = nil
            return req.method == "GET" && !req.path.hasPrefix("/api/") ? .redirect("/signin?expired=1") : .refused(401, "refused: the session has expired; sign in again")
        }
        // 5. Every POST carries the session's CSRF token (a form field or the X-CSRF-Token header).
        if req.method == "POST" {
            let token = req.headers["x-csrf-token"] ?? req.form["csrf"] ?? ""
            guard Self.same(token, session.csrf) else { return .refused(403, "refused: the form's CSRF token is missing or wrong") }
        }
        session.lastSeen = now
        sessions[id] = session
        return routeSignedIn(req, session)
    }

    func routeSignedIn(_ req: DeskRequest, _ s: DeskSession) -> DeskResponse {
        let parts = req.path.split(separator: "/").map(String.init)
        switch (req.method, parts.first ?? "", parts.count) {
        case ("GET", "", 0): return proven { todayPage(s, all: req.query["all"] != nil) }
        case ("GET", "desk.js", 1): return DeskResponse(status: 200, headers: [("Content-Type", "text/javascript")], body: Array(DeskAssets.script.utf8))
        case ("POST", "signout", 1):
            sessions[s.id] = nil
            return DeskResponse(status: 303, headers: [("Location", "/signin"), ("Set-Cookie", "desk_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")])
        case ("GET", "new", 1): return proven { entryFormPage(s) }
        case ("POST", "api", 2) where parts[1] == "check": return checkEntry(req)
        case ("POST", "api", 2) where parts[1] == "submit": return submitEntry(req, s)
        case ("GET", "api", 2) where parts[1] == "draft": return loadDraft(s)
        case ("POST", "api", 2) where parts[1] == "draft": return saveDraft(req, s)
        case ("GET", "entries", 2): return proven { entryPage(s, parts[1]) }
        case ("GET", "entries", 3) where parts[2] == "forms.pdf": return proven { entryPDF(parts[1]) }
        case ("POST", "entries", 3) where parts[2] == "release": return recordRelease(req, s, parts[1])
        case ("GET", "incident", 1): return proven { incidentPage(s) }
        case ("GET", "import", 1): return importPage(s)
        case ("POST", "api", 2) where parts[1] == "import": return importCSV(req, s)
        case ("GET", "supervisor", 1):
            guard s.role == .supervisor else { return .refused(403, "refused: the supervisor's pages need the supervisor's key") }
            return proven { supervisorPage(s) }
        default: return .refused(404, "no such page")
        }
    }

    /// A page that shows what the ledger holds, drawn only once the ledger verifies, in the
    /// same read snapshot (the check `status` and `entry list` make: fast below the last
    /// supervisor-signed checkpoint). A ledger that does not verify shows nothing but its
    /// problems, each with its seq: a clerk must not print a 3461 or read a state from records,
    /// index columns or tables that nothing proved.
    func proven(_ page: () -> DeskResponse) -> DeskResponse {
        do {
            return try ledger.store.snapshot {
                try ledger.requireVerified()
                return page()
            }
        } catch let e as LedgerNotVerified {
            let shown = e.problems.prefix(20).map { "  " + $0.description }.joined(separator: "\n")
            let more = e.problems.count > 20 ? "\n  ... and \(e.problems.count - 20) more" : ""
            return .refused(409, "refused: the ledger does not verify, so nothing is shown; tell the supervisor (`entryledger verify` gives the whole report):\n" + shown + more)
        } catch {
            return .refused(500, "the ledger cannot be read: \(error)")
        }
    }

    // MARK: sign-in

    /// The sealed key files in the keys folder, by file name.
    func keyFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: config.keysFolder)) ?? []
        return names.filter { $0.hasSuffix(".key") }.sorted()
    }

    /// The sign-in page; its CSRF token is the `desk_signin` cookie's (kept when the browser
    /// has one, so that a second tab or a redirected request does not invalidate the first form).
    func signInPage(_ req: DeskRequest, message: String?, status: Int = 200) -> DeskResponse {
        let token = req.cookie("desk_signin").flatMap { $0.utf8.count == 64 && Hex.decode($0) != nil ? $0 : nil } ?? Self.randomToken()
        var r = DeskResponse.html(DeskPages.signIn(keys: keyFiles(), csrf: token, message: message, broker: ledger.genesis.broker), status: status)
        r.headers.append(("Set-Cookie", "desk_signin=\(token); Path=/; HttpOnly; SameSite=Strict"))
        return r
    }

    func signIn(_ req: DeskRequest) -> DeskResponse {
        let form = req.form
        guard let cookie = req.cookie("desk_signin"), let token = form["csrf"], Self.same(cookie, token) else {
            return .refused(403, "refused: the sign-in form's CSRF token is missing or wrong")
        }
        let file = form["key"] ?? ""
        guard keyFiles().contains(file) else { return signInPage(req, message: "Choose your key from the list.", status: 401) }
        let path = config.keysFolder + "/" + file
        guard let data = FileManager.default.contents(atPath: path), let obj = try? JSONReader.parse([UInt8](data)),
            obj["sealed_private_key"] != nil
        else {
            return signInPage(req, message: "\(file) is not a sealed key: the desk signs in with sealed keys only (`entryledger key new --seal`).", status: 401)
        }
        let now = config.now()
        if let f = failures[file], f.count >= Self.maxFailures, now - f.lastAt < Self.lockSeconds {
            return signInPage(req, message: "\(file): \(f.count) wrong passphrases in a row; try again in \(Int(Self.lockSeconds - (now - f.lastAt)) + 1) seconds.", status: 429)
        }
        let key: LedgerSigningKey
        do { key = try KeyFile.loadPrivate(path) { form["passphrase"] ?? "" } } catch KeyError.wrongPassphrase {
            failures[file] = ((failures[file]?.count ?? 0) + 1, now)
            return signInPage(req, message: "Wrong passphrase for \(file).", status: 401)
        } catch {
            return signInPage(req, message: "\(error)", status: 401)
        }
        let role: DeskSession.Role
        if key.publicKey.raw == ledger.genesis.supervisor.raw {
            role = .supervisor
        } else if let k = try? ledger.store.key(id: key.keyID), k.publicKey == key.publicKey.raw, k.revokedSeq == nil {
            role = .clerk
        } else {
            return signInPage(req, message: "The key in \(file) is not enrolled in this ledger, or it was revoked: ask the supervisor.", status: 401)
        }
        failures[file] = nil
        let session = DeskSession(id: Self.randomToken(), csrf: Self.randomToken(), key: key, role: role, lastSeen: config.now())
        sessions[session.id] = session
        return DeskResponse(status: 303, headers: [
            ("Location", "/"),
            ("Set-Cookie", "desk_session=\(session.id); Path=/; HttpOnly; SameSite=Strict"),
            ("Set-Cookie", "desk_signin=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
        ])
    }

    static func randomToken() -> String { Hex.encode(KeyFile.randomBytes(32)) }

    /// Compares two tokens in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var d: UInt8 = 0
        for i in x.indices { d |= x[i] ^ y[i] }
        return d == 0
    }
}
