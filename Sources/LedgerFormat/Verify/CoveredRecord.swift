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
