import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres
@testable import TocsinStore

/// Alert calls for the conformance suites.
extension Scenario {
    /// `count` subscribers (Fixtures.phone(0..<count)) with texts and calls on, except number 2's calls; number 1
    /// reads French as Ana; one voice alert fanned out to them (one queued call each of 0 and 1).
    @discardableResult
    static func calls(_ store: EngineStore, count: Int = 3, target: Bool = true) async throws -> Campaign {
        var rights = Fixtures.rights
        rights.languages = ["en", "fr"]
        if target {
            rights.callTargetName = "the Minister of Justice"
            rights.callTargetNumber = "+12025550143"
        }
        let campaign = try await store.store.upsertCampaign(rights, actor: "t", now: self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: count, now: self.noon)
        try await store.execute(
            """
            INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at)
            SELECT subscriber_id, campaign_id, 'voice', 'active', 1, 0, 0 FROM subscription
            """,
            """
            UPDATE subscription SET status = 'opted_out'
            WHERE channel = 'voice' AND subscriber_id = (SELECT id FROM subscriber WHERE phone = '\(Fixtures.phone(2).e164)')
            """,
            "UPDATE subscriber SET language = 'fr', first_name = 'Ana' WHERE phone = '\(Fixtures.phone(1).e164)'"
        )
        let alert = try await store.store.createAlert(
            Alert(
                campaignID: campaign.id, name: "Call", channel: .voice, bodies: ["en": "Hello {first_name}.", "fr": "Bonjour {first_name}."],
                schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon
            ),
            now: self.noon
        )
        try await store.store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
        for id in try await store.store.unfinishedFanouts() {
            while try await !store.store.fanOut(occurrenceID: id, sender: self.sender, batchSize: 500, now: self.noon).done {}
        }
        return campaign
    }

    /// Delivered calls to Fixtures.phone(0) from another campaign, `daysAgo` days before noon.
    static func priorCalls(_ store: EngineStore, daysAgo: [Double]) async throws {
        try await store.execute(
            all: daysAgo.map { days in
                """
                INSERT INTO outbound_message (phone, from_number, kind, channel, lane, status, sent_at, created_at, updated_at)
                VALUES ('\(Fixtures.phone(0).e164)', 'x', 'alert', 'voice', 'bulk', 'delivered',
                    \(self.noon.addingTimeInterval(-days * 86_400).millisecondsSince1970), 0, 0)
                """
            }
        )
    }
}

extension EngineStore {
    /// A web opt-in with or without calls (not part of a store protocol: both stores have it).
    func requestWebOptIn(_ request: WebOptInRequest, voice: Bool) async throws -> (sms: WebOptInOutcome, voice: VoiceOptInStatus?) {
        if let sqlite = self.sqlite {
            return try await sqlite.requestWebOptIn(request, voice: voice, renderer: KindRenderer(), sender: Scenario.sender, now: Scenario.noon)
        }
        return try await self.postgres!.requestWebOptIn(request, voice: voice, renderer: KindRenderer(), sender: Scenario.sender, now: Scenario.noon)
    }
}
