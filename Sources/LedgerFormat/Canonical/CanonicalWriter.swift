/// Writes canonical JSON (``CanonicalJSON``'s profile of RFC 8785) straight from typed values
/// into bytes, with no ``JSONValue`` tree in between: for the hot paths that encode the same
/// shape many times (an import's `entry.add` bodies).
///
/// The caller writes each object's members **in canonical order** (byte order of their ASCII
/// names) and leaves absent optional members out; the writer puts the commas and escapes the
/// strings. A type that writes itself this way must be proven byte-identical to
/// `CanonicalJSON.encode` of its `JSONValue` by tests over many values.
///
/// ```swift
/// var w = CanonicalWriter()
/// w.beginObject()
/// w.key("a"); w.string("x")
/// w.key("b"); w.int(1)
/// w.endObject()
/// let bytes = try w.finish()   // {"a":"x","b":1}
/// ```
public struct CanonicalWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// A value or member written at this level already: the next one needs a comma.
    private var needsComma = false
    /// The first integer out of range, thrown by ``finish()`` (as ``CanonicalJSON/encode(_:)`` would).
    private var error: CanonicalJSONError?

    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `{`: then `key(_:)` and a value for each member, in canonical order, then ``endObject()``.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`: then each element's value, then ``endArray()``.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member name (ASCII, with nothing to escape: the names of the ledger's formats) and its colon.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ s: String) {
        separate()
        CanonicalJSON.writeString(s, into: &bytes)
        needsComma = true
    }

    public mutating func int(_ i: Int64) {
        separate()
        if i < -JSONValue.maxSafeInteger || i > JSONValue.maxSafeInteger, error == nil {
            error = CanonicalJSONError(offset: nil, reason: "integer \(i) is outside +/- 2^53")
        }
        CanonicalJSON.writeInt(i, into: &bytes)
        needsComma = true
    }

    public mutating func int(_ i: Int) { int(Int64(i)) }

    public mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: b ? CanonicalJSON.trueBytes : CanonicalJSON.falseBytes)
        needsComma = true
    }

    /// Any value, through the tree encoder (for the rare member not worth a writer of its own).
    public mutating func value(_ v: JSONValue) {
        separate()
        do throws(CanonicalJSONError) { bytes.append(contentsOf: try CanonicalJSON.encode(v)) } catch {
            if self.error == nil { self.error = error }
        }
        needsComma = true
    }

    /// Bytes that are already one canonical JSON value (a body written by another writer).
    public mutating func raw(_ canonical: [UInt8]) {
        separate()
        bytes.append(contentsOf: canonical)
        needsComma = true
    }

    /// The bytes written, or the first value that has no canonical encoding.
    public func finish() throws(CanonicalJSONError) -> [UInt8] {
        if let error { throw error }
        return bytes
    }
}
