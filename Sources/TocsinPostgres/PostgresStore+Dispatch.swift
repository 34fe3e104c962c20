import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: DispatchStore {
    /// Several `tocsin serve` instances may share the database: recovery takes expired leases only, and runs
    /// periodically on every instance.
    public var isSharedByInstances: Bool { true }

    /// Claims due bulk texts. Candidates are selected `FOR UPDATE SKIP LOCKED`, so instances claiming at the
    /// same time never get the same message; the recipients' subscriber rows are then locked in id order, so
    /// the recipient state the decisions read (suppression, review, subscription, recent sends, consent
    /// source) is current and two instances never both spend a number's last cap slot. The state of the whole
    /// batch is read in one statement and the decisions are written in a few set-based ones.
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
            // Round-robin: one row of each campaign in turn, so a big broadcast does not starve a small one.
            let order = RoundRobin.interleave(queues, limit: limit).map { (campaign: $0.0, candidate: $0.1) }
            guard !order.isEmpty else { return [] }
            let phones = Array(Set(order.map(\.candidate.phone.e164))).sorted()
            try await session.execute("SELECT id FROM subscriber WHERE phone = ANY(\(phones)) ORDER BY id FOR UPDATE")
            let states = try await session.recipients(order.map { ($0.campaign.id, $0.candidate) }, since: nowMS - 30 * 86_400_000)
            let templates = try await session.templates(alertIDs: Set(order.compactMap(\.candidate.alertID)))
            var planner = ClaimPlanner(gate: gate, brand: brand, now: now)
            if let links = self.links { planner.unsubscribeURL = { id, now in links.url(subscriberID: id, now: now) } }
            var writes = ClaimWrites()
            var claimed: [ClaimedMessage] = []
            // Sends decided earlier in this claim count towards the caps of later messages to the same number.
            var decided: [String: Int] = [:]
            var reminded: Set<Int64> = []
            for (campaign, candidate) in order {
                var recipient = states[candidate.id] ?? RecipientSnapshot()
                let key = "\(candidate.phone.e164)|\(campaign.id)"
                if let earlier = decided[key] { recipient.recentSends += Array(repeating: now, count: earlier) }
                if let id = recipient.subscriberID, reminded.contains(id) { recipient.lastReminder = now }
                let alertTemplates = candidate.alertID.flatMap { templates[$0] } ?? [:]
                switch planner.decide(candidate, recipient: recipient, campaign: campaign, templates: alertTemplates) {
                case .close(let status, let reason):
                    writes.closed.append((candidate.id, status, reason))
                case .deferred(let until, let reason):
                    writes.deferred.append((candidate.id, until.millisecondsSince1970, reason))
                case .send(let body, let attempts, let remind, let sendBy):
                    if remind, let subscriberID = recipient.subscriberID { reminded.insert(subscriberID) }
                    decided[key, default: 0] += 1
                    writes.sending.append((candidate.id, body, attempts))
                    let sms = OutboundSMS(
                        id: candidate.id, to: candidate.phone, from: candidate.from, body: body, kind: candidate.kind, campaign: campaign.slug
                    )
                    claimed.append(ClaimedMessage(sms: sms, attempts: attempts, expiresAt: candidate.expiresAt, sendBy: sendBy))
                }
            }
            writes.reminded = reminded.sorted()
            try await session.write(writes, leaseUntil: leaseUntil, now: nowMS)
            return claimed
        }
    }
}
