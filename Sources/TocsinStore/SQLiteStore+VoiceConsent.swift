import Foundation
import GRDB
import TocsinCore

extension Database {
    /// Stores a campaign's patch-through target (in the caller's transaction).
    func saveCallTarget(_ campaign: Campaign, id: Int64) throws {
        try self.run(
            "UPDATE campaign SET call_target_name = ?, call_target_number = ? WHERE id = ?",
            [campaign.callTargetName, campaign.callTargetNumber, id]
        )
    }

    /// Whether `phone` asked for no more calls (press 9).
    func isVoiceSuppressed(_ phone: String) throws -> Bool {
        try Bool.fetchOne(self.cachedStatement(sql: "SELECT 1 FROM voice_suppression WHERE phone = ?"), arguments: [phone]) ?? false
    }

    /// Records a refused web opt-in for calls (suppressed number).
    func refuseVoiceOptIn(_ entry: ConsentEntry) throws -> VoiceOptInStatus {
        var refused = entry
        refused.channel = Channel.voice.rawValue
        refused.action = .optInRefusedSuppressed
        try self.append(refused)
        return .refused
    }

    /// A web opt-in for calls: the voice subscription is pending until the handset confirms with Y, or
    /// active at once when the number already confirmed it for this campaign. A number that pressed 9 is
    /// recorded and refused.
    func webOptInVoice(_ entry: ConsentEntry, subscriberID: Int64, handsetConfirmed: Bool, actor: String) throws -> VoiceOptInStatus {
        guard let campaignID = entry.campaignID else { return .refused }
        if try self.isVoiceSuppressed(entry.phone) { return try self.refuseVoiceOptIn(entry) }
        let current = try String.fetchOne(
            self, sql: "SELECT status FROM subscription WHERE subscriber_id = ? AND campaign_id = ? AND channel = 'voice'",
            arguments: [subscriberID, campaignID]
        )
        if current == "active" { return .active }
        var voice = entry
        voice.channel = Channel.voice.rawValue
        voice.action = handsetConfirmed ? .optIn : .optInRequested
        let status = handsetConfirmed ? "active" : "pending"
        try self.run(
            """
            INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
            VALUES (?, ?, 'voice', ?, ?, ?, ?)
            ON CONFLICT (subscriber_id, campaign_id, channel) DO UPDATE SET status = excluded.status,
                consented = excluded.consented, joined_at = excluded.joined_at, updated_at = excluded.updated_at
            """,
            [subscriberID, campaignID, status, handsetConfirmed, handsetConfirmed ? entry.occurredAt : nil, entry.occurredAt]
        )
        try self.append(voice)
        try self.audit("optin.web.voice_\(status)", actor: actor, subject: "campaign:\(campaignID)", detail: nil, at: entry.occurredAt)
        return handsetConfirmed ? .active : .pending
    }

    /// After a Y confirmed a pending web opt-in: the pending voice subscription of the same campaign, if
    /// any, becomes active too, with its own ledger entry.
    func confirmPendingVoice(subscriberID: Int64, entry: ConsentEntry) throws {
        guard let campaignID = entry.campaignID else { return }
        try self.run(
            """
            UPDATE subscription SET status = 'active', consented = 1, joined_at = ?, updated_at = ?
            WHERE subscriber_id = ? AND campaign_id = ? AND channel = 'voice' AND status = 'pending'
            """,
            [entry.occurredAt, entry.occurredAt, subscriberID, campaignID]
        )
        guard self.changesCount > 0 else { return }
        var voice = entry
        voice.channel = Channel.voice.rawValue
        try self.append(voice)
    }
}
