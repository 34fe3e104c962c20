import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: OperationsStore {
    public func ping() async throws {
        _ = try await self.writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func migrationsCurrent() async throws -> Bool {
        try await self.writer.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
    }

    /// Read on a reader connection (WAL): it never waits for, or holds up, the writer.
    public func operationsSnapshot(now: Date) async throws -> OperationsSnapshot {
        let nowMS = now.millisecondsSince1970
        return try await self.writer.read { db in
            var snapshot = OperationsSnapshot()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT 'reply' AS lane, status, COUNT(*) AS n FROM outbound_message INDEXED BY outbound_by_status
                    WHERE lane = 'reply' AND status IN ('queued', 'deferred', 'sending') GROUP BY status
                    UNION ALL
                    SELECT 'bulk', status, COUNT(*) FROM outbound_message INDEXED BY outbound_bulk_due
                    WHERE \(Migrations.dueCondition) AND campaign_id IN (SELECT id FROM campaign)
                    GROUP BY status
                    """
            ) {
                snapshot.queueDepth[.init(lane: row["lane"], status: row["status"])] = row["n"]
            }
            // Leased texts are being sent: their rows still say queued or deferred.
            for row in try Row.fetchAll(
                db, sql: "SELECT o.status, COUNT(*) AS n FROM dispatch_lease l JOIN outbound_message o ON o.id = l.message_id GROUP BY o.status"
            ) {
                let n: Int = row["n"]
                let key = OperationsSnapshot.QueueKey(lane: "bulk", status: row["status"])
                snapshot.queueDepth[key] = max(0, snapshot.queueDepth[key, default: 0] - n)
                snapshot.queueDepth[.init(lane: "bulk", status: "sending"), default: 0] += n
            }
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS n, MIN(created_at) AS oldest, SUM(deadline_at <= ?) AS overdue
                    FROM review_item WHERE status = 'pending'
                    """,
                arguments: [nowMS]
            ) {
                snapshot.reviewPending = row["n"]
                snapshot.reviewOldestAge = (row["oldest"] as Int64?).map { Double(nowMS - $0) / 1000 }
                snapshot.reviewOverdue = (row["overdue"] as Int?) ?? 0
            }
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT COUNT(*) AS n, COALESCE(SUM(recipients), 0) AS written FROM alert_occurrence WHERE status = 'fanning_out'"
            ) {
                snapshot.fanoutsInProgress = row["n"]
                snapshot.fanoutRecipientsWritten = row["written"]
            }
            snapshot.inDoubt = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbound_message WHERE in_doubt = 1") ?? 0
            return snapshot
        }
    }
}
