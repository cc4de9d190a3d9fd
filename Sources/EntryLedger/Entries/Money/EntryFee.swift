import LedgerFormat

/// One user fee by accounting class code: on a line (AE 62: `499` MPF, `501` HMF, `056`
/// cotton) or on the entry summary as a whole (AE 34: `311` informal MPF, `500` manual
/// surcharge, `496` dutiable mail). The class codes are listed in ``CustomsRules/feeClasses``.
/// JSON: `{"class_code": "499", "amount_cents": 16669}`.
public struct EntryFee: Sendable, Equatable, Hashable {
    /// 3-digit accounting class code.
    public var classCode: String
    public var amountCents: Int64

    public init(classCode: String, amountCents: Int64) {
        self.classCode = classCode
        self.amountCents = amountCents
    }

    public var json: JSONValue { .object(["class_code": .string(classCode), "amount_cents": .int(amountCents)]) }
}
