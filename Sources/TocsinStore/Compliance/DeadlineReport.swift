import Foundation
import GRDB
import TocsinCore

/// An opt-out, or a possible opt-out waiting for review, that is near, past or was late for its deadline.
public struct DeadlineItem: Sendable, Hashable {
    /// `review` (a pending review item) or `opt_out` (a consent event).
    public var kind: String
    /// The review item id or the consent event id.
    public var id: Int64
    /// The number, masked (`erased` after an erasure).
    public var phone: String
    public var receivedAt: Date
    public var deadline: Date
    public var resolvedAt: Date?
    public var status: DeadlineStatus
}

/// The deadline report: items that need attention and the counts behind them.
public struct DeadlineReport: Sendable, Hashable {
    public var items: [DeadlineItem]
    public var counts: DeadlineCounts
}

extension SQLiteStore {
    /// Pending review items due within 24 hours or overdue, and opt-outs since `since` honoured after
    /// their deadline; `deadline` gives the legal deadline of a request received at an instant.
    public func deadlineReport(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineReport {
        try await self.writer.read { db in
            let pending = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.phone, i.received_at FROM review_item r JOIN inbound_message i ON i.id = r.inbound_message_id
                    WHERE r.status = 'pending' ORDER BY r.id
                    """
            ).map { row -> DeadlineReport.PendingRow in (row[0], row[1], row[2]) }
            let optOuts = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.phone, COALESCE(i.received_at, e.occurred_at), e.occurred_at FROM consent_event e
                    LEFT JOIN inbound_message i ON i.id = e.inbound_message_id
                    WHERE e.action = 'opt_out' AND e.occurred_at >= ? ORDER BY e.occurred_at, e.id
                    """,
                arguments: [since.millisecondsSince1970]
            ).map { row -> DeadlineReport.OptOutRow in (row[0], row[1], row[2], row[3]) }
            return DeadlineReport(pending: pending, optOuts: optOuts, now: now, deadline: deadline)
        }
    }

    /// The report's counts alone (pending, due soon, overdue, late), for a metric.
    public func deadlineCounts(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineCounts {
        try await self.deadlineReport(now: now, since: since, deadline: deadline).counts
    }
}
