/// One moment in an entry's life, as the report tells it: logged, amended (with every field it
/// changed), released on paper by CBP, voided, sent to ACE in a batch, answered by ACE.
///
/// ```swift
/// for e in account.events { print(e.seq, e.time, e.author, e.sentence) }
/// ```
public struct EntryEvent: Sendable {
    public enum What: Sendable {
        case logged
        case amended(reason: String, changes: [FieldChange])
        case releasedOnPaper(date: String, port: String, reference: String)
        case voided(reason: String)
        case sent(batchID: String, application: ABIApplication, action: ABIAction)
        case answered(file: String, application: ABIApplication, outcome: String, rejected: Bool, messages: [String])
    }

    public let seq: Int64
    /// When the record was signed (RFC 3339 UTC).
    public let time: String
    public let author: String
    public let what: What

    /// `amended`, `ace-answer`, ... as the JSON and CSV name it.
    public var kind: String {
        switch what {
        case .logged: return "logged"
        case .amended: return "amended"
        case .releasedOnPaper: return "released-on-paper"
        case .voided: return "voided"
        case .sent: return "sent"
        case .answered(_, _, _, let rejected, _): return rejected ? "ace-rejected" : "ace-answer"
        }
    }

    /// One line for a broker.
    public var sentence: String {
        switch what {
        case .logged: return "logged"
        case .amended(let reason, let changes):
            return "amended (\(reason)): " + (changes.isEmpty ? "no field changed" : changes.map(\.sentence).joined(separator: "; "))
        case .releasedOnPaper(let date, let port, let ref): return "released by CBP on paper on \(date) at port \(port), CBP reference \(ref)"
        case .voided(let reason): return "voided: \(reason)"
        case .sent(let id, let app, let action): return "sent to ACE in batch \(id): \(app.rawValue) \(action.word) (\(action.rawValue))"
        case .answered(let file, let app, let outcome, let rejected, let messages):
            return "ACE \(rejected ? "REJECTED" : "answered") \(app.rawValue): \(outcome)" + (messages.isEmpty ? "" : " (\(messages.joined(separator: "; ")))") + ", in \(file)"
        }
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["seq": .int(seq), "time": .string(time), "author": .string(author), "kind": .string(kind), "summary": .string(sentence)]
        switch what {
        case .logged: break
        case .amended(let reason, let changes): o["reason"] = .string(reason); o["changes"] = .array(changes.map(\.json))
        case .releasedOnPaper(let date, let port, let ref): o["date"] = .string(date); o["port"] = .string(port); o["reference"] = .string(ref)
        case .voided(let reason): o["reason"] = .string(reason)
        case .sent(let id, let app, let action): o["batch"] = .string(id); o["application"] = .string(app.rawValue); o["action"] = .string(action.rawValue)
        case .answered(let file, let app, let outcome, let rejected, let messages):
            o["file"] = .string(file); o["application"] = .string(app.rawValue); o["outcome"] = .string(outcome)
            o["rejected"] = .bool(rejected); o["messages"] = .array(messages.map { .string($0) })
        }
        return .object(o)
    }
}

extension ABIAction {
    /// `add`, `replace`, `delete`, `update`.
    public var word: String {
        switch self {
        case .add: return "add"
        case .replace: return "replace"
        case .delete: return "delete"
        case .update: return "update"
        }
    }
}
