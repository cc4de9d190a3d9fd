import Foundation

/// Times as the office reads them: the office's time zone with UTC beside it
/// (`2026-11-29 14:05 EST (19:05 UTC)`), for the report and `status`.
///
/// ```swift
/// let clock = try OfficeClock(zone: "America/New_York")
/// clock.both(Timestamp.parse("2026-11-29T19:05:00Z")!)   // "2026-11-29 14:05 EST (19:05 UTC)"
/// ```
public struct OfficeClock: Sendable {
    public let zone: TimeZone
    /// The zone's abbreviations by UTC offset in seconds (`-18000: "EST"`), read once.
    let abbreviations: [Int: String]

    /// The zone named `zone` (an IANA name such as `America/Los_Angeles`, or `UTC`); nil takes
    /// `$TZ`, else the machine's zone. Throws when `zone` is not a zone the system knows.
    public init(zone name: String? = nil) throws(OfficeClockError) {
        if let name, !name.isEmpty {
            guard let z = TimeZone(identifier: name) else { throw OfficeClockError(name: name) }
            self.init(timeZone: z)
        } else if let tz = ProcessInfo.processInfo.environment["TZ"], !tz.isEmpty,
                  let z = TimeZone(identifier: tz.hasPrefix(":") ? String(tz.dropFirst()) : tz) {
            self.init(timeZone: z)
        } else {
            // No TZ, or a TZ written in a form other than an IANA name: the system's own reading.
            self.init(timeZone: TimeZone.current)
        }
    }

    public init(timeZone: TimeZone) {
        zone = timeZone
        var names: [Int: String] = [:]
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "zzz"
        // Standard and daylight time: mid-January and mid-July of this year and the next.
        let base = Int64(Date().timeIntervalSince1970)
        for k in 0..<4 {
            let d = Date(timeIntervalSince1970: TimeInterval(base + Int64(k) * 182 * 86400))
            let name = f.string(from: d)
            if !name.hasPrefix("GMT"), !name.hasPrefix("UTC"), !name.isEmpty { names[timeZone.secondsFromGMT(for: d)] = name }
        }
        abbreviations = names
    }

    /// `$TZ`, else the machine's zone (the machine's when `$TZ` names no zone).
    public static var machine: OfficeClock { (try? OfficeClock()) ?? OfficeClock(timeZone: .current) }

    /// The zone's name, as the report's header states it (`America/New_York`).
    public var name: String { zone.identifier }

    /// The zone's abbreviation at `t` (`EST`, `EDT`), `UTC`, or the offset (`UTC+05:30`) when
    /// the zone has no abbreviation of its own.
    public func abbreviation(_ t: Int64) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
        if let a = abbreviations[offset] { return a }
        return offset == 0 ? "UTC" : "UTC" + Self.offsetText(offset)
    }

    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let s = abs(seconds)
        return String(format: "%@%02d:%02d", sign, s / 3600, s % 3600 / 60)
    }

    /// `YYYY-MM-DD HH:MM` in the office's zone.
    public func local(_ t: Int64) -> String {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        return Self.plain(Timestamp.format(unixSeconds: t + offset))
    }

    /// The office's calendar day of `t`, `YYYY-MM-DD`.
    public func day(_ t: Int64) -> String { String(local(t).prefix(10)) }

    /// The Unix time at which the office's day holding `t` ends (its next local midnight).
    public func endOfDay(_ t: Int64) -> Int64 {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        let localT = t + offset
        let dayStart = (localT >= 0 ? localT / 86400 : (localT - 86399) / 86400) * 86400
        return dayStart + 86400 - offset
    }

    /// Both: `2026-11-29 14:05 EST (19:05 UTC)`; when the office is on UTC, only `... UTC`.
    public func both(_ t: Int64) -> String {
        let utc = Self.plain(Timestamp.format(unixSeconds: t))
        if abbreviation(t) == "UTC" { return utc + " UTC" }
        let l = local(t)
        let utcShown = l.prefix(10) == utc.prefix(10) ? String(utc.suffix(5)) : utc
        return "\(l) \(abbreviation(t)) (\(utcShown) UTC)"
    }

    /// ``both(_:)`` of an RFC 3339 UTC timestamp; text that is not one is returned as it is.
    public func both(_ text: String) -> String { Timestamp.parse(text).map(both) ?? text }

    /// The local time as RFC 3339 with its offset (`2026-11-29T14:05:00-05:00`), for JSON.
    public func rfc3339(_ t: Int64) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
        let s = Timestamp.format(unixSeconds: t + Int64(offset))
        return String(s.dropLast()) + (offset == 0 ? "Z" : Self.offsetText(offset))
    }

    /// `2026-11-29T19:05:00Z` becomes `2026-11-29 19:05`.
    static func plain(_ rfc: String) -> String {
        String(rfc.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

/// A `--time-zone` (or `$TZ`) that names no zone the system knows.
public struct OfficeClockError: CategorizedError, Sendable {
    public let name: String
    public var exitCategory: ExitCategory { .input }
    public var description: String {
        "time zone \(name): not a time zone this system knows; give an IANA name such as America/New_York, America/Los_Angeles or UTC"
    }
}
