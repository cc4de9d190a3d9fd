import ArgumentParser
import EntryLedger
import EntryLedgerDesk
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `entryledger entry print`: the paper CBP Form 3461 (and 7501) of an entry as a PDF.
struct EntryPrint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print", abstract: "Write an entry's CBP Form 3461 (and 7501 when it has the data) as a PDF to hand to the port.",
        discussion: "Every page's footer holds the seq and SHA-256 hash of the entry's ledger record, so that paper and ledger can be matched.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The entry number.") var number: String
    @Option(help: "The PDF file to write (refused if it exists).") var out: String

    func run() throws {
        let n = try parseEntryNumber(number)
        let ledger = try global.openLedger()
        guard let e = try EntryBook.load(ledger).first(where: { $0.number == n }) else {
            throw LedgerError.notFound("no entry \(n.formatted) in the ledger")
        }
        let bytes = PaperForms.pdf(e, broker: ledger.genesis.broker, origin: ledger.origin, drill: ledger.genesis.drill)
        try Self.writeNew(out, bytes)
        print("Wrote \(out): CBP Form 3461\(e.entry.entrySummary != nil ? " and 7501" : "") for \(n.formatted), ledger record seq \(e.versionSeq) hash \(Hex.encode(e.versionHash))")
    }

    /// Writes a new file whole or not at all: a temporary name in the same folder, fsync, then
    /// a link to the final name (which fails if it exists).
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw InputError("\(path) exists: choose another --out") }
        let dir = (path as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let k = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard k > 0 else { close(fd); unlink(temp); throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
            written += k
        }
        let synced = fsync(fd) == 0
        close(fd)
        defer { unlink(temp) }
        guard synced, link(temp, path) == 0 else { throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}
