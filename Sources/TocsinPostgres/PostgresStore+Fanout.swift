import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: AlertStore {
    public func materialize(_ occurrence: PlannedOccurrence, of alert: Alert, next: PlannedOccurrence?, now: Date) async throws {
        let local = occurrence.local.map { String(describing: $0) }
        let nowMS = now.millisecondsSince1970
        let scheduledMS = occurrence.scheduledAt.millisecondsSince1970
        try await self.transaction { session in
            // The unique (alert_id, occurrence_key) makes a repeated materialisation a no-op, on any instance:
            // a second insert of the same key waits for the first to commit, then does nothing.
            let inserted = try await session.execute(
                """
                INSERT INTO alert_occurrence (alert_id, occurrence_key, scheduled_at, status, created_at)
                VALUES (\(alert.id), \(occurrence.key), \(scheduledMS), 'fanning_out', \(nowMS))
                ON CONFLICT (alert_id, occurrence_key) DO NOTHING RETURNING id
                """
            )
            if inserted > 0 {
                try await session.audit(
                    "alert.occurrence", actor: "scheduler", subject: "alert:\(alert.id)", detail: local ?? occurrence.key, at: nowMS
                )
            }
            try await session.execute(
                """
                UPDATE alert SET last_scheduled_at = \(scheduledMS), next_occurrence_at = \(next?.materializeAt.millisecondsSince1970),
                    status = \(next == nil ? "completed" : "active"), updated_at = \(nowMS) WHERE id = \(alert.id) AND status = 'active'
                """
            )
        }
    }

    public func unfinishedFanouts() async throws -> [Int64] {
        try await self.read { session in
            try await session.rows("SELECT id FROM alert_occurrence WHERE status = 'fanning_out' ORDER BY id")
                .map { try $0.get("id", as: Int64.self) }
        }
    }

    public func fanOut(occurrenceID: Int64, sender: String, batchSize: Int, now: Date) async throws -> FanoutStep {
        let (step, recipients) = try await self.fanOutStep(occurrenceID: occurrenceID, sender: sender, batchSize: batchSize, now: now)
        if step.done, recipients >= Self.analyzeAfterRecipients {
            // A large occurrence changes the outbox's shape at once; without fresh statistics PostgreSQL plans the
            // claims of its broadcast on the old ones (measured: 20,000 messages dispatched at 1,741 msgs/s before
            // ANALYZE, 4,414 after). Autovacuum would get there, a minute or more later.
            do {
                _ = try await self.read { session in try await session.execute("ANALYZE outbound_message, subscriber, subscription") }
            } catch {
                self.logger.warning("ANALYZE after a large fan-out failed", metadata: ["error": "\(error)"])
            }
        }
        return step
    }

    /// Occurrences of at least this many recipients refresh the planner's statistics when their fan-out ends.
    static let analyzeAfterRecipients: Int64 = 10_000

    /// One fan-out transaction; also returns the occurrence's recipients so far.
    func fanOutStep(occurrenceID: Int64, sender: String, batchSize: Int, now: Date) async throws -> (FanoutStep, Int64) {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            // The occurrence's row lock: a second instance fanning out the same occurrence waits here, then
            // reads the cursor the first one committed, so no subscriber gets two rows.
            guard
                let row = try await session.row(
                    """
                    SELECT o.cursor, o.status, o.scheduled_at, o.occurrence_key, a.id AS alert_id, a.campaign_id, a.channel,
                        a.expiry_seconds, a.schedule FROM alert_occurrence o JOIN alert a ON a.id = o.alert_id
                    WHERE o.id = \(occurrenceID) FOR UPDATE OF o
                    """
                ),
                try row.get("status", as: String.self) == "fanning_out"
            else { return (FanoutStep(occurrenceID: occurrenceID, inserted: 0, done: true), 0) }
            let cursor = try row.get("cursor", as: Int64.self)
            let campaignID = try row.get("campaign_id", as: Int64.self)
            let channel = try row.get("channel", as: String.self)
            // The last subscriber id of this batch: the batch is (cursor, upper].
            let upper = try await session.value(
                """
                SELECT s.subscriber_id FROM subscription s
                WHERE s.campaign_id = \(campaignID) AND s.channel = \(channel) AND s.status = 'active' AND s.subscriber_id > \(cursor)
                ORDER BY s.subscriber_id LIMIT 1 OFFSET \(batchSize - 1)
                """,
                as: Int64.self
            )
            let done = upper == nil
            let last: Int64?
            if let upper {
                last = upper
            } else {
                last = try await session.value(
                    """
                    SELECT MAX(s.subscriber_id) FROM subscription s
                    WHERE s.campaign_id = \(campaignID) AND s.channel = \(channel) AND s.status = 'active' AND s.subscriber_id > \(cursor)
                    """,
                    as: Int64.self
                )
            }
            var inserted = 0
            if let last {
                let plan = try FanoutPlan(row: row)
                for (zone, sendAt) in try await plan.sendTimes(session, campaignID: campaignID, channel: channel, cursor: cursor, last: last) {
                    let sendMS = sendAt.millisecondsSince1970
                    let expiresMS = sendMS + Int64(plan.expirySeconds) * 1000
                    inserted += try await session.execute(
                        """
                        INSERT INTO outbound_message (phone, from_number, kind, channel, lane, campaign_id, alert_id,
                            occurrence_id, language, status, send_after, expires_at, created_at, updated_at)
                        SELECT p.phone, \(sender), 'alert', \(channel), 'bulk', \(campaignID), \(plan.alertID), \(occurrenceID),
                            p.language, 'queued', \(sendMS), \(expiresMS), \(nowMS), \(nowMS)
                        FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                        WHERE s.campaign_id = \(campaignID) AND s.channel = \(channel) AND s.status = 'active'
                          AND s.subscriber_id > \(cursor) AND s.subscriber_id <= \(last)
                          AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.phone = p.phone)
                          AND (\(zone.filtered) = FALSE OR p.time_zone IS NOT DISTINCT FROM \(zone.name))
                        ORDER BY s.subscriber_id
                        RETURNING id
                        """
                    )
                }
            }
            let recipients = try await session.value(
                """
                UPDATE alert_occurrence SET cursor = \(last ?? cursor), recipients = recipients + \(inserted),
                    status = \(done ? "done" : "fanning_out"), completed_at = \(done ? nowMS : nil) WHERE id = \(occurrenceID)
                RETURNING recipients::bigint
                """,
                as: Int64.self
            ) ?? 0
            if done {
                try await session.audit("alert.fanout_done", actor: "scheduler", subject: "alert_occurrence:\(occurrenceID)", detail: nil, at: nowMS)
            }
            return (FanoutStep(occurrenceID: occurrenceID, inserted: inserted, done: done), recipients)
        }
    }
}

