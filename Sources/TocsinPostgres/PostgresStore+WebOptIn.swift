import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore {
    /// A web opt-in for texts.
    public func requestWebOptIn(
        _ request: WebOptInRequest,
        renderer: any ReplyRendering,
        sender: String,
        now: Date
    ) async throws -> WebOptInOutcome {
        try await self.requestWebOptIn(request, voice: false, renderer: renderer, sender: sender, now: now).sms
    }

    /// A web opt-in for texts and, with `voice`, for alert calls too (see ``VoiceOptInStatus``), in one
    /// transaction.
    public func requestWebOptIn(
        _ request: WebOptInRequest,
        voice: Bool,
        renderer: any ReplyRendering,
        sender: String,
        now: Date
    ) async throws -> (sms: WebOptInOutcome, voice: VoiceOptInStatus?) {
        let nowMS = now.millisecondsSince1970
        let phone = request.phone.e164
        return try await self.transaction { session in
            guard
                let campaignID = try await session.value(
                    "SELECT id FROM campaign WHERE slug = \(request.campaignSlug) AND status = 'active'", as: Int64.self
                )
            else { throw StoreError(.notFound, "no active campaign with slug '\(request.campaignSlug)'") }
            var entry = ConsentEntry(webOptIn: request, campaignID: campaignID, at: nowMS)
            if try await session.isSuppressed(phone) {
                entry.action = .optInRefusedSuppressed
                try await session.append(entry)
                try await session.audit(
                    "optin.web.suppressed", actor: request.actor, subject: "campaign:\(request.campaignSlug)", detail: nil, at: nowMS
                )
                let voiceStatus: VoiceOptInStatus? = voice ? try await session.refuseVoiceOptIn(entry) : nil
                return (WebOptInOutcome(status: .suppressed, prompt: nil), voiceStatus)
            }
            let subscriberID = try await session.subscriberID(for: phone, at: nowMS)
            // The subscriber's row lock serializes two instances handling opt-ins of one number at once: the
            // second reads the subscription the first wrote, so one prompt goes out.
            try await session.execute("SELECT id FROM subscriber WHERE id = \(subscriberID) FOR UPDATE")
            let status = try await session.value(
                """
                SELECT status FROM subscription WHERE subscriber_id = \(subscriberID) AND campaign_id = \(campaignID)
                    AND channel = 'sms'
                """,
                as: String.self
            )
            switch status.flatMap(SubscriptionStatus.init(rawValue:)) {
            case .active:
                let voiceStatus: VoiceOptInStatus? = voice
                    ? try await session.webOptInVoice(entry, subscriberID: subscriberID, handsetConfirmed: true, actor: request.actor) : nil
                return (WebOptInOutcome(status: .alreadyActive, prompt: nil), voiceStatus)
            case .pending:
                let voiceStatus: VoiceOptInStatus? = voice
                    ? try await session.webOptInVoice(entry, subscriberID: subscriberID, handsetConfirmed: false, actor: request.actor) : nil
                return (WebOptInOutcome(status: .alreadyPending, prompt: nil), voiceStatus)
            case .optedOut, nil: break
            }
            try await session.execute(
                """
                INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, updated_at)
                VALUES (\(subscriberID), \(campaignID), 'sms', 'pending', 0, \(nowMS))
                ON CONFLICT (subscriber_id, campaign_id, channel) DO UPDATE SET status = 'pending', updated_at = excluded.updated_at
                """
            )
            try await session.execute(
                """
                UPDATE subscriber SET language = \(request.language), first_name = COALESCE(\(request.firstName), first_name)
                WHERE id = \(subscriberID)
                """
            )
            try await session.append(entry)
            let voiceStatus: VoiceOptInStatus? = voice
                ? try await session.webOptInVoice(entry, subscriberID: subscriberID, handsetConfirmed: false, actor: request.actor) : nil
            let body = renderer.render(.doubleOptInPrompt, language: request.language, campaignID: campaignID)
            let prompt = try await session.queueReply(
                QueuedReply(
                    to: request.phone, from: sender, body: body, kind: .doubleOptInPrompt, campaignID: campaignID,
                    language: request.language
                ),
                at: nowMS
            )
            try await session.audit(
                "optin.web.pending", actor: request.actor, subject: "campaign:\(request.campaignSlug)", detail: nil, at: nowMS
            )
            return (WebOptInOutcome(status: .pending, prompt: prompt), voiceStatus)
        }
    }
}
