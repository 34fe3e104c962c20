import Foundation
import Logging
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

/// A store with a campaign, subscribers and an alert fanned out, and a dispatcher over a scripted carrier.
struct DispatchHarness {
    /// Monday 2026-11-23 12:00 in New York: inside the quiet-hours window.
    static let mondayNoon = Date(timeIntervalSince1970: 1_795_453_200)
    let store: SQLiteStore
    let carrier: ScriptedCarrier
    let clock: MockClock
    let rights: Campaign
    let suppressionGuard = SuppressionGuard()
    let locks = KeyedLock()

    init(subscribers: Int = 10, start: Date = DispatchHarness.mondayNoon) async throws {
        self.store = try SQLiteStore.inMemory()
        self.carrier = ScriptedCarrier()
        self.clock = MockClock(start)
        self.rights = try await self.store.upsertCampaign(Fixtures.rights, actor: "test", now: start)
        if subscribers > 0 {
            try await self.store.seedSubscribers(campaignID: self.rights.id, count: subscribers, now: start)
        }
    }

    func dispatcher(_ change: (inout DispatchSettings) -> Void = { _ in }) -> Dispatcher {
        var settings = DispatchSettings(
            limits: SenderLimits(perSecond: 1_000_000, perMinute: 60_000_000, perDay: 1_000_000_000), batchSize: 100,
            brand: "RightsAlert"
        )
        change(&settings)
        let replies = ReplySender(outbox: self.store, carrier: self.carrier, clock: self.clock, locks: self.locks, logger: Logger(label: "test"))
        return Dispatcher(
            store: self.store, replies: replies, carrier: self.carrier, clock: self.clock, settings: settings,
            suppressionGuard: self.suppressionGuard, logger: Logger(label: "test")
        )
    }

    /// Creates a once alert at the clock's time for `campaign` and fans it out.
    @discardableResult
    func broadcast(
        _ body: String = "{first_name}, act: {action_link}", campaign: Campaign? = nil, expiry: Int = 86_400
    ) async throws -> Alert {
        let campaign = campaign ?? self.rights
        let alert = try await self.store.createAlert(
            Alert(campaignID: campaign.id, name: "Free Ana", bodies: ["en": body], schedule: .once(at: self.clock.now),
                  expirySeconds: expiry, createdBy: "test", createdAt: self.clock.now),
            now: self.clock.now
        )
        let occurrence = try alert.nextOccurrence(after: nil)!
        try await self.store.materialize(occurrence, of: alert, next: nil, now: self.clock.now)
        for id in try await self.store.unfinishedFanouts() {
            while try await !self.store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 1000, now: self.clock.now).done {}
        }
        return alert
    }

    /// Runs passes until one claims nothing.
    func drain(_ dispatcher: Dispatcher) async {
        while await dispatcher.runOnce() > 0 {}
    }

    func statuses() async throws -> [String: Int] {
        try await self.store.outboundStatusCounts(lane: "bulk")
    }
}
