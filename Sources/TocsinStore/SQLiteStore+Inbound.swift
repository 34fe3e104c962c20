import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: InboundStore {
    public func commitInbound(
        _ batch: [InboundWork],
        policy: InboundPolicy,
        renderer: any ReplyRendering,
        now: Date
    ) async throws -> [Result<InboundOutcome, StoreError>] {
        // Fast path: the whole batch in one transaction with no savepoints (a savepoint per message
        // doubles the cost: SQLite copies every page a savepoint touches to a statement journal).
        do {
            return try await self.writer.write { db in
                let applier = InboundApplier(db: db, policy: policy, renderer: renderer, now: now)
                return try batch.map { .success(try applier.apply($0)) }
            }
        } catch let error as DatabaseError where batch.count == 1 {
            return [.failure(StoreError(.invalid, error.message ?? "database error"))]
        } catch is DatabaseError {
            // Some message failed and rolled the batch back: commit each alone so it fails alone.
            var results: [Result<InboundOutcome, StoreError>] = []
            for work in batch {
                results += try await self.commitInbound([work], policy: policy, renderer: renderer, now: now)
            }
            return results
        }
    }
}

/// Applies one inbound message inside the caller's transaction.
struct InboundApplier {
    let db: Database
    let policy: InboundPolicy
    let renderer: any ReplyRendering
    let now: Date

