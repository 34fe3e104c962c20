import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: CallStore {
    /// Claims due alert calls (as the SQLite store's CallClaim). Candidates are selected `FOR UPDATE SKIP
    /// LOCKED`, so instances claiming at once never get the same call; the recipients' subscriber rows are then
    /// locked in id order, so the voice opt-outs and the calls counted for the per-number cap are current and
    /// two instances never both spend a number's last call.
    public func claimCalls(limit: Int, gate: SendGate, cap: CallCap, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedCall] {
        let nowMS = now.millisecondsSince1970
        let leaseUntil = nowMS + Int64(lease * 1000)
        return try await self.transaction { session in
            let paused = try await session.rows("SELECT campaign_id FROM dispatch_pause").map { try $0.get("campaign_id", as: Int64.self) }
            if paused.contains(0) { return [] }
            var order: [(campaignID: Int64, candidate: ClaimCandidate)] = []
            for row in try await session.rows(
                """
                SELECT id, phone, from_number, body, kind, channel, alert_id, language, expires_at, attempts, campaign_id
                FROM outbound_message WHERE lane = 'bulk' AND channel = 'voice' AND status IN ('queued', 'deferred')
                  AND send_after <= \(nowMS) AND campaign_id IS NOT NULL AND NOT (campaign_id = ANY(\(paused)::bigint[]))
                ORDER BY send_after, id LIMIT \(Int64(max(0, limit))) FOR UPDATE SKIP LOCKED
                """
            ) {
                let campaignID = try row.get("campaign_id", as: Int64.self)
                if let candidate = try await session.candidate(row, now: nowMS) { order.append((campaignID, candidate)) }
            }
            guard !order.isEmpty else { return [] }
            let phones = Array(Set(order.map(\.candidate.phone.e164))).sorted()
            try await session.execute("SELECT id FROM subscriber WHERE phone = ANY(\(phones)) ORDER BY id FOR UPDATE")
            let campaignIDs = Array(Set(order.map(\.campaignID)))
            var campaigns: [Int64: Campaign] = [:]
            for row in try await session.rows("SELECT * FROM campaign WHERE id = ANY(\(campaignIDs))") {
                let campaign = try Campaign(row: row)
                campaigns[campaign.id] = campaign
            }
            let states = try await session.callRecipients(order, since: nowMS - 30 * 86_400_000, capSince: nowMS - Int64(cap.window * 1000))
            let templates = try await session.templates(alertIDs: Set(order.compactMap(\.candidate.alertID)))
            var plan = CallClaimPlan(planner: ClaimPlanner(gate: gate, brand: brand, now: now), cap: cap)
            var claimed: [ClaimedCall] = []
            for (campaignID, candidate) in order {
                guard let campaign = campaigns[campaignID], let state = states[candidate.id] else { continue }
                let alertTemplates = candidate.alertID.flatMap { templates[$0] } ?? [:]
                if let call = plan.decide(candidate, state: state, campaign: campaign, templates: alertTemplates) { claimed.append(call) }
            }
            try await session.write(plan.writes, leaseUntil: leaseUntil, now: nowMS)
            return claimed
        }
    }

    public func recordCallOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws {
        let sent = outcomes.compactMap { outcome -> (Int64, String, String)? in
            guard case .sent(let carrier, let callID) = outcome.result else { return nil }
            return (outcome.id, carrier, callID)
        }
        try await self.recordOutcomes(outcomes.filter { if case .sent = $0.result { false } else { true } }, now: now)
        guard !sent.isEmpty else { return }
        let nowMS = now.millisecondsSince1970
        try await self.transaction { session in
            // A status callback may have moved the call on already (ringing, answered): keep its state.
            try await session.execute(
                """
                UPDATE outbound_message o SET status = CASE WHEN o.status = 'sending' THEN 'sent' ELSE o.status END,
                    carrier = v.carrier, carrier_message_id = v.call_id, sent_at = COALESCE(o.sent_at, \(nowMS)),
                    lease_until = NULL, updated_at = \(nowMS)
                FROM unnest(\(sent.map(\.0))::bigint[], \(sent.map(\.1))::text[], \(sent.map(\.2))::text[]) AS v(id, carrier, call_id)
                WHERE o.id = v.id
                """
            )
        }
    }
}

/// What a call claim knows about one call's recipient.
struct CallRecipient: Sendable {
    var snapshot: RecipientSnapshot
    /// The number pressed 9 before.
    var voiceSuppressed: Bool
    /// The number's alert calls of every campaign in the call cap's window (the call itself left out).
    var calls: [Date]
}

/// The pure decisions of one call claim, in candidate order; a call decided earlier in the claim counts
/// towards the campaign's frequency cap and the number's call cap of later ones (as SQLite, which writes each
/// decision before reading the next candidate's state).
struct CallClaimPlan {
    var planner: ClaimPlanner
    let cap: CallCap
    var writes = ClaimWrites()
    var decided: [String: [Date]] = [:]
    var decidedInCampaign: [String: Int] = [:]

