/// Dollars and cents for people: integer cents in, `$1,234.56` out; and back for the desk's form.
public enum Money {
    /// `$1,234.56` for 123456 cents; negative amounts get a leading minus.
    public static func dollars(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let a = cents.magnitude
        var whole = String(a / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        let c = a % 100
        return "\(sign)$\(groups.joined(separator: ","))." + (c < 10 ? "0\(c)" : "\(c)")
    }

    /// Cents from what a clerk types: `1234.56`, `$1,234.5`, `1234`; nil for anything else
    /// (more than two decimals, letters, more than $90 trillion).
    public static func cents(_ text: String) -> Int64? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("$") { t.removeFirst() }
        t = t.replacingOccurrences(of: ",", with: "")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 14,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var cents = Int64(whole)! * 100
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            cents += Int64(frac.count == 1 ? String(frac) + "0" : String(frac))!
        }
        return cents
    }
}

import Foundation
