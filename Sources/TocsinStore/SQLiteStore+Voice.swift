import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: CallStore {
    public func claimCalls(limit: Int, gate: SendGate, cap: CallCap, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedCall] {
        try await self.writer.write { db in
            var claim = CallClaim(bulk: BulkClaim(db: db, gate: gate, brand: brand, now: now, lease: lease), cap: cap)
            return try claim.run(limit: limit)
        }
    }

    public func recordCallOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws {
        let sent = outcomes.compactMap { outcome -> (Int64, String, String)? in
            guard case .sent(let carrier, let callID) = outcome.result else { return nil }
            return (outcome.id, carrier, callID)
        }
        try await self.recordOutcomes(outcomes.filter { if case .sent = $0.result { false } else { true } }, now: now)
        guard !sent.isEmpty else { return }
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            for (id, carrier, callID) in sent {
                // A status callback may have moved the call on already (ringing, answered): keep its state.
                try db.run(
                    """
                    UPDATE outbound_message SET status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END,
                        carrier = ?, carrier_message_id = ?, sent_at = COALESCE(sent_at, ?), lease_until = NULL, updated_at = ?
                    WHERE id = ?
                    """,
                    [carrier, callID, nowMS, nowMS, id]
                )
            }
        }
    }
}

/// One call-claim transaction: due alert calls in send order, each through the gate, the voice opt-outs
/// and the per-number call cap. Reuses the SMS claim's rendering and zone lookups.
struct CallClaim {
    var bulk: BulkClaim
    let cap: CallCap
    var campaigns: [Int64: Campaign] = [:]

    mutating func run(limit: Int) throws -> [ClaimedCall] {
        let db = self.bulk.db
        let paused = Set(try Int64.fetchAll(db, sql: "SELECT campaign_id FROM dispatch_pause"))
        if paused.contains(0) { return [] }
        // The columns of BulkClaim's rows (so its render works), then the campaign.
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(BulkClaim.candidateColumns), campaign_id
                    FROM outbound_message WHERE lane = 'bulk' AND channel = 'voice' AND status IN ('queued', 'deferred')
                      AND send_after <= ? ORDER BY send_after, id LIMIT ?
                    """
            ),
            arguments: [self.bulk.nowMS, limit]
        )
        var claimed: [ClaimedCall] = []
        for row in rows {
            guard let campaignID = row[10] as Int64?, !paused.contains(campaignID) else { continue }
            if self.campaigns[campaignID] == nil {
                self.campaigns[campaignID] = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [campaignID]).map(Campaign.init(row:))
            }
            guard let campaign = self.campaigns[campaignID] else { continue }
            if let call = try self.evaluate(row, campaign: campaign) { claimed.append(call) }
        }
        return claimed
    }

    mutating func evaluate(_ row: Row, campaign: Campaign) throws -> ClaimedCall? {
        let db = self.bulk.db
        let nowMS = self.bulk.nowMS
        guard let candidate = try self.bulk.candidate(row) else { return nil }
        let id = candidate.id
        // RecipientState's columns (campaign caps count this campaign's calls), then the voice opt-out and
        // the number's calls of every campaign in the cap's window.
        let state = try Row.fetchOne(
            db.cachedStatement(
                sql: RecipientState.sql(
                    sameChannelOnly: true,
                    extraColumns: """
                        ,
                            EXISTS (SELECT 1 FROM voice_suppression v WHERE v.phone = q.phone) AS voice_suppressed,
                            (SELECT group_concat(COALESCE(o.sent_at, o.updated_at)) FROM outbound_message o INDEXED BY outbound_by_phone
                             WHERE o.phone = q.phone AND o.lane = 'bulk' AND o.channel = 'voice' AND o.id <> ?4
                               AND o.status IN ('sending', 'sent', 'delivered', 'undelivered')
                               AND COALESCE(o.sent_at, o.updated_at) > ?6) AS calls
                        """
                )
            ),
            arguments: [
                candidate.phone.e164, campaign.id, Channel.voice.rawValue, id, nowMS - 30 * 86_400_000, nowMS - Int64(self.cap.window * 1000),
            ]
        )
        let recipient = RecipientState.snapshot(state)
        if state.flatMap({ $0[10] as Bool? }) ?? false {
            try db.close(id, status: "suppressed", reason: "the number asked for no more calls (pressed 9)", at: nowMS)
            return nil
        }
        let expiresAt = candidate.expiresAt
        let context = self.bulk.planner.context(candidate, recipient: recipient, campaign: campaign)
        var decision = self.bulk.planner.evaluate(context)
        if decision == .send {
            let calls = (state.flatMap { $0[11] as String? } ?? "").split(separator: ",").compactMap { Int64($0) }
            if let free = self.cap.freesAt(recentCalls: calls.map(Date.init(millisecondsSince1970:)), now: self.bulk.planner.now) {
                let reason = "call cap: \(self.cap.maxCalls) calls per number in \(Int(self.cap.window / 86_400)) days"
                decision = expiresAt.map { free >= $0 } ?? false
                    ? .drop(.expired, reason: "\(reason): the next allowed time is past its expiry")
                    : .deferred(until: free, reason: reason)
            }
        }
        switch decision {
        case .drop(let status, let reason):
            try db.close(id, status: status.rawValue, reason: reason, at: nowMS)
            return nil
        case .deferred(let until, let reason):
            try db.defer(id, until: until, reason: reason, at: nowMS)
            return nil
        case .send:
            break
        }
        let templates = try self.bulk.templates(alertID: candidate.alertID)
        var script = candidate.body
        if script == nil { script = self.bulk.planner.render(candidate, recipient: recipient, campaign: campaign, templates: templates) }
        guard let script, !script.isEmpty else {
            try db.close(id, status: "failed", reason: "the alert has no text to read", at: nowMS)
            return nil
        }
        let attempts = candidate.attempts + 1
        try db.run(
            """
            UPDATE outbound_message SET status = 'sending', body = ?, reason = NULL, attempts = ?, lease_until = ?,
                updated_at = ? WHERE id = ?
            """,
            [script, attempts, nowMS + self.bulk.leaseMS, nowMS, id]
        )
        // The language the script was rendered in (render falls back to the campaign's first language).
        var language = candidate.language ?? recipient.language ?? campaign.languages.first ?? "en"
        if candidate.alertID != nil, templates[language] == nil {
            language = campaign.languages.first { templates[$0] != nil } ?? templates.keys.sorted().first ?? language
        }
        let call = OutboundCall(
            messageID: id, to: candidate.phone, from: candidate.from, language: language, script: script, organisationName: "",
            callbackNumber: "", targetName: campaign.callTargetName, targetNumber: campaign.callTargetNumber, campaign: campaign.slug
        )
        return ClaimedCall(call: call, attempts: attempts, expiresAt: expiresAt, sendBy: self.bulk.planner.sendBy(context))
    }
}
