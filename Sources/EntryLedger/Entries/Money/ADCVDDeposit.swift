import LedgerFormat

/// An antidumping or countervailing duty case on a 7501 line (one AE 53 record): the case
/// number, whether the deposit is secured by bond or paid in cash, the deposit rate and the
/// duty the clerk typed. JSON (member `adcvd` of a line's `entry_summary`, at most one AD and
/// one CV case per line):
/// `{"case_number": "A570909000", "claim": "C", "rate_type": "A", "deposit_rate": 11840,
///   "duty_cents": 1140192}`; optional `value_cents` (AD/CVD value when it differs from the
/// line's), `quantity_ten_thousandths` (for specific rates), `blanket_declaration` (AD only).
public struct ADCVDDeposit: Sendable, Equatable, Hashable {
    /// 10 characters without hyphens: `A` (antidumping) or `C` (countervailing), the 3-digit
    /// country, the 3-digit case and the 3-digit company suffix (`A-570-909-000` is `A570909000`).
    public var caseNumber: String
    /// `B` secured by bond, `C` cash deposit.
    public var claim: String
    /// `A` ad valorem (percent of value), `S` specific (dollars per unit).
    public var rateType: String
    /// The deposit rate with 2 implied decimals: basis points for `A` (118.40 % is `11840`),
    /// cents per unit for `S`.
    public var depositRate: Int64
    /// The AD/CVD value in cents when it differs from the line value.
    public var valueCents: Int64?
    /// The AD/CVD quantity in ten-thousandths of a unit (specific rates).
    public var quantityTenThousandths: Int64?
    /// The deposit as the clerk typed it (validated equal to the computed deposit).
    public var dutyCents: Int64
    /// A blanket non-reimbursement declaration id (AD only), in place of the line's statement.
    public var blanketDeclaration: String?

    public init(caseNumber: String, claim: String, rateType: String, depositRate: Int64, valueCents: Int64? = nil,
                quantityTenThousandths: Int64? = nil, dutyCents: Int64, blanketDeclaration: String? = nil) {
        self.caseNumber = caseNumber
        self.claim = claim
        self.rateType = rateType
        self.depositRate = depositRate
        self.valueCents = valueCents
        self.quantityTenThousandths = quantityTenThousandths
        self.dutyCents = dutyCents
        self.blanketDeclaration = blanketDeclaration
    }

    /// Antidumping (case number starting `A`); otherwise countervailing.
    public var isAntidumping: Bool { caseNumber.hasPrefix("A") }
    /// Secured by bond rather than paid in cash.
    public var isBonded: Bool { claim == "B" }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "case_number": .string(caseNumber), "claim": .string(claim), "rate_type": .string(rateType),
            "deposit_rate": .int(depositRate), "duty_cents": .int(dutyCents),
        ]
        if let valueCents { o["value_cents"] = .int(valueCents) }
        if let quantityTenThousandths { o["quantity_ten_thousandths"] = .int(quantityTenThousandths) }
        if let blanketDeclaration { o["blanket_declaration"] = .string(blanketDeclaration) }
        return .object(o)
    }
}
