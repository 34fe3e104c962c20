import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: DispatchStore {
    public func claimBulk(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedMessage] {
        try await self.writer.write { db in
            var claim = BulkClaim(db: db, gate: gate, brand: brand, now: now, lease: lease)
            claim.links = self.links
            return try claim.run(limit: limit)
        }
    }
}

/// One claim transaction: picks due bulk rows round-robin across campaigns and runs the gate on each.
struct BulkClaim {
    let db: Database
    let gate: SendGate
    let brand: String
    let now: Date
    let nowMS: Int64
    let leaseMS: Int64
    var templates: [Int64: [String: MessageTemplate]] = [:]
    var zones: [String: TimeZone] = [:]
    var caps: [Int64: Int?] = [:]
    var jurisdictions: [String: String] = [:]
    var quietCache = SendGate.Cache()
    /// Fills `{unsubscribe_url}`; without it the placeholder renders empty.
    var links: UnsubscribeLinks?

    init(db: Database, gate: SendGate, brand: String, now: Date, lease: TimeInterval) {
        self.db = db
        self.gate = gate
        self.brand = brand
        self.now = now
        self.nowMS = now.millisecondsSince1970
        self.leaseMS = Int64(lease * 1000)
    }

    mutating func run(limit: Int) throws -> [ClaimedMessage] {
        let paused = Set(try Int64.fetchAll(self.db, sql: "SELECT campaign_id FROM dispatch_pause"))
        if paused.contains(0) { return [] }
        let campaigns = try Row.fetchAll(self.db, sql: "SELECT * FROM campaign ORDER BY id").map(Campaign.init(row:))
            .filter { !paused.contains($0.id) }
        var queues: [(Campaign, [Row])] = []
        for campaign in campaigns {
            var rows: [Row] = []
            for status in ["queued", "deferred"] where rows.count < limit {
                rows += try Row.fetchAll(
                    self.db.cachedStatement(
                        sql: """
                            SELECT id, phone, from_number, body, kind, channel, alert_id, language, expires_at, attempts, created_at
                            FROM outbound_message WHERE campaign_id = ? AND status = ? AND send_after <= ? AND lane = 'bulk' AND channel = 'sms'
                            ORDER BY send_after, id LIMIT ?
                            """
                    ),
                    arguments: [campaign.id, status, self.nowMS, limit - rows.count]
                )
            }
            if !rows.isEmpty { queues.append((campaign, rows)) }
        }
        // Round-robin: one row of each campaign in turn, so a big broadcast does not starve a small one.
        var claimed: [ClaimedMessage] = []
        var taken = 0
        var index = 0
        while taken < limit {
            var any = false
            for (campaign, rows) in queues where index < rows.count && taken < limit {
                any = true
                taken += 1
                if let message = try self.evaluate(rows[index], campaign: campaign) { claimed.append(message) }
            }
            if !any { break }
            index += 1
        }
        return claimed
    }

