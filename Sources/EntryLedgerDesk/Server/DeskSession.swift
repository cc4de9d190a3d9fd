import LedgerFormat

/// A signed-in clerk or supervisor: the unlocked key stays here, in the desk's memory, and is
/// never sent to the browser; the browser holds only the session's random id in a cookie.
struct DeskSession: Sendable {
    enum Role: String, Sendable { case clerk, supervisor }
    let id: String
    /// The token every form and every fetch must carry (CSRF).
    let csrf: String
    let key: LedgerSigningKey
    let role: Role
    var lastSeen: Double
}
