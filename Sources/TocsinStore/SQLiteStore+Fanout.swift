import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: AlertStore {
    public func materialize(_ occurrence: PlannedOccurrence, of alert: Alert, next: PlannedOccurrence?, now: Date) async throws {
        let local = occurrence.local.map { String(describing: $0) }
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            // The unique (alert_id, occurrence_key) makes a repeated materialisation a no-op.
            try db.execute(
                sql: """
                    INSERT INTO alert_occurrence (alert_id, occurrence_key, scheduled_at, status, created_at)
                    VALUES (?, ?, ?, 'fanning_out', ?) ON CONFLICT (alert_id, occurrence_key) DO NOTHING
                    """,
                arguments: [alert.id, occurrence.key, occurrence.scheduledAt.millisecondsSince1970, nowMS]
            )
            if db.changesCount > 0 {
                try db.audit("alert.occurrence", actor: "scheduler", subject: "alert:\(alert.id)", detail: local ?? occurrence.key, at: nowMS)
            }
            try db.execute(
                sql: "UPDATE alert SET last_scheduled_at = ?, next_occurrence_at = ?, status = ?, updated_at = ? WHERE id = ? AND status = 'active'",
                arguments: [
                    occurrence.scheduledAt.millisecondsSince1970, next?.materializeAt.millisecondsSince1970,
                    next == nil ? "completed" : "active", nowMS, alert.id,
                ]
            )
        }
    }

    public func unfinishedFanouts() async throws -> [Int64] {
        try await self.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM alert_occurrence WHERE status = 'fanning_out' ORDER BY id")
        }
    }

    public func fanOut(occurrenceID: Int64, sender: String, batchSize: Int, now: Date) async throws -> FanoutStep {
        try await self.writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT o.cursor, o.status, o.scheduled_at, o.occurrence_key, a.id AS alert_id, a.campaign_id, a.channel,
                            a.expiry_seconds, a.schedule FROM alert_occurrence o JOIN alert a ON a.id = o.alert_id WHERE o.id = ?
                        """,
                    arguments: [occurrenceID]
                ), row["status"] as String == "fanning_out"
            else { return FanoutStep(occurrenceID: occurrenceID, inserted: 0, done: true) }
            let cursor: Int64 = row["cursor"]
            let campaignID: Int64 = row["campaign_id"]
            let channel: String = row["channel"]
            let nowMS = now.millisecondsSince1970
            let range = "s.campaign_id = ?1 AND s.channel = ?2 AND s.status = 'active' AND s.subscriber_id > ?3"
            // The last subscriber id of this batch: the batch is (cursor, upper].
            let upper = try Int64.fetchOne(
                db, sql: "SELECT s.subscriber_id FROM subscription s WHERE \(range) ORDER BY s.subscriber_id LIMIT 1 OFFSET ?4",
                arguments: [campaignID, channel, cursor, batchSize - 1]
            )
            let done = upper == nil
            let last = try upper ?? Int64.fetchOne(
                db, sql: "SELECT MAX(s.subscriber_id) FROM subscription s WHERE \(range)", arguments: [campaignID, channel, cursor]
            )
            var inserted = 0
            if let last {
                let plan = try FanoutPlan(row: row)
                for (zone, sendAt) in try plan.sendTimes(db, range: range, campaignID: campaignID, channel: channel, cursor: cursor, last: last) {
                    try db.execute(
                        sql: """
                            INSERT INTO outbound_message (phone, from_number, kind, channel, lane, campaign_id, alert_id,
                                occurrence_id, language, status, send_after, expires_at, created_at, updated_at)
                            SELECT p.phone, ?5, 'alert', ?2, 'bulk', ?1, ?6, ?7, p.language, 'queued', ?8, ?9, ?10, ?10
                            FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                            WHERE \(range) AND s.subscriber_id <= ?4
                              AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.phone = p.phone)
                              \(zone == nil ? "" : "AND p.time_zone IS ?11")
                            """,
                        arguments: StatementArguments([
                            campaignID, channel, cursor, last, sender, plan.alertID, occurrenceID,
                            sendAt.millisecondsSince1970, sendAt.millisecondsSince1970 + Int64(plan.expirySeconds) * 1000, nowMS,
                        ] as [(any DatabaseValueConvertible)?] + (zone == nil ? [] : [zone!]))
                    )
                    inserted += db.changesCount
                }
            }
            try db.execute(
                sql: """
                    UPDATE alert_occurrence SET cursor = ?, recipients = recipients + ?, status = ?, completed_at = ?
                    WHERE id = ?
                    """,
                arguments: [last ?? cursor, inserted, done ? "done" : "fanning_out", done ? nowMS : nil, occurrenceID]
            )
            if done {
                try db.audit("alert.fanout_done", actor: "scheduler", subject: "alert_occurrence:\(occurrenceID)", detail: nil, at: nowMS)
            }
            return FanoutStep(occurrenceID: occurrenceID, inserted: inserted, done: done)
        }
    }
}

/// How the rows of one occurrence get their send time.
struct FanoutPlan {
    var alertID: Int64
    var expirySeconds: Int
    var occurrence: PlannedOccurrence

    init(row: Row) throws {
        self.alertID = row["alert_id"]
        self.expirySeconds = row["expiry_seconds"]
        let schedule = try JSONDecoder().decode(AlertSchedule.self, from: Data((row["schedule"] as String).utf8))
        let scheduledAt = Date(millisecondsSince1970: row["scheduled_at"])
        let key: String = row["occurrence_key"]
        var local: LocalDateTime?
        var delivery = DeliveryMode.sameInstant
        if case .recurring(_, _, let zoneName, let mode) = schedule, let zone = TimeZone(identifier: zoneName) {
            local = LocalDateTime(scheduledAt, in: zone)
            delivery = mode
        }
        self.occurrence = PlannedOccurrence(key: key, scheduledAt: scheduledAt, local: local, delivery: delivery)
    }

    /// One (zone filter, send time) per group of recipients: a single group for same-instant delivery,
    /// one per recipient time zone for recipient-local delivery (a null zone uses the schedule's own).
    func sendTimes(
        _ db: Database, range: String, campaignID: Int64, channel: String, cursor: Int64, last: Int64
    ) throws -> [(zone: DatabaseValue?, sendAt: Date)] {
        guard self.occurrence.delivery == .recipientLocal else { return [(nil, self.occurrence.scheduledAt)] }
        let zones = try DatabaseValue.fetchAll(
            db,
            sql: """
                SELECT DISTINCT p.time_zone FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                WHERE \(range) AND s.subscriber_id <= ?4
                """,
            arguments: [campaignID, channel, cursor, last]
        )
        return zones.map { value in
            let zone = String.fromDatabaseValue(value).flatMap(TimeZone.init(identifier:))
            return (value, zone.map(self.occurrence.sendAt(recipientZone:)) ?? self.occurrence.scheduledAt)
        }
    }
}