    /// Runs the gate on one row and updates it; returns the message when it may be sent.
    mutating func evaluate(_ row: Row, campaign: Campaign) throws -> ClaimedMessage? {
        // Columns: id, phone, from_number, body, kind, channel, alert_id, language, expires_at, attempts, created_at.
        let id: Int64 = row[0]
        let phoneText: String = row[1]
        guard let phone = PhoneNumber(stored: phoneText), let kind = MessageKind(rawValue: row[4]) else {
            try self.db.close(id, status: "failed", reason: "invalid stored message", at: self.nowMS)
            return nil
        }
        let channel = Channel(rawValue: row[5]) ?? .sms
        // One statement reads everything the gate needs about the recipient.
        let recipient = RecipientState(try Row.fetchOne(
            self.db.cachedStatement(sql: RecipientState.sql()),
            arguments: [phoneText, campaign.id, channel.rawValue, id, self.nowMS - 30 * 86_400_000]
        ))
        let expiresAt = (row[8] as Int64?).map(Date.init(millisecondsSince1970:))
        var context = SendContext(
            kind: kind, channel: channel, purpose: campaign.purpose, suppressed: recipient.suppressed,
            pendingReview: recipient.pendingReview, subscription: recipient.subscription,
            zones: self.zones(phone: phone, stored: recipient.timeZone),
            recentSends: recipient.recentSends.map(Date.init(millisecondsSince1970:)), expiresAt: expiresAt
        )
        context.monthlyCap = self.monthlyCap(campaign)
        if let policies = self.gate.policies {
            context.jurisdiction = self.jurisdiction(phone, policies: policies)
            context.consentSource = recipient.consentSource
        }
        switch self.gate.evaluate(context, now: self.now, cache: &self.quietCache) {
        case .drop(let status, let reason):
            try self.db.close(id, status: status.rawValue, reason: reason, at: self.nowMS)
            return nil
        case .deferred(let until, let reason):
            try self.db.run(
                "UPDATE outbound_message SET status = 'deferred', send_after = ?, reason = ?, updated_at = ? WHERE id = ?",
                [until.millisecondsSince1970, reason, self.nowMS, id]
            )
            return nil
        case .send:
            break
        }
        var body: String? = row[3]
        if body == nil {
            guard var rendered = try self.render(row, campaign: campaign, recipient: recipient) else {
                try self.db.close(id, status: "failed", reason: "the alert has no body to render", at: self.nowMS)
                return nil
            }
            if let subscriberID = recipient.subscriberID,
                recipient.lastReminder.map({ Double(self.nowMS - $0) / 1000 >= OptOutReminder.interval }) ?? true
            {
                let language = (row[7] as String?) ?? recipient.language
                rendered += "\n" + OptOutReminder.text(language: language)
                try self.db.run("UPDATE subscriber SET last_reminder_at = ? WHERE id = ?", [self.nowMS, subscriberID])
            }
            body = rendered
        }
        let attempts = (row[9] as Int) + 1
        try self.db.run(
            """
            UPDATE outbound_message SET status = 'sending', body = ?, reason = NULL, attempts = ?, lease_until = ?,
                updated_at = ? WHERE id = ?
            """,
            [body, attempts, self.nowMS + self.leaseMS, self.nowMS, id]
        )
        let sms = OutboundSMS(id: id, to: phone, from: row[2], body: body ?? "", kind: kind, campaign: campaign.slug)
        return ClaimedMessage(sms: sms, attempts: attempts, expiresAt: expiresAt)
    }

    /// The campaign's monthly cap, parsed once per claim.
    mutating func monthlyCap(_ campaign: Campaign) -> Int? {
        if let cap = self.caps[campaign.id] { return cap }
        let cap = FrequencyCap.perThirtyDays(campaign.frequency)
        self.caps[campaign.id] = cap
        return cap
    }

    /// The number's policy key; NANP numbers of one area code share the answer within a claim.
    mutating func jurisdiction(_ phone: PhoneNumber, policies: PolicySet) -> String {
        let prefix = phone.countryCallingCode == 1 ? String(phone.e164.prefix(5)) : phone.e164
        if let known = self.jurisdictions[prefix] { return known }
        let key = policies.jurisdiction(of: phone).key
        self.jurisdictions[prefix] = key
        return key
    }

    /// The candidate zones of the number (the intersection of their windows applies), else the stored zone.
    mutating func zones(phone: PhoneNumber, stored: String?) -> [TimeZone] {
        let names = phone.timeZones.isEmpty ? (stored.map { [$0] } ?? []) : phone.timeZones
        return names.compactMap { name in
            if let zone = self.zones[name] { return zone }
            let zone = TimeZone(identifier: name)
            self.zones[name] = zone
            return zone
        }
    }

