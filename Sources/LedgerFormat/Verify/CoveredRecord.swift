#if canImport(Glibc)
import Glibc
#endif

/// The reading of a record that a supervisor-signed checkpoint covers (schemas/ledger-format.md
/// section 6, the last paragraph): its bytes are pinned by the checkpoint's Merkle root, which
/// the walk recomputes and compares, and they passed every check, canonical encoding included,
/// when the supervisor's program verified the ledger before signing it. So the header members
/// are skimmed from the bytes and the body is reduced to what the ledger's state reads
/// (``RecordKindRules/coveredBody(kind:payload:body:)``), never re-encoded or built whole.
///
/// Anything unusual (a member missing or escaped, a value of the wrong shape) gives nil, and the
/// record is parsed in full: a record that was changed below a checkpoint is read exactly as
/// verify reads it, and the root comparison fails anyway.
enum CoveredRecord {
    /// The header of a covered record read from its stored row: when the payload is exactly
    /// `{"body":BODY,"key":K,"kind":KIND,"origin":O,"prev":P,"seq":S,"time":T,"v":1}` with K,
    /// KIND and T the row's index columns, O the ledger's origin and S the row's seq (the
    /// canonical form, members sorted), the header is the columns and P, and BODY is reduced
    /// by the rules; no byte of the body is read but what they want. Otherwise the members are
    /// skimmed (``header(_:rules:)``).
    static func header(_ stored: StoredRecord, origin: String?, rules: RecordRuleBook) -> RecordHeader? {
        let payload = stored.record.payload
        guard let origin, let tail = tail(payload, stored: stored, origin: origin), payload.count <= RecordFormat.maxPayloadBytes else {
            return header(payload, rules: rules)
        }
        let body = 8..<(payload.count - tail.length)
        let kind = RecordKind(rawValue: stored.kind)
        let value: JSONValue
        if let reduced = rules.rules(for: kind)?.coveredBody(kind: kind, payload: payload, body: body) {
            value = reduced
        } else {
            guard let whole = JSONSkim.value(payload, body), case .object = whole else { return header(payload, rules: rules) }
            value = whole
        }
        return RecordHeader(origin: origin, seq: stored.seq, prev: tail.prev, time: stored.time, kind: kind, keyID: stored.keyID, body: value)
    }

