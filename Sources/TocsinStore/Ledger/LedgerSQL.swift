import Foundation
import GRDB
import Synchronization
import TocsinCore

/// The ledger in SQL: the v4 schema, the one append statement every chained row goes through, and the
/// SQL functions (registered on every connection) that compute entries and hashes in Swift.
///
/// Every write path appends through the same place: an `AFTER INSERT` trigger on `consent_event` and on
/// `audit_event` runs ``append(kind:table:fields:row:)`` in the transaction of the insert, so no write path
/// (present or future) can add a consent or audit row without its ledger entry, and the STOP path pays one
/// extra INSERT whose previous hash is read from the end of the `ledger_entry` primary key. A connection
/// without the functions (the sqlite3 shell, say) cannot insert such rows at all.
enum LedgerSQL {
    /// The previous hash and next sequence number, read from the end of the primary key.
    static let head = """
        SELECT COALESCE(MAX(seq), 0) + 1 AS seq,
            COALESCE((SELECT hash FROM ledger_entry ORDER BY seq DESC LIMIT 1), '\(LedgerEncoding.genesis)') AS prev
        FROM ledger_entry
        """

    /// The statement that chains one source row. In a trigger `row` is `NEW`; for the migration's backfill
    /// the row is read from its table by id (`?`). `OFFSET 0` keeps SQLite from flattening the subquery,
    /// which would compute the entry twice (once for the `entry` column, once for its hash).
    static func append(kind: String, table: String, fields: [LedgerEncoding.Field], row: String) -> String {
        let arguments = (["occurred_at"] + fields.map(\.column)).map { "\(row).\($0)" }.joined(separator: ", ")
        let source = row == "NEW" ? "" : ", \(table) AS \(row)"
        let filter = row == "NEW" ? "" : " WHERE \(row).id = ?"
        return """
            INSERT INTO ledger_entry (seq, kind, source_id, entry, hash)
            SELECT seq, '\(kind)', sid, entry, ledger_hash(prev, entry) FROM (
                SELECT h.seq AS seq, h.prev AS prev, \(row).id AS sid,
                    ledger_text('\(kind)', h.seq, \(row).id, \(arguments)) AS entry
                FROM (\(head)) AS h\(source)\(filter)
                LIMIT 1 OFFSET 0
            )
            """
    }

    static let consentAppend = append(kind: "consent", table: "consent_event", fields: LedgerEncoding.consentFields, row: "NEW")
    static let auditAppend = append(kind: "audit", table: "audit_event", fields: LedgerEncoding.auditFields, row: "NEW")

    /// The only update `consent_event` accepts: an erasure, which sets `erased_at`, replaces the number by
    /// `hmac:<keyed hash>` and blanks the personal fields, leaving every other column as it was.
    static let redaction = """
        OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
        AND NEW.phone = 'hmac:' || ledger_phone_key(OLD.phone)
        AND NEW.raw_text IS NULL AND NEW.source_url IS NULL AND NEW.ip IS NULL AND NEW.user_agent IS NULL
        AND NEW.id = OLD.id AND NEW.campaign_id IS OLD.campaign_id AND NEW.scope = OLD.scope
        AND NEW.action = OLD.action AND NEW.channel = OLD.channel AND NEW.source = OLD.source
        AND NEW.keyword IS OLD.keyword AND NEW.tier IS OLD.tier AND NEW.rule IS OLD.rule
        AND NEW.disclosure IS OLD.disclosure AND NEW.staff IS OLD.staff
        AND NEW.inbound_message_id IS OLD.inbound_message_id AND NEW.language IS OLD.language
        AND NEW.occurred_at = OLD.occurred_at
        """

