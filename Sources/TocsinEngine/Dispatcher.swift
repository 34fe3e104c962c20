import Foundation
import Logging
import ServiceLifecycle
import TocsinCore

/// Sends the outbox: queued replies first, then bulk alerts in claimed batches, paced per sender, with
/// bounded concurrency and the per-number lock around each carrier call.
///
/// Right before each bulk carrier call, under the number's lock, the ``SuppressionGuard`` is checked: an
/// opt-out whose commit began before the send starts always wins.
public struct Dispatcher: Service {
    let store: any DispatchStore
    let replies: ReplySender
    let carrier: any CarrierAdapter
    let clock: any WallClock
    let settings: DispatchSettings
    let suppressionGuard: SuppressionGuard
    let pacer: Pacer
    let logger: Logger

    public init(
        store: any DispatchStore, replies: ReplySender, carrier: any CarrierAdapter, clock: any WallClock,
        settings: DispatchSettings, suppressionGuard: SuppressionGuard, logger: Logger
    ) {
        self.store = store
        self.replies = replies
        self.carrier = carrier
        self.clock = clock
        self.settings = settings
        self.suppressionGuard = suppressionGuard
        self.pacer = Pacer(defaults: settings.limits, overrides: settings.senderLimits)
        self.logger = logger
    }

    var locks: KeyedLock { self.replies.locks }

    /// Sends until a graceful shutdown, finishing the batch in flight before it returns. Call ``recover()``
    /// once before anything else sends (at start, before the HTTP server).
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await self.runOnce() == 0 {
                try? await gracefulShutdownAwareSleep(self.settings.idleInterval)
            }
        }
    }

    /// Applies the crash policy to messages left `sending`; returns how many there were.
    @discardableResult
    public func recover() async throws -> Int {
        let count = try await self.store.recoverInFlight(policy: self.settings.crashPolicy, now: self.clock.now)
        if count > 0 {
            self.logger.warning(
                "messages were in flight at a crash",
                metadata: ["dispatch.in_flight": "\(count)", "dispatch.crash_policy": "\(self.settings.crashPolicy.rawValue)"]
            )
        }
        return count
    }

    /// One pass: every queued reply, then one bulk batch. Returns how many bulk messages were claimed.
    @discardableResult
    public func runOnce() async -> Int {
        do {
            try await self.replies.resumeQueued()
            let batch = try await self.store.claimBulk(
                limit: self.settings.batchSize, gate: self.settings.gate, brand: self.settings.brand,
                lease: self.settings.lease, now: self.clock.now
            )
            if batch.isEmpty { return 0 }
            let outcomes = await self.send(batch)
            try await self.store.recordOutcomes(outcomes, now: self.clock.now)
            return batch.count
        } catch {
            self.logger.error("dispatch pass failed", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Sends a batch with at most `concurrency` carrier calls at once.
    func send(_ batch: [ClaimedMessage]) async -> [DispatchOutcome] {
        await withTaskGroup(of: DispatchOutcome.self) { group in
            var outcomes: [DispatchOutcome] = []
            outcomes.reserveCapacity(batch.count)
            var next = batch.makeIterator()
            var running = 0
            while running < self.settings.concurrency, let message = next.next() {
                group.addTask { await self.sendOne(message) }
                running += 1
            }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if let message = next.next() { group.addTask { await self.sendOne(message) } }
            }
            return outcomes
        }
    }

    func sendOne(_ message: ClaimedMessage) async -> DispatchOutcome {
        let wait = await self.pacer.reserve(message.sms.from)
        if wait > .zero { try? await Task.sleep(for: wait) }
        let result = await self.locks.withLock(message.sms.to.e164) { () -> DispatchResult in
            if self.suppressionGuard.contains(message.sms.to.e164) {
                return .closed(.suppressed, reason: "number opted out while the message was queued")
            }
            if let expiresAt = message.expiresAt, self.clock.now >= expiresAt {
                return .closed(.expired, reason: "expired before it could be sent")
            }
            do throws(CarrierError) {
                let receipt = try await self.carrier.send(message.sms)
                return .sent(carrier: self.carrier.id, carrierMessageID: receipt.carrierMessageID)
            } catch {
                return self.afterFailure(error, message: message)
            }
        }
        return DispatchOutcome(id: message.sms.id, result: result)
    }

    func afterFailure(_ error: CarrierError, message: ClaimedMessage) -> DispatchResult {
        self.logger.warning(
            "alert not sent", metadata: ["sms.id": "\(message.sms.id)", "sms.to": "\(message.sms.to)", "error": "\(error)"]
        )
        guard error.isRetryable, message.attempts < self.settings.maxAttempts else {
            return .failed(carrier: self.carrier.id, error: error)
        }
        var generator = SystemRandomNumberGenerator()
        let at = self.clock.now.addingTimeInterval(self.settings.backoff(attempt: message.attempts, using: &generator))
        if let expiresAt = message.expiresAt, at >= expiresAt {
            return .closed(.expired, reason: "retrying would pass its expiry (\(error.description))")
        }
        return .retry(at: at, carrier: self.carrier.id, error: error)
    }
}
