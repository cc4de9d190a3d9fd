/// Writes the state a verifier folded from a ledger's records (``FoldSnapshot``): integers as
/// 8 bytes little-endian, byte strings and text after their length, record bodies in their
/// canonical JSON. Only this program reads it back (``FoldReader``); it is no part of the
/// ledger format.
public struct FoldWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func int(_ v: Int64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func count(_ n: Int) { int(Int64(n)) }

    public mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// An optional integer: a flag, then the value when present.
    public mutating func optionalInt(_ v: Int64?) {
        bool(v != nil)
        if let v { int(v) }
    }

    public mutating func data(_ b: [UInt8]) {
        count(b.count)
        bytes.append(contentsOf: b)
    }

    public mutating func string(_ s: String) { data(Array(s.utf8)) }

    /// A record body (or any JSON value) in its canonical encoding.
    public mutating func json(_ v: JSONValue) throws {
        data(try CanonicalJSON.encode(v))
    }
}

/// Reads what a ``FoldWriter`` wrote, never past its end: anything short, too long or of the
/// wrong shape throws ``FoldSnapshotError`` (the snapshot is then not used).
public struct FoldReader: Sendable {
    private let bytes: [UInt8]
    private var at = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True once every byte was read.
    public var atEnd: Bool { at == bytes.count }

    public mutating func int() throws(FoldSnapshotError) -> Int64 {
        guard bytes.count - at >= 8 else { throw FoldSnapshotError("the state ends early") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        at += 8
        return Int64(bitPattern: v)
    }

    /// A count of items, each at least `itemBytes` long: never more than the bytes left could hold.
    public mutating func count(itemBytes: Int = 1) throws(FoldSnapshotError) -> Int {
        let n = try int()
        guard n >= 0, n <= Int64((bytes.count - at) / max(1, itemBytes)) else { throw FoldSnapshotError("a count of \(n) items does not fit the state") }
        return Int(n)
    }

    public mutating func bool() throws(FoldSnapshotError) -> Bool {
        guard at < bytes.count, bytes[at] <= 1 else { throw FoldSnapshotError("a flag is not 0 or 1") }
        at += 1
        return bytes[at - 1] == 1
    }

    public mutating func optionalInt() throws(FoldSnapshotError) -> Int64? {
        try bool() ? try int() : nil
    }

    public mutating func data() throws(FoldSnapshotError) -> [UInt8] {
        let n = try count()
        defer { at += n }
        return Array(bytes[at..<(at + n)])
    }

    public mutating func string() throws(FoldSnapshotError) -> String {
        let n = try count()
        defer { at += n }
        // Written from a String, so valid UTF-8 (a snapshot is read only once its signature
        // verified); decoding repairs rather than validates, the fast path.
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[at..<(at + n)]), as: UTF8.self) }
    }

    public mutating func json() throws(FoldSnapshotError) -> JSONValue {
        do { return try JSONReader.parse(try data()) } catch { throw FoldSnapshotError("a body is not JSON: \(error)") }
    }
}

/// A fold snapshot that cannot be used: why. Verification then folds every record itself.
public struct FoldSnapshotError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