    /// The canonical tail of `payload` built from the row's columns, when the payload ends with
    /// it and starts with `{"body":{`: its length and the prev hash it holds. Compared in place
    /// (every record below a checkpoint goes through here).
    static func tail(_ payload: [UInt8], stored: StoredRecord, origin: String) -> (length: Int, prev: [UInt8])? {
        var seqText = String(stored.seq), keyID = stored.keyID, kind = stored.kind, origin = origin, time = stored.time
        // The columns may hold anything: only plain text can stand for itself between quotes.
        func plain(_ t: inout String) -> Int? {
            t.withUTF8 { u in u.isEmpty || u.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) ? nil : u.count }
        }
        guard let a = plain(&keyID), let b = plain(&kind), let c = plain(&origin), let d = plain(&seqText), let e = plain(&time) else { return nil }
        let prevHex = 64
        let length = fixedTailBytes + prevHex + a + b + c + d + e
        guard stored.seq >= 0, payload.count >= bodyHead.count + length + 1, payload.starts(with: bodyHead) else { return nil }
        return payload.withUnsafeBufferPointer { p -> (length: Int, prev: [UInt8])? in
            var at = p.count - length
            func eat(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
                guard piece.count == 0 || memcmp(p.baseAddress! + at, piece.baseAddress!, piece.count) == 0 else { return false }
                at += piece.count
                return true
            }
            func eat(_ piece: [UInt8]) -> Bool { piece.withUnsafeBufferPointer { eat($0) } }
            func eat(_ text: inout String) -> Bool { text.withUTF8 { eat($0) } }
            guard eat(tailKey), eat(&keyID), eat(tailKind), eat(&kind), eat(tailOrigin), eat(&origin), eat(tailPrev),
                  let prev = hexBytes(UnsafeBufferPointer(rebasing: p[at..<(at + prevHex)])) else { return nil }
            at += prevHex
            guard eat(tailSeq), eat(&seqText), eat(tailTime), eat(&time), eat(tailEnd) else { return nil }
            return (length, prev)
        }
    }

    private static let bodyHead = Array(#"{"body":{"#.utf8)
    private static let tailKey = Array(#","key":""#.utf8)
    private static let tailKind = Array(#"","kind":""#.utf8)
    private static let tailOrigin = Array(#"","origin":""#.utf8)
    private static let tailPrev = Array(#"","prev":""#.utf8)
    private static let tailSeq = Array(#"","seq":"#.utf8)
    private static let tailTime = Array(#","time":""#.utf8)
    private static let tailEnd = Array(#"","v":1}"#.utf8)
    private static let fixedTailBytes = [tailKey, tailKind, tailOrigin, tailPrev, tailSeq, tailTime, tailEnd].reduce(0) { $0 + $1.count }

    /// 64 lower-case hex digits to 32 bytes; nil for anything else.
    private static func hexBytes(_ hex: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard hex.count == 64 else { return nil }
        var bad: UInt8 = 0
        let out = [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            for i in 0..<32 {
                let hi = nibbles[Int(hex[2 * i])], lo = nibbles[Int(hex[2 * i + 1])]
                bad |= (hi | lo) & 0xF0
                buffer[i] = hi << 4 | (lo & 0x0F)
            }
            count = 32
        }
        return bad == 0 ? out : nil
    }

    /// Each byte's value as a lower-case hex digit, 0xFF for a byte that is not one.
    private static let nibbles: [UInt8] = (0..<256).map { c in
        switch c {
        case 0x30...0x39: return UInt8(c - 0x30)
        case 0x61...0x66: return UInt8(c - 0x61 + 10)
        default: return 0xFF
        }
    }

    /// The header skimmed member by member from the payload alone.
    static func header(_ payload: [UInt8], rules: RecordRuleBook) -> RecordHeader? {
        guard payload.count <= RecordFormat.maxPayloadBytes, let members = JSONSkim.members(payload, 0..<payload.count),
              members.count == RecordHeader.members.count else { return nil }
        var origin: String?, prev: [UInt8]?, time: String?, kind: String?, key: String?
        var seq: Int64?, version: Int64?, body: Range<Int>?
        for (name, range) in members {
            switch name {
            case "origin": origin = JSONSkim.plainString(payload, range)
            case "prev": prev = JSONSkim.plainString(payload, range).flatMap(Hex.decode)
            case "time": time = JSONSkim.plainString(payload, range)
            case "kind": kind = JSONSkim.plainString(payload, range)
            case "key": key = JSONSkim.plainString(payload, range)
            case "seq": seq = integer(payload, range)
            case "v": version = integer(payload, range)
            case "body": body = range
            default: return nil
            }
        }
        guard version == RecordFormat.version, let origin, !origin.isEmpty, let seq, seq >= 0, let prev, prev.count == 32,
              let time, Timestamp.parse(time) != nil, let kind, !kind.isEmpty, let key, key.utf8.count == 32, Hex.decode(key) != nil,
              let body, payload[body.lowerBound] == UInt8(ascii: "{")
        else { return nil }
        let recordKind = RecordKind(rawValue: kind)
        let value: JSONValue
        if let reduced = rules.rules(for: recordKind)?.coveredBody(kind: recordKind, payload: payload, body: body) {
            value = reduced
        } else {
            guard let whole = JSONSkim.value(payload, body), case .object = whole else { return nil }
            value = whole
        }
        return RecordHeader(origin: origin, seq: seq, prev: prev, time: time, kind: recordKind, keyID: key, body: value)
    }

    /// A non-negative decimal integer of at most 15 digits written plainly.
    private static func integer(_ bytes: [UInt8], _ range: Range<Int>) -> Int64? {
        guard !range.isEmpty, range.count <= 15, range.count == 1 || bytes[range.lowerBound] != UInt8(ascii: "0") else { return nil }
        var n: Int64 = 0
        for c in bytes[range] {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int64(c - UInt8(ascii: "0"))
        }
        return n
    }
}
