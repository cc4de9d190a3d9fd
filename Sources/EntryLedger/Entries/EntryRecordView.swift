import LedgerFormat

/// A stored entry record's payload read once from its bytes (``JSONTape``), for the folds of
/// the ledger's entries (``EntryBook``, the replay's re-render): the header members the folds
/// use and the body, without a `JSONValue` tree. It makes the shape checks of
/// ``RecordHeader/init(payload:checkCanonical:)`` with `checkCanonical: false` (a fold reads a
/// ledger this program wrote; verify checks every byte); nil when the payload does not read.
struct EntryRecordView {
    let kind: RecordKind
    let time: String
    let keyID: String
    let body: JSONNode

    static let members = ["v", "origin", "seq", "prev", "time", "kind", "key", "body"]

    init?(payload: [UInt8]) {
        guard payload.count <= RecordFormat.maxPayloadBytes, let tape = try? JSONTape(payload) else { return nil }
        let o = tape.root
        guard o.kind == .object, o.memberNames(notIn: Self.members).isEmpty, o["v"]?.intValue == RecordFormat.version,
              let origin = o["origin"]?.stringValue, !origin.isEmpty, let seq = o["seq"]?.intValue, seq >= 0,
              let prev = o["prev"]?.stringValue, prev.utf8.count == 64, Hex.decode(prev) != nil,
              let time = o["time"]?.stringValue, Timestamp.parse(time) != nil,
              let kind = o["kind"]?.stringValue, !kind.isEmpty,
              let key = o["key"]?.stringValue, key.utf8.count == 32, Hex.decode(key) != nil,
              let body = o["body"], body.kind == .object
        else { return nil }
        self.kind = RecordKind(rawValue: kind)
        self.time = time
        self.keyID = key
        self.body = body
    }

    /// The entry of an `entry.add` or `entry.amend` body, read under the rules of version 1
    /// (``CustomsEntry/init(stored:)``).
    var storedEntry: CustomsEntry? {
        guard kind == .entryAdd || kind == .entryAmend, let json = body["entry"] else { return nil }
        return try? CustomsEntry(stored: json)
    }
}
