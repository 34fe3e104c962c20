import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore {
    /// A subscription with its subscriber and latest opt-in source (the columns of ``SubscriberRecord/init(row:)``).
    static let subscriberSelect = """
        SELECT p.id, p.phone, s.status, s.joined_at, p.language, p.first_name,
            (SELECT e.source FROM consent_event e
             WHERE e.phone = p.phone AND e.campaign_id = s.campaign_id
               AND e.action IN ('opt_in', 'opt_in_requested', 're_opt_in', 'undo')
             ORDER BY e.id DESC LIMIT 1) AS consent_source
        FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
        """

    /// One page of a campaign's subscriptions in subscriber-id order (keyset: ids above `after`).
    public func subscribers(campaignID: Int64, status: SubscriptionStatus?, after: Int64, limit: Int) async throws -> SubscriberPage {
        let limit = max(1, limit)
        let status = status?.rawValue
        return try await self.read { session in
            // Two statements rather than one with an optional status, so each has a plan of its own: by
            // status, the index `subscription_by_campaign` (campaign_id, channel, status, subscriber_id) gives
            // the rows in page order; for every status, the primary key walks from the cursor.
            let rows: [PostgresRandomAccessRow]
            if let status {
                rows = try await session.rows(
                    """
                    \(unescaped: Self.subscriberSelect)
                    WHERE s.campaign_id = \(campaignID) AND s.channel = 'sms' AND s.status = \(status) AND s.subscriber_id > \(after)
                    ORDER BY s.subscriber_id LIMIT \(Int64(limit + 1))
                    """
                )
            } else {
                rows = try await session.rows(
                    """
                    \(unescaped: Self.subscriberSelect)
                    WHERE s.campaign_id = \(campaignID) AND s.channel = 'sms' AND s.subscriber_id > \(after)
                    ORDER BY s.subscriber_id LIMIT \(Int64(limit + 1))
                    """
                )
            }
            let records = try rows.prefix(limit).compactMap(SubscriberRecord.init(row:))
            let nextAfter: Int64? = rows.count > limit ? try rows[limit - 1].get("id", as: Int64.self) : nil
            return SubscriberPage(records: records, nextAfter: nextAfter)
        }
    }

    public func subscriber(_ phone: PhoneNumber, campaignID: Int64) async throws -> SubscriberDetail? {
        try await self.read { session in
            guard
                let row = try await session.row(
                    "\(unescaped: Self.subscriberSelect) WHERE p.phone = \(phone.e164) AND s.campaign_id = \(campaignID) AND s.channel = 'sms'"
                ),
                let record = try SubscriberRecord(row: row)
            else { return nil }
            let suppressedAt = try await session.value(
                "SELECT created_at FROM suppression WHERE phone = \(phone.e164)", as: Int64.self
            ).map(Date.init(millisecondsSince1970:))
            let events = try await session.rows(
                """
                SELECT id, action, scope, source, keyword, raw_text, source_url, ip, user_agent, disclosure, staff,
                    language, occurred_at
                FROM consent_event WHERE phone = \(phone.e164) AND (campaign_id = \(campaignID) OR scope = 'org') ORDER BY id
                """
            ).map(ConsentEventRecord.init(row:))
            return SubscriberDetail(record: record, suppressedAt: suppressedAt, events: events)
        }
    }
}

extension SubscriberRecord {
    /// From a row of ``PostgresStore/subscriberSelect``; nil for a row whose stored number or status cannot be read.
    init?(row: PostgresRandomAccessRow) throws {
        guard let phone = PhoneNumber(e164: try row.get("phone")), let status = SubscriptionStatus(rawValue: try row.get("status"))
        else { return nil }
        self.init(
            id: try row.get("id"), phone: phone, status: status,
            joinedAt: try row.get("joined_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            language: try row.get("language", as: String?.self), firstName: try row.get("first_name", as: String?.self),
            consentSource: try row.get("consent_source", as: String?.self)
        )
    }
}

extension ConsentEventRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"), action: try row.get("action"), scope: try row.get("scope"), source: try row.get("source"),
            keyword: try row.get("keyword", as: String?.self), rawText: try row.get("raw_text", as: String?.self),
            sourceURL: try row.get("source_url", as: String?.self), ip: try row.get("ip", as: String?.self),
            userAgent: try row.get("user_agent", as: String?.self), disclosure: try row.get("disclosure", as: String?.self),
            staff: try row.get("staff", as: String?.self), language: try row.get("language", as: String?.self),
            occurredAt: Date(millisecondsSince1970: try row.get("occurred_at"))
        )
    }
}
