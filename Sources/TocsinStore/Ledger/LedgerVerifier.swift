import Foundation
import GRDB

/// Walks the chain in sequence order inside one read snapshot and stops at the first problem: a missing
/// sequence number (deleted entry), an entry holding another's sequence number (swapped or reordered), a
/// hash that does not follow from the previous hash and the entry (changed entry or hash), a source row
/// that is missing or no longer encodes to its entry (changed or deleted consent or audit row), and finally
/// a source row with no entry at all (an entry deleted from the end, or a row written around the ledger).
struct LedgerVerifier {
    let db: Database
    let key: ErasureKey
    let progress: (@Sendable (Int, Int) -> Void)?

    func run() throws -> LedgerVerification {
        let total = try Int.fetchOne(self.db, sql: "SELECT COUNT(*) FROM ledger_entry") ?? 0
        let rows = try Row.fetchCursor(self.db, sql: "SELECT seq, kind, source_id, entry, hash FROM ledger_entry ORDER BY seq")
        var check = LedgerChainCheck(key: self.key)
        while let row = try rows.next() {
            let stored = LedgerStoredEntry(seq: row[0], kind: row[1], sourceID: row[2], entry: row[3], hash: row[4])
            if let problem = check.chainProblem(stored) {
                return check.failure(stored, problem)
            }
            let source = try self.sourceRow(kind: stored.kind, id: stored.sourceID)
            if let problem = try check.sourceProblem(stored, row: source, erasureRecorded: self.erasureRecorded) {
                return check.failure(stored, problem)
            }
            check.accept(stored)
            if check.count % 10_000 == 0 { self.progress?(check.count, total) }
        }
        self.progress?(check.count, total)
        for (kind, table) in [("consent", "consent_event"), ("audit", "audit_event")] {
            let orphan = try Int64.fetchOne(
                self.db,
                sql: """
                    SELECT id FROM \(table) t WHERE NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = ? AND l.source_id = t.id)
                    ORDER BY id LIMIT 1
                    """,
                arguments: [kind]
            )
            if let orphan { return check.orphan(kind: kind, id: orphan) }
        }
        return check.intact
    }

    /// The chained columns of the source row of an entry, nil when the row is missing (or the kind unknown).
    func sourceRow(kind: String, id: Int64) throws -> LedgerSourceRow? {
        guard let fields = LedgerEncoding.fields(kind) else { return nil }
        let erased = kind == "consent" ? "erased_at" : "NULL"
        let statement = try self.db.cachedStatement(
            sql: "SELECT occurred_at, \(erased), \(fields.map(\.column).joined(separator: ", ")) FROM \(kind)_event WHERE id = ?"
        )
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        let values: [LedgerValue] = (0..<fields.count).map { index in
            let value: DatabaseValue = row[2 + index]
            switch value.storage {
            case .null: return .null
            case .int64(let number): return .integer(number)
            default: return .text(LedgerEncoding.text(value) ?? "")
            }
        }
        return LedgerSourceRow(occurredAt: row[0], erasedAt: row[1], values: values)
    }

    /// Whether an `erasure` consent event of the stored number `phone` exists at `time`.
    func erasureRecorded(_ phone: String, _ time: Int64) throws -> Bool {
        let erasure = try self.db.cachedStatement(
            sql: "SELECT 1 FROM consent_event WHERE action = 'erasure' AND phone = ? AND occurred_at = ? LIMIT 1"
        )
        return try Bool.fetchOne(erasure, arguments: [phone, time]) ?? false
    }
}

extension SQLiteStore {
    /// Checks the whole chain and every consent and audit row against its entry, in one read snapshot.
    ///
    /// - Parameter progress: called every 10,000 entries and at the end with (checked, total).
    public func verifyLedger(progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> LedgerVerification {
        let key = self.erasureKey
        return try await self.writer.read { db in try LedgerVerifier(db: db, key: key, progress: progress).run() }
    }

    /// The last entry of the ledger, nil when it is empty.
    public func ledgerHead() async throws -> LedgerHead? {
        try await self.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1").map { LedgerHead(seq: $0[0], hash: $0[1]) }
        }
    }

    /// The hash of entry `seq`, nil when there is no such entry (to check a head recorded earlier).
    public func ledgerHash(seq: Int64) async throws -> String? {
        try await self.writer.read { db in try String.fetchOne(db, sql: "SELECT hash FROM ledger_entry WHERE seq = ?", arguments: [seq]) }
    }
}
