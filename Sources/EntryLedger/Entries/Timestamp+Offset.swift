import LedgerFormat

/// Times as people type them: RFC 3339 with a UTC offset (`2026-11-29T01:10:00-05:00`, seconds
/// optional), turned into the one form records carry (UTC, `Z`). A record's `time` and every
/// time in a body stay UTC; entry dates are calendar dates and are never converted.
extension Timestamp {
    /// `text` as `YYYY-MM-DDTHH:MM:SSZ` (UTC), or nil unless it is a real time written
    /// `YYYY-MM-DDTHH:MM[:SS]` followed by `Z` or an offset `+HH:MM` / `-HH:MM` (at most 14 hours).
    public static func utc(_ text: String) -> String? {
        if parse(text) != nil { return text }
        let c = Array(text.utf8)
        guard c.count >= 17, c[10] == UInt8(ascii: "T") else { return nil }
        var rest = Array(c[16...])
        var seconds = ":00"
        if rest.first == UInt8(ascii: ":") {
            guard rest.count >= 3 else { return nil }
            seconds = String(decoding: rest[0..<3], as: UTF8.self)
            rest = Array(rest[3...])
        }
        let base = String(decoding: c[0..<16], as: UTF8.self) + seconds + "Z"
        guard let local = parse(base) else { return nil }
        if rest == [UInt8(ascii: "Z")] { return base }
        guard rest.count == 6, rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-"), rest[3] == UInt8(ascii: ":"),
              let h = Int64(String(decoding: rest[1..<3], as: UTF8.self)), let m = Int64(String(decoding: rest[4..<6], as: UTF8.self)),
              rest[1...2].allSatisfy({ (0x30...0x39).contains($0) }), rest[4...5].allSatisfy({ (0x30...0x39).contains($0) }),
              h <= 14, m < 60
        else { return nil }
        let offset = (h * 3600 + m * 60) * (rest[0] == UInt8(ascii: "+") ? 1 : -1)
        return format(unixSeconds: local - offset)
    }

    /// How long after an event a record may be written before it is shown as recorded late:
    /// one hour (a project rule).
    public static let recordedLateAfterSeconds: Int64 = 3600

    /// Whether a record written at `recorded` about something that happened at `happened`
    /// (both UTC RFC 3339, or `happened` a `YYYY-MM-DD` date, taken as the end of that day)
    /// was recorded late.
    public static func isRecordedLate(happened: String, recorded: String) -> Bool {
        guard let r = parse(recorded) else { return false }
        if let h = parse(happened) { return r - h > recordedLateAfterSeconds }
        if let day = CustomsDate.dayNumber(happened) { return r - (day + 1) * 86400 > recordedLateAfterSeconds }
        return false
    }
}
