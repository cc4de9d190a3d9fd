import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file given as input that cannot be read, or is not what it should be (refused before
/// any of it was read, when it is not a regular file or is too large).
public struct InputFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public let path: String?
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    /// An error whose reason names the file itself.
    public init(_ reason: String) {
        self.path = nil
        self.reason = reason
    }
    public var description: String { path.map { "\($0): \(reason)" } ?? reason }
}

/// A file opened for reading as hostile input: a regular file only, checked with `fstat` on
/// the opened descriptor before a byte is read.
///
/// It is opened with `O_NONBLOCK`, so that a FIFO never blocks the open, then `fstat`ed:
/// FIFOs, devices, sockets and folders are refused, and so is a file larger than the caller's
/// limit (by its size, without reading it). With `within`, every path component below that
/// folder is `lstat`ed and a symbolic link is refused, so that nothing in a bundle or an
/// archive folder points out of it.
///
/// ```swift
/// let bytes = try InputFile.readAll("entry.json", limit: 4 << 20, what: "entry file")
/// ```
public final class InputFile {
    public let path: String
    /// The file's size when it was opened.
    public let size: Int64
    private let fd: Int32

    /// Opens `path` for reading. `limit` refuses a larger file by its size; `within` refuses a
    /// symbolic link anywhere between that folder and the file.
    public init(_ path: String, limit: Int64? = nil, within root: String? = nil, what: String = "file") throws(InputFileError) {
        self.path = path
        if let root { try Self.refuseLinks(path, below: root, what: what) }
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if root != nil { flags |= O_NOFOLLOW }
        let fd = Glibc.open(path, flags)
        guard fd >= 0 else {
            let e = errno
            throw InputFileError(path: path, reason: e == ENOENT ? "\(what) does not exist"
                : e == ELOOP ? "\(what) is a symbolic link, refused here" : "\(what) cannot be opened: \(String(cString: strerror(e)))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw InputFileError(path: path, reason: "\(what) cannot be examined")
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw InputFileError(path: path, reason: "\(what) is \(Self.kind(st.st_mode)), not a regular file; refused without reading it")
        }
        if let limit, Int64(st.st_size) > limit {
            close(fd)
            throw InputFileError(path: path, reason: "\(what) is \(st.st_size) bytes, larger than the \(limit) bytes allowed; refused without reading it")
        }
        // A regular file: reads never block, but clear the flag so that nothing depends on it.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        self.size = Int64(st.st_size)
    }

    deinit { close(fd) }

    /// Reads up to `count` bytes; empty at the end of the file.
    public func read(upTo count: Int) throws(InputFileError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(path: path, reason: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            got += n
        }
        out.removeSubrange(got...)
        return out
    }

    /// The whole file, at most `limit` bytes: a file that grew past it after the open is
    /// refused too.
    public static func readAll(_ path: String, limit: Int, within root: String? = nil, what: String = "file") throws(InputFileError) -> [UInt8] {
        let f = try InputFile(path, limit: Int64(limit), within: root, what: what)
        let bytes = try f.read(upTo: limit + 1)
        guard bytes.count <= limit else {
            throw InputFileError(path: path, reason: "\(what) is larger than the \(limit) bytes allowed")
        }
        return bytes
    }

    /// Streams the file's lines (without their `\n`), one at a time, numbered from 1. A line
    /// longer than `maxLineBytes` is handed on as `.overlong` and skipped to its end without
    /// being kept; a last line without a newline as `.unterminated`. Memory stays at one line
    /// plus one 1 MiB read. `body` returns false to stop.
    public func forEachLine(maxLineBytes: Int, _ body: (Int, Line) throws -> Bool) throws {
        var reader = LineReader(file: self, maxLineBytes: maxLineBytes)
        while let (n, line) = try reader.next() {
            guard try body(n, line) else { return }
        }
    }

    /// One line as `forEachLine` hands it on.
    public enum Line {
        case text([UInt8])
        /// The last line, with no newline after it.
        case unterminated([UInt8])
        case overlong
    }

    /// Pulls lines one at a time, hashing every byte read (SHA-256 of the file so far), so
    /// that a caller reading a file twice can tell it did not change in between.
    public struct LineReader {
        public let file: InputFile
        public let maxLineBytes: Int
        /// SHA-256 of every byte handed on so far, newlines included.
        public private(set) var digest = SHA256()
        private var buffer: [UInt8] = []
        private var position = 0
        private var lineNumber = 0
        private var atEnd = false

        public init(file: InputFile, maxLineBytes: Int) {
            self.file = file
            self.maxLineBytes = maxLineBytes
        }

        /// The next line and its number, or nil at the end of the file.
        public mutating func next() throws -> (Int, Line)? {
            var line: [UInt8] = []
            var overlong = false
            while true {
                if position == buffer.count {
                    if atEnd { break }
                    buffer = try file.read(upTo: 1 << 20)
                    position = 0
                    if buffer.isEmpty {
                        atEnd = true
                        break
                    }
                }
                let nl = buffer[position...].firstIndex(of: 0x0A)
                let end = nl ?? buffer.count
                let start = position
                buffer.withUnsafeBytes { digest.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start..<(nl.map { $0 + 1 } ?? end)])) }
                if !overlong {
                    if line.count + (end - position) > maxLineBytes {
                        overlong = true
                        line = []
                    } else {
                        line.append(contentsOf: buffer[position..<end])
                    }
                }
                position = nl.map { $0 + 1 } ?? end
                if nl != nil {
                    lineNumber += 1
                    return (lineNumber, overlong ? .overlong : .text(line))
                }
            }
            guard overlong || !line.isEmpty else { return nil }
            lineNumber += 1
            return (lineNumber, overlong ? .overlong : .unterminated(line))
        }
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// Refuses a symbolic link in any component of `path` below `root`.
    static func refuseLinks(_ path: String, below root: String, what: String) throws(InputFileError) {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        guard path.hasPrefix(base + "/") else { return }
        var current = base
        for part in path.dropFirst(base.count + 1).split(separator: "/") {
            current += "/" + part
            var st = stat()
            guard lstat(current, &st) == 0 else { return }  // missing: the open says so
            if st.st_mode & S_IFMT == S_IFLNK {
                throw InputFileError(path: path, reason: "\(what): \(current) is a symbolic link, refused (nothing in \(base) may point out of it)")
            }
        }
    }
}
