import Foundation
import Synchronization
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinEngine

/// A store that records the size of each committed batch.
final class CountingStore: InboundStore {
    let batches = Mutex<[Int]>([])
    let failWith: StoreError?

    init(failWith: StoreError? = nil) { self.failWith = failWith }

    func commitInbound(_ batch: [InboundWork], policy: InboundPolicy, renderer: any ReplyRendering, now: Date) async throws -> [Result<InboundOutcome, StoreError>] {
        if let failWith { throw failWith }
        self.batches.withLock { $0.append(batch.count) }
        try await Task.sleep(for: .milliseconds(5))  // a slow commit lets the next batch build up
        return batch.enumerated().map { index, work in
            work.message.body == "bad"
                ? .failure(StoreError(.invalid, "bad message"))
                : .success(InboundOutcome(inboundID: Int64(index), duplicate: false, disposition: .inbox, replies: []))
        }
    }
}

struct NoRenderer: ReplyRendering {
    func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String { kind.rawValue }
}

func work(_ index: Int, body: String = "hi") -> InboundWork {
    InboundWork(
        message: InboundMessage(carrier: "mock", carrierMessageID: "\(index)", from: Fixtures.phone(index), to: "+14155550100", body: body, receivedAt: Date()),
        classification: .unmatched, joinCampaignID: nil, replyRoute: .carrier
    )
}

struct InboundBatcherTests {
    let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)

    @Test func concurrentMessagesAreCommittedInFewerTransactions() async throws {
        let store = CountingStore()
        let batcher = InboundBatcher(store: store, policy: self.policy, renderer: NoRenderer(), clock: MockClock())
        let outcomes = try await withThrowingTaskGroup(of: InboundOutcome.self) { group in
            for index in 0..<500 { group.addTask { try await batcher.submit(work(index)) } }
            return try await group.reduce(into: [InboundOutcome]()) { $0.append($1) }
        }
        let batches = store.batches.withLock { $0 }
        #expect(outcomes.count == 500)
        #expect(batches.reduce(0, +) == 500)
        #expect(batches.count < 500)
        #expect(batches.max() ?? 0 > 1)
    }

    @Test func aFailingMessageFailsAlone() async throws {
        let store = CountingStore()
        let batcher = InboundBatcher(store: store, policy: self.policy, renderer: NoRenderer(), clock: MockClock())
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, body) in [(1, "hi"), (2, "bad"), (3, "hi")] {
                group.addTask { (index, (try? await batcher.submit(work(index, body: body))) != nil) }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(results == [1: true, 2: false, 3: true])
    }

    @Test func aStoreOutageFailsEveryWaitingCaller() async throws {
        let store = CountingStore(failWith: StoreError(.unavailable, "disk full"))
        let batcher = InboundBatcher(store: store, policy: self.policy, renderer: NoRenderer(), clock: MockClock())
        await #expect(throws: StoreError.self) { try await batcher.submit(work(1)) }
        // The batcher keeps working after an outage.
        await #expect(throws: StoreError.self) { try await batcher.submit(work(2)) }
    }
}
