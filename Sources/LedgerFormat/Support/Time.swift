import Foundation

/// RFC 3339 timestamps in UTC with whole seconds (`2026-11-29T04:44:12Z`), the one form
/// records carry.
public enum Timestamp {
    /// `date` as RFC 3339 UTC to the second: `2026-11-29T04:44:12Z`.
    public static func format(_ date: Date) -> String {
        let secs = Int64(date.timeIntervalSince1970.rounded(.down))
        return format(unixSeconds: secs)
    }

    /// Unix seconds as RFC 3339 UTC to the second.
    public static func format(unixSeconds secs: Int64) -> String {
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = secs - days * 86400
        let (y, m, d) = civil(fromDays: days)
        func p(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(rem / 3600, 2)):\(p(rem % 3600 / 60, 2)):\(p(rem % 60, 2))Z"
    }

    /// The current time, RFC 3339 UTC to the second.
    public static func now() -> String { format(Date()) }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` and returns Unix seconds, or nil.
    public static func parse(_ text: String) -> Int64? {
        let c = Array(text.utf8)
        guard c.count == 20, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[10] == UInt8(ascii: "T"),
            c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":"), c[19] == UInt8(ascii: "Z")
        else { return nil }
        func num(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for i in r {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c[i]) else { return nil }
                v = v * 10 + Int64(c[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13),
            let mi = num(14..<16), let s = num(17..<19)
        else { return nil }
        guard CalendarDate.isValid(year: Int(y), month: Int(mo), day: Int(d)), h < 24, mi < 60, s < 60 else { return nil }
        return days(fromCivil: y, mo, d) * 86400 + h * 3600 + mi * 60 + s
    }

    // Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
    package static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    package static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// Calendar-date checks shared by timestamps and the customs dates of entries.
public enum CalendarDate {
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1, year <= 9999, (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
