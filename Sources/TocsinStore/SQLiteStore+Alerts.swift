import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    public func createAlert(_ alert: Alert, now: Date) async throws -> Alert {
        let first: Date?
        switch alert.schedule {
        case .relative: first = now
        default: first = try alert.nextOccurrence(after: nil)?.materializeAt
        }
        let bodies = try JSONEncoder.sorted.encode(alert.bodies)
        let schedule = try JSONEncoder.sorted.encode(alert.schedule)
        return try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            try db.execute(
                sql: """
                    INSERT INTO alert (campaign_id, name, channel, bodies, schedule, expiry_seconds, status,
                        next_occurrence_at, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)
                    """,
                arguments: [
                    alert.campaignID, alert.name, alert.channel.rawValue, String(decoding: bodies, as: UTF8.self),
                    String(decoding: schedule, as: UTF8.self), alert.expirySeconds, first?.millisecondsSince1970,
                    alert.createdBy, nowMS, nowMS,
                ]
            )
            let id = db.lastInsertedRowID
            try db.audit("alert.create", actor: alert.createdBy, subject: "alert:\(id)", detail: alert.name, at: nowMS)
            guard let stored = try Alert.fetch(db, id: id) else { throw StoreError(.invalid, "alert \(id) was not saved") }
            return stored
        }
    }

    public func alert(id: Int64) async throws -> Alert? {
        try await self.writer.read { db in try Alert.fetch(db, id: id) }
    }

    public func alerts(campaignID: Int64) async throws -> [Alert] {
        try await self.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert WHERE campaign_id = ? ORDER BY id", arguments: [campaignID])
                .compactMap(Alert.init(row:))
        }
    }

    public func setAlertStatus(id: Int64, _ status: AlertStatus, actor: String, now: Date) async throws -> Alert {
        try await self.writer.write { db in
            guard let alert = try Alert.fetch(db, id: id) else { throw StoreError(.notFound, "no alert with id \(id)") }
            let nowMS = now.millisecondsSince1970
            switch (alert.status, status) {
            case (.cancelled, _), (.completed, .active), (.completed, .paused):
                throw StoreError(.conflict, "alert \(id) is \(alert.status.rawValue); create a new alert instead")
            case (.active, .paused):
                try db.execute(sql: "UPDATE alert SET status = 'paused', updated_at = ? WHERE id = ?", arguments: [nowMS, id])
            case (.paused, .active):
                // Occurrences missed while paused are skipped, not sent late.
                let next: Date?
                switch alert.schedule {
                case .relative: next = now
                default: next = try alert.nextOccurrence(after: now)?.materializeAt
                }
                try db.execute(
                    sql: "UPDATE alert SET status = ?, last_scheduled_at = MAX(COALESCE(last_scheduled_at, 0), ?), next_occurrence_at = ?, updated_at = ? WHERE id = ?",
                    arguments: [next == nil ? "completed" : "active", nowMS, next?.millisecondsSince1970, nowMS, id]
                )
            case (_, .cancelled):
                try db.execute(sql: "UPDATE alert SET status = 'cancelled', next_occurrence_at = NULL, updated_at = ? WHERE id = ?", arguments: [nowMS, id])
                try db.execute(
                    sql: """
                        UPDATE outbound_message SET status = 'cancelled', reason = 'alert cancelled', updated_at = ?1
                        WHERE \(Migrations.dueCondition) AND campaign_id = (SELECT campaign_id FROM alert WHERE id = ?2) AND status <> 'sending'
                            AND alert_id = ?2 AND id NOT IN (SELECT message_id FROM dispatch_lease)
                        """,
                    arguments: [nowMS, id]
                )
                try db.execute(sql: "UPDATE alert_occurrence SET status = 'done', completed_at = ? WHERE alert_id = ? AND status = 'fanning_out'", arguments: [nowMS, id])
            case (let from, let to) where from == to:
                break
            default:
                throw StoreError(.conflict, "alert \(id) cannot go from \(alert.status.rawValue) to \(status.rawValue)")
            }
            try db.audit("alert.\(status.rawValue)", actor: actor, subject: "alert:\(id)", detail: nil, at: nowMS)
            return try Alert.fetch(db, id: id) ?? alert
        }
    }

    public func alertProgress(id: Int64) async throws -> AlertProgress {
        try await self.writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT \(Self.reportedStatus) AS reported, COUNT(*) FROM outbound_message o WHERE o.alert_id = ? GROUP BY reported",
                arguments: [id]
            ) {
                counts[row[0]] = row[1]
            }
            let occurrences = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_occurrence WHERE alert_id = ?", arguments: [id]) ?? 0
            let fanning = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM alert_occurrence WHERE alert_id = ? AND status = 'fanning_out'", arguments: [id]
            ) ?? 0
            return AlertProgress(counts: counts, occurrences: occurrences, fanningOut: fanning)
        }
    }

    public func dueAlerts(now: Date) async throws -> [Alert] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM alert WHERE status = 'active' AND next_occurrence_at <= ? ORDER BY next_occurrence_at LIMIT 100",
                arguments: [now.millisecondsSince1970]
            ).compactMap(Alert.init(row:))
        }
    }
}

extension Alert {
    static func fetch(_ db: Database, id: Int64) throws -> Alert? {
        try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id]).flatMap(Alert.init(row:))
    }

    init?(row: Row) {
        guard let channel = Channel(rawValue: row["channel"]), let status = AlertStatus(rawValue: row["status"]),
            let bodies = try? JSONDecoder().decode([String: String].self, from: Data((row["bodies"] as String).utf8)),
            let schedule = try? JSONDecoder().decode(AlertSchedule.self, from: Data((row["schedule"] as String).utf8))
        else { return nil }
        self.init(
            id: row["id"], campaignID: row["campaign_id"], name: row["name"], channel: channel, bodies: bodies,
            schedule: schedule, expirySeconds: row["expiry_seconds"], status: status,
            nextOccurrenceAt: (row["next_occurrence_at"] as Int64?).map(Date.init(millisecondsSince1970:)),
            lastScheduledAt: (row["last_scheduled_at"] as Int64?).map(Date.init(millisecondsSince1970:)),
            createdBy: row["created_by"], createdAt: Date(millisecondsSince1970: row["created_at"])
        )
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys, so stored JSON is stable.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
