import Foundation
import TocsinCore

/// Group commit for inbound messages: concurrent webhooks are committed together in one transaction.
///
/// One SQLite commit per request caps a webhook at about 11k requests/s (one flush each); committing the
/// messages that arrived while the previous transaction ran amortises the flush. Each caller still
/// returns only after its own message is durably committed.
public actor InboundBatcher {
    private let store: any InboundStore
    private let policy: InboundPolicy
    private let renderer: any ReplyRendering
    private let clock: any WallClock
    private let maxBatch: Int
    private var pending: [(work: InboundWork, continuation: CheckedContinuation<InboundOutcome, any Error>)] = []
    private var draining = false

    public init(
        store: any InboundStore,
        policy: InboundPolicy,
        renderer: any ReplyRendering,
        clock: any WallClock,
        maxBatch: Int = 512
    ) {
        self.store = store
        self.policy = policy
        self.renderer = renderer
        self.clock = clock
        self.maxBatch = maxBatch
    }

    /// Commits one message (with others that arrive meanwhile) and returns what it did.
    public func submit(_ work: InboundWork) async throws -> InboundOutcome {
        try await withCheckedThrowingContinuation { continuation in
            self.pending.append((work, continuation))
            if !self.draining {
                self.draining = true
                // The drain task lives only while messages are queued; it ends when the queue is empty.
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !self.pending.isEmpty {
            let count = min(self.pending.count, self.maxBatch)
            let batch = Array(self.pending.prefix(count))
            self.pending.removeFirst(count)
            do {
                let results = try await self.store.commitInbound(
                    batch.map(\.work), policy: self.policy, renderer: self.renderer, now: self.clock.now
                )
                for (item, result) in zip(batch, results) {
                    item.continuation.resume(with: result.mapError { $0 as any Error })
                }
                for item in batch.dropFirst(results.count) {
                    item.continuation.resume(throwing: StoreError(.unavailable, "message was not committed"))
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        self.draining = false
    }
}
