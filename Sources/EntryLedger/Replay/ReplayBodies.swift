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

/// The ABI header settings a batch was rendered with (everything but the password, which is
/// never recorded), so that a recorded batch can be rendered again byte for byte.
public struct BatchABIHeader: Equatable, Sendable {
    public var siteCode: String
    public var senderID: String
    public var officeCode: String
    public var date: String
    public var userData: String?
    public var blockUserData: String?
    /// The SE13 contact the batch carried (recorded: it can change in the ledger later).
    public var contact: ABIContact?

    public init(_ s: ABIBatchSettings) {
        contact = s.contact
        siteCode = s.siteCode
        senderID = s.senderID
        officeCode = s.officeCode
        date = s.date
        userData = s.userData
        blockUserData = s.blockUserData
    }

    public func settings(password: String) -> ABIBatchSettings {
        ABIBatchSettings(siteCode: siteCode, senderID: senderID, password: password, officeCode: officeCode, date: date,
                         userData: userData, blockUserData: blockUserData, contact: contact)
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["site": .string(siteCode), "sender": .string(senderID), "office": .string(officeCode), "date": .string(date)]
        if let userData { o["user_data"] = .string(userData) }
        if let blockUserData { o["block_user_data"] = .string(blockUserData) }
        if let contact { o["contact"] = ["name": .string(contact.name), "phone": .string(contact.phone)] }
        return .object(o)
    }

    init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "replay.batch abi_header", allowed: ["site", "sender", "office", "date", "user_data", "block_user_data", "contact"])
        siteCode = try r.string("site", maxLength: 20)
        senderID = try r.string("sender", maxLength: 20)
        officeCode = try r.string("office", maxLength: 20)
        date = try r.string("date", maxLength: 20)
        userData = r.object["user_data"] == nil ? nil : try r.string("user_data", nonEmpty: false, maxLength: 80)
        blockUserData = r.object["block_user_data"] == nil ? nil : try r.string("block_user_data", nonEmpty: false, maxLength: 80)
        if let c = r.object["contact"] {
            let cr = try BodyReader(c, kind: "replay.batch abi_header contact", allowed: ["name", "phone"])
            guard let contact = ABIContact(name: try cr.string("name", maxLength: 40), phone: try cr.string("phone", maxLength: 15)) else {
                throw RecordFormatError("replay.batch abi_header contact: name or phone not as SE13 requires")
            }
            self.contact = contact
        } else {
            contact = nil
        }
    }
}

/// `replay.batch`: ABI batch files made for ACE (supervisor): the SHA-256 of each file and of
/// the manifest, every transaction, and the ABI header settings, so that each entry goes to ACE
/// exactly once and the batch can be rendered again from the ledger. Recorded before any of
/// its files is written.
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
    /// How the files were rendered; absent for a batch recorded from its manifest.
    public var abiHeader: BatchABIHeader?

    public init(batchID: String, cutoff: Int64, authorizationSeq: Int64, manifestSHA256: String, files: [File], transactions: [BatchTransaction],
                abiHeader: BatchABIHeader? = nil) {
        self.abiHeader = abiHeader
        self.batchID = batchID
        self.cutoff = cutoff
        self.authorizationSeq = authorizationSeq
        self.manifestSHA256 = manifestSHA256
        self.files = files
        self.transactions = transactions
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "batch_id": .string(batchID), "cutoff": .int(cutoff), "authorization_seq": .int(authorizationSeq),
            "manifest_sha256": .string(manifestSHA256),
            "files": .array(files.map { ["name": .string($0.name), "application": .string($0.application.rawValue), "sha256": .string($0.sha256), "size": .int($0.size)] }),
            "transactions": .array(transactions.map(\.json))]
        if let abiHeader { o["abi_header"] = abiHeader.json }
        return .object(o)
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "replay.batch", allowed: ["batch_id", "cutoff", "authorization_seq", "manifest_sha256", "files", "transactions", "abi_header"])
        if let h = r.object["abi_header"] { abiHeader = try BatchABIHeader(json: h) } else { abiHeader = nil }
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
    /// The response's batch control header (its `A` record, password positions blanked).
    public var control: String?
    /// Part `index` (from 1) of `count` when a large response is recorded in several records.
    public var part: (index: Int64, count: Int64)?

    public static func == (a: ResponseBody, b: ResponseBody) -> Bool {
        a.fileName == b.fileName && a.fileSHA256 == b.fileSHA256 && a.results == b.results && a.batchErrors == b.batchErrors
            && a.unmatched == b.unmatched && a.control == b.control && a.part?.index == b.part?.index && a.part?.count == b.part?.count
    }

    /// This response as records of at most `maxResults` results each (itself when it fits);
    /// batch errors and unmatched lines go with the first part.
    public func parts(maxResults: Int) -> [ResponseBody] {
        guard results.count > maxResults else { return [self] }
        let chunks = stride(from: 0, to: results.count, by: maxResults).map { Array(results[$0..<min($0 + maxResults, results.count)]) }
        return chunks.enumerated().map { i, chunk in
            var p = ResponseBody(fileName: fileName, fileSHA256: fileSHA256, results: chunk, batchErrors: i == 0 ? batchErrors : [],
                                 unmatched: i == 0 ? unmatched : [])
            p.control = control
            p.part = (Int64(i + 1), Int64(chunks.count))
            return p
        }
    }

    public init(fileName: String, fileSHA256: String, results: [Result], batchErrors: [String], unmatched: [String]) {
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.results = results
        self.batchErrors = batchErrors
        self.unmatched = unmatched
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "file": .string(fileName), "sha256": .string(fileSHA256),
            "results": .array(results.map { ["entry_number": .string($0.entryNumber), "application": .string($0.application.rawValue), "outcome": .string($0.outcome),
                                             "rejected": .bool($0.rejected), "messages": .array($0.messages.map { .string($0) })] }),
            "batch_errors": .array(batchErrors.map { .string($0) }), "unmatched": .array(unmatched.map { .string($0) })]
        if let control { o["control"] = .string(control) }
        if let part { o["part"] = ["index": .int(part.index), "count": .int(part.count)] }
        return .object(o)
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "ace.response", allowed: ["file", "sha256", "results", "batch_errors", "unmatched", "control", "part"])
        control = r.object["control"] == nil ? nil : try r.string("control", maxLength: 80)
        if let p = r.object["part"] {
            let pr = try BodyReader(p, kind: "ace.response part", allowed: ["index", "count"])
            let index = try pr.int("index"), count = try pr.int("count")
            guard index >= 1, index <= count else { throw RecordFormatError("ace.response part: index \(index) should be from 1 to count \(count)") }
            part = (index, count)
        } else {
            part = nil
        }
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
