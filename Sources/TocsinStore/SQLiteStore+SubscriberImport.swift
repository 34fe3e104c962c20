import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    /// Imports checked rows into an active campaign in one transaction, with one audit record when anything
    /// changed.
    ///
    /// Each row becomes an active subscription (a new one, or a pending one activated) and an `opt_in`
    /// consent event with source `import`, the row's evidence and `occurred_at` = consent time. The free-text
    /// evidence source ("paper form 2024") goes in the event's `raw_text`. A suppressed number is rejected
    /// ("suppressed"), as is a number that opted out of the campaign; an active one is left alone. A new
    /// subscriber gets the row's first name and language; an existing one keeps its own and only has blanks
    /// filled.
    ///
    /// - Parameter label: names the import in the audit record (e.g. the file name and line range).
    /// - Returns: one outcome per row, in order.
    /// - Throws: ``StoreError`` `notFound` when the campaign is not active.
    public func importSubscribers(
        _ rows: [SubscriberImportRow], campaignID: Int64, actor: String, label: String, now: Date
    ) async throws -> [SubscriberImportOutcome] {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            guard let slug = try String.fetchOne(
                db, sql: "SELECT slug FROM campaign WHERE id = ? AND status = 'active'", arguments: [campaignID]
            ) else { throw StoreError(.notFound, "campaign \(campaignID) is not an active campaign") }
            var outcomes: [SubscriberImportOutcome] = []
            outcomes.reserveCapacity(rows.count)
            for row in rows {
                outcomes.append(try db.importSubscriber(row, campaignID: campaignID, actor: actor, now: nowMS))
            }
            let imported = outcomes.count(where: { $0 == .imported })
            if imported > 0 {
                let skipped = outcomes.count(where: { $0 == .alreadySubscribed })
                let detail = "\(label): imported \(imported), skipped \(skipped), rejected \(rows.count - imported - skipped)"
                try db.audit("subscribers.import", actor: actor, subject: "campaign:\(slug)", detail: detail, at: nowMS)
            }
            return outcomes
        }
    }
}

extension Database {
    fileprivate func importSubscriber(_ row: SubscriberImportRow, campaignID: Int64, actor: String, now: Int64) throws -> SubscriberImportOutcome {
        let phone = row.phone.e164
        if try self.isSuppressed(phone) { return .rejected("suppressed") }
        let consentedAt = row.consentedAt.millisecondsSince1970
        let subscriberID: Int64
        if let id = try Int64.fetchOne(self.cachedStatement(sql: "SELECT id FROM subscriber WHERE phone = ?"), arguments: [phone]) {
            subscriberID = id
            let status = try String.fetchOne(
                self.cachedStatement(
                    sql: "SELECT status FROM subscription WHERE subscriber_id = ? AND campaign_id = ? AND channel = 'sms'"
                ),
                arguments: [id, campaignID]
            ).flatMap(SubscriptionStatus.init(rawValue:))
            switch status {
            case .active: return .alreadySubscribed
            case .optedOut: return .rejected("opted out of this campaign earlier; an import cannot subscribe it again")
            case .pending, nil: break
            }
            try self.run(
                "UPDATE subscriber SET first_name = COALESCE(first_name, ?), language = COALESCE(language, ?) WHERE id = ?",
                [row.firstName, row.language, id]
            )
        } else {
            try self.run(
                "INSERT INTO subscriber (phone, language, first_name, time_zone, created_at) VALUES (?, ?, ?, ?, ?)",
                [phone, row.language, row.firstName, row.phone.timeZones.first, now]
            )
            subscriberID = self.lastInsertedRowID
        }
        try self.run(
            """
            INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
            VALUES (?, ?, 'sms', 'active', 1, ?, ?)
            ON CONFLICT (subscriber_id, campaign_id, channel) DO UPDATE SET status = 'active', consented = 1,
                joined_at = excluded.joined_at, updated_at = excluded.updated_at
            """,
            [subscriberID, campaignID, consentedAt, now]
        )
        try self.append(
            ConsentEntry(
                phone: phone, campaignID: campaignID, action: .optIn, source: .import, rawText: row.source,
                sourceURL: row.sourceURL, ip: row.ip, userAgent: row.userAgent, disclosure: row.disclosure,
                staff: actor, language: row.language, occurredAt: consentedAt
            )
        )
        return .imported
    }
}
