import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
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
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let phone = request.phone.e164
            guard
                let campaignID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM campaign WHERE slug = ? AND status = 'active'", arguments: [request.campaignSlug]
                )
            else { throw StoreError(.notFound, "no active campaign with slug '\(request.campaignSlug)'") }
            var entry = ConsentEntry(webOptIn: request, campaignID: campaignID, at: nowMS)
            if try db.isSuppressed(phone) {
                entry.action = .optInRefusedSuppressed
                try db.append(entry)
                try db.audit("optin.web.suppressed", actor: request.actor, subject: "campaign:\(request.campaignSlug)", detail: nil, at: nowMS)
                let voiceStatus: VoiceOptInStatus? = try voice ? db.refuseVoiceOptIn(entry) : nil
                return (WebOptInOutcome(status: .suppressed, prompt: nil), voiceStatus)
            }
            let subscriberID = try db.subscriberID(for: phone, at: nowMS)
            let status = try String.fetchOne(
                db,
                sql: "SELECT status FROM subscription WHERE subscriber_id = ? AND campaign_id = ? AND channel = 'sms'",
                arguments: [subscriberID, campaignID]
            )
            switch status.flatMap(SubscriptionStatus.init(rawValue:)) {
            case .active:
                let voiceStatus: VoiceOptInStatus? = try voice ? db.webOptInVoice(entry, subscriberID: subscriberID, handsetConfirmed: true, actor: request.actor) : nil
                return (WebOptInOutcome(status: .alreadyActive, prompt: nil), voiceStatus)
            case .pending:
                let voiceStatus: VoiceOptInStatus? = try voice ? db.webOptInVoice(entry, subscriberID: subscriberID, handsetConfirmed: false, actor: request.actor) : nil
                return (WebOptInOutcome(status: .alreadyPending, prompt: nil), voiceStatus)
            case .optedOut, nil: break
            }
            try db.execute(
                sql: """
                    INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, updated_at)
                    VALUES (?, ?, 'sms', 'pending', 0, ?)
                    ON CONFLICT (subscriber_id, campaign_id, channel) DO UPDATE SET status = 'pending', updated_at = excluded.updated_at
                    """,
                arguments: [subscriberID, campaignID, nowMS]
            )
            try db.execute(
                sql: "UPDATE subscriber SET language = ?, first_name = COALESCE(?, first_name) WHERE id = ?",
                arguments: [request.language, request.firstName, subscriberID]
            )
            try db.append(entry)
            let voiceStatus: VoiceOptInStatus? = try voice ? db.webOptInVoice(entry, subscriberID: subscriberID, handsetConfirmed: false, actor: request.actor) : nil
            let body = renderer.render(.doubleOptInPrompt, language: request.language, campaignID: campaignID)
            let prompt = try db.queueReply(
                QueuedReply(
                    to: request.phone, from: sender, body: body, kind: .doubleOptInPrompt, campaignID: campaignID,
                    language: request.language, inReplyTo: nil, sentInline: nil
                ),
                at: nowMS
            )
            try db.audit("optin.web.pending", actor: request.actor, subject: "campaign:\(request.campaignSlug)", detail: nil, at: nowMS)
            return (WebOptInOutcome(status: .pending, prompt: prompt), voiceStatus)
        }
    }
}
