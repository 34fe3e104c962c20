/// A stored `ledger_entry` row.
package struct LedgerStoredEntry: Sendable {
    package var seq: Int64
    package var kind: String
    package var sourceID: Int64
    package var entry: String
    package var hash: String

    package init(seq: Int64, kind: String, sourceID: Int64, entry: String, hash: String) {
        self.seq = seq
        self.kind = kind
        self.sourceID = sourceID
        self.entry = entry
        self.hash = hash
    }
}
