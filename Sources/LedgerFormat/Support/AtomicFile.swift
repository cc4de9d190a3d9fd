import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written whole (nothing was written under its name): exit 2.
public struct FileWriteError: CategorizedError, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
    public var exitCategory: ExitCategory { .input }
}

/// Every file the product writes appears whole or not at all: it is written under a temporary
/// name in the same folder, fsynced, renamed to its final name, and the folder fsynced.
///
/// ```swift
/// try AtomicFile.write(bytes, to: "out/checkpoint.txt")                  // refuses to replace
/// try AtomicFile.write(to: "out/big.bin") { sink in try sink.write(chunk) }  // streamed
/// ```
///
/// A killed writer leaves at most a hidden `.NAME.tmp-…` file beside the final name, which
/// ``removeLeftovers(in:)`` clears; a file under its final name is always whole.
public enum AtomicFile {
    /// What may already be at the final name.
    public enum Existing: Sendable {
        /// Refuse if anything is there (the default: never overwrite).
        case refuse
        /// Replace it (only for files whose content is checked by the caller, such as a
        /// content-addressed copy found to differ from its name).
        case replace
    }

    /// The open temporary file a streamed write goes to, hashing what passes through.
    public final class Sink {
        let fd: Int32
        let path: String
        public private(set) var size: Int64 = 0
        var hash = SHA256()
        /// False for a write of bytes the caller holds whole (``AtomicFile/write(_:to:existing:mode:)``):
        /// nobody reads ``sha256`` then, and hashing them would only cost time.
        let hashing: Bool

        init(fd: Int32, path: String, hashing: Bool = true) {
            self.fd = fd
            self.path = path
            self.hashing = hashing
        }

        /// Appends bytes.
        public func write(_ bytes: some Collection<UInt8>) throws {
            if let array = bytes as? [UInt8] { return try write(array: array) }
            try write(array: Array(bytes))
        }

        private func write(array: [UInt8]) throws {
            var done = 0
            while done < array.count {
                let n = array[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
                done += n
            }
            if hashing { hash.update(data: array) }
            size += Int64(array.count)
            CrashPoint.step("atomic write chunk")
        }

        public func write(_ data: Data) throws { try write([UInt8](data)) }

        /// The SHA-256 (hex) of everything written so far.
        public var sha256: String { Hex.encode(hash.finalize()) }
    }

    /// Writes `bytes` to `path` whole or not at all.
    public static func write(_ bytes: [UInt8], to path: String, existing: Existing = .refuse, mode: mode_t = 0o644) throws {
        try write(to: path, existing: existing, mode: mode, hashing: false) { try $0.write(bytes) }
    }

    /// Streams a file to `path`: `body` writes into the sink; the file gets its final name only
    /// after `body` returns and the bytes are on disk. Returns what `body` returns.
    @discardableResult
    public static func write<T>(to path: String, existing: Existing = .refuse, mode: mode_t = 0o644,
                                _ body: (Sink) throws -> T) throws -> T {
        try write(to: path, existing: existing, mode: mode, hashing: true, body)
    }

    static func write<T>(to path: String, existing: Existing, mode: mode_t, hashing: Bool, _ body: (Sink) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/." + url.lastPathComponent + ".tmp-" + Hex.encode(KeyFile.randomBytes(6))
        if existing == .refuse, exists(path) { throw FileWriteError(path: path, reason: "it already exists; nothing is overwritten") }
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
        CrashPoint.step("atomic temp created")
        var published = false
        defer { if !published { unlink(temp) } }
        let result: T
        do {
            defer { close(fd) }
            fchmod(fd, mode)
            let sink = Sink(fd: fd, path: path, hashing: hashing)
            result = try body(sink)
            guard fsync(fd) == 0 else { throw FileWriteError(path: path, reason: "fsync: " + String(cString: strerror(errno))) }
            CrashPoint.step("atomic fsynced")
        }
        switch existing {
        case .refuse:
            // link() never replaces: two writers racing for one name cannot both win.
            guard link(temp, path) == 0 else {
                let e = errno
                throw FileWriteError(path: path, reason: e == EEXIST ? "it already exists; nothing is overwritten" : String(cString: strerror(e)))
            }
            published = true
            CrashPoint.step("atomic linked")
            unlink(temp)
        case .replace:
            guard rename(temp, path) == 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
            published = true
        }
        CrashPoint.step("atomic renamed")
        syncFolder(folder)
        CrashPoint.step("atomic folder synced")
        return result
    }

    /// Creates `path` (and its parents) and fsyncs the folders that gained an entry.
    public static func makeFolder(_ path: String) throws {
        var missing: [String] = []
        var url = URL(fileURLWithPath: path)
        while !exists(url.path), url.path != "/" {
            missing.append(url.path)
            url = url.deletingLastPathComponent()
        }
        for p in missing.reversed() {
            guard mkdir(p, 0o755) == 0 || errno == EEXIST else { throw FileWriteError(path: p, reason: String(cString: strerror(errno))) }
            syncFolder(URL(fileURLWithPath: p).deletingLastPathComponent().path)
        }
        CrashPoint.step("folder made")
    }

    /// Renames a finished folder to its final name (refused if that exists) and fsyncs its parent.
    public static func publishFolder(_ temp: String, as final: String) throws {
        syncFolder(temp)
        guard !exists(final) else { throw FileWriteError(path: final, reason: "it already exists; nothing is overwritten") }
        guard rename(temp, final) == 0 else { throw FileWriteError(path: final, reason: String(cString: strerror(errno))) }
        CrashPoint.step("folder renamed")
        syncFolder(URL(fileURLWithPath: final).deletingLastPathComponent().path)
    }

    /// Gives a finished file (or folder) in the same file system its final name and fsyncs the
    /// folder. Without `replace`, refused if the final name exists.
    public static func publishFile(_ temp: String, as final: String, replace: Bool = false) throws {
        if !replace, exists(final) { throw FileWriteError(path: final, reason: "it already exists; nothing is overwritten") }
        if !replace, link(temp, final) == 0 {  // a file: link() never replaces what a racing writer put there
            unlink(temp)
            CrashPoint.step("published")
            syncFolder(URL(fileURLWithPath: final).deletingLastPathComponent().path)
            return
        }
        if !replace, errno == EEXIST { throw FileWriteError(path: final, reason: "it already exists; nothing is overwritten") }
        guard rename(temp, final) == 0 else { throw FileWriteError(path: final, reason: String(cString: strerror(errno))) }
        CrashPoint.step("published")
        syncFolder(URL(fileURLWithPath: final).deletingLastPathComponent().path)
    }

    /// fsyncs a folder, so that a rename or a new name in it survives a power cut.
    public static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Removes the temporary files a killed writer left in `folder` (`.NAME.tmp-…`).
    public static func removeLeftovers(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where isTemporaryName(name) {
            unlink(folder + "/" + name)
        }
    }

    /// Whether `name` is one of this helper's temporary names.
    public static func isTemporaryName(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".tmp-") }

    /// Anything at `path`, a dangling symbolic link included.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
