import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: DispatchStore {
    /// Claims due bulk texts. Candidates are selected `FOR UPDATE SKIP LOCKED`, so instances claiming at the
    /// same time never get the same message; the recipients' subscriber rows are then locked in id order, so
    /// the recipient state each decision reads (suppression, review, subscription, recent sends, consent
    /// source) cannot change under it and two instances never both spend a number's last cap slot.
    public func claimBulk(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedMessage] {
        let nowMS = now.millisecondsSince1970
        let leaseUntil = nowMS + Int64(lease * 1000)
        return try await self.transaction { session in
            let paused = Set(try await session.rows("SELECT campaign_id FROM dispatch_pause").map { try $0.get("campaign_id", as: Int64.self) })
            if paused.contains(0) { return [] }
            let campaigns = try await session.rows("SELECT * FROM campaign ORDER BY id").map(Campaign.init(row:))
                .filter { !paused.contains($0.id) }
            var queues: [(Campaign, [ClaimCandidate])] = []
            for campaign in campaigns {
                var candidates: [ClaimCandidate] = []
                for status in ["queued", "deferred"] where candidates.count < limit {
                    for row in try await session.rows(
                        """
                        SELECT id, phone, from_number, body, kind, channel, alert_id, language, expires_at, attempts
                        FROM outbound_message WHERE campaign_id = \(campaign.id) AND status = \(status) AND send_after <= \(nowMS)
                          AND lane = 'bulk' AND channel = 'sms'
                        ORDER BY send_after, id LIMIT \(limit - candidates.count) FOR UPDATE SKIP LOCKED
                        """
                    ) {
                        if let candidate = try await session.candidate(row, now: nowMS) { candidates.append(candidate) }
                    }
                }
                if !candidates.isEmpty { queues.append((campaign, candidates)) }
            }
            let phones = Array(Set(queues.flatMap { $0.1.map(\.phone.e164) })).sorted()
            if !phones.isEmpty {
                try await session.execute("SELECT id FROM subscriber WHERE phone = ANY(\(phones)) ORDER BY id FOR UPDATE")
            }
            var planner = ClaimPlanner(gate: gate, brand: brand, now: now)
            var templates: [Int64: [String: MessageTemplate]] = [:]
            // Round-robin: one row of each campaign in turn, so a big broadcast does not starve a small one.
            var claimed: [ClaimedMessage] = []
            var taken = 0
            var index = 0
            while taken < limit {
                var any = false
                for (campaign, candidates) in queues where index < candidates.count && taken < limit {
                    any = true
                    taken += 1
                    let candidate = candidates[index]
                    // Read after this claim's earlier updates, so its own sends and reminders count.
                    let recipient = try await session.recipient(candidate, campaign: campaign, now: nowMS)
                    if let alertID = candidate.alertID, templates[alertID] == nil {
                        let json = try await session.value("SELECT bodies FROM alert WHERE id = \(alertID)", as: String.self)
                        templates[alertID] = AlertTemplates.parse(json)
                    }
                    let alertTemplates = candidate.alertID.flatMap { templates[$0] } ?? [:]
                    switch planner.decide(candidate, recipient: recipient, campaign: campaign, templates: alertTemplates) {
                    case .close(let status, let reason):
                        try await session.close(candidate.id, status: status, reason: reason, at: nowMS)
                    case .deferred(let until, let reason):
                        try await session.execute(
                            """
                            UPDATE outbound_message SET status = 'deferred', send_after = \(until.millisecondsSince1970),
                                reason = \(reason), updated_at = \(nowMS) WHERE id = \(candidate.id)
                            """
                        )
                    case .send(let body, let attempts, let remind):
                        if remind, let subscriberID = recipient.subscriberID {
                            try await session.execute("UPDATE subscriber SET last_reminder_at = \(nowMS) WHERE id = \(subscriberID)")
                        }
                        try await session.execute(
                            """
                            UPDATE outbound_message SET status = 'sending', body = \(body), reason = NULL,
                                attempts = \(attempts), lease_until = \(leaseUntil), updated_at = \(nowMS)
                            WHERE id = \(candidate.id)
                            """
                        )
                        let sms = OutboundSMS(
                            id: candidate.id, to: candidate.phone, from: candidate.from, body: body, kind: candidate.kind,
                            campaign: campaign.slug
                        )
                        claimed.append(ClaimedMessage(sms: sms, attempts: attempts, expiresAt: candidate.expiresAt))
                    }
                }
                if !any { break }
                index += 1
            }
            return claimed
        }
    }
}

