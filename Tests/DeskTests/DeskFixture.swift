import EntryLedger
import EntryLedgerDesk
import Foundation
import LedgerFormat
import LedgerSQLite
import Testing

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Double = 1_800_000_000
    var now: Double { lock.lock(); defer { lock.unlock() }; return t }
    func advance(_ seconds: Double) { lock.lock(); t += seconds; lock.unlock() }
}

/// A fresh ledger in a temporary folder: a supervisor and a clerk (alice) with sealed key files
/// in keys/, a reserved range, and a desk on it answering as if on 127.0.0.1:8461.
struct DeskFixture {
    static let port = 8461
    static let origin = "http://127.0.0.1:8461"
    static let passphrase = "desk test passphrase"
    /// Low scrypt cost: the tests unlock many keys.
    static let scrypt = KeyFile.ScryptParameters(logN: 10, r: 8, p: 1)

    let dir: String
    let ledgerPath: String
    let supervisor: LedgerSigningKey
    let clerk: LedgerSigningKey
    let clock = TestClock()
    let app: DeskApp

    init(idleTimeout: Double = 15 * 60) throws {
        dir = NSTemporaryDirectory() + "desk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/keys", withIntermediateDirectories: true)
        ledgerPath = dir + "/entryledger.db"
        supervisor = LedgerSigningKey(name: "supervisor")
        clerk = LedgerSigningKey(name: "alice")
        try KeyFile.write(supervisor, to: dir + "/keys/supervisor.key", passphrase: Self.passphrase, scrypt: Self.scrypt)
        try KeyFile.write(clerk, to: dir + "/keys/alice.key", passphrase: Self.passphrase, scrypt: Self.scrypt)
        let ledger = try Ledger.create(path: ledgerPath, filer: "EL7", port: "2304", broker: "DESK TEST BROKERS", supervisor: supervisor)
        try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)
        try ledger.reserveNumbers(try EntryNumberRange(filerCode: "EL7", first: 1_000_001, last: 1_000_050), reason: "test", signer: supervisor)
        let clock = self.clock
        app = try DeskApp(DeskConfiguration(ledgerPath: ledgerPath, idleTimeout: idleTimeout,
                                            origins: DeskConfiguration.origins(host: "127.0.0.1", port: Self.port), now: { clock.now }))
    }

    /// A request as a browser on the desk's own page sends it.
    func request(_ method: String, _ path: String, session: String? = nil, csrf: String? = nil, form: [(String, String)]? = nil,
                 json: String? = nil, headers: [String: String] = [:]) async -> DeskResponse {
        var h = ["host": "127.0.0.1:\(Self.port)"]
        if method == "POST" { h["origin"] = Self.origin }
        if let session { h["cookie"] = "desk_session=\(session)" }
        var body: [UInt8] = []
        if var form {
            if let csrf { form.append(("csrf", csrf)) }
            body = Array(FormEncoding.encode(form).utf8)
            h["content-type"] = "application/x-www-form-urlencoded"
        }
        if let json {
            body = Array(json.utf8)
            h["content-type"] = "application/json"
            if let csrf { h["x-csrf-token"] = csrf }
        }
        for (k, v) in headers { h[k] = v }
        var path = path, query: [String: String] = [:]
        if let q = path.firstIndex(of: "?") {
            query = FormEncoding.decode(String(path[path.index(after: q)...]))
            path = String(path[..<q])
        }
        return await app.handle(DeskRequest(method: method, path: path, query: query, headers: h, body: body))
    }

    static func cookie(_ r: DeskResponse, _ name: String) -> String? {
        for (k, v) in r.headers where k.lowercased() == "set-cookie" && v.hasPrefix(name + "=") {
            let value = v.dropFirst(name.count + 1).prefix { $0 != ";" }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }

    /// Signs in with `key` (a file in keys/); returns the session id and its CSRF token.
    func signIn(_ key: String = "alice.key", passphrase: String = DeskFixture.passphrase) async throws -> (session: String, csrf: String) {
        let page = await request("GET", "/signin")
        let token = try #require(Self.cookie(page, "desk_signin"))
        let r = await request("POST", "/signin", form: [("csrf", token), ("key", key), ("passphrase", passphrase)],
                              headers: ["cookie": "desk_signin=\(token)"])
        #expect(r.status == 303, "sign-in answered \(r.status): \(r.text)")
        let session = try #require(Self.cookie(r, "desk_session"))
        let form = await request("GET", "/new", session: session)
        let csrf = try #require(form.text.firstMatch(of: /name="csrf" content="([0-9a-f]{64})"/)?.1)
        return (session, String(csrf))
    }

    /// A sample entry of the repository, as JSON text for `/api/check` and `/api/submit`.
    static func sample(_ name: String = "01-truck-mexico-3461.json") throws -> JSONValue {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("samples/entries/\(name)"))
        return try JSONReader.parse([UInt8](data))
    }

    static func body(_ entry: JSONValue) -> String {
        (try? CanonicalJSON.encodeString(["entry": entry])) ?? ""
    }

    /// How many records the ledger file holds.
    func recordCount() throws -> Int64 {
        try LedgerStore.open(path: ledgerPath).count()
    }
}
