import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore {
    /// How far ahead per-supporter rows are written, so they are queued before they are due.
    static let relativeLookahead: TimeInterval = 3600

    public func materializeRelative(_ alert: Alert, sender: String, now: Date, limit: Int) async throws -> Int {
        guard case .relative(let relative) = alert.schedule else { return 0 }
        // A supporter's fire time is at least (offset − 1 day) after joining, so only those who joined before
        // this bound can be due (see the SQLite store).
        let offset = TimeInterval(relative.offsetDays * 86_400 + relative.offsetMinutes * 60)
        let joinedBefore = now.addingTimeInterval(Self.relativeLookahead - offset + 86_400).millisecondsSince1970
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            let candidates = try await session.rows(
                """
                SELECT s.subscriber_id, s.joined_at, p.phone, p.language, p.time_zone
                FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                WHERE s.campaign_id = \(alert.campaignID) AND s.channel = \(alert.channel.rawValue) AND s.status = 'active'
                  AND s.joined_at >= \(alert.createdAt.millisecondsSince1970) AND s.joined_at <= \(joinedBefore)
                  AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.phone = p.phone)
                  AND NOT EXISTS (SELECT 1 FROM alert_occurrence o
                                  WHERE o.alert_id = \(alert.id) AND o.occurrence_key = 'sub:' || s.subscriber_id || ':' || s.joined_at)
                ORDER BY s.joined_at LIMIT \(limit)
                """
            )
            var created = 0
            for row in candidates {
                let subscriberID = try row.get("subscriber_id", as: Int64.self)
                let joinedAtMS = try row.get("joined_at", as: Int64.self)
                let zone = try row.get("time_zone", as: String?.self).flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
                let fire = relative.fireDate(joinedAt: Date(millisecondsSince1970: joinedAtMS), recipientZone: zone)
                guard fire <= now.addingTimeInterval(Self.relativeLookahead) else { continue }
                let fireMS = fire.millisecondsSince1970
                // Once only across instances: the occurrence key is unique per alert.
                guard
                    let occurrenceID = try await session.value(
                        """
                        INSERT INTO alert_occurrence (alert_id, occurrence_key, scheduled_at, status, cursor, recipients, created_at, completed_at)
                        VALUES (\(alert.id), \("sub:\(subscriberID):\(joinedAtMS)"), \(fireMS), 'done', \(subscriberID), 1, \(nowMS), \(nowMS))
                        ON CONFLICT (alert_id, occurrence_key) DO NOTHING RETURNING id
                        """,
                        as: Int64.self
                    )
                else { continue }
                try await session.execute(
                    """
                    INSERT INTO outbound_message (phone, from_number, kind, channel, lane, campaign_id, alert_id, occurrence_id,
                        language, status, send_after, expires_at, created_at, updated_at)
                    VALUES (\(try row.get("phone", as: String.self)), \(sender), 'alert', \(alert.channel.rawValue), 'bulk',
                        \(alert.campaignID), \(alert.id), \(occurrenceID), \(try row.get("language", as: String?.self)), 'queued',
                        \(fireMS), \(fireMS + Int64(alert.expirySeconds) * 1000), \(nowMS), \(nowMS))
                    """
                )
                created += 1
            }
            return created
        }
    }
}
