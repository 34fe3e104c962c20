import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    /// The consent actions that start a subscription; the latest one's source is the record's consent source.
    static let optInActions = "('opt_in', 'opt_in_requested', 're_opt_in', 'undo')"

    /// A subscription with its subscriber and latest opt-in source (the columns of ``SubscriberRecord/init(row:)``).
    static let subscriberSelect = """
        SELECT p.id, p.phone, s.status, s.joined_at, p.language, p.first_name,
            (SELECT e.source FROM consent_event e
             WHERE e.phone = p.phone AND e.campaign_id = s.campaign_id AND e.action IN \(optInActions)
             ORDER BY e.id DESC LIMIT 1) AS consent_source
        FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
        """

    /// One page of a campaign's subscriptions with one status; arguments: campaign id, status, after, limit.
    /// The index `subscription_by_campaign` (campaign_id, channel, status, subscriber_id) serves it in order.
    static let subscriberPageByStatusSQL = subscriberSelect + """
         WHERE s.campaign_id = ? AND s.channel = 'sms' AND s.status = ? AND s.subscriber_id > ?
        ORDER BY s.subscriber_id LIMIT ?
        """

    /// One page of a campaign's subscriptions of every status; arguments: after, campaign id, limit.
    ///
    /// `+s.campaign_id` keeps SQLite from taking the campaign index (whose order is by status first) and
    /// sorting; it walks the primary key in subscriber-id order from the cursor instead, so a page costs
    /// O(limit) for a campaign that holds a fair share of the subscribers.
    static let subscriberPageAllSQL = subscriberSelect + """
         WHERE s.subscriber_id > ? AND +s.campaign_id = ? AND s.channel = 'sms'
        ORDER BY s.subscriber_id LIMIT ?
        """

    public func subscribers(campaignID: Int64, status: SubscriptionStatus?, after: Int64, limit: Int) async throws -> SubscriberPage {
        let limit = max(1, limit)
        return try await self.writer.read { db in
            let rows: [Row]
            if let status {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: Self.subscriberPageByStatusSQL), arguments: [campaignID, status.rawValue, after, limit + 1]
                )
            } else {
                rows = try Row.fetchAll(db.cachedStatement(sql: Self.subscriberPageAllSQL), arguments: [after, campaignID, limit + 1])
            }
            let records = rows.prefix(limit).compactMap(SubscriberRecord.init(row:))
            let nextAfter: Int64? = rows.count > limit ? rows[limit - 1][0] : nil
            return SubscriberPage(records: Array(records), nextAfter: nextAfter)
        }
    }

    public func subscriber(_ phone: PhoneNumber, campaignID: Int64) async throws -> SubscriberDetail? {
        try await self.writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: Self.subscriberSelect + " WHERE p.phone = ? AND s.campaign_id = ? AND s.channel = 'sms'",
                    arguments: [phone.e164, campaignID]
                ),
                let record = SubscriberRecord(row: row)
            else { return nil }
            let suppressedAt = try Int64.fetchOne(
                db, sql: "SELECT created_at FROM suppression WHERE phone = ?", arguments: [phone.e164]
            ).map(Date.init(millisecondsSince1970:))
            let events = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, action, scope, source, keyword, raw_text, source_url, ip, user_agent, disclosure, staff,
                        language, occurred_at
                    FROM consent_event WHERE phone = ? AND (campaign_id = ? OR scope = 'org') ORDER BY id
                    """,
                arguments: [phone.e164, campaignID]
            ).map(ConsentEventRecord.init(row:))
            return SubscriberDetail(record: record, suppressedAt: suppressedAt, events: events)
        }
    }
}

extension SubscriberRecord {
    /// From a row of `id, phone, status, joined_at, language, first_name, consent_source`; nil for a row whose
    /// stored number or status cannot be read (never expected).
    init?(row: Row) {
        guard let phone = PhoneNumber(e164: row[1]), let status = SubscriptionStatus(rawValue: row[2]) else { return nil }
        self.init(
            id: row[0], phone: phone, status: status, joinedAt: (row[3] as Int64?).map(Date.init(millisecondsSince1970:)),
            language: row[4], firstName: row[5], consentSource: row[6]
        )
    }
}

extension ConsentEventRecord {
    init(row: Row) {
        self.init(
            id: row["id"], action: row["action"], scope: row["scope"], source: row["source"], keyword: row["keyword"],
            rawText: row["raw_text"], sourceURL: row["source_url"], ip: row["ip"], userAgent: row["user_agent"],
            disclosure: row["disclosure"], staff: row["staff"], language: row["language"],
            occurredAt: Date(millisecondsSince1970: row["occurred_at"])
        )
    }
}
