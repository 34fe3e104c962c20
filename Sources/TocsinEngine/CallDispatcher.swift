import Foundation
import Logging
import ServiceLifecycle
import TocsinCore

/// Places queued alert calls: claimed in batches through the send-time gate and the per-number call cap,
/// paced by one calls-per-second bucket (separate from SMS pacing), one call at a time per number.
///
/// Right before each call, under the number's lock, both guards are checked: a STOP (``SuppressionGuard``)
/// or a "press 9" (the voice guard) whose commit began before the call starts always stops it, even for a
/// call claimed earlier. With several instances on one database, the ``SendFence`` is read next (same lock,
/// immediately before the call): a STOP or a "press 9" another instance committed before the call starts
/// stops it too.
public struct CallDispatcher: Service {
    let store: any CallStore
    let carrier: any VoiceCarrier
    let clock: any WallClock
    let settings: CallSettings
    /// Gate, retries, backoff, lease and crash policy are the dispatcher's (`dispatch.*`).
    let dispatch: DispatchSettings
    let suppressionGuard: SuppressionGuard
    let voiceGuard: SuppressionGuard
    let locks: KeyedLock
    /// Its calls-per-second pacer (the instance heartbeat sets its share).
    public let pacer: CallPacer
    let logger: Logger
    /// The cross-instance check (none for SQLite).
    let fence: FenceCheck
    /// Counts call outcomes by state and carrier (disabled unless set).
    public var metrics = EngineMetrics.disabled

    public init(
        store: any CallStore, carrier: any VoiceCarrier, clock: any WallClock, settings: CallSettings, dispatch: DispatchSettings,
        suppressionGuard: SuppressionGuard, voiceGuard: SuppressionGuard, locks: KeyedLock, logger: Logger,
        fence: (any SendFence)? = nil
    ) {
        self.store = store
        self.carrier = carrier
        self.clock = clock
        self.settings = settings
        self.dispatch = dispatch
        self.suppressionGuard = suppressionGuard
        self.voiceGuard = voiceGuard
        self.locks = locks
        self.pacer = CallPacer(perSecond: settings.callsPerSecond)
        self.logger = logger
        self.fence = FenceCheck(fence: fence, logger: logger)
    }

    /// Places calls until a graceful shutdown, finishing the batch in flight.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await self.runOnce() == 0 {
                try? await gracefulShutdownAwareSleep(self.dispatch.idleInterval)
            }
        }
    }

    /// One pass: claims a batch, places it and records the outcomes. Returns how many calls were claimed.
    @discardableResult
    public func runOnce() async -> Int {
        do {
            let batch = try await self.store.claimCalls(
                limit: self.settings.batchSize, gate: self.dispatch.gate, cap: self.settings.cap, brand: self.dispatch.brand,
                lease: self.dispatch.lease, now: self.clock.now
            )
            if batch.isEmpty { return 0 }
            let outcomes = await self.place(batch)
            try await self.store.recordCallOutcomes(outcomes, now: self.clock.now)
            self.metrics.outcomes(outcomes, channel: "voice")
            return batch.count
        } catch {
            self.logger.error("call dispatch pass failed", metadata: ["error": "\(error)"])
            return 0
        }
    }

    func place(_ batch: [ClaimedCall]) async -> [DispatchOutcome] {
        await withTaskGroup(of: DispatchOutcome.self) { group in
            var outcomes: [DispatchOutcome] = []
            var next = batch.makeIterator()
            var running = 0
            while running < self.settings.concurrency, let call = next.next() {
                group.addTask { await self.placeOne(call) }
                running += 1
            }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if let call = next.next() { group.addTask { await self.placeOne(call) } }
            }
            return outcomes
        }
    }

    func placeOne(_ claimed: ClaimedCall) async -> DispatchOutcome {
        var completed = claimed.call
        completed.organisationName = self.settings.organisationName
        completed.callbackNumber = self.settings.callbackNumber
        let call = completed
        let wait = await self.pacer.reserve()
        if wait > .zero { try? await Task.sleep(for: wait) }
        let number = call.to.e164
        let result = await self.locks.withLock(number) { () -> DispatchResult in
            if self.suppressionGuard.contains(number) {
                return .closed(.suppressed, reason: "number opted out while the call was queued")
            }
            if self.voiceGuard.contains(number) {
                return .closed(.suppressed, reason: "the number asked for no more calls (pressed 9)")
            }
            if let expiresAt = claimed.expiresAt, self.clock.now >= expiresAt {
                return .closed(.expired, reason: "expired before it could be placed")
            }
            // Waiting its turn (pacing) must not carry a call past the end of its allowed hours.
            if let sendBy = claimed.sendBy, self.clock.now >= sendBy {
                return .deferred(until: sendBy, reason: "its allowed hours ended while it waited to be placed (quiet hours)")
            }
            if let blocked = await self.fence.blocked(
                call.to, channel: .voice, id: call.messageID, expiresAt: claimed.expiresAt, carrier: self.carrier.id,
                settings: self.dispatch, now: self.clock.now
            ) {
                return blocked
            }
            do throws(CarrierError) {
                let receipt = try await self.carrier.placeCall(call)
                return .sent(carrier: self.carrier.id, carrierMessageID: receipt.carrierMessageID)
            } catch {
                return self.afterFailure(error, claimed: claimed)
            }
        }
        return DispatchOutcome(id: call.messageID, result: result)
    }

    func afterFailure(_ error: CarrierError, claimed: ClaimedCall) -> DispatchResult {
        self.logger.warning(
            "alert call not placed", metadata: ["call.id": "\(claimed.call.messageID)", "call.to": "\(claimed.call.to)", "error": "\(error)"]
        )
        guard error.isRetryable, claimed.attempts < self.dispatch.maxAttempts else {
            return .failed(carrier: self.carrier.id, error: error)
        }
        var generator = SystemRandomNumberGenerator()
        let at = self.clock.now.addingTimeInterval(self.dispatch.backoff(attempt: claimed.attempts, using: &generator))
        if let expiresAt = claimed.expiresAt, at >= expiresAt {
            return .closed(.expired, reason: "retrying would pass its expiry (\(error.description))")
        }
        return .retry(at: at, carrier: self.carrier.id, error: error)
    }
}
