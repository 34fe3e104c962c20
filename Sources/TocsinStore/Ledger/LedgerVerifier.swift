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
        var expected: Int64 = 1
        var previous = LedgerEncoding.genesis
        var head: LedgerHead?
        var count = 0
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let kind: String = row[1]
            let sourceID: Int64 = row[2]
            let entry: String = row[3]
            let hash: String = row[4]
            let source = "\(kind)_event:\(sourceID)"
            func problem(_ message: String, seq: Int64? = nil) -> LedgerVerification {
                LedgerVerification(
                    entries: count, head: head, problem: LedgerProblem(seq: seq ?? expected, kind: kind, source: source, message: message)
                )
            }
            if seq != expected {
                return problem("is missing: the chain goes from entry \(expected - 1) to entry \(seq) (an entry was deleted)")
            }
            guard let inner = LedgerEncoding.sequence(in: entry) else {
                return problem("cannot be read as a version-1 entry (its text was changed)")
            }
            if inner != seq {
                return problem("holds the content of entry \(inner): entries were swapped or reordered")
            }
            if LedgerEncoding.chainHash(previous: previous, entry: entry) != hash {
                return problem("does not hash to its stored hash from the previous entry's hash: the entry or its hash was changed")
            }
            if let mismatch = try self.checkSource(kind: kind, id: sourceID, seq: seq, entry: entry) {
                return problem(mismatch)
            }
            previous = hash
            head = LedgerHead(seq: seq, hash: hash)
            expected += 1
            count += 1
            if count % 10_000 == 0 { self.progress?(count, total) }
        }
        self.progress?(count, total)
        for (kind, table) in [("consent", "consent_event"), ("audit", "audit_event")] {
            let orphan = try Int64.fetchOne(
                self.db,
                sql: """
                    SELECT id FROM \(table) t WHERE NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = ? AND l.source_id = t.id)
                    ORDER BY id LIMIT 1
                    """,
                arguments: [kind]
            )
            if let orphan {
                let message = "has no ledger entry: its entry was deleted (from the end of the chain) or the row was written around the ledger"
                return LedgerVerification(
                    entries: count, head: head, problem: LedgerProblem(seq: expected, kind: kind, source: "\(table):\(orphan)", message: message)
                )
            }
        }
        return LedgerVerification(entries: count, head: head, problem: nil)
    }

    /// Why the source row no longer matches `entry`, or nil when it does.
    func checkSource(kind: String, id: Int64, seq: Int64, entry: String) throws -> String? {
        guard let fields = LedgerEncoding.fields(kind) else { return "has an unknown kind '\(kind)'" }
        let table = "\(kind)_event"
        let erased = kind == "consent" ? "erased_at" : "NULL"
        let statement = try self.db.cachedStatement(
            sql: "SELECT occurred_at, \(erased), \(fields.map(\.column).joined(separator: ", ")) FROM \(table) WHERE id = ?"
        )
        guard let row = try Row.fetchOne(statement, arguments: [id]) else {
            return "refers to \(table):\(id), which is missing (the row was deleted)"
        }
        let values: [DatabaseValue] = (0..<fields.count).map { row[2 + $0] }
        var preserved: String??
        if let erasedAt = row[1] as Int64? {
            if let problem = try self.checkErased(id: id, erasedAt: erasedAt, phone: values[0], fields: fields, values: values) {
                return problem
            }
            preserved = .some(Self.parse(entry)[LedgerEncoding.personalKey] as? String)
        }
        let expected = LedgerEncoding.entry(kind: kind, seq: seq, id: id, at: row[0], values: values, key: self.key, preserved: preserved)
        guard expected != entry else { return nil }
        let have = Self.parse(expected)
        let had = Self.parse(entry)
        let differing = Set(have.keys).union(had.keys).sorted().filter { "\(have[$0] ?? "absent")" != "\(had[$0] ?? "absent")" }
        let personal = (LedgerEncoding.fields(kind) ?? []).filter { $0.treatment == .personal }.map(\.column).joined(separator: ", ")
        let named = differing.map { name in
            switch name {
            case "phone": "phone (its keyed hash; or the erasure key is not the one the ledger was written with)"
            case LedgerEncoding.personalKey: "personal fields (\(personal): their keyed hash)"
            default: name
            }
        }
        return "\(table):\(id) no longer matches its entry: \(named.isEmpty ? "the encoding" : named.joined(separator: ", ")) differ"
    }

    /// An erased consent row must hold no personal field, carry its number's `hmac:` stand-in, and have the
    /// `erasure` event that blanked it (same number, same instant): blanking evidence without an erasure is
    /// tampering.
    func checkErased(id: Int64, erasedAt: Int64, phone: DatabaseValue, fields: [LedgerEncoding.Field], values: [DatabaseValue]) throws -> String? {
        for column in LedgerEncoding.erasableConsentColumns {
            guard let index = fields.firstIndex(where: { $0.column == column }) else { continue }
            if !values[index].isNull { return "consent_event:\(id) is marked erased but still holds \(column)" }
        }
        guard let stored = String.fromDatabaseValue(phone), stored.hasPrefix("hmac:") else {
            return "consent_event:\(id) is marked erased but still holds its number"
        }
        let erasure = try self.db.cachedStatement(
            sql: "SELECT 1 FROM consent_event WHERE action = 'erasure' AND phone = ? AND occurred_at = ? LIMIT 1"
        )
        guard try Bool.fetchOne(erasure, arguments: [stored, erasedAt]) ?? false else {
            return "consent_event:\(id) was blanked (erased_at set) without an erasure of its number at that time"
        }
        return nil
    }

    static func parse(_ entry: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(entry.utf8)) as? [String: Any]) ?? [:]
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
