import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file whole or not at all: a temporary name in the same folder, fsync, rename,
/// fsync of the folder. A crash leaves the old file or the new one, never half of one.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/.\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw LedgerError.invalidInput(["cannot write \(path): \(String(cString: strerror(errno)))"]) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                close(fd)
                throw LedgerError.invalidInput(["cannot write \(path): \(String(cString: strerror(errno)))"])
            }
            written += n
        }
        guard fsync(fd) == 0, close(fd) == 0 else { throw LedgerError.invalidInput(["cannot write \(path): fsync failed"]) }
        guard rename(temp, path) == 0 else { throw LedgerError.invalidInput(["cannot write \(path): \(String(cString: strerror(errno)))"]) }
        ok = true
        let dfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    public static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }
}
