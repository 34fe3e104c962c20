import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// OperationsStore, written once and run on both engines.
struct OperationsStoreConformanceTests {
    let noon = Scenario.noon

    @Test(arguments: StoreEngine.allCases)
    func anEmptyStoreIsReachableCurrentAndIdle(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await store.store.ping()
            #expect(try await store.store.migrationsCurrent())
            #expect(try await store.store.operationsSnapshot(now: self.noon) == OperationsSnapshot())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theSnapshotCountsQueuesReviewsFanoutsAndInDoubtMessages(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            try await store.seedSubscribers(campaignID: rights.id, count: 5, now: self.noon)
            let alert = try await store.store.createAlert(
                Alert(campaignID: rights.id, name: "A", bodies: ["en": "Act"], schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon),
                now: self.noon
            )
            try await store.store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
            let occurrence = try #require(try await store.store.unfinishedFanouts().first)
            // One batch of three out of five: still fanning out.
            _ = try await store.store.fanOut(occurrenceID: occurrence, sender: Scenario.sender, batchSize: 3, now: self.noon)
            // One claimed and left in flight past its lease, then recovered as in doubt.
            #expect(try await store.store.claimBulk(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: self.noon).count == 1)
            #expect(try await store.store.recoverInFlight(policy: .atMostOnce, now: self.noon.addingTimeInterval(61)) == 1)
            #expect(try await store.store.claimBulk(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: self.noon).count == 1)
            try await Scenario.inbound(store, Fixtures.phone(900), "help", .help)
            try await Scenario.ambiguous(store, Fixtures.phone(901), "amb")

            let later = self.noon.addingTimeInterval(3600)
            let snapshot = try await store.store.operationsSnapshot(now: later)
            #expect(
                snapshot.queueDepth == [
                    .init(lane: "bulk", status: "queued"): 1, .init(lane: "bulk", status: "sending"): 1,
                    .init(lane: "reply", status: "queued"): 1,
                ]
            )
            #expect(snapshot.fanoutsInProgress == 1 && snapshot.fanoutRecipientsWritten == 3)
            #expect(snapshot.reviewPending == 1 && snapshot.reviewOldestAge == 3600 && snapshot.reviewOverdue == 0)
            #expect(snapshot.inDoubt == 1)
            // A month later the review is past its deadline.
            #expect(try await store.store.operationsSnapshot(now: self.noon.addingTimeInterval(30 * 86_400)).reviewOverdue == 1)
        }
    }
}
