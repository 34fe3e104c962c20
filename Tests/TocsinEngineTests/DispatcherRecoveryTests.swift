import Foundation
import Logging
import Synchronization
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

/// A dispatch store that says whether it is shared and counts recoveries (the rest goes to SQLite).
final class CountingDispatchStore: DispatchStore {
    let base: SQLiteStore
    let shared: Bool
    let recoveries = Mutex(0)

    init(_ base: SQLiteStore, shared: Bool) {
        self.base = base
        self.shared = shared
    }

    var isSharedByInstances: Bool { self.shared }

    func claimBulk(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedMessage] {
        try await self.base.claimBulk(limit: limit, gate: gate, brand: brand, lease: lease, now: now)
    }

    func recordOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws {
        try await self.base.recordOutcomes(outcomes, now: now)
    }

    func recoverInFlight(policy: CrashPolicy, now: Date) async throws -> Int {
        self.recoveries.withLock { $0 += 1 }
        return try await self.base.recoverInFlight(policy: policy, now: now)
    }

    func inDoubtMessages(limit: Int) async throws -> [InDoubtMessage] { try await self.base.inDoubtMessages(limit: limit) }

    func setDispatchPaused(_ paused: Bool, campaignID: Int64?, actor: String, now: Date) async throws {
        try await self.base.setDispatchPaused(paused, campaignID: campaignID, actor: actor, now: now)
    }

    func dispatchPauses() async throws -> (global: Bool, campaigns: [Int64]) { try await self.base.dispatchPauses() }
}

struct DispatcherRecoveryTests {
    /// Runs a dispatcher over `store` while the clock moves on by `seconds`, and returns how many
    /// recoveries its run loop made.
    func recoveries(shared: Bool, lease: TimeInterval, advancing seconds: TimeInterval) async throws -> Int {
        let harness = try await DispatchHarness(subscribers: 0)
        let store = CountingDispatchStore(harness.store, shared: shared)
        var settings = DispatchSettings(lease: lease, idleInterval: .milliseconds(2))
        settings.batchSize = 10
        let replies = ReplySender(outbox: harness.store, carrier: harness.carrier, clock: harness.clock, locks: harness.locks, logger: Logger(label: "test"))
        let dispatcher = Dispatcher(
            store: store, replies: replies, carrier: harness.carrier, clock: harness.clock, settings: settings,
            suppressionGuard: harness.suppressionGuard, logger: Logger(label: "test")
        )
        let running = Task { try await dispatcher.run() }
        defer { running.cancel() }
        try await Task.sleep(for: .milliseconds(20))
        harness.clock.advance(by: seconds)
        for _ in 0..<500 where store.recoveries.withLock({ $0 }) == 0 {
            try await Task.sleep(for: .milliseconds(2))
        }
        try await Task.sleep(for: .milliseconds(20))
        return store.recoveries.withLock { $0 }
    }

    @Test func aSharedStoreHasExpiredLeasesRecoveredPeriodically() async throws {
        // A 40 s lease: looked at every 10 s.
        #expect(try await self.recoveries(shared: true, lease: 40, advancing: 11) == 1)
    }

    @Test func aSharedStoreIsNotRecoveredBeforeTheInterval() async throws {
        #expect(try await self.recoveries(shared: true, lease: 40, advancing: 9) == 0)
    }

    @Test func aStoreOwnedByOneProcessIsRecoveredOnlyAtStart() async throws {
        #expect(try await self.recoveries(shared: false, lease: 40, advancing: 3600) == 0)
    }

    @Test(arguments: [(TimeInterval(2), TimeInterval(1)), (40, 10), (300, 15)])
    func theRecoveryIntervalIsAQuarterOfTheLeaseBetweenOneAnd15Seconds(lease: TimeInterval, interval: TimeInterval) async throws {
        let harness = try await DispatchHarness(subscribers: 0)
        #expect(harness.dispatcher { $0.lease = lease }.recoveryInterval == interval)
    }
}
