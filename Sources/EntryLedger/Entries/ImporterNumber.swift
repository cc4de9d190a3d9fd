import LedgerFormat
/// The importer of record's number and its qualifier as SE 10 carries them (positions 22-36):
/// `EI` IRS employer number `NN-NNNNNNNXX`, `ANI` CBP-assigned `YYDDPP-NNNNN`, `34` social
/// security number `NNN-NN-NNNN` (personal data). JSON: `{"qualifier": "EI", "number": "..."}`.
public struct ImporterNumber: Sendable, Equatable, Hashable {
    public var qualifier: String
    public var number: String

    public init(qualifier: String, number: String) {
        self.qualifier = qualifier
        self.number = number
    }

    public var json: JSONValue { .object(["qualifier": .string(qualifier), "number": .string(number)]) }
}
