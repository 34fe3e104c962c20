import Foundation
import PostgresNIO
import TocsinCore

/// The decisions of one claim, written together.
struct ClaimWrites {
    var closed: [(id: Int64, status: String, reason: String)] = []
    var deferred: [(id: Int64, until: Int64, reason: String)] = []
    var sending: [(id: Int64, body: String, attempts: Int)] = []
    /// Subscribers whose message carries the opt-out reminder.
    var reminded: [Int64] = []
}

extension PostgresSession {
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

    /// Everything the gate needs about the recipients of a batch of texts, in one statement, by message id (as
    /// the SQLite store's RecipientState): each text counts every bulk send of its campaign since `since`.
    func recipients(_ batch: [(campaignID: Int64, candidate: ClaimCandidate)], since: Int64) async throws -> [Int64: RecipientSnapshot] {
        let ids = batch.map(\.candidate.id)
        let phones = batch.map(\.candidate.phone.e164)
        let campaigns = batch.map(\.campaignID)
        var states: [Int64: RecipientSnapshot] = [:]
        for row in try await self.rows(
            """
            SELECT q.message_id, p.id, p.first_name, p.language, p.time_zone, p.last_reminder_at, s.status,
                EXISTS (SELECT 1 FROM suppression x WHERE x.phone = q.phone) AS suppressed,
                EXISTS (SELECT 1 FROM review_item r WHERE r.phone = q.phone AND r.status = 'pending') AS review,
                ARRAY(SELECT COALESCE(o.sent_at, o.updated_at) FROM outbound_message o
                      WHERE o.phone = q.phone AND o.campaign_id = q.campaign_id AND o.lane = 'bulk' AND o.id <> q.message_id
                        AND o.status IN ('sending', 'sent', 'delivered', 'undelivered')
                        AND COALESCE(o.sent_at, o.updated_at) > \(since)) AS recent,
                (SELECT CASE WHEN c.action = 'confirm' THEN 'web_form' ELSE c.source END FROM consent_event c
                 WHERE c.phone = q.phone AND (c.campaign_id = q.campaign_id OR c.campaign_id IS NULL)
                   AND c.action IN ('opt_in_requested', 'opt_in', 'confirm', 're_opt_in', 'undo')
                 ORDER BY c.id DESC LIMIT 1) AS consent_source
            FROM unnest(\(ids)::bigint[], \(phones)::text[], \(campaigns)::bigint[]) AS q(message_id, phone, campaign_id)
            LEFT JOIN subscriber p ON p.phone = q.phone
            LEFT JOIN subscription s ON s.subscriber_id = p.id AND s.campaign_id = q.campaign_id AND s.channel = 'sms'
            """
        ) {
            states[try row.get("message_id", as: Int64.self)] = RecipientSnapshot(
                subscriberID: try row.get("id", as: Int64?.self), firstName: try row.get("first_name", as: String?.self),
                language: try row.get("language", as: String?.self), timeZone: try row.get("time_zone", as: String?.self),
                lastReminder: try row.get("last_reminder_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
                subscription: try row.get("status", as: String?.self).flatMap(SubscriptionStatus.init(rawValue:)),
                suppressed: try row.get("suppressed", as: Bool.self), pendingReview: try row.get("review", as: Bool.self),
                recentSends: try row.get("recent", as: [Int64].self).map(Date.init(millisecondsSince1970:)),
                consentSource: try row.get("consent_source", as: String?.self)
            )
        }
        return states
    }

    /// The alerts' stored bodies (JSON, language → text) as templates; unreadable JSON or templates count as none.
    func templates(alertIDs: Set<Int64>) async throws -> [Int64: [String: MessageTemplate]] {
        guard !alertIDs.isEmpty else { return [:] }
        var templates: [Int64: [String: MessageTemplate]] = [:]
        for row in try await self.rows("SELECT id, bodies FROM alert WHERE id = ANY(\(Array(alertIDs)))") {
            templates[try row.get("id", as: Int64.self)] = AlertDraft.templates(bodies: try row.get("bodies", as: String.self))
        }
        return templates
    }

    /// Writes a claim's decisions: one statement per kind of decision.
    func write(_ writes: ClaimWrites, leaseUntil: Int64, now: Int64) async throws {
        if !writes.sending.isEmpty {
            try await self.execute(
                """
                UPDATE outbound_message o SET status = 'sending', body = v.body, reason = NULL, attempts = v.attempts,
                    lease_until = \(leaseUntil), updated_at = \(now)
                FROM unnest(\(writes.sending.map(\.id))::bigint[], \(writes.sending.map(\.body))::text[],
                    \(writes.sending.map { Int64($0.attempts) })::bigint[]) AS v(id, body, attempts)
                WHERE o.id = v.id
                """
            )
        }
        if !writes.deferred.isEmpty {
            try await self.execute(
                """
                UPDATE outbound_message o SET status = 'deferred', send_after = v.until, reason = v.reason, updated_at = \(now)
                FROM unnest(\(writes.deferred.map(\.id))::bigint[], \(writes.deferred.map(\.until))::bigint[],
                    \(writes.deferred.map(\.reason))::text[]) AS v(id, until, reason)
                WHERE o.id = v.id
                """
            )
        }
        if !writes.closed.isEmpty {
            try await self.execute(
                """
                UPDATE outbound_message o SET status = v.status, reason = v.reason, lease_until = NULL, updated_at = \(now)
                FROM unnest(\(writes.closed.map(\.id))::bigint[], \(writes.closed.map(\.status))::text[],
                    \(writes.closed.map(\.reason))::text[]) AS v(id, status, reason)
                WHERE o.id = v.id
                """
            )
        }
        if !writes.reminded.isEmpty {
            try await self.execute("UPDATE subscriber SET last_reminder_at = \(now) WHERE id = ANY(\(writes.reminded))")
        }
    }
}