/// An alert's stored bodies (JSON, language → text) as templates; unreadable JSON or templates count as none.
enum AlertTemplates {
    static func parse(_ json: String?) -> [String: MessageTemplate] {
        let bodies = (try? JSONDecoder().decode([String: String].self, from: Data((json ?? "{}").utf8))) ?? [:]
        return bodies.compactMapValues { try? MessageTemplate($0, allowedPlaceholders: AlertDraft.placeholders) }
    }
}

extension PostgresSession {
    /// Everything the gate needs about the recipient of `candidate`, in one statement (as the SQLite
    /// store's RecipientState): texts count every bulk send of the campaign in the last 30 days.
    /// Decodes a candidate row; a row that cannot be read is closed as failed.
    func candidate(_ row: PostgresRandomAccessRow, now: Int64) async throws -> ClaimCandidate? {
        let id = try row.get("id", as: Int64.self)
        guard let phone = PhoneNumber(stored: try row.get("phone")), let kind = MessageKind(rawValue: try row.get("kind")) else {
            try await self.close(id, status: "failed", reason: "invalid stored message", at: now)
            return nil
        }
        return ClaimCandidate(
            id: id, phone: phone, from: try row.get("from_number"), body: try row.get("body", as: String?.self), kind: kind,
            channel: Channel(rawValue: try row.get("channel")) ?? .sms, alertID: try row.get("alert_id", as: Int64?.self),
            language: try row.get("language", as: String?.self),
            expiresAt: try row.get("expires_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)), attempts: try row.get("attempts")
        )
    }

    func recipient(_ candidate: ClaimCandidate, campaign: Campaign, now: Int64) async throws -> RecipientSnapshot {
        let since = now - 30 * 86_400_000
        guard
            let row = try await self.row(
                """
                SELECT p.id, p.first_name, p.language, p.time_zone, p.last_reminder_at, s.status,
                    EXISTS (SELECT 1 FROM suppression x WHERE x.phone = q.phone) AS suppressed,
                    EXISTS (SELECT 1 FROM review_item r WHERE r.phone = q.phone AND r.status = 'pending') AS review,
                    ARRAY(SELECT COALESCE(o.sent_at, o.updated_at) FROM outbound_message o
                          WHERE o.phone = q.phone AND o.campaign_id = \(campaign.id) AND o.lane = 'bulk' AND o.id <> \(candidate.id)
                            AND o.status IN ('sending', 'sent', 'delivered', 'undelivered')
                            AND COALESCE(o.sent_at, o.updated_at) > \(since)) AS recent,
                    (SELECT CASE WHEN c.action = 'confirm' THEN 'web_form' ELSE c.source END FROM consent_event c
                     WHERE c.phone = q.phone AND (c.campaign_id = \(campaign.id) OR c.campaign_id IS NULL)
                       AND c.action IN ('opt_in_requested', 'opt_in', 'confirm', 're_opt_in', 'undo')
                     ORDER BY c.id DESC LIMIT 1) AS consent_source
                FROM (SELECT \(candidate.phone.e164)::text AS phone) q LEFT JOIN subscriber p ON p.phone = q.phone
                LEFT JOIN subscription s ON s.subscriber_id = p.id AND s.campaign_id = \(campaign.id) AND s.channel = \(candidate.channel.rawValue)
                """
            )
        else { return RecipientSnapshot() }
        return RecipientSnapshot(
            subscriberID: try row.get("id", as: Int64?.self), firstName: try row.get("first_name", as: String?.self),
            language: try row.get("language", as: String?.self), timeZone: try row.get("time_zone", as: String?.self),
            lastReminder: try row.get("last_reminder_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            subscription: try row.get("status", as: String?.self).flatMap(SubscriptionStatus.init(rawValue:)),
            suppressed: try row.get("suppressed", as: Bool.self), pendingReview: try row.get("review", as: Bool.self),
            recentSends: try row.get("recent", as: [Int64].self).map(Date.init(millisecondsSince1970:)), consentSource: try row.get("consent_source", as: String?.self)
        )
    }
}
