import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// Shared setup for the conformance suites.
enum Scenario {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)
    static let sender = "+14155550100"

    /// A campaign with `count` seeded subscribers and one alert fanned out to them (one queued row each).
    @discardableResult
    static func fannedOut(
        _ store: EngineStore, count: Int = 3, campaign: Campaign = Fixtures.rights, firstLine: Int = 2_000_000,
        bodies: [String: String] = ["en": "Hi {first_name}", "fr": "Salut {first_name}"]
    ) async throws -> (campaign: Campaign, alert: Alert) {
        let saved = try await store.store.upsertCampaign(campaign, actor: "t", now: self.noon)
        try await store.seedSubscribers(campaignID: saved.id, count: count, firstLine: firstLine, now: self.noon)
        let alert = try await self.alert(store, campaign: saved, bodies: bodies)
        return (saved, alert)
    }

    /// A once-alert of `campaign` at noon, materialised and fanned out to its active subscribers.
    static func alert(_ store: EngineStore, campaign: Campaign, bodies: [String: String] = ["en": "Hi {first_name}"]) async throws -> Alert {
        let alert = try await store.store.createAlert(
            Alert(campaignID: campaign.id, name: "A", bodies: bodies, schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon),
            now: self.noon
        )
        try await store.store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
        for id in try await store.store.unfinishedFanouts() {
            while try await !store.store.fanOut(occurrenceID: id, sender: self.sender, batchSize: 100, now: self.noon).done {}
        }
        return alert
    }
}
