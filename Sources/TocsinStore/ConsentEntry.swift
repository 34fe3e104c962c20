import GRDB
import TocsinCore

/// One row of the append-only consent ledger, with its evidence (both store engines write it).
package struct ConsentEntry: Sendable {
    package var phone: String
    package var campaignID: Int64?
    package var action: ConsentAction
    package var channel: String
    package var source: ConsentSource
    package var keyword: String?
    package var rawText: String?
    package var tier: String?
    package var rule: String?
    package var sourceURL: String?
    package var ip: String?
    package var userAgent: String?
    package var disclosure: String?
    package var staff: String?
    package var inboundMessageID: Int64?
    package var language: String?
    package var occurredAt: Int64

    package init(
        phone: String,
        campaignID: Int64? = nil,
        action: ConsentAction,
        channel: String = "sms",
        source: ConsentSource,
        keyword: String? = nil,
        rawText: String? = nil,
        tier: String? = nil,
        rule: String? = nil,
        sourceURL: String? = nil,
        ip: String? = nil,
        userAgent: String? = nil,
        disclosure: String? = nil,
        staff: String? = nil,
        inboundMessageID: Int64? = nil,
        language: String? = nil,
        occurredAt: Int64
    ) {
        self.phone = phone
        self.campaignID = campaignID
        self.action = action
        self.channel = channel
        self.source = source
        self.keyword = keyword
        self.rawText = rawText
        self.tier = tier
        self.rule = rule
        self.sourceURL = sourceURL
        self.ip = ip
        self.userAgent = userAgent
        self.disclosure = disclosure
        self.staff = staff
        self.inboundMessageID = inboundMessageID
        self.language = language
        self.occurredAt = occurredAt
    }

    /// The evidence of a web opt-in request (action `opt_in_requested`, source `web_form`).
    package init(webOptIn request: WebOptInRequest, campaignID: Int64, at occurredAt: Int64) {
        self.init(
            phone: request.phone.e164, campaignID: campaignID, action: .optInRequested, source: .webForm,
            sourceURL: request.sourceURL, ip: request.ip, userAgent: request.userAgent, disclosure: request.disclosure,
            staff: request.actor, language: request.language, occurredAt: occurredAt
        )
    }

    package var scope: String { self.campaignID == nil ? "org" : "campaign" }
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
