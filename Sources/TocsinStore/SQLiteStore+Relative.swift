import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    /// How far ahead per-supporter rows are written, so they are queued before they are due.
    static let relativeLookahead: TimeInterval = 3600

    public func materializeRelative(_ alert: Alert, sender: String, now: Date, limit: Int) async throws -> Int {
        guard case .relative(let relative) = alert.schedule else { return 0 }
        // A supporter's fire time is at least (offset − 1 day) after joining (the local time of day can pull
        // it earlier by less than a day), so only those who joined before this bound can be due.
        let offset = TimeInterval(relative.offsetDays * 86_400 + relative.offsetMinutes * 60)
        let joinedBefore = now.addingTimeInterval(Self.relativeLookahead - offset + 86_400)
        return try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.subscriber_id, s.joined_at, p.phone, p.language, p.time_zone
                    FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                    WHERE s.campaign_id = ?1 AND s.channel = ?2 AND s.status = 'active' AND s.joined_at >= ?3 AND s.joined_at <= ?4
                      AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.phone = p.phone)
                      AND NOT EXISTS (SELECT 1 FROM alert_occurrence o
                                      WHERE o.alert_id = ?5 AND o.occurrence_key = 'sub:' || s.subscriber_id || ':' || s.joined_at)
                    ORDER BY s.joined_at LIMIT ?6
                    """,
                arguments: [
                    alert.campaignID, alert.channel.rawValue, alert.createdAt.millisecondsSince1970,
                    joinedBefore.millisecondsSince1970, alert.id, limit,
                ]
            )
            var created = 0
            for row in candidates {
                let subscriberID: Int64 = row[0]
                let joinedAtMS: Int64 = row[1]
                let zone = (row[4] as String?).flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
                let fire = relative.fireDate(joinedAt: Date(millisecondsSince1970: joinedAtMS), recipientZone: zone)
                guard fire <= now.addingTimeInterval(Self.relativeLookahead) else { continue }
                try db.execute(
                    sql: """
                        INSERT INTO alert_occurrence (alert_id, occurrence_key, scheduled_at, status, cursor, recipients, created_at, completed_at)
                        VALUES (?, ?, ?, 'done', ?, 1, ?, ?)
                        """,
                    arguments: [alert.id, "sub:\(subscriberID):\(joinedAtMS)", fire.millisecondsSince1970, subscriberID, nowMS, nowMS]
                )
                let fireMS = fire.millisecondsSince1970
                try db.execute(
                    sql: """
                        INSERT INTO outbound_message (phone, from_number, kind, channel, lane, campaign_id, alert_id, occurrence_id,
                            language, status, send_after, expires_at, created_at, updated_at)
                        VALUES (?, ?, 'alert', ?, 'bulk', ?, ?, ?, ?, 'queued', ?, ?, ?, ?)
                        """,
                    arguments: [
                        row[2] as String, sender, alert.channel.rawValue, alert.campaignID, alert.id, db.lastInsertedRowID,
                        row[3] as String?, fireMS, fireMS + Int64(alert.expirySeconds) * 1000, nowMS, nowMS,
                    ]
                )
                created += 1
            }
            return created
        }
    }
}