    /// The alert body in the recipient's language (else the campaign's first language, else any).
    mutating func render(_ row: Row, campaign: Campaign, recipient: RecipientState) throws -> String? {
        guard let alertID = row[6] as Int64? else { return nil }
        if self.templates[alertID] == nil {
            let json = try String.fetchOne(self.db, sql: "SELECT bodies FROM alert WHERE id = ?", arguments: [alertID]) ?? "{}"
            let bodies = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
            self.templates[alertID] = bodies.compactMapValues { try? MessageTemplate($0, allowedPlaceholders: AlertDraft.placeholders) }
        }
        let templates = self.templates[alertID] ?? [:]
        let language = (row[7] as String?) ?? recipient.language
        let template = language.flatMap { templates[$0] } ?? campaign.languages.first.flatMap { templates[$0] }
            ?? templates.sorted(by: { $0.key < $1.key }).first?.value
        var values = AlertDraft.values(campaign: campaign, brand: self.brand, firstName: recipient.firstName)
        values["unsubscribe_url"] = recipient.subscriberID.flatMap { id in self.links?.url(subscriberID: id, now: self.now) } ?? ""
        return template?.render(values)
    }
}

/// What the gate needs to know about a recipient, read in one statement.
struct RecipientState {
    /// The statement that reads it. Arguments: ?1 phone, ?2 campaign id, ?3 channel, ?4 the message's own id
    /// (left out of the recent sends), ?5 the start of the frequency window; `extraColumns` may use more.
    ///
    /// - Parameter sameChannelOnly: count only the campaign's recent sends on this channel (calls); else
    ///   every bulk send of the campaign counts (texts).
    static func sql(sameChannelOnly: Bool = false, extraColumns: String = "") -> String {
        """
        SELECT p.id, p.first_name, p.language, p.time_zone, p.last_reminder_at, s.status,
            EXISTS (SELECT 1 FROM suppression x WHERE x.phone = q.phone) AS suppressed,
            EXISTS (SELECT 1 FROM review_item r WHERE r.phone = q.phone AND r.status = 'pending') AS review,
            (SELECT group_concat(COALESCE(o.sent_at, o.updated_at)) FROM outbound_message o INDEXED BY outbound_by_phone
             WHERE o.phone = q.phone AND o.campaign_id = ?2 AND o.lane = 'bulk'\(sameChannelOnly ? " AND o.channel = ?3" : "") AND o.id <> ?4
               AND o.status IN ('sending', 'sent', 'delivered', 'undelivered')
               AND COALESCE(o.sent_at, o.updated_at) > ?5) AS recent,
            (SELECT CASE WHEN c.action = 'confirm' THEN 'web_form' ELSE c.source END FROM consent_event c
             WHERE c.phone = q.phone AND (c.campaign_id = ?2 OR c.campaign_id IS NULL)
               AND c.action IN ('opt_in_requested', 'opt_in', 'confirm', 're_opt_in', 'undo')
             ORDER BY c.id DESC LIMIT 1) AS consent_source\(extraColumns)
        FROM (SELECT ?1 AS phone) q LEFT JOIN subscriber p ON p.phone = q.phone
        LEFT JOIN subscription s ON s.subscriber_id = p.id AND s.campaign_id = ?2 AND s.channel = ?3
        """
    }

    var subscriberID: Int64?
    var firstName: String?
    var language: String?
    var timeZone: String?
    var lastReminder: Int64?
    var subscription: SubscriptionStatus?
    var suppressed: Bool
    var pendingReview: Bool
    var recentSends: [Int64]
    var consentSource: String?

    init(_ row: Row?) {
        // Columns: id, first_name, language, time_zone, last_reminder_at, status, suppressed, review, recent,
        // consent_source.
        self.subscriberID = row.flatMap { $0[0] as Int64? }
        self.firstName = row.flatMap { $0[1] as String? }
        self.language = row.flatMap { $0[2] as String? }
        self.timeZone = row.flatMap { $0[3] as String? }
        self.lastReminder = row.flatMap { $0[4] as Int64? }
        self.subscription = row.flatMap { $0[5] as String? }.flatMap(SubscriptionStatus.init(rawValue:))
        self.suppressed = row.flatMap { $0[6] as Bool? } ?? false
        self.pendingReview = row.flatMap { $0[7] as Bool? } ?? false
        self.recentSends = (row.flatMap { $0[8] as String? } ?? "").split(separator: ",").compactMap { Int64($0) }
        self.consentSource = row.flatMap { $0[9] as String? }
    }
}
