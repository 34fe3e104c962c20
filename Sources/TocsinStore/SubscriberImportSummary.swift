/// What an import did.
public struct SubscriberImportSummary: Sendable, Hashable {
    /// Rows that became active subscribers.
    public var imported: Int
    /// Rows whose number was already an active subscriber (nothing changed).
    public var skipped: Int
    /// Rows refused, each reported with its line and reason.
    public var rejected: Int
    /// Header columns that are not import columns and were not read.
    public var ignoredColumns: [String]

    public init(imported: Int, skipped: Int, rejected: Int, ignoredColumns: [String] = []) {
        self.imported = imported
        self.skipped = skipped
        self.rejected = rejected
        self.ignoredColumns = ignoredColumns
    }

    /// "imported 9998, skipped 1 (already subscribed), rejected 1".
    public var line: String {
        "imported \(self.imported), skipped \(self.skipped) (already subscribed), rejected \(self.rejected)"
    }
}
