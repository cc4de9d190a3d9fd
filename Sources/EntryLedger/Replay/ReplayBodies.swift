import LedgerFormat
/// `reconnect.authorize`: CBP authorised reconnection to ACE (supervisor). When bound to a
/// checkpoint that the CBP reviewer cosigned, replay covers the entries logged before it.
public struct AuthorizationBody: Equatable, Sendable {
    public var reference: String
    public var date: String
    public var contact: String
    /// The cosigned checkpoint: its size (records covered), root (base64) and the whole note.
    public var checkpointSize: Int64?
    public var checkpointRoot: String?
    public var checkpointNote: String?
    /// The reviewer's note verifier key (`name+keyid+base64`), as the supervisor received it.
    public var reviewerKey: String?

    public init(reference: String, date: String, contact: String, checkpointSize: Int64? = nil, checkpointRoot: String? = nil,
                checkpointNote: String? = nil, reviewerKey: String? = nil) {
        self.reference = reference
        self.date = date
        self.contact = contact
        self.checkpointSize = checkpointSize
        self.checkpointRoot = checkpointRoot
        self.checkpointNote = checkpointNote
        self.reviewerKey = reviewerKey
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "reconnect.authorize", allowed: ["reference", "date", "contact", "checkpoint"])
        reference = try r.string("reference", maxLength: 200)
        date = try r.string("date")
        guard CustomsDate.parse(date) != nil else { throw RecordFormatError("reconnect.authorize body: date \(date) should be a real date written YYYY-MM-DD") }
        contact = try r.string("contact", nonEmpty: false, maxLength: 500)
        if let cp = r.object["checkpoint"] {
            let c = try BodyReader(cp, kind: "reconnect.authorize checkpoint", allowed: ["size", "root", "note", "reviewer_key"])
            checkpointSize = try c.int("size")
            checkpointRoot = try c.string("root")
            checkpointNote = try c.string("note", maxLength: 1 << 16)
            reviewerKey = try c.string("reviewer_key", maxLength: 1000)
            guard checkpointSize! > 0 else { throw RecordFormatError("reconnect.authorize body: checkpoint size must be positive") }
        }
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["reference": .string(reference), "date": .string(date), "contact": .string(contact)]
        if let checkpointSize, let checkpointRoot, let checkpointNote, let reviewerKey {
            o["checkpoint"] = ["size": .int(checkpointSize), "root": .string(checkpointRoot), "note": .string(checkpointNote), "reviewer_key": .string(reviewerKey)]
        }
        return .object(o)
    }
}

/// One transaction of a replay batch: which version of which entry went out, how.
public struct BatchTransaction: Equatable, Sendable {
    public let entryNumber: String
    public let application: ABIApplication
    public let action: ABIAction
    /// The seq and record hash of the entry version that was sent (its `entry.add` or latest
    /// `entry.amend`).
    public let versionSeq: Int64
    public let versionHash: String

    public init(entryNumber: String, application: ABIApplication, action: ABIAction, versionSeq: Int64, versionHash: String) {
        self.entryNumber = entryNumber
        self.application = application
        self.action = action
        self.versionSeq = versionSeq
        self.versionHash = versionHash
    }

    public var json: JSONValue {
        ["entry_number": .string(entryNumber), "application": .string(application.rawValue), "action": .string(action.rawValue),
         "version_seq": .int(versionSeq), "version_hash": .string(versionHash)]
    }

    init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "replay.batch transaction", allowed: ["entry_number", "application", "action", "version_seq", "version_hash"])
        entryNumber = try r.string("entry_number")
        guard let app = ABIApplication(rawValue: try r.string("application")), let act = ABIAction(rawValue: try r.string("action")) else {
            throw RecordFormatError("replay.batch transaction: application should be SE or AE and action A, R, D or U")
        }
        application = app
        action = act
        versionSeq = try r.int("version_seq")
        versionHash = try r.hex("version_hash", count: 32)
    }
}

/// `replay.batch`: ABI batch files made for ACE (supervisor): the SHA-256 of each file and of
/// the manifest, and every transaction, so that each entry goes to ACE exactly once.
public struct BatchBody: Equatable, Sendable {
    public struct File: Equatable, Sendable {
        public let name: String
        public let application: ABIApplication
        public let sha256: String
        public let size: Int64
    }

    public var batchID: String
    public var cutoff: Int64
    public var authorizationSeq: Int64
    public var manifestSHA256: String
    public var files: [File]
    public var transactions: [BatchTransaction]

