import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

/// What every inbound message of one commit shares.
struct InboundContext: Sendable {
    let policy: InboundPolicy
    let renderer: any ReplyRendering
    let now: Date
}

extension PostgresSession {
    /// Applies one inbound message inside the caller's transaction (as the SQLite store's InboundApplier):
    /// dedupe by (carrier, carrier message id), read the number's state, decide, write the inbound row, the
    /// effects with their consent events, and the replies. The caller holds the number's lock.
    func applyInbound(_ work: InboundWork, _ context: InboundContext) async throws -> InboundOutcome {
        let message = work.message
        let phone = message.from.e164
        let nowMS = context.now.millisecondsSince1970
        if let id = try await self.inboundID(carrier: message.carrier, carrierMessageID: message.carrierMessageID) {
            return InboundOutcome(inboundID: id, duplicate: true, disposition: nil, replies: [])
        }
        let (state, knownSubscriber) = try await self.numberState(phone)
        var subscriberID = knownSubscriber
        let decision = context.policy.decide(
            work.classification, joinCampaign: work.joinCampaignID, state: state, carrierHandled: message.carrierHandled,
            now: context.now
        )
        let classification = work.classification
        guard
            let inboundID = try await self.value(
                """
                INSERT INTO inbound_message (carrier, carrier_message_id, from_phone, to_number, body, received_at,
                    processed_at, intent, tier, rule, language, campaign_id, disposition, carrier_handled)
                VALUES (\(message.carrier), \(message.carrierMessageID), \(phone), \(message.to), \(message.body),
                    \(message.receivedAt.millisecondsSince1970), \(nowMS), \(classification.intent.rawValue),
                    \(classification.tier.rawValue), \(classification.rule), \(classification.language), \(work.joinCampaignID),
                    \(decision.disposition.rawValue), \(message.carrierHandled?.rawValue))
                ON CONFLICT (carrier, carrier_message_id) DO NOTHING RETURNING id
                """,
                as: Int64.self
            )
        else {
            // Stored by another transaction since the check (cannot happen under the number's lock): a retry.
            let id = try await self.inboundID(carrier: message.carrier, carrierMessageID: message.carrierMessageID) ?? 0
            return InboundOutcome(inboundID: id, duplicate: true, disposition: nil, replies: [])
        }
        /// The subscriber row, created on first need with the language of this message and the number's zone.
        func ensureSubscriber(language: String?) async throws -> Int64 {
            if let subscriberID { return subscriberID }
            let id = try await self.insertSubscriber(phone, language: language, timeZone: message.from.timeZones.first, at: nowMS)
            subscriberID = id
            return id
        }
        let entry = ConsentEntry(
            phone: phone, action: .optOut, source: .keyword, keyword: classification.rule, rawText: message.body,
            tier: classification.tier.rawValue, rule: classification.rule, inboundMessageID: inboundID,
            language: decision.language, occurredAt: nowMS
        )
        var replies: [OutboundSMS] = []
        for effect in decision.effects {
            switch effect {
            case .optOutEverywhere:
                try await self.suppress(phone, source: .keyword, at: nowMS)
                try await self.append(entry)
            case .liftSuppression(let action):
                // An erased number is suppressed by its keyed hash: new express consent lifts that too.
                try await self.execute("DELETE FROM suppression WHERE phone IN (\(phone), \(self.erasedPhone(phone)))")
                var lifted = entry
                lifted.action = action
                try await self.append(lifted)
            case .activate(let campaignID, let action):
                let id = try await ensureSubscriber(language: decision.language)
                try await self.activateSubscription(subscriberID: id, campaignID: campaignID, at: nowMS)
                var activated = entry
                activated.action = action
                activated.campaignID = campaignID
                try await self.append(activated)
                if action == .confirm { try await self.confirmPendingVoice(subscriberID: id, entry: activated) }
            case .recordLanguage(let language):
                if let id = subscriberID {
                    try await self.execute("UPDATE subscriber SET language = \(language) WHERE id = \(id)")
                } else {
                    _ = try await ensureSubscriber(language: language)
                }
            case .reply(let kind, let campaignID):
                let body = context.renderer.render(kind, language: decision.language, campaignID: campaignID)
                replies.append(
                    try await self.queueReply(
                        QueuedReply(
                            to: message.from, from: message.to, body: body, kind: kind, campaignID: campaignID,
                            language: decision.language, inReplyTo: inboundID,
                            sentInline: work.replyRoute == .inline ? message.carrier : nil
                        ),
                        at: nowMS
                    )
                )
            case .openReview(let deadline):
                try await self.execute(
                    """
                    INSERT INTO review_item (phone, inbound_message_id, status, created_at, deadline_at)
                    VALUES (\(phone), \(inboundID), 'pending', \(nowMS), \(deadline.millisecondsSince1970))
                    """
                )
            }
        }
        // No separate audit row (as on SQLite): the inbound row records the text, its classification and
        // disposition, and every consent change it made is a consent event in this same transaction.
        return InboundOutcome(inboundID: inboundID, duplicate: false, disposition: decision.disposition, replies: replies)
    }

