import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore {
    public func createAlert(_ alert: Alert, now: Date) async throws -> Alert {
        let first: Date?
        switch alert.schedule {
        case .relative: first = now
        default: first = try alert.nextOccurrence(after: nil)?.materializeAt
        }
        let bodies = String(decoding: try Self.sortedJSON.encode(alert.bodies), as: UTF8.self)
        let schedule = String(decoding: try Self.sortedJSON.encode(alert.schedule), as: UTF8.self)
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard
                let row = try await session.row(
                    """
                    INSERT INTO alert (campaign_id, name, channel, bodies, schedule, expiry_seconds, status,
                        next_occurrence_at, created_by, created_at, updated_at)
                    VALUES (\(alert.campaignID), \(alert.name), \(alert.channel.rawValue), \(bodies), \(schedule),
                        \(alert.expirySeconds), 'active', \(first?.millisecondsSince1970), \(alert.createdBy), \(nowMS), \(nowMS))
                    RETURNING *
                    """
                ),
                let stored = try Alert(row: row)
            else { throw StoreError(.invalid, "the alert was not saved") }
            try await session.audit("alert.create", actor: alert.createdBy, subject: "alert:\(stored.id)", detail: alert.name, at: nowMS)
            return stored
        }
    }

    public func alert(id: Int64) async throws -> Alert? {
        try await self.read { session in try await session.alert(id: id) }
    }

    public func alerts(campaignID: Int64) async throws -> [Alert] {
        try await self.read { session in
            try await session.rows("SELECT * FROM alert WHERE campaign_id = \(campaignID) ORDER BY id").compactMap(Alert.init(row:))
        }
    }

    public func setAlertStatus(id: Int64, _ status: AlertStatus, actor: String, now: Date) async throws -> Alert {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard let alert = try await session.alert(id: id, lock: true) else { throw StoreError(.notFound, "no alert with id \(id)") }
            switch (alert.status, status) {
            case (.cancelled, _), (.completed, .active), (.completed, .paused):
                throw StoreError(.conflict, "alert \(id) is \(alert.status.rawValue); create a new alert instead")
            case (.active, .paused):
                try await session.execute("UPDATE alert SET status = 'paused', updated_at = \(nowMS) WHERE id = \(id)")
            case (.paused, .active):
                // Occurrences missed while paused are skipped, not sent late.
                let next: Date?
                switch alert.schedule {
                case .relative: next = now
                default: next = try alert.nextOccurrence(after: now)?.materializeAt
                }
                try await session.execute(
                    """
                    UPDATE alert SET status = \(next == nil ? "completed" : "active"),
                        last_scheduled_at = GREATEST(COALESCE(last_scheduled_at, 0), \(nowMS)),
                        next_occurrence_at = \(next?.millisecondsSince1970), updated_at = \(nowMS) WHERE id = \(id)
                    """
                )
            case (_, .cancelled):
                try await session.execute(
                    "UPDATE alert SET status = 'cancelled', next_occurrence_at = NULL, updated_at = \(nowMS) WHERE id = \(id)"
                )
                try await session.execute(
                    """
                    UPDATE outbound_message SET status = 'cancelled', reason = 'alert cancelled', updated_at = \(nowMS)
                    WHERE alert_id = \(id) AND status IN ('queued', 'deferred')
                    """
                )
                try await session.execute(
                    "UPDATE alert_occurrence SET status = 'done', completed_at = \(nowMS) WHERE alert_id = \(id) AND status = 'fanning_out'"
                )
            case (let from, let to) where from == to:
                break
            default:
                throw StoreError(.conflict, "alert \(id) cannot go from \(alert.status.rawValue) to \(status.rawValue)")
            }
            try await session.audit("alert.\(status.rawValue)", actor: actor, subject: "alert:\(id)", detail: nil, at: nowMS)
            return try await session.alert(id: id) ?? alert
        }
    }

    public func alertProgress(id: Int64) async throws -> AlertProgress {
        try await self.read { session in
            var counts: [String: Int] = [:]
            for row in try await session.rows(
                "SELECT status, COUNT(*) AS n FROM outbound_message WHERE alert_id = \(id) GROUP BY status"
            ) {
                counts[try row.get("status", as: String.self)] = try row.get("n", as: Int.self)
            }
            let row = try await session.row(
                """
                SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE status = 'fanning_out') AS fanning
                FROM alert_occurrence WHERE alert_id = \(id)
                """
            )
            return AlertProgress(counts: counts, occurrences: try row?.get("n") ?? 0, fanningOut: try row?.get("fanning") ?? 0)
        }
    }

    public func dueAlerts(now: Date) async throws -> [Alert] {
        try await self.read { session in
            try await session.rows(
                """
                SELECT * FROM alert WHERE status = 'active' AND next_occurrence_at <= \(now.millisecondsSince1970)
                ORDER BY next_occurrence_at LIMIT 100
                """
            ).compactMap(Alert.init(row:))
        }
    }

    /// An encoder with sorted keys, so stored JSON is stable (and equal to the SQLite store's).
    static var sortedJSON: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension PostgresSession {
    /// The alert with `id`; `lock` takes its row lock until the transaction ends.
    func alert(id: Int64, lock: Bool = false) async throws -> Alert? {
        try await self.row("SELECT * FROM alert WHERE id = \(id) \(unescaped: lock ? "FOR UPDATE" : "")").flatMap(Alert.init(row:))
    }
}

extension Alert {
    init?(row: PostgresRandomAccessRow) throws {
        guard let channel = Channel(rawValue: try row.get("channel")), let status = AlertStatus(rawValue: try row.get("status")),
            let bodies = try? JSONDecoder().decode([String: String].self, from: Data((try row.get("bodies", as: String.self)).utf8)),
            let schedule = try? JSONDecoder().decode(AlertSchedule.self, from: Data((try row.get("schedule", as: String.self)).utf8))
        else { return nil }
        self.init(
            id: try row.get("id"), campaignID: try row.get("campaign_id"), name: try row.get("name"), channel: channel,
            bodies: bodies, schedule: schedule, expirySeconds: try row.get("expiry_seconds"), status: status,
            nextOccurrenceAt: try row.get("next_occurrence_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            lastScheduledAt: try row.get("last_scheduled_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            createdBy: try row.get("created_by"), createdAt: Date(millisecondsSince1970: try row.get("created_at"))
        )
    }
}
