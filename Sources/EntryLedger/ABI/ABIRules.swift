import LedgerFormat
/// The choices the ABI record format rests on that docs/customs-facts.md marks **[check]** or leaves open,
/// kept in this one table (beside ``CustomsRules``) so that each can be corrected in one place.
/// Every record builder, layout and the response reader use these constants; nothing else
/// decides fill, rounding, flags or the character set.
public enum ABIRules {
    /// Every ABI record is exactly this many characters. **[firm]**
    public static let recordLength = 80

    /// Line end written after every record, the last one included (the project writes `\n`).
    public static let lineEnd: UInt8 = UInt8(ascii: "\n")

    /// Fill of numeric fields, which are right-justified. docs/customs-facts.md section 2: "Zero-filled or
    /// space-filled numeric fields: the two sources disagree **[check]**." The project writes
    /// **zeros** (`0000012345`): a zero-filled amount cannot be misread when columns shift, and
    /// it is the form most open-source ABI builders use. Change this one constant to switch to
    /// spaces. Alphanumeric fields are always left-justified and space-padded.
    public static let numericFill: UInt8 = UInt8(ascii: "0")

    /// Fill of alphanumeric fields (left-justified) and of every unused position. **[firm]**
    public static let spaceFill: UInt8 = UInt8(ascii: " ")

    /// Whole dollars from cents for SE 10 estimated value, SE 60 line value, AE 50 value, AE 40
    /// charges and AE 31 bond amount: **round half up** (12_350 cents -> 124 dollars; 12_349 ->
    /// 123). docs/customs-facts.md says "whole dollars" and no more; half-up is the rounding CBP's Form 7501
    /// instructions use for values. Project choice. **[check]** Negative amounts are refused.
    public static func wholeDollars(cents: Int64) -> Int64? {
        guard cents >= 0 else { return nil }
        return cents / 100 + (cents % 100 >= 50 ? 1 : 0)
    }

    /// How yes/no flags are written (SE 10 position 55 split shipment, AE 40 position 56
    /// related party): `Y` for yes; `N` for no. docs/customs-facts.md gives the positions but not the
    /// values. Project choice. **[check]**
    public static let yes = "Y"
    /// See ``yes``.
    public static let no = "N"

    /// The AE 47 party type written for a line's manufacturer (MID). **[firm]**
    public static let manufacturerPartyType = "M"

    /// The SE record id used for the entry's parties: docs/customs-facts.md gives SE 30 and SE 50 one shared
    /// layout and no rule for which to use, so every party goes out as SE 30. **[check]**
    public static let cargoReleasePartyRecord = "SE30"

    /// Whether `byte` may stand in an ABI record: printable ASCII (space to `~`) other than
    /// the lower-case letters `a`-`z`. **[firm]** (upper-case ASCII); the same set as
    /// ``EntryValidator/abiTextProblem(_:)``.
    public static func isRecordCharacter(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