    /// The stored inbound message a carrier knows by `carrierMessageID`.
    func inboundID(carrier: String, carrierMessageID: String) async throws -> Int64? {
        try await self.value(
            "SELECT id FROM inbound_message WHERE carrier = \(carrier) AND carrier_message_id = \(carrierMessageID)", as: Int64.self
        )
    }

    /// The number's consent state and subscriber id, read inside the transaction.
    func numberState(_ phone: String) async throws -> (NumberState, subscriberID: Int64?) {
        guard
            let row = try await self.row(
                """
                SELECT (SELECT MIN(created_at) FROM suppression WHERE phone IN (\(phone), \(self.erasedPhone(phone)))) AS suppressed_at,
                    s.id, s.language
                FROM (SELECT 1) AS one LEFT JOIN subscriber s ON s.phone = \(phone)
                """
            )
        else { return (NumberState(), nil) }
        let suppressedAt = try row.get("suppressed_at", as: Int64?.self).map(Date.init(millisecondsSince1970:))
        guard let subscriberID = try row.get("id", as: Int64?.self) else { return (NumberState(suppressedAt: suppressedAt), nil) }
        let subscriptions = try await self.rows(
            "SELECT campaign_id, status, consented FROM subscription WHERE subscriber_id = \(subscriberID) AND channel = 'sms'"
        ).compactMap { row -> SubscriptionSnapshot? in
            guard let status = SubscriptionStatus(rawValue: try row.get("status")) else { return nil }
            return SubscriptionSnapshot(campaignID: try row.get("campaign_id"), status: status, consented: try row.get("consented", as: Int.self) == 1)
        }
        let language = try row.get("language", as: String?.self)
        return (NumberState(suppressedAt: suppressedAt, subscriptions: subscriptions, language: language), subscriberID)
    }

    /// Inserts a subscriber (or finds the one another writer just added) and returns its id.
    func insertSubscriber(_ phone: String, language: String?, timeZone: String?, at now: Int64) async throws -> Int64 {
        if let id = try await self.value(
            """
            INSERT INTO subscriber (phone, language, time_zone, created_at) VALUES (\(phone), \(language), \(timeZone), \(now))
            ON CONFLICT (phone) DO NOTHING RETURNING id
            """,
            as: Int64.self
        ) {
            return id
        }
        return try await self.subscriberID(for: phone, at: now)
    }

    /// Makes a text subscription active (creating it when new) and marks it as consented.
    func activateSubscription(subscriberID: Int64, campaignID: Int64, at now: Int64) async throws {
        try await self.execute(
            """
            INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
            VALUES (\(subscriberID), \(campaignID), 'sms', 'active', 1, \(now), \(now))
            ON CONFLICT (subscriber_id, campaign_id, channel)
            DO UPDATE SET status = 'active', consented = 1, joined_at = excluded.joined_at, updated_at = excluded.updated_at
            """
        )
    }

    /// After a Y confirmed a pending web opt-in: the pending voice subscription of the same campaign, if any,
    /// becomes active too, with its own ledger entry.
    func confirmPendingVoice(subscriberID: Int64, entry: ConsentEntry) async throws {
        guard let campaignID = entry.campaignID else { return }
        let changed = try await self.execute(
            """
            UPDATE subscription SET status = 'active', consented = 1, joined_at = \(entry.occurredAt), updated_at = \(entry.occurredAt)
            WHERE subscriber_id = \(subscriberID) AND campaign_id = \(campaignID) AND channel = 'voice' AND status = 'pending'
            RETURNING campaign_id
            """
        )
        guard changed > 0 else { return }
        var voice = entry
        voice.channel = Channel.voice.rawValue
        try await self.append(voice)
    }
}
