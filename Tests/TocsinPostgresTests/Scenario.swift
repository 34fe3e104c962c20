import Foundation
import Testing
import TocsinCore
import TocsinPostgres
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
        bodies: [String: String] = ["en": "Hi {first_name}", "fr": "Salut {first_name}"], fanOutBatch: Int = 100
    ) async throws -> (campaign: Campaign, alert: Alert) {
        let saved = try await store.store.upsertCampaign(campaign, actor: "t", now: self.noon)
        try await store.seedSubscribers(campaignID: saved.id, count: count, firstLine: firstLine, now: self.noon)
        let alert = try await self.alert(store, campaign: saved, bodies: bodies, fanOutBatch: fanOutBatch)
        return (saved, alert)
    }

    /// The same on a PostgreSQL store alone (the suites of PostgreSQL's own behaviour): the campaign `rights`,
    /// subscribers `Fixtures.phone(0..<count)`, one alert with an English `body`.
    @discardableResult
    static func fannedOut(_ postgres: PostgresStore, count: Int, body: String, fanOutBatch: Int) async throws -> (campaign: Campaign, alert: Alert) {
        try await self.fannedOut(
            EngineStore(engine: .postgres, sqlite: nil, postgres: postgres), count: count, bodies: ["en": body], fanOutBatch: fanOutBatch
        )
    }

    /// A once-alert of `campaign` at noon, materialised and fanned out to its active subscribers.
    static func alert(
        _ store: EngineStore, campaign: Campaign, bodies: [String: String] = ["en": "Hi {first_name}"], fanOutBatch: Int = 100
    ) async throws -> Alert {
        let alert = try await store.store.createAlert(
            Alert(campaignID: campaign.id, name: "A", bodies: bodies, schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon),
            now: self.noon
        )
        try await store.store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
        for id in try await store.store.unfinishedFanouts() {
            while try await !store.store.fanOut(occurrenceID: id, sender: self.sender, batchSize: fanOutBatch, now: self.noon).done {}
        }
        return alert
    }
}
