import LedgerFormat
/// An ABI input application: one per batch. **[firm for SE/AE]**
public enum ABIApplication: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    /// Cargo Release, CBP Form 3461 data (response `SX`, status `SO`).
    case cargoRelease = "SE"
    /// Entry Summary, CBP Form 7501 data (response `AX`, status `UC`).
    case entrySummary = "AE"

    /// The action codes the application takes: `A`, `R`, `D`, and for Cargo Release also `U`.
    public var actions: Set<ABIAction> {
        switch self {
        case .cargoRelease: return [.add, .replace, .delete, .update]
        case .entrySummary: return [.add, .replace, .delete]
        }
    }

    /// Cargo Release first, then Entry Summary (the order the batches are written in).
    public static func < (lhs: ABIApplication, rhs: ABIApplication) -> Bool {
        lhs == .cargoRelease && rhs == .entrySummary
    }
}
