import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: OperationsStore {
    public func ping() async throws {
        _ = try await self.read { session in try await session.value("SELECT 1", as: Int.self) }
    }

    /// Read without a transaction, one statement per gauge (each sees the committed state of its moment;
    /// it takes no locks, so it never holds up claims or inbound commits).
    public func operationsSnapshot(now: Date) async throws -> OperationsSnapshot {
        let nowMS = now.millisecondsSince1970
        return try await self.read { session in
            var snapshot = OperationsSnapshot()
            for row in try await session.rows(
                """
                SELECT lane, status, COUNT(*) AS n FROM outbound_message
                WHERE status IN ('queued', 'deferred', 'sending') GROUP BY status, lane
                """
            ) {
                snapshot.queueDepth[.init(lane: try row.get("lane"), status: try row.get("status"))] = try row.get("n", as: Int.self)
            }
            if let row = try await session.row(
                """
                SELECT COUNT(*) AS n, MIN(created_at) AS oldest, COUNT(*) FILTER (WHERE deadline_at <= \(nowMS)) AS overdue
                FROM review_item WHERE status = 'pending'
                """
            ) {
                snapshot.reviewPending = try row.get("n", as: Int.self)
                snapshot.reviewOldestAge = try row.get("oldest", as: Int64?.self).map { Double(nowMS - $0) / 1000 }
                snapshot.reviewOverdue = try row.get("overdue", as: Int.self)
            }
            if let row = try await session.row(
                """
                SELECT COUNT(*) AS n, COALESCE(SUM(recipients), 0)::bigint AS written FROM alert_occurrence
                WHERE status = 'fanning_out'
                """
            ) {
                snapshot.fanoutsInProgress = try row.get("n", as: Int.self)
                snapshot.fanoutRecipientsWritten = try row.get("written", as: Int.self)
            }
            snapshot.inDoubt = try await session.value("SELECT COUNT(*) FROM outbound_message WHERE in_doubt = 1", as: Int.self) ?? 0
            return snapshot
        }
    }
}
