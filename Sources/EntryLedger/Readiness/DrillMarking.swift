/// How a drill ledger's output is marked so that it can never be taken for the real thing:
/// batch files carry `TEST` in their names, every B record's filer user data (positions 60-80,
/// which CATAIR leaves to the filer) says `DRILL`, and the manifest says `"test": true`.
/// The marking follows from the genesis' `drill` member, which is signed.
public enum DrillMarking {
    /// What the B record's filer user data holds in a drill's batches.
    public static let blockUserData = "DRILL"

    /// `B0001-SE.abi`, or `B0001-SE-TEST.abi` for a drill.
    public static func batchFileName(_ batchID: String, _ application: ABIApplication, test: Bool) -> String {
        "\(batchID)-\(application.rawValue)\(test ? "-TEST" : "").abi"
    }

    /// The batch settings, with the B record user data set to `DRILL` for a drill.
    public static func settings(_ settings: ABIBatchSettings, test: Bool) -> ABIBatchSettings {
        guard test else { return settings }
        var s = settings
        s.blockUserData = blockUserData
        return s
    }
}
