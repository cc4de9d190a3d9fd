import LedgerFormat
/// Calendar dates as entries carry them: `YYYY-MM-DD` strings that must be real dates
/// (ABI records later write them as MMDDYY).
public enum CustomsDate {
    /// The year, month and day of a `YYYY-MM-DD` string, or nil unless it is a real date.
    public static func parse(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let c = Array(text.utf8)
        guard c.count == 10, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c[i]) else { return nil }
                v = v * 10 + Int(c[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
            CalendarDate.isValid(year: y, month: m, day: d)
        else { return nil }
        return (y, m, d)
    }

    /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
    public static func isValid(_ text: String) -> Bool { parse(text) != nil }

    /// The date as MMDDYY, the form of ABI records; nil unless it is a real date.
    public static func abi(_ text: String) -> String? {
        guard parse(text) != nil else { return nil }
        let c = Array(text)
        return String(c[5...6]) + String(c[8...9]) + String(c[2...3])
    }

    /// Days since 1970-01-01.
    static func dayNumber(_ text: String) -> Int64? {
        guard let (y, m, d) = parse(text) else { return nil }
        return Timestamp.days(fromCivil: Int64(y), Int64(m), Int64(d))
    }

    static func format(dayNumber: Int64) -> String? {
        let (y, m, d) = Timestamp.civil(fromDays: dayNumber)
        guard (1...9999).contains(y) else { return nil }
        func p(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))"
    }

    /// 1970-01-01 was a Thursday.
    static func isWeekend(dayNumber: Int64) -> Bool {
        let weekday = ((dayNumber + 4) % 7 + 7) % 7  // 0 Sunday ... 6 Saturday
        return weekday == 0 || weekday == 6
    }
}
