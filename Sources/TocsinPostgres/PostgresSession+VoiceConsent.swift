import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresSession {
    /// Whether `phone` asked for no more calls (press 9).
    func isVoiceSuppressed(_ phone: String) async throws -> Bool {
        try await self.value("SELECT EXISTS (SELECT 1 FROM voice_suppression WHERE phone = \(phone))", as: Bool.self) ?? false
    }

    /// Records a refused web opt-in for calls (suppressed number).
    func refuseVoiceOptIn(_ entry: ConsentEntry) async throws -> VoiceOptInStatus {
        var refused = entry
        refused.channel = Channel.voice.rawValue
        refused.action = .optInRefusedSuppressed
        try await self.append(refused)
        return .refused
    }

    /// A web opt-in for calls: the voice subscription is pending until the handset confirms with Y, or active
    /// at once when the number already confirmed it for this campaign. A number that pressed 9 is recorded and
    /// refused. (The caller holds the subscriber's row lock.)
    func webOptInVoice(_ entry: ConsentEntry, subscriberID: Int64, handsetConfirmed: Bool, actor: String) async throws -> VoiceOptInStatus {
        guard let campaignID = entry.campaignID else { return .refused }
        if try await self.isVoiceSuppressed(entry.phone) { return try await self.refuseVoiceOptIn(entry) }
        let current = try await self.value(
            "SELECT status FROM subscription WHERE subscriber_id = \(subscriberID) AND campaign_id = \(campaignID) AND channel = 'voice'",
            as: String.self
        )
        if current == "active" { return .active }
        var voice = entry
        voice.channel = Channel.voice.rawValue
        voice.action = handsetConfirmed ? .optIn : .optInRequested
        let status = handsetConfirmed ? "active" : "pending"
        let joinedAt: Int64? = handsetConfirmed ? entry.occurredAt : nil
        try await self.execute(
            """
            INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
            VALUES (\(subscriberID), \(campaignID), 'voice', \(status), \(handsetConfirmed ? 1 : 0), \(joinedAt), \(entry.occurredAt))
            ON CONFLICT (subscriber_id, campaign_id, channel) DO UPDATE SET status = excluded.status,
                consented = excluded.consented, joined_at = excluded.joined_at, updated_at = excluded.updated_at
            """
        )
        try await self.append(voice)
        try await self.audit("optin.web.voice_\(status)", actor: actor, subject: "campaign:\(campaignID)", detail: nil, at: entry.occurredAt)
        return handsetConfirmed ? .active : .pending
    }
}
