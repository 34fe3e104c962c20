import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreOperationsTests {
    @Test func anEmptyStoreIsReachableCurrentAndIdle() async throws {
        let harness = try await StoreHarness()
        try await harness.store.ping()
        #expect(try await harness.store.migrationsCurrent())
        let snapshot = try await harness.store.operationsSnapshot(now: harness.now)
        #expect(snapshot == OperationsSnapshot())
    }

    @Test func theSnapshotCountsQueuesReviewsAndFanoutProgress() async throws {
        let harness = try await StoreHarness()
        let store = harness.store
        try await store.seedSubscribers(campaignID: harness.rights.id, count: 5, now: harness.now)
        let alert = try await store.createAlert(
            Alert(campaignID: harness.rights.id, name: "Free Ana", bodies: ["en": "Act"], schedule: .once(at: harness.now),
                  createdBy: "test", createdAt: harness.now),
            now: harness.now
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: harness.now)
        let occurrence = try #require(try await store.unfinishedFanouts().first)
        // One batch of two out of five: still fanning out.
        _ = try await store.fanOut(occurrenceID: occurrence, sender: "+14155550100", batchSize: 2, now: harness.now)
        _ = try await harness.inbound(Fixtures.phone(900), "help-1", .help)
        let message = InboundMessage(
            carrier: "mock", carrierMessageID: "amb-1", from: Fixtures.phone(901), to: "+14155550100",
            body: "STOP police violence", receivedAt: harness.now
        )
        let work = InboundWork(
            message: message, classification: Classification(intent: .review, tier: .ambiguous, language: "en", rule: "test"),
            joinCampaignID: nil, replyRoute: .carrier
        )
        _ = try await store.commitInbound([work], policy: harness.policy, renderer: EchoRenderer(), now: harness.now)[0].get()

        let later = harness.now.addingTimeInterval(3600)
        let snapshot = try await store.operationsSnapshot(now: later)
        #expect(snapshot.queueDepth[.init(lane: "bulk", status: "queued")] == 2)
        #expect(snapshot.queueDepth[.init(lane: "reply", status: "queued")] == 1)
        #expect(snapshot.fanoutsInProgress == 1)
        #expect(snapshot.fanoutRecipientsWritten == 2)
        #expect(snapshot.reviewPending == 1)
        #expect(snapshot.reviewOldestAge == 3600)
        #expect(snapshot.reviewOverdue == 0)
        #expect(snapshot.inDoubt == 0)
        // A month later the review is past its deadline.
        let overdue = try await store.operationsSnapshot(now: harness.now.addingTimeInterval(30 * 86_400))
        #expect(overdue.reviewOverdue == 1)
    }
}
