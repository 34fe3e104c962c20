import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore {
    /// Writes `count` synthetic active subscribers of a campaign in one statement per table.
    ///
    /// - Warning: For tests and benchmarks only: it writes no consent evidence. Numbers are `+1212` followed by
    ///   7 digits starting at `firstLine` (New York, America/New_York), as the SQLite store's.
    public func seedSubscribers(campaignID: Int64, count: Int, firstLine: Int = 2_000_000, now: Date) async throws {
        let nowMS = now.millisecondsSince1970
        try await self.transaction { session in
            try await session.execute(
                """
                WITH added AS (
                    INSERT INTO subscriber (phone, language, time_zone, created_at)
                    SELECT '+1212' || (\(firstLine) + i), 'en', 'America/New_York', \(nowMS)
                    FROM generate_series(0, \(count) - 1) AS i ORDER BY i
                    RETURNING id
                )
                INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
                SELECT id, \(campaignID), 'sms', 'active', 1, \(nowMS), \(nowMS) FROM added ORDER BY id
                """
            )
        }
    }

    /// Outbox rows of an alert: total, distinct (number, occurrence) pairs and occurrences (exactly-once checks).
    public func occurrenceRowCounts(alertID: Int64) async throws -> (rows: Int, distinctPhones: Int, occurrences: Int) {
        try await self.read { session in
            let row = try await session.row(
                """
                SELECT COUNT(*) AS n, COUNT(DISTINCT phone || ':' || occurrence_id) AS pairs,
                    COUNT(DISTINCT occurrence_id) AS occurrences FROM outbound_message WHERE alert_id = \(alertID)
                """
            )
            return (try row?.get("n") ?? 0, try row?.get("pairs") ?? 0, try row?.get("occurrences") ?? 0)
        }
    }

    /// Cursor and status of every occurrence, oldest first (tests and operations).
    public func occurrenceProgress() async throws -> [(cursor: Int64, status: String)] {
        try await self.read { session in
            try await session.rows("SELECT cursor, status FROM alert_occurrence ORDER BY id").map {
                (try $0.get("cursor", as: Int64.self), try $0.get("status", as: String.self))
            }
        }
    }

    /// Runs raw SQL statements in one transaction (tests set up edge cases with it).
    func executeForTests(_ statements: [String]) async throws {
        try await self.transaction { session in
            for statement in statements { try await session.execute(PostgresQuery(unsafeSQL: statement)) }
        }
    }
}
