import Foundation

/// Reads a profile's JSON, collecting every problem with its path, value and rule.
struct ProfileReader {
    var problems: [String] = []

    static func show(_ v: JSONValue?) -> String {
        guard let v else { return "(missing)" }
        if let s = v.stringValue { return "\"\(s.count > 60 ? String(s.prefix(60)) + "..." : s)\"" }
        return ((try? CanonicalJSON.encodeString(v)) ?? v.typeName).prefix(60).description
    }

    mutating func problem(_ path: String, _ value: JSONValue?, _ rule: String) {
        problems.append("\(path.isEmpty ? "profile" : path)\(value.map { " " + Self.show($0) } ?? ""): \(rule)")
    }

    static func join(_ at: String, _ key: String) -> String { at.isEmpty ? key : "\(at).\(key)" }

    mutating func object(_ v: JSONValue, _ at: String, allowed: Set<String>) -> [String: JSONValue] {
        guard let o = v.objectValue else { problem(at, v, "should be an object"); return [:] }
        for k in o.keys.sorted() where !allowed.contains(k) { problem(Self.join(at, k), nil, "is not a member the profile knows (\(allowed.sorted().joined(separator: ", ")))") }
        return o
    }

    mutating func optionalObject(_ o: [String: JSONValue], _ key: String, allowed: Set<String>) -> [String: JSONValue]? {
        guard let v = o[key] else { return nil }
        return object(v, key, allowed: allowed)
    }

    mutating func string(_ o: [String: JSONValue], _ key: String, _ at: String, maxLength: Int = 200) -> String? {
        let path = Self.join(at, key)
        guard let v = o[key] else { problem(path, nil, "is required"); return nil }
        guard let s = v.stringValue else { problem(path, v, "should be a string"); return nil }
        if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problem(path, v, "must not be empty"); return nil }
        if s.count > maxLength { problem(path, v, "is longer than \(maxLength) characters"); return nil }
        return s
    }

    mutating func optionalString(_ o: [String: JSONValue], _ key: String, _ at: String, maxLength: Int) -> String? {
        guard o[key] != nil else { return nil }
        return string(o, key, at, maxLength: maxLength)
    }

    mutating func optionalBool(_ o: [String: JSONValue], _ key: String, _ at: String) -> Bool? {
        guard let v = o[key] else { return nil }
        guard let b = v.boolValue else { problem(Self.join(at, key), v, "should be true or false"); return nil }
        return b
    }

    mutating func date(_ o: [String: JSONValue], _ key: String, _ at: String) -> String? {
        guard let s = string(o, key, at, maxLength: 10) else { return nil }
        guard CustomsDate.isValid(s) else { problem(Self.join(at, key), o[key], "should be a real date written YYYY-MM-DD"); return nil }
        return s
    }

    mutating func optionalDate(_ o: [String: JSONValue], _ key: String, _ at: String) -> String? {
        guard o[key] != nil else { return nil }
        return date(o, key, at)
    }

    mutating func array(_ o: [String: JSONValue], _ key: String, _ at: String) -> [JSONValue] {
        let path = Self.join(at, key)
        guard let v = o[key] else { problem(path, nil, "is required (an empty list [] if there is nothing yet)"); return [] }
        guard let a = v.arrayValue else { problem(path, v, "should be an array"); return [] }
        guard a.count <= 1000 else { problem(path, nil, "has \(a.count) items; at most 1000"); return [] }
        return a
    }

    mutating func strings(_ o: [String: JSONValue], _ key: String, _ at: String, minCount: Int) -> [String] {
        let path = Self.join(at, key)
        let a = array(o, key, at)
        if o[key]?.arrayValue != nil, a.count < minCount { problem(path, o[key], "needs at least \(minCount) item(s)") }
        var out: [String] = []
        for (i, v) in a.enumerated() {
            guard let s = v.stringValue, !s.isEmpty, s.count <= 200 else { problem("\(path)[\(i)]", v, "should be a non-empty string of at most 200 characters"); continue }
            out.append(s)
        }
        return out
    }

    mutating func check(_ path: String, _ value: String, _ rule: (String) throws -> Void) {
        do { try rule(value) } catch { problem(path, .string(value), "\(error)") }
    }
}
