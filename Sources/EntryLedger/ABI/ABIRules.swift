import LedgerFormat
/// The choices the ABI output rests on, kept in this one table so that each can be corrected in
/// one place: fill, rounding, the character classes, and the values EntryLedger writes where
/// the sources leave a choice. Each choice the sources do not settle is marked **[unsure]** and
/// listed in ``unsure`` (printed in `schemas/abi-layouts.md` and the README).
public enum ABIRules {
    /// Every ABI record is exactly this many characters. **[firm]**
    public static let recordLength = 80

    /// Line end written after every record, the last one included (the project writes `\n`).
    public static let lineEnd: UInt8 = UInt8(ascii: "\n")

    /// Fill of `N` and `(S)N` fields, which are right-justified: zeros. **[firm]** for `N`
    /// (S1 builder, B1, CW); for `(S)N` zero-fill is what B1 and CW write and what the chapter
    /// asks for on the totals records; whether leading spaces are also accepted is [unsure].
    public static let numericFill: UInt8 = UInt8(ascii: "0")

    /// Fill of `A`/`AN`/`X` fields (left-justified) and of every unused position. **[firm]**
    public static let spaceFill: UInt8 = UInt8(ascii: " ")

    /// Whole dollars from cents (SE10 estimated value, SE60 line value, AE 50 value, AE 40
    /// charges, AE 31 bond amount, SE20 `AMT`): round half up. The sources say "whole USD" and
    /// no more. **[unsure]** Negative amounts are refused.
    public static func wholeDollars(cents: Int64) -> Int64? {
        guard cents >= 0 else { return nil }
        return cents / 100 + (cents % 100 >= 50 ? 1 : 0)
    }

    /// Yes/no flags (AE 40 related party, SE11 immediate delivery): `Y` / `N`. **[firm]**
    public static let yes = "Y"
    /// See ``yes``.
    public static let no = "N"

    /// AE 10 position 39 on every add and replace. **[firm]**
    public static let electronicSignature = "X"
    /// AE 10 position 38 when no bond is required (bond type 0). **[firm]**
    public static let bondWaived = "0"
    /// AE 31 position 4 for the entry's bond: `B` basic. **[firm]**
    public static let basicBondDesignation = "B"
    /// AE 47 party type of a line's manufacturer (MID). **[firm]**
    public static let manufacturerPartyType = "M"
    /// SE15 position 73 for a bill on an automated manifest. **[firm]**
    public static let automatedManifest = "N"
    /// Modes of transport whose bills are Non-AMS (`Y` at SE15 73, then an SE16). **[firm]**
    public static let nonAMSModes: Set<String> = ["32", "33", "34", "50", "60", "70"]
    /// Modes whose SE15 carries no issuer code (plus air and in-bond bills). **[one source]**
    public static let noIssuerModes: Set<String> = ["32", "33", "34", "50", "60"]
    /// SE35/SE55 address component qualifier EntryLedger writes: `15` unstructured street
    /// address, the whole street line in one component. **[one source]**
    public static let streetAddressQualifier = "15"
    /// SE10 position 55 for an entry recorded as a split shipment: `1` hold all until the
    /// shipment is complete (the other code, `2`, asks for incremental release under immediate
    /// delivery, which the ledger's entries do not record). **[unsure]** (project choice)
    public static let splitShipmentReleaseCode = "1"
    /// SE13 60-61 on a cancel when the ledger records no other reason: `01` clerical error.
    /// **[unsure]** (project choice; the reason code list is [one source])
    public static let defaultCancellationReason = "01"
    /// AE 22 unit of the manifested quantity, which the ledger's bills do not record.
    /// **[unsure]** (project choice)
    public static let manifestUnit = "PCS"
    /// Entry types whose SE10 needs the planned port of entry. **[one source]**
    public static let plannedPortTypes: Set<String> = ["02", "06", "07", "12", "21", "22", "23", "86"]
    /// Entry types with a bonded warehouse FIRMS at SE11 65-68. **[firm]**
    public static let warehouseTypes: Set<String> = ["21", "22"]
    /// Entry types that withdraw from a warehouse (AE 30). **[one source]**
    public static let withdrawalTypes: Set<String> = ["31", "32", "34", "38"]
    /// Entity codes that may be reported by identifier (SE30/SE50). **[one source]**
    public static let identifierEntities: Set<String> = ["BY", "ST", "CN"]
    /// Identifier qualifiers SE30/SE50 take. **[firm]**
    public static let partyIdentifierQualifiers: Set<String> = ["EI", "ANI", "34"]
    /// Entry types on which the consignee may be given by name and address. **[one source]**
    public static let consigneeByNameTypes: Set<String> = ["11", "86"]