    /// The hash chain over consent and audit rows, the erasure mark and the redaction-only update rule.
    static let v4 = """
        ALTER TABLE consent_event ADD COLUMN erased_at INTEGER;
        CREATE INDEX consent_by_action_time ON consent_event(action, occurred_at);
        CREATE TABLE ledger_entry (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('consent', 'audit')),
            source_id INTEGER NOT NULL,
            entry TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ledger_by_source ON ledger_entry(kind, source_id);
        CREATE TRIGGER ledger_entry_append_only_update BEFORE UPDATE ON ledger_entry
            BEGIN SELECT RAISE(ABORT, 'ledger_entry is append-only'); END;
        CREATE TRIGGER ledger_entry_append_only_delete BEFORE DELETE ON ledger_entry
            BEGIN SELECT RAISE(ABORT, 'ledger_entry is append-only'); END;
        DROP TRIGGER consent_event_append_only_update;
        CREATE TRIGGER consent_event_append_only_update BEFORE UPDATE ON consent_event
            WHEN NOT (\(redaction))
            BEGIN SELECT RAISE(ABORT, 'consent_event is append-only (an erasure may only blank its personal fields)'); END;
        CREATE TRIGGER consent_event_ledger AFTER INSERT ON consent_event
            BEGIN \(consentAppend); END;
        CREATE TRIGGER audit_event_ledger AFTER INSERT ON audit_event
            BEGIN \(auditAppend); END;
        """

    /// Chains the rows that existed before the ledger, oldest first (consent before audit at the same
    /// millisecond, as the write paths write them).
    static func backfill(_ db: Database) throws {
        let consent = try db.makeStatement(
            sql: append(kind: "consent", table: "consent_event", fields: LedgerEncoding.consentFields, row: "src")
        )
        let audit = try db.makeStatement(sql: append(kind: "audit", table: "audit_event", fields: LedgerEncoding.auditFields, row: "src"))
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT 'consent' AS kind, id, occurred_at FROM consent_event
                UNION ALL SELECT 'audit', id, occurred_at FROM audit_event
                ORDER BY occurred_at, kind DESC, id
                """
        )
        var pending: [(String, Int64)] = []
        while let row = try rows.next() { pending.append((row[0], row[1])) }
        for (kind, id) in pending {
            try (kind == "consent" ? consent : audit).execute(arguments: [id])
        }
    }

    /// Registers `ledger_text`, `ledger_hash` and `ledger_phone_key` on a connection.
    static func register(_ db: Database, key: ErasureKey) {
        let memo = DigestMemo()
        db.add(function: DatabaseFunction("ledger_text", argumentCount: nil, pure: true) { arguments in
            guard arguments.count >= 4, let kind = String.fromDatabaseValue(arguments[0]),
                let seq = Int64.fromDatabaseValue(arguments[1]), let id = Int64.fromDatabaseValue(arguments[2]),
                let at = Int64.fromDatabaseValue(arguments[3])
            else { throw DatabaseError(message: "ledger_text(kind, seq, id, at, …) needs a kind, numbers and a time") }
            return LedgerEncoding.entry(
                kind: kind, seq: seq, id: id, at: at, values: Array(arguments.dropFirst(4)), key: key, digest: memo.digest
            )
        })
        db.add(function: DatabaseFunction("ledger_hash", argumentCount: 2, pure: true) { arguments in
            LedgerEncoding.chainHash(
                previous: String.fromDatabaseValue(arguments[0]) ?? "", entry: String.fromDatabaseValue(arguments[1]) ?? ""
            )
        })
        db.add(function: DatabaseFunction("ledger_phone_key", argumentCount: 1, pure: true) { arguments in
            String.fromDatabaseValue(arguments[0]).map { LedgerEncoding.phoneKey($0, key: key) }
        })
    }
}

/// The last disclosure text and its hex SHA-256 (a connection appends rows one at a time; imports and web
/// opt-ins repeat the same disclosure).
final class DigestMemo: Sendable {
    private let last = Mutex<(text: String, digest: String)?>(nil)

    func digest(_ text: String) -> String {
        if let last = self.last.withLock({ $0 }), last.text == text { return last.digest }
        let digest = LedgerEncoding.sha256Hex(Data(text.utf8))
        self.last.withLock { $0 = (text, digest) }
        return digest
    }
}
