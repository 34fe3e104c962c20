import Foundation
import Synchronization
import Testing
import TocsinCore
@testable import TocsinPostgres

/// The batcher's ordering rule, with a scripted reader (no database).
struct SendFenceBatcherTests {
    /// A reader that notes each read's requests, answers from a suppression set, and can hold reads until opened.
    final class FakeReader: Sendable {
        struct State {
            var reads: [[SendFenceBatcher.Request]] = []
            var held = false
            var waiters: [CheckedContinuation<Void, Never>] = []
            var failures: Set<Int> = []
        }

        let state = Mutex(State())
        let suppressed: Set<String>
        let delay: Duration

        init(suppressed: Set<String> = [], held: Bool = false, delay: Duration = .zero) {
            self.suppressed = suppressed
            self.delay = delay
            self.state.withLock { $0.held = held }
        }

        var reads: [[SendFenceBatcher.Request]] { self.state.withLock { $0.reads } }

        /// Makes the read with this index (0 = first) fail.
        func fail(read index: Int) { self.state.withLock { _ = $0.failures.insert(index) } }

        func open() {
            let waiters = self.state.withLock { state in
                state.held = false
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }

        func hold() { self.state.withLock { $0.held = true } }

        func read(_ requests: [SendFenceBatcher.Request]) async throws -> [SendFenceBatcher.Request: SendFenceVerdict] {
            let index = self.state.withLock { state in
                state.reads.append(requests)
                return state.reads.count - 1
            }
            await withCheckedContinuation { continuation in
                let go = self.state.withLock { state in
                    if !state.held { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if go { continuation.resume() }
            }
            if self.delay > .zero { try await Task.sleep(for: self.delay) }
            if self.state.withLock({ $0.failures.contains(index) }) { throw StoreError(.unavailable, "scripted failure") }
            return Dictionary(uniqueKeysWithValues: requests.map { ($0, self.suppressed.contains($0.phone) ? .optedOut : .clear) })
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var description: String
    }

    /// Polls `condition` until it holds; generous, because a full parallel test run can starve the task pool.
    func until(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut(description: "the condition did not hold within 90 s") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    func phones(_ read: [SendFenceBatcher.Request]) -> Set<String> { Set(read.map(\.phone)) }

    @Test func checksRequestedDuringAReadWaitForTheNextOne() async throws {
        let reader = FakeReader(suppressed: ["+2"], held: true)
        let batcher = SendFenceBatcher(maxInFlight: 1, reader: reader.read)
        let first = Task { try await batcher.verdict(to: "+1", channel: .sms) }
        try await self.until { reader.reads.count == 1 }
        let later = ["+2", "+3", "+4"].map { phone in Task { try await batcher.verdict(to: phone, channel: .sms) } }
        try await self.until { batcher.queued == 3 }
        #expect(reader.reads.count == 1, "no second read while the first runs (one in flight)")
        reader.open()
        #expect(try await first.value == .clear)
        #expect(try await later[0].value == .optedOut)
        #expect(try await later[1].value == .clear)
        let reads = reader.reads
        #expect(reads.count == 2)
        #expect(self.phones(reads[0]) == ["+1"], "the first read carries only what was queued when it started")
        #expect(self.phones(reads[1]) == ["+2", "+3", "+4"], "the next read carries everything queued meanwhile")
        #expect(batcher.counts.checks == 4)
        #expect(batcher.counts.reads == 2)
    }

    @Test func aFreeSlotStartsAReadAtOnceAndAFullOneQueues() async throws {
        let reader = FakeReader(held: true)
        let batcher = SendFenceBatcher(maxInFlight: 2, reader: reader.read)
        let a = Task { try await batcher.verdict(to: "+1", channel: .sms) }
        try await self.until { reader.reads.count == 1 }
        let b = Task { try await batcher.verdict(to: "+2", channel: .voice) }
        try await self.until { reader.reads.count == 2 }
        let c = Task { try await batcher.verdict(to: "+3", channel: .sms) }
        try await self.until { batcher.queued == 1 }
        reader.open()
        for task in [a, b, c] { #expect(try await task.value == .clear) }
        let reads = reader.reads
        #expect(reads.map(self.phones) == [["+1"], ["+2"], ["+3"]])
        #expect(reads[1] == [SendFenceBatcher.Request(phone: "+2", voice: true)])
    }

    @Test func aFailedReadFailsEveryCheckItCarriedAndOnlyThose() async throws {
        let reader = FakeReader(held: true)
        reader.fail(read: 1)
        let batcher = SendFenceBatcher(maxInFlight: 1, reader: reader.read)
        let first = Task { try await batcher.verdict(to: "+1", channel: .sms) }
        try await self.until { reader.reads.count == 1 }
        let failing = ["+2", "+3"].map { phone in Task { try await batcher.verdict(to: phone, channel: .sms) } }
        try await self.until { batcher.queued == 2 }
        reader.open()
        #expect(try await first.value == .clear)
        for task in failing {
            await #expect(throws: StoreError.self) { try await task.value }
        }
        #expect(try await batcher.verdict(to: "+2", channel: .sms) == .clear, "the next read answers again")
    }

    @Test func aNumberMissingFromTheAnswerFailsRatherThanPasses() async throws {
        let batcher = SendFenceBatcher(reader: { _ in [:] })
        await #expect(throws: StoreError.self) { try await batcher.verdict(to: "+1", channel: .sms) }
    }

    @Test(arguments: [1, 10, 500])
    func readsCarryAtMostTheBatchSize(maxBatch: Int) async throws {
        let reader = FakeReader(held: true)
        let batcher = SendFenceBatcher(maxInFlight: 1, maxBatch: maxBatch, reader: reader.read)
        let first = Task { try await batcher.verdict(to: "+0", channel: .sms) }
        try await self.until { reader.reads.count == 1 }
        let tasks = (1...25).map { index in Task { try await batcher.verdict(to: "+\(index)", channel: .sms) } }
        try await self.until { batcher.queued == 25 }
        reader.open()
        _ = try await first.value
        for task in tasks { _ = try await task.value }
        let sizes = reader.reads.dropFirst().map(\.count)
        #expect(sizes.allSatisfy { $0 <= maxBatch })
        #expect(sizes.reduce(0, +) == 25)
        #expect(sizes.count == (25 + maxBatch - 1) / maxBatch)
    }

    @Test func aDuplicateCheckIsReadOnceAndAnsweredTwice() async throws {
        let reader = FakeReader(suppressed: ["+2"], held: true)
        let batcher = SendFenceBatcher(maxInFlight: 1, reader: reader.read)
        let first = Task { try await batcher.verdict(to: "+1", channel: .sms) }
        try await self.until { reader.reads.count == 1 }
        let twice = (0..<2).map { _ in Task { try await batcher.verdict(to: "+2", channel: .sms) } }
        try await self.until { batcher.queued == 2 }
        reader.open()
        _ = try await first.value
        for task in twice { #expect(try await task.value == .optedOut) }
        #expect(reader.reads[1].count == 1)
    }

    @Test func manyConcurrentChecksShareFarFewerReads() async throws {
        let suppressed = Set((0..<1000).filter { $0 % 7 == 0 }.map { "+\($0)" })
        let reader = FakeReader(suppressed: suppressed, delay: .milliseconds(2))
        let batcher = SendFenceBatcher(reader: reader.read)
        let verdicts = try await withThrowingTaskGroup(of: (String, SendFenceVerdict).self) { group in
            for index in 0..<1000 {
                group.addTask { ("+\(index)", try await batcher.verdict(to: "+\(index)", channel: .sms)) }
            }
            return try await group.reduce(into: [String: SendFenceVerdict]()) { $0[$1.0] = $1.1 }
        }
        #expect(verdicts.count == 1000)
        #expect(verdicts.allSatisfy { $0.value == (suppressed.contains($0.key) ? .optedOut : .clear) })
        let counts = batcher.counts
        #expect(counts.checks == 1000)
        #expect(counts.reads < 100, "\(counts.reads) reads for 1000 checks")
    }

    @Test func aCheckCancelledWhileQueuedLeavesTheQueue() async throws {
        let reader = FakeReader(held: true)
        let batcher = SendFenceBatcher(maxInFlight: 1, reader: reader.read)
        let first = Task { try await batcher.verdict(to: "+1", channel: .sms) }
        try await self.until { reader.reads.count == 1 }
        let cancelled = Task { try await batcher.verdict(to: "+2", channel: .sms) }
        let kept = Task { try await batcher.verdict(to: "+3", channel: .sms) }
        try await self.until { batcher.queued == 2 }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(batcher.queued == 1)
        // Cancelled during its read: it still gets that read's answer.
        first.cancel()
        reader.open()
        #expect(try await first.value == .clear)
        #expect(try await kept.value == .clear)
        #expect(reader.reads.map(self.phones) == [["+1"], ["+3"]])
    }

    @Test func aCheckCancelledBeforeItIsQueuedNeverReads() async throws {
        let reader = FakeReader()
        let batcher = SendFenceBatcher(reader: reader.read)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await batcher.verdict(to: "+1", channel: .sms)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(reader.reads.isEmpty)
        #expect(batcher.queued == 0)
    }
}
