import ArgumentParser
import EntryLedger
import EntryLedgerDesk
import Foundation

/// `entryledger desk`: the clerk's desk, a web app on this machine's loopback address.
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk", abstract: "Serve the clerk's desk (entry form, paper 3461, releases) on 127.0.0.1.",
        discussion: """
        Clerks and the supervisor sign in by unlocking their own sealed key file (from the keys folder) with its \
        passphrase; the key stays in the desk's memory. Sessions end after --idle-minutes without a request. \
        The desk binds 127.0.0.1 only, unless --listen names another address (with a warning: anyone who can reach \
        it can try passphrases, and the traffic is not encrypted).
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The port (0 picks a free one, printed on start).") var port: Int = 8461
    @Option(help: "Bind this address instead of 127.0.0.1 (another machine's clerks could then reach the desk).") var listen: String?
    @Option(help: "The folder of sealed key files to sign in with (default: keys/ beside the ledger).") var keys: String?
    @Option(help: "Where drafts are kept (default: drafts/ beside the ledger).") var drafts: String?
    @Option(help: "Minutes without a request after which a session ends.") var idleMinutes: Int = 15

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): should be 0 to 65535") }
        guard (1...24 * 60).contains(idleMinutes) else { throw ValidationError("--idle-minutes \(idleMinutes): should be 1 to 1440") }
    }

    func run() throws {
        let host = listen ?? "127.0.0.1"
        if !DeskServer.isLoopback(host) {
            FileHandle.standardError.write(Data("warning: the desk listens on \(host), not only on this machine: anyone who reaches it can try passphrases, and HTTP is not encrypted\n".utf8))
        }
        guard FileManager.default.fileExists(atPath: global.ledgerPath) else { throw InputError("no ledger at \(global.ledgerPath)") }
        let ledgerPath = global.ledgerPath, keys = self.keys, drafts = self.drafts, idle = Double(idleMinutes * 60), port = self.port
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                // The origins depend on the port, which is known once the socket listens: bind
                // first with a provisional app, then build the real one before answering anything.
                let chosen = try await Self.freePortIfZero(port)
                let config = DeskConfiguration(ledgerPath: ledgerPath, keysFolder: keys, draftsFolder: drafts, idleTimeout: idle,
                                               origins: DeskConfiguration.origins(host: host, port: chosen))
                let app = try DeskApp(config)
                try await DeskServer.run(app, host: host, port: UInt16(chosen)) { p in
                    FileHandle.standardOutput.write(Data("The clerk's desk is at http://\(host.contains(":") ? "[\(host)]" : host):\(p)/ (keys from \(config.keysFolder); Ctrl-C stops it)\n".utf8))
                }
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let e = failure.error { throw InputError("the desk stopped: \(Failure.message(for: e) ?? "\(e)")") }
    }

    /// A free loopback port when 0 is asked for (so that the origins can name it).
    static func freePortIfZero(_ port: Int) async throws -> Int {
        guard port == 0 else { return port }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw InputError("cannot find a free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// Carries an error out of the server's task.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    func set(_ e: Error) { lock.lock(); stored = e; lock.unlock() }
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
}
