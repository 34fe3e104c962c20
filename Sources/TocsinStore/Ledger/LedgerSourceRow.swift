/// A consent or audit row as the verifier reads it: its time, its erasure mark (consent only) and its
/// chained columns in the order of ``LedgerEncoding/fields(_:)``.
package struct LedgerSourceRow: Sendable {
    package var occurredAt: Int64
    package var erasedAt: Int64?
    package var values: [LedgerValue]

    package init(occurredAt: Int64, erasedAt: Int64?, values: [LedgerValue]) {
        self.occurredAt = occurredAt
        self.erasedAt = erasedAt
        self.values = values
    }
}
