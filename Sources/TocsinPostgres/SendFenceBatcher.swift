import Synchronization
import TocsinCore

/// Coalesces send-fence checks: the checks waiting at one moment share one database read.
///
/// The rule that keeps the fence correct: every read starts after each of the checks it answers was
/// requested. A check is queued; when fewer than `maxInFlight` reads are running, a read starts with the
/// checks queued at that moment (at most `maxBatch` of them), so a check that arrives while a read runs waits
/// for a later read and is never answered by one that began before it. When a read finishes and checks are
/// queued, the next starts. A failed read fails every check it carried (the caller then does not send); a
/// check cancelled while queued leaves the queue and throws `CancellationError`, one cancelled during its
/// read gets that read's answer.
final class SendFenceBatcher: Sendable {
    /// One distinct check: a number (E.164, in clear) and whether the send is a call.
    struct Request: Hashable, Sendable {
        var phone: String
        var voice: Bool
    }

    /// Reads the verdicts of distinct requests in one statement; a request missing from the answer fails.
    typealias Reader = @Sendable ([Request]) async throws -> [Request: SendFenceVerdict]

    private struct Waiter {
        var id: UInt64
        var request: Request
        var continuation: CheckedContinuation<SendFenceVerdict, any Error>
    }

    private struct State {
        var queue: [Waiter] = []
        var running = 0
        var nextID: UInt64 = 0
        var checks = 0
        var reads = 0

        /// Takes the batches that may start now (one per free read slot) out of the queue.
        mutating func startable(maxInFlight: Int, maxBatch: Int) -> [[Waiter]] {
            var batches: [[Waiter]] = []
            while self.running < maxInFlight, !self.queue.isEmpty {
                let count = min(maxBatch, self.queue.count)
                batches.append(Array(self.queue.prefix(count)))
                self.queue.removeFirst(count)
                self.running += 1
                self.reads += 1
            }
            return batches
        }
    }

    private let state = Mutex(State())
    private let maxInFlight: Int
    private let maxBatch: Int
    private let reader: Reader

    /// - Parameters:
    ///   - maxInFlight: how many reads may run at once (each holds one pooled connection).
    ///   - maxBatch: the most checks one read carries.
    init(maxInFlight: Int = 2, maxBatch: Int = 500, reader: @escaping Reader) {
        precondition(maxInFlight > 0 && maxBatch > 0, "a send fence batcher needs at least one read of one check")
        self.maxInFlight = maxInFlight
        self.maxBatch = maxBatch
        self.reader = reader
    }

    /// Checks requested so far and reads started for them.
    var counts: (checks: Int, reads: Int) { self.state.withLock { ($0.checks, $0.reads) } }

    /// Checks queued and not yet carried by a read.
    var queued: Int { self.state.withLock { $0.queue.count } }

    /// The verdict for a send to `e164` on `channel`, from a read that starts after this call.
    func verdict(to e164: String, channel: Channel) async throws -> SendFenceVerdict {
        let request = Request(phone: e164, voice: channel == .voice)
        let id = self.state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SendFenceVerdict, any Error>) in
                // The cancellation flag is set before the handler runs: checked under the lock, a check
                // cancelled before it was queued is never queued, and one queued before is removed by the handler.
                let batches = self.state.withLock { state -> [[Waiter]]? in
                    if Task.isCancelled { return nil }
                    state.checks += 1
                    state.queue.append(Waiter(id: id, request: request, continuation: continuation))
                    return state.startable(maxInFlight: self.maxInFlight, maxBatch: self.maxBatch)
                }
                guard let batches else { return continuation.resume(throwing: CancellationError()) }
                self.launch(batches)
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> Waiter? in
                guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return nil }
                return state.queue.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func launch(_ batches: [[Waiter]]) {
        for batch in batches {
            Task { await self.read(batch) }
        }
    }

    /// Runs one read for `batch`, answers its checks, then starts the reads the queue now allows.
    private func read(_ batch: [Waiter]) async {
        var distinct: [Request] = []
        var seen: Set<Request> = []
        for waiter in batch where seen.insert(waiter.request).inserted { distinct.append(waiter.request) }
        let result: Result<[Request: SendFenceVerdict], any Error>
        do {
            result = .success(try await self.reader(distinct))
        } catch {
            result = .failure(error)
        }
        let next = self.state.withLock { state in
            state.running -= 1
            return state.startable(maxInFlight: self.maxInFlight, maxBatch: self.maxBatch)
        }
        for waiter in batch {
            switch result {
            case .success(let verdicts):
                if let verdict = verdicts[waiter.request] {
                    waiter.continuation.resume(returning: verdict)
                } else {
                    waiter.continuation.resume(throwing: StoreError(.unavailable, "the send fence read returned no row for a number"))
                }
            case .failure(let error):
                waiter.continuation.resume(throwing: error)
            }
        }
        self.launch(next)
    }
}
