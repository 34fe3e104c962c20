import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TocsinCore

/// Sends the outbox: queued replies first, then bulk alerts in claimed batches, paced per sender, with
/// bounded concurrency and the per-number lock around each carrier call.
///
/// Right before each bulk carrier call, under the number's lock, the ``SuppressionGuard`` is checked: an
/// opt-out whose commit began before the send starts always wins. So are the expiry and the end of the
/// message's allowed hours (``ClaimedMessage/sendBy``): a message paced past either is not sent. With several instances on one database, the
/// ``SendFence`` is read next (same lock, immediately before the carrier call), so an opt-out another instance
/// committed before the send starts wins too.
public struct Dispatcher: Service {
    let store: any DispatchStore
    let replies: ReplySender
    let carrier: any CarrierAdapter
    let clock: any WallClock
    let settings: DispatchSettings
    let suppressionGuard: SuppressionGuard
    /// Its per-sender pacer (the instance heartbeat sets its share).
    public let pacer: Pacer
    let logger: Logger
    /// The cross-instance check (none for SQLite).
    let fence: FenceCheck
    /// Counts outcomes by state and carrier (disabled unless set).
    public var metrics = EngineMetrics.disabled
    /// Notes each bulk call as it starts and each acceptance (one process on SQLite), so that after a crash
    /// only the calls truly in flight are left in doubt (nil: every leased message is).
    public var journal: SendJournal?

    public init(
        store: any DispatchStore, replies: ReplySender, carrier: any CarrierAdapter, clock: any WallClock,
        settings: DispatchSettings, suppressionGuard: SuppressionGuard, logger: Logger, fence: (any SendFence)? = nil
    ) {
        self.store = store
        self.replies = replies
        self.carrier = carrier
        self.clock = clock
        self.settings = settings
        self.suppressionGuard = suppressionGuard
        self.pacer = Pacer(defaults: settings.limits, overrides: settings.senderLimits)
        self.logger = logger
        self.fence = FenceCheck(fence: fence, logger: logger)
    }

    var locks: KeyedLock { self.replies.locks }

    /// How often a dispatcher on a shared store looks for expired leases: a quarter of the lease, between 1
    /// and 15 seconds (the query only reads `sending` rows).
    var recoveryInterval: TimeInterval { min(15, max(1, self.settings.lease / 4)) }

