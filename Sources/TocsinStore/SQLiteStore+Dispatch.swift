import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: DispatchStore {
    public func claimBulk(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedMessage] {
        try await self.writer.write { db in
            var claim = BulkClaim(db: db, gate: gate, brand: brand, now: now, lease: lease, links: self.links)
            return try claim.run(limit: limit)
        }
    }
}

/// One claim transaction: picks due bulk rows round-robin across campaigns, reads their recipients' state in
/// a few set-based statements, runs the ``ClaimPlanner`` on each and writes the decisions in batches.
struct BulkClaim {
    /// The outbox columns a candidate is read from (calls add the campaign id after them).
    static let candidateColumns = "id, phone, from_number, body, kind, channel, alert_id, language, expires_at, attempts"

    let db: Database
    let nowMS: Int64
    let leaseMS: Int64
    var planner: ClaimPlanner
    var templates: [Int64: [String: MessageTemplate]] = [:]

    init(db: Database, gate: SendGate, brand: String, now: Date, lease: TimeInterval, links: UnsubscribeLinks? = nil) {
        self.db = db
        self.nowMS = now.millisecondsSince1970
        self.leaseMS = Int64(lease * 1000)
        self.planner = ClaimPlanner(gate: gate, brand: brand, now: now)
        if let links { self.planner.unsubscribeURL = { id, now in links.url(subscriberID: id, now: now) } }
    }

    mutating func run(limit: Int) throws -> [ClaimedMessage] {
        let paused = Set(try Int64.fetchAll(self.db, sql: "SELECT campaign_id FROM dispatch_pause"))
        if paused.contains(0) { return [] }
        let campaigns = try Row.fetchAll(self.db, sql: "SELECT * FROM campaign ORDER BY id").map(Campaign.init(row:))
            .filter { !paused.contains($0.id) }
        var queues: [(Campaign, [ClaimCandidate])] = []
        for campaign in campaigns {
            var candidates: [ClaimCandidate] = []
            for status in ["queued", "deferred"] where candidates.count < limit {
                let cursor = try Row.fetchCursor(
                    self.db.cachedStatement(
                        sql: """
                            SELECT \(Self.candidateColumns) FROM outbound_message
                            WHERE campaign_id = ? AND status = ? AND send_after <= ? AND lane = 'bulk' AND channel = 'sms'
                            ORDER BY send_after, id LIMIT ?
                            """
                    ),
                    arguments: [campaign.id, status, self.nowMS, limit - candidates.count]
                )
                while let row = try cursor.next() {
                    if let candidate = try self.candidate(row) { candidates.append(candidate) }
                }
            }
            if !candidates.isEmpty { queues.append((campaign, candidates)) }
        }
        // Round-robin: one row of each campaign in turn, so a big broadcast does not starve a small one.
        let order = RoundRobin.interleave(queues, limit: limit).map { (campaign: $0.0, candidate: $0.1) }
        let states = try RecipientState.fetch(
            self.db, candidates: order.map { ($0.campaign.id, $0.candidate) }, since: self.nowMS - 30 * 86_400_000
        )
        var claimed: [ClaimedMessage] = []
        var sending: [(id: Int64, body: String, attempts: Int)] = []
        var reminded: Set<Int64> = []
        // Sends decided earlier in this claim count towards the caps of later messages to the same number.
        var decided: [String: Int] = [:]
        for (campaign, candidate) in order {
            var recipient = states[candidate.id] ?? RecipientSnapshot()
            let key = "\(candidate.phone.e164)|\(campaign.id)"
            if let earlier = decided[key] { recipient.recentSends += Array(repeating: self.planner.now, count: earlier) }
            if let id = recipient.subscriberID, reminded.contains(id) { recipient.lastReminder = self.planner.now }
            let templates = try self.templates(alertID: candidate.alertID)
            switch self.planner.decide(candidate, recipient: recipient, campaign: campaign, templates: templates) {
            case .close(let status, let reason):
                try self.db.close(candidate.id, status: status, reason: reason, at: self.nowMS)
            case .deferred(let until, let reason):
                try self.db.defer(candidate.id, until: until, reason: reason, at: self.nowMS)
            case .send(let body, let attempts, let remind):
                if remind, let subscriberID = recipient.subscriberID { reminded.insert(subscriberID) }
                decided[key, default: 0] += 1
                sending.append((candidate.id, body, attempts))
                let sms = OutboundSMS(id: candidate.id, to: candidate.phone, from: candidate.from, body: body, kind: candidate.kind, campaign: campaign.slug)
                claimed.append(ClaimedMessage(sms: sms, attempts: attempts, expiresAt: candidate.expiresAt))
            }
        }
        try self.markSending(sending)
        try self.markReminded(reminded.sorted())
        return claimed
    }