    /// Every choice above that the sources leave open, for the layout document and the README.
    public static let unsure: [String] = [
        "SE10 55 split shipment release code: an entry recorded as a split shipment is sent with `1` (hold all until complete).",
        "SE13 60-61: a cancel (`D`) is sent with reason `01` (clerical error); the reason list itself is one source.",
        "SE60 25: filler (v40) or sanction disclaim indicator (older revision); a space is sent.",
        "SE `U` (update): the action map lists SE13 as mandatory while SE10 note 1 leaves it out; EntryLedger sends it.",
        "SE parties: the full mandatory set for v40 is not stated; EntryLedger sends every party the entry records, MF on every line.",
        "AE `(S)N` amounts: zero-filled (two sources); whether leading spaces are also accepted is not known.",
        "AE 22 11-15 unit of the manifested quantity: the ledger records none; `PCS` is sent.",
        "AE 23 order inside a manifest grouping: printed I,M,H,S; CERT observed M,H,S then I; EntryLedger sends M,H,S then I.",
        "AE 50 48-50 unit on a chapter 99 number or an HTS with no reporting unit: spaces are sent (CERT rejects `X`).",
        "AE 50 duty on chapter 99 numbers: the additional duty is reported on the chapter 99 50 record, the ordinary duty on the chapter 1-97 record.",
        "MPF apportionment over lines when the minimum or maximum applies, and CBP's rounding rule: cents rounded half up per record, totals the sums of the records.",
        "Whole-dollar values (SE10 40-49, SE60 15-24, AE 50 25-34, AE 40 27-36, AE 31 9-18): cents rounded half up.",
        "X0 TRNACT 26-32: the record's position in the batch is counted from the A record as 1.",
        "SX: a transaction-level SE90 (types 01-04) and a record-level one (11, 13) are told apart by the message type alone; an SX transaction without a transaction-level SE90 is reported and not recorded.",
        "SE11 bonded warehouse FIRMS for types 21/22 is taken from the entry's own `cargo_release.warehouse_firms`, and an SE20 `CR` filer reference is not sent (SO is matched by filer code and entry number).",
        "UC disposition type `4` (summary rejected after acceptance) is recorded as a rejection of an entry that is on file: it goes again as a replace once amended.",
    ]

    /// Whether `byte` may stand in an ABI record: printable ASCII (space to `~`) other than
    /// the lower-case letters `a`-`z`. **[firm]** (upper-case ASCII); the same set as
    /// ``EntryValidator/abiTextProblem(_:)``.
    public static func isRecordCharacter(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    /// Whether `byte` belongs to a field of class `c` (spaces always: they are the fill).
    public static func fits(_ byte: UInt8, _ c: ABIFieldClass) -> Bool {
        let letter = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
        let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        switch c {
        case .a: return letter || byte == spaceFill
        case .an: return letter || digit || byte == spaceFill
        case .x: return isRecordCharacter(byte)
        case .n, .d, .sn: return digit
        }
    }

    /// What a class allows, for messages.
    public static func classDescription(_ c: ABIFieldClass) -> String {
        switch c {
        case .a: return "letters A-Z"
        case .an: return "letters A-Z, digits and spaces"
        case .x: return "upper-case printable ASCII"
        case .n, .sn: return "digits"
        case .d: return "a date MMDDYY"
        }
    }
}
