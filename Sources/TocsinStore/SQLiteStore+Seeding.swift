import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    /// Writes `count` synthetic active subscribers of a campaign in one statement per table.
    ///
    /// - Warning: For tests and benchmarks only: it writes no consent evidence. Numbers are
    ///   `+1212` followed by 7 digits starting at `firstLine` (New York, America/New_York).
    public func seedSubscribers(campaignID: Int64, count: Int, firstLine: Int = 2_000_000, now: Date) async throws {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let before = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM subscriber") ?? 0
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
                    INSERT INTO subscriber (phone, language, time_zone, created_at)
                    SELECT '+1212' || (? + i), 'en', 'America/New_York', ? FROM n
                    """,
                arguments: [count, firstLine, nowMS]
            )
            try db.execute(
                sql: """
                    INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
                    SELECT id, ?, 'sms', 'active', 1, ?, ? FROM subscriber WHERE id > ? ORDER BY id
                    """,
                arguments: [campaignID, nowMS, nowMS, before]
            )
        }
    }

    /// Outbox rows of an occurrence: total and distinct numbers (exactly-once checks).
    public func occurrenceRowCounts(alertID: Int64) async throws -> (rows: Int, distinctPhones: Int, occurrences: Int) {
        try await self.writer.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*), COUNT(DISTINCT phone || ':' || occurrence_id), COUNT(DISTINCT occurrence_id) FROM outbound_message WHERE alert_id = ?",
                arguments: [alertID]
            )
            return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0)
        }
    }
}

extension SQLiteStore {
    /// Cursor and status of every occurrence, oldest first (tests and operations).
    public func occurrenceProgress() async throws -> [(cursor: Int64, status: String)] {
        try await self.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT cursor, status FROM alert_occurrence ORDER BY id").map { ($0[0], $0[1]) }
        }
    }
}

extension SQLiteStore {
    /// The fan-out benchmark's baseline: the same outbox rows written by a plain batched insert of
    /// generated values, with no subscription join and no suppression check.
    public func rawOutboxInsert(count: Int, batch: Int) async throws -> Int {
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            let offset = written
            try await self.writer.write { db in
                let now = Date().millisecondsSince1970
                try db.execute(
                    sql: """
                        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
                        INSERT INTO outbound_message (phone, from_number, kind, channel, lane, campaign_id, alert_id, occurrence_id,
                            language, status, send_after, expires_at, created_at, updated_at)
                        SELECT '+1213' || (2000000 + ? + i), '+14155550100', 'alert', 'sms', 'bulk', 1, 1, 1, 'en', 'queued', ?, ?, ?, ? FROM n
                        """,
                    arguments: [size, offset, now, now + 86_400_000, now, now]
                )
            }
            written += size
        }
        return written
    }
}
