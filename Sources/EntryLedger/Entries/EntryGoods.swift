import Crypto
import LedgerFormat
import LedgerSQLite

/// The entries one key logged recently, by content: everything but the entry number.
///
/// `entry add --next-number` whose output was lost (a full disk, a killed terminal) looks
/// failed to the clerk, who runs it again: a second entry for the same goods under the next
/// number, filed twice in ACE. Refusing an entry whose content equals one the same key logged
/// within `window` makes that retry safe; `--allow-duplicate-goods` is the clerk's way to log
/// genuinely identical goods twice. Only entries numbered by `--next-number` are checked: an
/// entry that carries its own number cannot be logged twice anyway.
struct EntryGoods {
    /// How far back (seconds) an entry counts as a possible retry: a working day.
    static let window: Int64 = 24 * 3600
    /// And at most this many of the newest entry records are read.
    static let maxLookBack = 10_000

    private var seen: [[UInt8]: (number: String, seq: Int64)] = [:]


    /// The content digests of the `entry.add` records `keyID` signed in the window before `time`.
    static func recent(_ tx: StoreTransaction, keyID: String, before time: String) throws -> EntryGoods {
        var goods = EntryGoods()
        guard let now = Timestamp.parse(time) else { return goods }
        let cutoff = Timestamp.format(unixSeconds: now - window)
        try tx.recentRecords(kind: .entryAdd, limit: maxLookBack) { stored in
            guard stored.time >= cutoff else { return false }
            guard stored.keyID == keyID, let h = try? RecordHeader(payload: stored.record.payload),
                  let entry = h.body["entry"], let number = entry["entry_number"]?.stringValue,
                  let d = digest(entry)
            else { return true }
            if goods.seen[d] == nil { goods.seen[d] = (number, stored.seq) }
            return true
        }
        return goods
    }

    /// SHA-256 of the canonical entry without its number.
    static func digest(_ entry: JSONValue) -> [UInt8]? {
        guard case .object(var o) = entry else { return nil }
        o["entry_number"] = nil
        guard let bytes = try? CanonicalJSON.encode(.object(o)) else { return nil }
        return Array(SHA256.hash(data: bytes))
    }

    /// Refuses `entry` if the same key logged its content already (within the window).
    /// Entries of one import are not compared with each other: the file is the clerk's
    /// statement of what was filed.
    func refuseDuplicate(_ entry: CustomsEntry) throws {
        guard let d = Self.digest(entry.json), let earlier = seen[d] else { return }
        throw LedgerError.refused(["the entry's content (all but its number) equals entry \(earlier.number), which this key logged at seq \(earlier.seq) within the last \(Self.window / 3600) hours: if the earlier command's output was lost, that entry is logged (see `entryledger entry show --number \(earlier.number)`); if these really are other goods, add --allow-duplicate-goods"])
    }
}