    func apply(_ work: InboundWork) throws -> InboundOutcome {
        let message = work.message
        let phone = message.from.e164
        let nowMS = self.now.millisecondsSince1970
        let existing = try self.db.cachedStatement(
            sql: "SELECT id FROM inbound_message WHERE carrier = ? AND carrier_message_id = ?"
        )
        if let id = try Int64.fetchOne(existing, arguments: [message.carrier, message.carrierMessageID]) {
            return InboundOutcome(inboundID: id, duplicate: true, disposition: nil, replies: [])
        }
        let (state, knownSubscriber) = try self.numberState(phone)
        var subscriberID = knownSubscriber
        /// The subscriber row, created on first need with the language of this message and the number's zone.
        func ensureSubscriber(language: String?) throws -> Int64 {
            if let subscriberID { return subscriberID }
            let insert = try self.db.cachedStatement(
                sql: "INSERT INTO subscriber (phone, language, time_zone, created_at) VALUES (?, ?, ?, ?)"
            )
            try insert.execute(arguments: [phone, language, message.from.timeZones.first, nowMS])
            subscriberID = self.db.lastInsertedRowID
            return self.db.lastInsertedRowID
        }
        let decision = self.policy.decide(
            work.classification,
            joinCampaign: work.joinCampaignID,
            state: state,
            carrierHandled: message.carrierHandled,
            now: self.now
        )
        let classification = work.classification
        let insert = try self.db.cachedStatement(
            sql: """
                INSERT INTO inbound_message (carrier, carrier_message_id, from_phone, to_number, body, received_at,
                    processed_at, intent, tier, rule, language, campaign_id, disposition, carrier_handled)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        try insert.execute(arguments: [
            message.carrier, message.carrierMessageID, phone, message.to, message.body,
            message.receivedAt.millisecondsSince1970, nowMS, classification.intent.rawValue,
            classification.tier.rawValue, classification.rule, classification.language, work.joinCampaignID,
            decision.disposition.rawValue, message.carrierHandled?.rawValue,
        ])
        let inboundID = self.db.lastInsertedRowID
        var replies: [OutboundSMS] = []
        for effect in decision.effects {
            let entry = ConsentEntry(
                phone: phone, campaignID: nil, action: .optOut, source: .keyword,
                keyword: classification.rule, rawText: message.body, tier: classification.tier.rawValue,
                rule: classification.rule, inboundMessageID: inboundID, language: decision.language,
                occurredAt: nowMS
            )
            switch effect {
            case .optOutEverywhere:
                try self.db.suppress(phone, source: .keyword, at: nowMS)
                try self.db.append(entry)
            case .liftSuppression(let action):
                try self.db.run("DELETE FROM suppression WHERE phone IN (?1, \(Database.erasedPhoneSQL))", [phone])
                var lifted = entry
                lifted.action = action
                try self.db.append(lifted)
            case .activate(let campaignID, let action):
                let id = try ensureSubscriber(language: decision.language)
                try self.db.activateSubscription(subscriberID: id, campaignID: campaignID, at: nowMS)
                var activated = entry
                activated.action = action
                activated.campaignID = campaignID
                try self.db.append(activated)
                if action == .confirm { try self.db.confirmPendingVoice(subscriberID: id, entry: activated) }
            case .recordLanguage(let language):
                if let id = subscriberID {
                    try self.db.run("UPDATE subscriber SET language = ? WHERE id = ?", [language, id])
                } else {
                    _ = try ensureSubscriber(language: language)
                }
            case .reply(let kind, let campaignID):
                let body = self.renderer.render(kind, language: decision.language, campaignID: campaignID)
                let reply = try self.db.queueReply(
                    QueuedReply(
                        to: message.from, from: message.to, body: body, kind: kind, campaignID: campaignID,
                        language: decision.language, inReplyTo: inboundID,
                        sentInline: work.replyRoute == .inline ? message.carrier : nil
                    ),
                    at: nowMS, slug: campaignID.flatMap(self.renderer.campaignSlug)
                )
                replies.append(reply)
            case .openReview(let deadline):
                try self.db.run(
                    "INSERT INTO review_item (phone, inbound_message_id, status, created_at, deadline_at) VALUES (?, ?, 'pending', ?, ?)",
                    [phone, inboundID, nowMS, deadline.millisecondsSince1970]
                )
            }
        }
        // No separate audit row: the inbound row records the text, its classification and disposition, and
        // every consent change it made is a consent event (chained in the ledger) in this same transaction.
        return InboundOutcome(inboundID: inboundID, duplicate: false, disposition: decision.disposition, replies: replies)
    }

    /// The number's consent state, read inside the transaction.
    func numberState(_ phone: String) throws -> (NumberState, subscriberID: Int64?) {
        let lookup = try self.db.cachedStatement(
            sql: """
                SELECT (SELECT MIN(created_at) FROM suppression WHERE phone IN (?1, \(Database.erasedPhoneSQL))), id, language
                FROM (SELECT 1) LEFT JOIN subscriber ON subscriber.phone = ?1
                """
        )
        guard let row = try Row.fetchOne(lookup, arguments: [phone]) else { return (NumberState(), nil) }
        let suppressedAt = (row[0] as Int64?).map { Date(millisecondsSince1970: $0) }
        guard let subscriberID = row[1] as Int64? else { return (NumberState(suppressedAt: suppressedAt), nil) }
        let subscriptions = try self.db.cachedStatement(
            sql: "SELECT campaign_id, status, consented FROM subscription WHERE subscriber_id = ? AND channel = 'sms'"
        )
        let snapshots = try Row.fetchAll(subscriptions, arguments: [subscriberID]).compactMap { row -> SubscriptionSnapshot? in
            guard let status = SubscriptionStatus(rawValue: row[1]) else { return nil }
            return SubscriptionSnapshot(campaignID: row[0], status: status, consented: row[2])
        }
        return (NumberState(suppressedAt: suppressedAt, subscriptions: snapshots, language: row[2]), subscriberID)
    }
}

extension Database {
    /// Makes a subscription active (creating it when new) and marks it as consented.
    func activateSubscription(subscriberID: Int64, campaignID: Int64, at now: Int64) throws {
        let statement = try self.cachedStatement(
            sql: """
                INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
                VALUES (?, ?, 'sms', 'active', 1, ?, ?)
                ON CONFLICT (subscriber_id, campaign_id, channel)
                DO UPDATE SET status = 'active', consented = 1, joined_at = excluded.joined_at, updated_at = excluded.updated_at
                """
        )
        try statement.execute(arguments: [subscriberID, campaignID, now, now])
    }
}
