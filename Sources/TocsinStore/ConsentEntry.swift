import GRDB
import TocsinCore

/// One row of the append-only consent ledger, with its evidence.
struct ConsentEntry {
    var phone: String
    var campaignID: Int64?
    var action: ConsentAction
    var channel = "sms"
    var source: ConsentSource
    var keyword: String?
    var rawText: String?
    var tier: String?
    var rule: String?
    var sourceURL: String?
    var ip: String?
    var userAgent: String?
    var disclosure: String?
    var staff: String?
    var inboundMessageID: Int64?
    var language: String?
    var occurredAt: Int64

    var scope: String { self.campaignID == nil ? "org" : "campaign" }
}

extension Database {
    /// Appends a consent-ledger entry.
    func append(_ entry: ConsentEntry) throws {
        let statement = try self.cachedStatement(
            sql: """
                INSERT INTO consent_event (phone, campaign_id, scope, action, channel, source, keyword, raw_text, tier,
                    rule, source_url, ip, user_agent, disclosure, staff, inbound_message_id, language, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        try statement.execute(arguments: [
            entry.phone, entry.campaignID, entry.scope, entry.action.rawValue, entry.channel, entry.source.rawValue,
            entry.keyword, entry.rawText, entry.tier, entry.rule, entry.sourceURL, entry.ip, entry.userAgent,
            entry.disclosure, entry.staff, entry.inboundMessageID, entry.language, entry.occurredAt,
        ])
    }

    /// Suppresses `phone` org-wide and marks every pending or active subscription opted out.
    /// Returns false when the number was already suppressed.
    @discardableResult
    func suppress(_ phone: String, source: ConsentSource, at now: Int64) throws -> Bool {
        let insert = try self.cachedStatement(
            sql: "INSERT INTO suppression (phone, source, created_at) VALUES (?, ?, ?) ON CONFLICT(phone) DO NOTHING"
        )
        try insert.execute(arguments: [phone, source.rawValue, now])
        let inserted = self.changesCount > 0
        let update = try self.cachedStatement(
            sql: """
                UPDATE subscription SET status = 'opted_out', updated_at = ?
                WHERE status IN ('pending', 'active')
                  AND subscriber_id = (SELECT id FROM subscriber WHERE phone = ?)
                """
        )
        try update.execute(arguments: [now, phone])
        // Pending review items of this number are moot once it is suppressed.
        let supersede = try self.cachedStatement(
            sql: "UPDATE review_item SET status = 'superseded', resolved_at = ? WHERE phone = ? AND status = 'pending'"
        )
        try supersede.execute(arguments: [now, phone])
        return inserted
    }

    /// The stand-in of `?1` after an erasure (`hmac:<keyed hash>`), computed only when some number was
    /// erased (an index probe finds out), so the STOP path pays no hash until then.
    static let erasedPhoneSQL = "CASE WHEN EXISTS (SELECT 1 FROM suppression WHERE phone > 'hmac:' AND phone < 'hmac;') THEN 'hmac:' || ledger_phone_key(?1) END"

    /// Whether `phone` is on the org-wide suppression list, in clear or (after an erasure) by its keyed hash.
    func isSuppressed(_ phone: String) throws -> Bool {
        let statement = try self.cachedStatement(sql: "SELECT 1 FROM suppression WHERE phone IN (?1, \(Self.erasedPhoneSQL))")
        return try Bool.fetchOne(statement, arguments: [phone]) ?? false
    }
}