    /// Decodes a candidate row (``candidateColumns``); a row that cannot be read is closed as failed.
    func candidate(_ row: Row) throws -> ClaimCandidate? {
        let id: Int64 = row[0]
        guard let phone = PhoneNumber(stored: row[1]), let kind = MessageKind(rawValue: row[4]) else {
            try self.db.close(id, status: "failed", reason: "invalid stored message", at: self.nowMS)
            return nil
        }
        return ClaimCandidate(
            id: id, phone: phone, from: row[2], body: row[3], kind: kind, channel: Channel(rawValue: row[5]) ?? .sms,
            alertID: row[6], language: row[7], expiresAt: (row[8] as Int64?).map(Date.init(millisecondsSince1970:)), attempts: row[9]
        )
    }

    /// The alert's parsed bodies by language, read once per claim.
    mutating func templates(alertID: Int64?) throws -> [String: MessageTemplate] {
        guard let alertID else { return [:] }
        if let known = self.templates[alertID] { return known }
        let json = try String.fetchOne(self.db, sql: "SELECT bodies FROM alert WHERE id = ?", arguments: [alertID]) ?? "{}"
        let bodies = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        let templates = bodies.compactMapValues { try? MessageTemplate($0, allowedPlaceholders: AlertDraft.placeholders) }
        self.templates[alertID] = templates
        return templates
    }

    /// Leases the allowed messages with their rendered bodies, up to 100 rows per statement.
    func markSending(_ rows: [(id: Int64, body: String, attempts: Int)]) throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 100, rows.count)]
            let values = SQLValues.placeholders(rows: chunk.count, columns: 3, first: 3)
            var arguments: [(any DatabaseValueConvertible)?] = [self.nowMS + self.leaseMS, self.nowMS]
            arguments.reserveCapacity(2 + 3 * chunk.count)
            for row in chunk {
                arguments.append(row.id)
                arguments.append(row.body)
                arguments.append(row.attempts)
            }
            try self.db.cachedStatement(
                sql: """
                    WITH v(id, body, attempts) AS (VALUES \(values))
                    UPDATE outbound_message SET status = 'sending', body = v.body, reason = NULL, attempts = v.attempts,
                        lease_until = ?1, updated_at = ?2
                    FROM v WHERE outbound_message.id = v.id
                    """
            ).execute(arguments: StatementArguments(arguments))
            start += chunk.count
        }
    }

    /// Stamps the subscribers whose message carries the opt-out reminder.
    func markReminded(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try self.db.execute(
            sql: "UPDATE subscriber SET last_reminder_at = ? WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [self.nowMS, "[" + ids.map(String.init).joined(separator: ",") + "]"]
        )
    }
}

extension Database {
    /// Leaves a message for later with the gate's reason.
    func `defer`(_ id: Int64, until: Date, reason: String, at nowMS: Int64) throws {
        try self.run(
            "UPDATE outbound_message SET status = 'deferred', send_after = ?, reason = ?, updated_at = ? WHERE id = ?",
            [until.millisecondsSince1970, reason, nowMS, id]
        )
    }
}
