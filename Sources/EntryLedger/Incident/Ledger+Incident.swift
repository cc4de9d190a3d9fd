import LedgerFormat
import LedgerSQLite
import Foundation

extension Ledger {
    /// Opens the incident (supervisor): starts CBP's clocks from `discoveredAt`.
    /// An exposed importer number that is an SSN is refused (personal data is recorded only
    /// sealed, spec 5.12): the importer is named by another number, or in the entry itself.
    @discardableResult
    public func openIncident(_ body: IncidentOpenBody, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        let ssnForms = CustomsRules.personalDataQualifiers.compactMap { CustomsRules.importerNumberForms[$0] }
        let personal = body.exposedImporters.indices.filter { i in
            let v = body.exposedImporters[i]
            return ssnForms.contains { CustomsRules.matches(v, form: $0) } || (v.count == 9 && v.allSatisfy(\.isASCII) && v.allSatisfy(\.isNumber))
        }
        guard personal.isEmpty else {
            throw LedgerError.invalidInput(personal.map { "exposed_importers[\($0)]: \(ImporterNumber.masked) looks like a social security number, personal data this ledger records only sealed in an entry; name that importer by its EIN or CBP-assigned number, or by the entry that holds it" })
        }
        try Self.refuseFuture(body.discoveredAt, "discovered-at", recordTime: time)
        return try append(.incidentOpen, body: body.json, signer: signer, time: time)
    }

    /// Logs a communication.
    @discardableResult
    public func logCommunication(_ body: CommunicationBody, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try Self.refuseFuture(body.at, "at", recordTime: time)
        return try append(.incidentComm, body: body.json, signer: signer, time: time)
    }

    /// A communication or discovery is logged once it has happened: its time may not be later
    /// than the record's (2 minutes allowed for clocks that disagree). An earlier time is
    /// allowed and shown as recorded late.
    static func refuseFuture(_ happened: String, _ field: String, recordTime: String) throws {
        guard let h = Timestamp.parse(happened), let r = Timestamp.parse(recordTime) else { return }
        if h > r + 120 {
            throw LedgerError.invalidInput([Problem(field: field, value: happened, rule: "incident.time-future",
                                                    "\(field) \(happened): later than now (\(recordTime)); log a communication once it has happened")])
        }
    }

    /// Copies an evidence file beside the ledger and records its name, size and SHA-256.
    @discardableResult
    public func addEvidence(file: String, description: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        let body = try Evidence.store(file: file, description: description, ledgerPath: store.path)
        return try append(.incidentEvidence, body: body.json, signer: signer, time: time)
    }

    /// Closes the incident (supervisor).
    @discardableResult
    public func closeIncident(summary: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try append(.incidentClose, body: IncidentCloseBody(summary: summary).json, signer: signer, time: time)
    }
}