/// How the rows of one occurrence get their send time (as the SQLite store's FanoutPlan).
struct FanoutPlan {
    var alertID: Int64
    var expirySeconds: Int
    var occurrence: PlannedOccurrence

    init(row: PostgresRandomAccessRow) throws {
        self.alertID = try row.get("alert_id")
        self.expirySeconds = try row.get("expiry_seconds")
        let schedule = try JSONDecoder().decode(AlertSchedule.self, from: Data((try row.get("schedule", as: String.self)).utf8))
        let scheduledAt = Date(millisecondsSince1970: try row.get("scheduled_at"))
        var local: LocalDateTime?
        var delivery = DeliveryMode.sameInstant
        if case .recurring(_, _, let zoneName, let mode) = schedule, let zone = TimeZone(identifier: zoneName) {
            local = LocalDateTime(scheduledAt, in: zone)
            delivery = mode
        }
        self.occurrence = PlannedOccurrence(key: try row.get("occurrence_key"), scheduledAt: scheduledAt, local: local, delivery: delivery)
    }

    /// One (zone filter, send time) per group of recipients: a single unfiltered group for same-instant
    /// delivery, one per recipient time zone for recipient-local delivery (a null zone uses the schedule's own).
    func sendTimes(
        _ session: PostgresSession, campaignID: Int64, channel: String, cursor: Int64, last: Int64
    ) async throws -> [(zone: (filtered: Bool, name: String?), sendAt: Date)] {
        guard self.occurrence.delivery == .recipientLocal else { return [((false, nil), self.occurrence.scheduledAt)] }
        let names = try await session.rows(
            """
            SELECT DISTINCT p.time_zone FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
            WHERE s.campaign_id = \(campaignID) AND s.channel = \(channel) AND s.status = 'active'
              AND s.subscriber_id > \(cursor) AND s.subscriber_id <= \(last)
            """
        ).map { try $0.get("time_zone", as: String?.self) }
        return names.map { name in
            let zone = name.flatMap(TimeZone.init(identifier:))
            return ((true, name), zone.map(self.occurrence.sendAt(recipientZone:)) ?? self.occurrence.scheduledAt)
        }
    }
}