    /// Sends until a graceful shutdown, finishing the batch in flight before it returns. Call ``recover()``
    /// once before anything else sends (at start, before the HTTP server).
    ///
    /// On a store shared by several instances it also applies the crash policy to expired leases every
    /// ``recoveryInterval``: the claims of an instance that was killed are then reported in doubt (or
    /// requeued) by the survivors.
    public func run() async throws {
        var nextRecovery = self.clock.now.addingTimeInterval(self.recoveryInterval)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if self.store.isSharedByInstances, self.clock.now >= nextRecovery {
                do {
                    try await self.recover()
                } catch {
                    self.logger.error("recovering expired leases failed", metadata: ["error": "\(error)"])
                }
                nextRecovery = self.clock.now.addingTimeInterval(self.recoveryInterval)
            }
            if await self.drain() == 0 {
                try? await gracefulShutdownAwareSleep(self.settings.idleInterval)
            }
        }
    }

    /// Sends until nothing is due. Returns how many bulk messages were claimed. On a graceful shutdown it
    /// stops claiming and sends what it has leased.
    @discardableResult
    public func drain() async -> Int {
        let total = self.store.plansClaimsAhead ? await self.drainPipelined() : await self.drainOverlapped()
        // Every claimed batch is recorded: the journal's notes are no longer needed (an idle pass wrote none).
        if total > 0 { self.journal?.reset(now: self.clock.now) }
        return total
    }

    /// Overlapping steps: while one batch is with the carrier, the one before it is recorded and the next one
    /// leased (in the same transactions), and a planner task plans the ones after it, up to two ahead
    /// (``Handoff``). So the writer, a reader and the carrier calls all work at once, and none waits for the
    /// slowest of the others on every batch. As a batch's leases commit with the outcomes of the batch before
    /// it, at most two batches are leased at any time. On a graceful shutdown the plans not yet taken are
    /// given up.
    func drainPipelined() async -> Int {
        let plans = Handoff<PlannedClaim>()
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.planAhead(into: plans) }
            var total = 0
            var batch: [ClaimedMessage] = []
            var sent: [DispatchOutcome] = []
            var planned = await plans.take()
            while !batch.isEmpty || planned != nil || !sent.isEmpty {
                let stopping = Task.isCancelled || Task.isShuttingDownGracefully
                if stopping {
                    for unleased in [planned, plans.cancel()].compactMap({ $0 }) where !unleased.isLeased {
                        self.store.releaseClaim(unleased)
                    }
                    planned = nil
                }
                let (taking, recording) = (planned, sent)
                async let taken = self.recordThenTake(recording, taking)
                total += batch.count
                sent = batch.isEmpty ? [] : await self.send(batch)
                batch = await taken
                planned = taking == nil ? nil : await plans.take()
            }
            await group.waitForAll()
            return total
        }
    }

    /// Plans one claim after another into `plans` until nothing is due (or planning fails, which is logged),
    /// each after the one before is handed over, so each plan's reservations include every plan before it.
    func planAhead(into plans: Handoff<PlannedClaim>) async {
        while let planned = await self.planNext() {
            guard await plans.put(planned) else {
                // Cancelled (a graceful shutdown): the plan is given up.
                if !planned.isLeased { self.store.releaseClaim(planned) }
                return
            }
        }
        plans.finish()
    }

    /// For a store that leases as it plans: the next batch is claimed while the current one is with the
    /// carrier, and each batch is recorded before the next is sent (at most two batches leased at once).
    func drainOverlapped() async -> Int {
        var total = 0
        var batch = await self.claimNext()
        while !batch.isEmpty {
            total += batch.count
            let stopping = Task.isCancelled || Task.isShuttingDownGracefully
            async let next = stopping ? [] : self.claimNext()
            _ = await self.recordThenTake(await self.send(batch), nil)
            batch = await next
        }
        return total
    }

    /// Records a batch's outcomes and leases a planned claim, in the same transactions (either may be
    /// absent). Returns the messages leased (none on error, which is logged).
    func recordThenTake(_ outcomes: [DispatchOutcome], _ planned: PlannedClaim?) async -> [ClaimedMessage] {
        guard !outcomes.isEmpty || planned != nil else { return [] }
        let taken: TakenClaim
        do {
            taken = try await self.store.recordThenTake(outcomes, planned, now: self.clock.now)
            self.metrics.outcomes(outcomes)
        } catch {
            // Their leases stay: the journal's notes are what recovery needs to tell sent from not.
            self.journal?.keep()
            self.logger.error("recording dispatch outcomes failed", metadata: ["error": "\(error)"])
            return []
        }
        if let error = taken.error {
            self.logger.error("dispatch claim failed", metadata: ["error": "\(error)"])
        }
        return taken.messages
    }

    /// Plans the next bulk claim (nil when nothing is due, or on error, which is logged), then sends every
    /// reply that was queued when it was planned, so replies always go before its batch. The store says
    /// whether any reply is queued as it plans: no second read when there is none.
    func planNext() async -> PlannedClaim? {
        let planned: PlannedClaim
        do {
            planned = try await self.store.planBulkClaim(
                limit: self.settings.batchSize, gate: self.settings.gate, brand: self.settings.brand,
                lease: self.settings.lease, now: self.clock.now
            )
        } catch {
            self.logger.error("dispatch claim failed", metadata: ["error": "\(error)"])
            return nil
        }
        if planned.repliesQueued {
            do {
                try await self.replies.resumeQueued()
            } catch {
                // The replies are tried again on the next pass; the planned batch is still sent.
                self.logger.error("sending queued replies failed", metadata: ["error": "\(error)"])
            }
        }
        return planned.isEmpty ? nil : planned
    }

    /// Plans and takes one claim at once (tests look at a batch before it is sent).
    func claimNext() async -> [ClaimedMessage] {
        await self.recordThenTake([], self.planNext())
    }

    /// Applies the crash policy to messages left `sending`; returns how many there were.
    @discardableResult
    public func recover() async throws -> Int {
        // A journal serves one process on its own database; a store shared by instances recovers by lease expiry.
        let journal = self.store.isSharedByInstances ? nil : self.journal
        let count = try await self.store.recoverInFlight(policy: self.settings.crashPolicy, journal: journal?.facts(), now: self.clock.now)
        journal?.resetAfterRecovery(now: self.clock.now)
        if count > 0 {
            self.logger.warning(
                "messages were in flight at a crash",
                metadata: ["dispatch.in_flight": "\(count)", "dispatch.crash_policy": "\(self.settings.crashPolicy.rawValue)"]
            )
        }
        return count
    }

    /// One pass, without overlap: every queued reply, then one bulk batch sent and recorded. Returns how
    /// many bulk messages were claimed.
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
            self.metrics.outcomes(outcomes)
            return batch.count
        } catch {
            self.logger.error("dispatch pass failed", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Sends a batch with at most `concurrency` carrier calls at once: that many workers each take the next
    /// message in batch order until none is left (one child task per worker, not per message).
    func send(_ batch: [ClaimedMessage]) async -> [DispatchOutcome] {
        let next = BatchCursor()
        return await withTaskGroup(of: [DispatchOutcome].self) { group in
            for _ in 0..<min(self.settings.concurrency, batch.count) {
                group.addTask {
                    var outcomes: [DispatchOutcome] = []
                    while let index = next.take(below: batch.count) {
                        outcomes.append(await self.sendOne(batch[index]))
                    }
                    return outcomes
                }
            }
            var outcomes: [DispatchOutcome] = []
            outcomes.reserveCapacity(batch.count)
            for await part in group { outcomes += part }
            return outcomes
        }
    }

    func sendOne(_ message: ClaimedMessage) async -> DispatchOutcome {
        let wait = self.pacer.reserve(message.sms.from)
        if wait > .zero { try? await Task.sleep(for: wait) }
        let result = await self.locks.withLock(message.sms.to.e164) { () -> DispatchResult in
            if self.suppressionGuard.contains(message.sms.to.e164) {
                return .closed(.suppressed, reason: "number opted out while the message was queued")
            }
            if let expiresAt = message.expiresAt, self.clock.now >= expiresAt {
                return .closed(.expired, reason: "expired before it could be sent")
            }
            // Waiting its turn (pacing) must not carry a message past the end of its allowed hours.
            if let sendBy = message.sendBy, self.clock.now >= sendBy {
                return .deferred(until: sendBy, reason: "its allowed hours ended while it waited to be sent (quiet hours)")
            }
            if let blocked = await self.fence.blocked(
                message.sms.to, channel: .sms, id: message.sms.id, expiresAt: message.expiresAt, carrier: self.carrier.id,
                settings: self.settings, now: self.clock.now
            ) {
                return blocked
            }
            if let journal = self.journal, !journal.started(message.sms.id) {
                // Without the note, a crash during the call would put the message back to be sent again.
                return .deferred(until: self.clock.now.addingTimeInterval(60), reason: "the send journal could not be written (is the disk full?)")
            }
            do throws(CarrierError) {
                var sms = message.sms
                sms.expiresAt = sms.expiresAt ?? message.expiresAt
                let receipt = try await self.carrier.send(sms)
                let carrier = receipt.carrier ?? self.carrier.id
                self.journal?.accepted(message.sms.id, carrier: carrier, carrierMessageID: receipt.carrierMessageID)
                return .sent(carrier: carrier, carrierMessageID: receipt.carrierMessageID)
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
            return .failed(carrier: error.carrier ?? self.carrier.id, error: error)
        }
        var generator = SystemRandomNumberGenerator()
        let at = self.clock.now.addingTimeInterval(self.settings.backoff(attempt: message.attempts, using: &generator))
        if let expiresAt = message.expiresAt, at >= expiresAt {
            return .closed(.expired, reason: "retrying would pass its expiry (\(error.description))")
        }
        return .retry(at: at, carrier: error.carrier ?? self.carrier.id, error: error)
    }
}

/// The next message of a batch for the send workers to take.
final class BatchCursor: Sendable {
    private let next = Atomic<Int>(0)

    /// The index of the next message, or nil once all `count` have been taken.
    func take(below count: Int) -> Int? {
        let index = self.next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}
