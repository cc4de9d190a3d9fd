import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a report whole or not at all: a temporary name in the same folder, fsync, rename
/// over the target, fsync of the folder.
///
/// ```swift
/// try ReportFile.write(Array(html.utf8), to: "accounting.html")
/// ```
public enum ReportFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(ReportError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError("--out \(path): the folder \(dir) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { throw ReportError("--out \(path) is a folder") }
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var ok = true
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { ok = false; break }
            written += n
        }
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw ReportError("cannot write \(path): \(reason)")
        }
        let dfd = open(dir, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}

/// A report that cannot be written or printed, in words a broker can act on (exit code 2).
public struct ReportError: CategorizedError, Sendable {
    public let description: String
    public var exitCategory: ExitCategory { .input }
    public init(_ description: String) { self.description = description }
}