    mutating func decide(
        _ candidate: ClaimCandidate, state: CallRecipient, campaign: Campaign, templates: [String: MessageTemplate]
    ) -> ClaimedCall? {
        let id = candidate.id
        let now = self.planner.now
        if state.voiceSuppressed {
            self.writes.closed.append((id, "suppressed", "the number asked for no more calls (pressed 9)"))
            return nil
        }
        var recipient = state.snapshot
        let campaignKey = "\(candidate.phone.e164)|\(campaign.id)"
        recipient.recentSends += Array(repeating: now, count: self.decidedInCampaign[campaignKey] ?? 0)
        let context = self.planner.context(candidate, recipient: recipient, campaign: campaign)
        var decision = self.planner.evaluate(context)
        if decision == .send {
            let calls = state.calls + (self.decided[candidate.phone.e164] ?? [])
            if let free = self.cap.freesAt(recentCalls: calls, now: now) {
                let reason = "call cap: \(self.cap.maxCalls) calls per number in \(Int(self.cap.window / 86_400)) days"
                decision = candidate.expiresAt.map { free >= $0 } ?? false
                    ? .drop(.expired, reason: "\(reason): the next allowed time is past its expiry")
                    : .deferred(until: free, reason: reason)
            }
        }
        switch decision {
        case .drop(let status, let reason):
            self.writes.closed.append((id, status.rawValue, reason))
            return nil
        case .deferred(let until, let reason):
            self.writes.deferred.append((id, until.millisecondsSince1970, reason))
            return nil
        case .send:
            break
        }
        guard let script = candidate.body ?? self.planner.render(candidate, recipient: recipient, campaign: campaign, templates: templates),
            !script.isEmpty
        else {
            self.writes.closed.append((id, "failed", "the alert has no text to read"))
            return nil
        }
        let attempts = candidate.attempts + 1
        self.writes.sending.append((id, script, attempts))
        self.decided[candidate.phone.e164, default: []].append(now)
        self.decidedInCampaign[campaignKey, default: 0] += 1
        // The language the script was rendered in (render falls back to the campaign's first language).
        var language = candidate.language ?? recipient.language ?? campaign.languages.first ?? "en"
        if candidate.alertID != nil, templates[language] == nil {
            language = campaign.languages.first { templates[$0] != nil } ?? templates.keys.sorted().first ?? language
        }
        let call = OutboundCall(
            messageID: id, to: candidate.phone, from: candidate.from, language: language, script: script, organisationName: "",
            callbackNumber: "", targetName: campaign.callTargetName, targetNumber: campaign.callTargetNumber, campaign: campaign.slug
        )
        return ClaimedCall(call: call, attempts: attempts, expiresAt: candidate.expiresAt, sendBy: self.planner.sendBy(context))
    }
}

extension PostgresSession {
    /// The state of every call's recipient in one statement, by message id: the voice subscription, this
    /// campaign's calls since `since` (frequency cap), the voice opt-out and the number's calls of every
    /// campaign since `capSince` (call cap).
    func callRecipients(_ batch: [(campaignID: Int64, candidate: ClaimCandidate)], since: Int64, capSince: Int64) async throws -> [Int64: CallRecipient] {
        var states: [Int64: CallRecipient] = [:]
        for row in try await self.rows(
            """
            SELECT q.message_id, p.id, p.first_name, p.language, p.time_zone, p.last_reminder_at, s.status,
                EXISTS (SELECT 1 FROM suppression x WHERE x.phone = q.phone) AS suppressed,
                EXISTS (SELECT 1 FROM review_item r WHERE r.phone = q.phone AND r.status = 'pending') AS review,
                ARRAY(SELECT COALESCE(o.sent_at, o.updated_at) FROM outbound_message o
                      WHERE o.phone = q.phone AND o.campaign_id = q.campaign_id AND o.lane = 'bulk' AND o.channel = 'voice'
                        AND o.id <> q.message_id AND o.status IN ('sending', 'sent', 'delivered', 'undelivered')
                        AND COALESCE(o.sent_at, o.updated_at) > \(since)) AS recent,
                (SELECT CASE WHEN c.action = 'confirm' THEN 'web_form' ELSE c.source END FROM consent_event c
                 WHERE c.phone = q.phone AND (c.campaign_id = q.campaign_id OR c.campaign_id IS NULL)
                   AND c.action IN ('opt_in_requested', 'opt_in', 'confirm', 're_opt_in', 'undo')
                 ORDER BY c.id DESC LIMIT 1) AS consent_source,
                EXISTS (SELECT 1 FROM voice_suppression v WHERE v.phone = q.phone) AS voice_suppressed,
                ARRAY(SELECT COALESCE(o.sent_at, o.updated_at) FROM outbound_message o
                      WHERE o.phone = q.phone AND o.lane = 'bulk' AND o.channel = 'voice' AND o.id <> q.message_id
                        AND o.status IN ('sending', 'sent', 'delivered', 'undelivered')
                        AND COALESCE(o.sent_at, o.updated_at) > \(capSince)) AS calls
            FROM unnest(\(batch.map(\.candidate.id))::bigint[], \(batch.map(\.candidate.phone.e164))::text[],
                \(batch.map(\.campaignID))::bigint[]) AS q(message_id, phone, campaign_id)
            LEFT JOIN subscriber p ON p.phone = q.phone
            LEFT JOIN subscription s ON s.subscriber_id = p.id AND s.campaign_id = q.campaign_id AND s.channel = 'voice'
            """
        ) {
            let snapshot = RecipientSnapshot(
                subscriberID: try row.get("id", as: Int64?.self), firstName: try row.get("first_name", as: String?.self),
                language: try row.get("language", as: String?.self), timeZone: try row.get("time_zone", as: String?.self),
                lastReminder: try row.get("last_reminder_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
                subscription: try row.get("status", as: String?.self).flatMap(SubscriptionStatus.init(rawValue:)),
                suppressed: try row.get("suppressed", as: Bool.self), pendingReview: try row.get("review", as: Bool.self),
                recentSends: try row.get("recent", as: [Int64].self).map(Date.init(millisecondsSince1970:)),
                consentSource: try row.get("consent_source", as: String?.self)
            )
            states[try row.get("message_id", as: Int64.self)] = CallRecipient(
                snapshot: snapshot, voiceSuppressed: try row.get("voice_suppressed", as: Bool.self),
                calls: try row.get("calls", as: [Int64].self).map(Date.init(millisecondsSince1970:))
            )
        }
        return states
    }
}
