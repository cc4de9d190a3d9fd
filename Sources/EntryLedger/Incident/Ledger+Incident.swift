import LedgerFormat
import LedgerSQLite
import Foundation

extension Ledger {
    /// Opens the incident (supervisor): starts CBP's clocks from `discoveredAt`.
    @discardableResult
    public func openIncident(_ body: IncidentOpenBody, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try append(.incidentOpen, body: body.json, signer: signer, time: time)
    }

    /// Logs a communication.
    @discardableResult
    public func logCommunication(_ body: CommunicationBody, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try append(.incidentComm, body: body.json, signer: signer, time: time)
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
