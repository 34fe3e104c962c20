import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore {
    /// Pending review items due within 24 hours or overdue, and opt-outs since `since` honoured after
    /// their deadline (as SQLiteStore's; the assessment is DeadlineReport's, shared by both engines).
    public func deadlineReport(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineReport {
        try await self.read { session in
            let pending = try await session.rows(
                """
                SELECT r.id, r.phone, i.received_at FROM review_item r JOIN inbound_message i ON i.id = r.inbound_message_id
                WHERE r.status = 'pending' ORDER BY r.id
                """
            ).map { row -> DeadlineReport.PendingRow in
                (try row.get("id"), try row.get("phone"), try row.get("received_at"))
            }
            let optOuts = try await session.rows(
                """
                SELECT e.id, e.phone, COALESCE(i.received_at, e.occurred_at) AS received_at, e.occurred_at FROM consent_event e
                LEFT JOIN inbound_message i ON i.id = e.inbound_message_id
                WHERE e.action = 'opt_out' AND e.occurred_at >= \(since.millisecondsSince1970) ORDER BY e.occurred_at, e.id
                """
            ).map { row -> DeadlineReport.OptOutRow in
                (try row.get("id"), try row.get("phone"), try row.get("received_at"), try row.get("occurred_at"))
            }
            return DeadlineReport(pending: pending, optOuts: optOuts, now: now, deadline: deadline)
        }
    }

    /// The report's counts alone (pending, due soon, overdue, late), for a metric.
    public func deadlineCounts(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineCounts {
        try await self.deadlineReport(now: now, since: since, deadline: deadline).counts
    }

    /// The campaign's active subscribers on `channel`, counted per jurisdiction and language, for launch
    /// checks (as SQLiteStore's). Suppressed numbers are left out; rows are streamed, not collected.
    public func recipientGroups(campaignID: Int64, channel: TocsinCore.Channel, policies: PolicySet) async throws -> [LaunchCheck.RecipientGroup] {
        try await self.read { session in
            let rows = try await session.connection.query(
                """
                SELECT p.phone, p.language FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                WHERE s.campaign_id = \(campaignID) AND s.channel = \(channel.rawValue) AND s.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.phone = p.phone)
                """,
                logger: session.logger
            )
            var tally = RecipientGroupTally(policies: policies)
            for try await (phone, language) in rows.decode((String, String?).self) { tally.add(phone: phone, language: language) }
            return tally.groups
        }
    }
}
