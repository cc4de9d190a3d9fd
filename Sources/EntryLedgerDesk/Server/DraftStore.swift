import Foundation
import LedgerFormat

#if canImport(Glibc)
import Glibc
#endif

/// Drafts of the entry form kept on the server, one file per key (`KEYID.json`) in the drafts
/// folder beside the ledger, each written whole or not at all (temporary file, fsync, rename,
/// fsync of the folder).
struct DraftStore: Sendable {
    let folder: String
    static let maxBytes = 1 << 20

    func path(_ keyID: String) -> String { folder + "/" + keyID.filter { $0.isLetter || $0.isNumber } + ".json" }

    func load(_ keyID: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(keyID)).map { [UInt8]($0) }
    }

    func save(_ keyID: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = path(keyID)
        let temp = target + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DeskError("cannot write the draft \(temp): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                close(fd)
                unlink(temp)
                throw DeskError("cannot write the draft \(temp): \(String(cString: strerror(errno)))")
            }
            written += n
        }
        guard fsync(fd) == 0 else { close(fd); unlink(temp); throw DeskError("cannot sync the draft \(temp)") }
        close(fd)
        guard rename(temp, target) == 0 else { unlink(temp); throw DeskError("cannot rename the draft to \(target)") }
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    func remove(_ keyID: String) { unlink(path(keyID)) }
}

/// A failure of the desk itself (not of an entry).
public struct DeskError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
