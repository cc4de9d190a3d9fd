import LedgerFormat
/// The importer of record's number and its qualifier as SE 10 carries them (positions 22-36):
/// `EI` IRS employer number `NN-NNNNNNNXX`, `ANI` CBP-assigned `YYDDPP-NNNNN`, `34` social
/// security number `NNN-NN-NNNN` (personal data). JSON: `{"qualifier": "EI", "number": "..."}`.
///
/// An SSN is stored sealed (``SealedValue``, spec section 5.12): the record holds
/// `{"qualifier": "34", "sealed": {...}}` and ``number`` reads ``masked`` until the
/// supervisor's key opens it (``opened(with:)``), which replay does for the transmission copy only.
public struct ImporterNumber: Sendable, Equatable, Hashable {
    public var qualifier: String
    /// The number; ``masked`` for a sealed one that has not been opened.
    public var number: String
    /// The number sealed to the supervisor's personal-data key, when it is personal data.
    public var sealed: SealedValue?

    /// What the sealed number's field is called in messages and in the associated data.
    public static let field = "importer.number"
    /// How a sealed number reads (nothing of it is kept in clear, not even its last digits).
    public static let masked = "***-**-****"

    public init(qualifier: String, number: String, sealed: SealedValue? = nil) {
        self.qualifier = qualifier
        self.number = number
        self.sealed = sealed
    }

    /// Whether the schema marks this number personal (`x-personal`): an SSN.
    public var isPersonal: Bool { CustomsRules.personalDataQualifiers.contains(qualifier) }

    public var json: JSONValue {
        if let sealed { return .object(["qualifier": .string(qualifier), "sealed": sealed.json]) }
        return .object(["qualifier": .string(qualifier), "number": .string(number)])
    }

    /// The number as a record stores it: sealed to `recipient` when it is personal data.
    public func sealing(to recipient: [UInt8]) throws -> ImporterNumber {
        guard isPersonal, sealed == nil else { return self }
        return ImporterNumber(qualifier: qualifier, number: Self.masked,
                              sealed: try SealedValue.seal(number, field: Self.field, to: recipient))
    }

    /// The number opened with the supervisor's personal-data key (checked against its commitment).
    public func opened(with key: PersonalDataKey) throws -> ImporterNumber {
        guard let sealed else { return self }
        do { return ImporterNumber(qualifier: qualifier, number: try sealed.open(with: key, field: Self.field)) } catch {
            throw LedgerError.refused([error.description])
        }
    }
}
