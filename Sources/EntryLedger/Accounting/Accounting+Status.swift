import LedgerFormat

extension Accounting {
    /// What `status --json` prints, without the office's notices (which the tool adds), times
    /// in the machine's zone (`$TZ`): see ``StatusView/json(_:clock:all:)``.
    public var statusJSON: JSONValue { StatusView.json(self, clock: .machine, all: false) }
}
