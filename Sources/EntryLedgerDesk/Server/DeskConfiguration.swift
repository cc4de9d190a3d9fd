import Foundation

/// Where the desk finds its ledger, keys and drafts, and how it guards its doors.
public struct DeskConfiguration: Sendable {
    /// The ledger file.
    public var ledgerPath: String
    /// The folder of sealed private key files a clerk or the supervisor may sign in with.
    public var keysFolder: String
    /// The folder of drafts saved on the server (one file per signed-in key).
    public var draftsFolder: String
    /// Seconds without a request after which a session is gone (default 15 minutes).
    public var idleTimeout: Double
    /// The origins pages may come from, e.g. `http://127.0.0.1:8461`; the Host header must be
    /// one of their hosts (this also defeats DNS rebinding).
    public var origins: Set<String>
    /// The clock, in seconds (tests set it).
    public var now: @Sendable () -> Double

    public init(ledgerPath: String, keysFolder: String? = nil, draftsFolder: String? = nil, idleTimeout: Double = 15 * 60,
                origins: Set<String>, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        let dir = (ledgerPath as NSString).deletingLastPathComponent
        let base = dir.isEmpty ? "." : dir
        self.ledgerPath = ledgerPath
        self.keysFolder = keysFolder ?? base + "/keys"
        self.draftsFolder = draftsFolder ?? base + "/drafts"
        self.idleTimeout = idleTimeout
        self.origins = origins
        self.now = now
    }

    /// The origins of a server on `port` bound to `host`: the loopback names, and `host` itself.
    public static func origins(host: String, port: Int) -> Set<String> {
        var hosts: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        if host != "0.0.0.0", host != "::" { hosts.insert(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host) }
        return Set(hosts.map { "http://\($0):\(port)" })
    }

    var hosts: Set<String> { Set(origins.map { String($0.dropFirst("http://".count)) }) }
}