    public init(batchID: String, cutoff: Int64, authorizationSeq: Int64, manifestSHA256: String, files: [File], transactions: [BatchTransaction]) {
        self.batchID = batchID
        self.cutoff = cutoff
        self.authorizationSeq = authorizationSeq
        self.manifestSHA256 = manifestSHA256
        self.files = files
        self.transactions = transactions
    }

    public var json: JSONValue {
        ["batch_id": .string(batchID), "cutoff": .int(cutoff), "authorization_seq": .int(authorizationSeq),
         "manifest_sha256": .string(manifestSHA256),
         "files": .array(files.map { ["name": .string($0.name), "application": .string($0.application.rawValue), "sha256": .string($0.sha256), "size": .int($0.size)] }),
         "transactions": .array(transactions.map(\.json))]
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "replay.batch", allowed: ["batch_id", "cutoff", "authorization_seq", "manifest_sha256", "files", "transactions"])
        batchID = try r.string("batch_id", maxLength: 40)
        cutoff = try r.int("cutoff")
        authorizationSeq = try r.int("authorization_seq")
        manifestSHA256 = try r.hex("manifest_sha256", count: 32)
        guard let fs = r.object["files"]?.arrayValue, let ts = r.object["transactions"]?.arrayValue else {
            throw RecordFormatError("replay.batch body: files and transactions should be arrays")
        }
        var files: [File] = []
        for f in fs {
            let fr = try BodyReader(f, kind: "replay.batch file", allowed: ["name", "application", "sha256", "size"])
            guard let app = ABIApplication(rawValue: try fr.string("application")) else { throw RecordFormatError("replay.batch file: application should be SE or AE") }
            let name = try fr.string("name", maxLength: 100)
            guard !name.contains("/"), !name.hasPrefix(".") else { throw RecordFormatError("replay.batch file: name \(name) should be a plain file name") }
            files.append(File(name: name, application: app, sha256: try fr.hex("sha256", count: 32), size: try fr.int("size")))
        }
        self.files = files
        var txs: [BatchTransaction] = []
        for t in ts { txs.append(try BatchTransaction(json: t)) }
        transactions = txs
    }
}

/// `ace.response`: what ACE answered, read from its response file and matched to entries.
public struct ResponseBody: Equatable, Sendable {
    public struct Result: Equatable, Sendable {
        public let entryNumber: String
        public let application: ABIApplication
        /// `accepted`, `accepted-with-warnings`, `rejected`, `referred`, `released`, ... (ACEOutcome names).
        public let outcome: String
        public let rejected: Bool
        public let messages: [String]
    }

    public var fileName: String
    public var fileSHA256: String
    public var results: [Result]
    public var batchErrors: [String]
    public var unmatched: [String]

    public init(fileName: String, fileSHA256: String, results: [Result], batchErrors: [String], unmatched: [String]) {
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.results = results
        self.batchErrors = batchErrors
        self.unmatched = unmatched
    }

    public var json: JSONValue {
        ["file": .string(fileName), "sha256": .string(fileSHA256),
         "results": .array(results.map { ["entry_number": .string($0.entryNumber), "application": .string($0.application.rawValue), "outcome": .string($0.outcome),
                                          "rejected": .bool($0.rejected), "messages": .array($0.messages.map { .string($0) })] }),
         "batch_errors": .array(batchErrors.map { .string($0) }), "unmatched": .array(unmatched.map { .string($0) })]
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "ace.response", allowed: ["file", "sha256", "results", "batch_errors", "unmatched"])
        fileName = try r.string("file", maxLength: 255)
        fileSHA256 = try r.hex("sha256", count: 32)
        batchErrors = try r.strings("batch_errors", maxCount: 100_000, maxLength: 2000)
        unmatched = try r.strings("unmatched", maxCount: 100_000, maxLength: 2000)
        guard let rs = r.object["results"]?.arrayValue else { throw RecordFormatError("ace.response body: results should be an array") }
        var results: [Result] = []
        for v in rs {
            let x = try BodyReader(v, kind: "ace.response result", allowed: ["entry_number", "application", "outcome", "rejected", "messages"])
            guard let app = ABIApplication(rawValue: try x.string("application")), let rejected = x.object["rejected"]?.boolValue else {
                throw RecordFormatError("ace.response result: application should be SE or AE, rejected a boolean")
            }
            results.append(Result(entryNumber: try x.string("entry_number"), application: app, outcome: try x.string("outcome"), rejected: rejected,
                                  messages: try x.strings("messages", maxCount: 1000, maxLength: 2000, allowEmpty: true)))
        }
        self.results = results
    }
}
