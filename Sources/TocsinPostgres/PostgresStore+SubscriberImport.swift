import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore: SubscriberImportStore {
    /// Imports checked rows into an active campaign in one transaction, with one audit record when anything
    /// changed (the same rules as ``SQLiteStore/importSubscribers(_:campaignID:actor:label:now:)``).
    ///
    /// - Throws: ``StoreError`` `notFound` when the campaign is not active.
    public func importSubscribers(
        _ rows: [SubscriberImportRow], campaignID: Int64, actor: String, label: String, now: Date
    ) async throws -> [SubscriberImportOutcome] {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard
                let slug = try await session.value(
                    "SELECT slug FROM campaign WHERE id = \(campaignID) AND status = 'active'", as: String.self
                )
            else { throw StoreError(.notFound, "campaign \(campaignID) is not an active campaign") }
            var outcomes: [SubscriberImportOutcome] = []
            outcomes.reserveCapacity(rows.count)
            for row in rows {
                outcomes.append(try await session.importSubscriber(row, campaignID: campaignID, actor: actor, now: nowMS))
            }
            let imported = outcomes.count(where: { $0 == .imported })
            if imported > 0 {
                let skipped = outcomes.count(where: { $0 == .alreadySubscribed })
                let detail = "\(label): imported \(imported), skipped \(skipped), rejected \(rows.count - imported - skipped)"
                try await session.audit("subscribers.import", actor: actor, subject: "campaign:\(slug)", detail: detail, at: nowMS)
            }
            return outcomes
        }
    }
}

extension PostgresSession {
    /// One import row: an active subscription and its `opt_in` consent event (source `import`), unless the
    /// number is suppressed, opted out of the campaign or already active.
    fileprivate func importSubscriber(
        _ row: SubscriberImportRow, campaignID: Int64, actor: String, now: Int64
    ) async throws -> SubscriberImportOutcome {
        let phone = row.phone.e164
        if try await self.isSuppressed(phone) { return .rejected("suppressed") }
        let consentedAt = row.consentedAt.millisecondsSince1970
        let status = try await self.value(
            """
            SELECT s.status FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
            WHERE p.phone = \(phone) AND s.campaign_id = \(campaignID) AND s.channel = 'sms'
            """,
            as: String.self
        ).flatMap(SubscriptionStatus.init(rawValue:))
        switch status {
        case .active: return .alreadySubscribed
        case .optedOut: return .rejected("opted out of this campaign earlier; an import cannot subscribe it again")
        case .pending, nil: break
        }
        // A new subscriber gets the row's name and language; an existing one only has blanks filled.
        let zone = row.phone.timeZones.first
        guard
            let subscriberID = try await self.value(
                """
                INSERT INTO subscriber (phone, language, first_name, time_zone, created_at)
                VALUES (\(phone), \(row.language), \(row.firstName), \(zone), \(now))
                ON CONFLICT (phone) DO UPDATE SET first_name = COALESCE(subscriber.first_name, excluded.first_name),
                    language = COALESCE(subscriber.language, excluded.language)
                RETURNING id
                """,
                as: Int64.self
            )
        else { throw StoreError(.invalid, "subscriber \(row.phone.masked) was not saved") }
        try await self.execute(
            """
            INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
            VALUES (\(subscriberID), \(campaignID), 'sms', 'active', 1, \(consentedAt), \(now))
            ON CONFLICT (subscriber_id, campaign_id, channel) DO UPDATE SET status = 'active', consented = 1,
                joined_at = excluded.joined_at, updated_at = excluded.updated_at
            """
        )
        try await self.append(
            ConsentEntry(
                phone: phone, campaignID: campaignID, action: .optIn, source: .import, rawText: row.source,
                sourceURL: row.sourceURL, ip: row.ip, userAgent: row.userAgent, disclosure: row.disclosure,
                staff: actor, language: row.language, occurredAt: consentedAt
            )
        )
        return .imported
    }
}
