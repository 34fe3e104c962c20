import Foundation
import Synchronization
import TocsinCore

/// A carrier for tests that records every send in order and can be scripted to fail or delay.
public final class ScriptedCarrier: CarrierAdapter {
    public let id: String
    private let state = Mutex(State())

    struct State {
        var sent: [OutboundSMS] = []
        var failures: [CarrierError] = []
        var delay: Duration = .zero
        var failAll: CarrierError?
        var starts: [(to: String, kind: MessageKind, at: ContinuousClock.Instant)] = []
        var recordStarts = false
    }

    public init(id: String = "mock") {
        self.id = id
    }

    /// Every message accepted so far, in the order the carrier accepted them.
    public var sent: [OutboundSMS] { self.state.withLock { $0.sent } }

    /// Makes the next sends fail with these errors, in order.
    public func failNext(_ errors: CarrierError...) {
        self.state.withLock { $0.failures.append(contentsOf: errors) }
    }

    /// Makes every send fail with `error` until called with nil (an outage).
    public func failAll(_ error: CarrierError?) {
        self.state.withLock { $0.failAll = error }
    }

    /// Records the instant each send starts (see ``starts``).
    public func recordStarts() {
        self.state.withLock { $0.recordStarts = true }
    }

    /// Each send's number, kind and the instant it started, in order (when ``recordStarts()`` was called).
    public var starts: [(to: String, kind: MessageKind, at: ContinuousClock.Instant)] { self.state.withLock { $0.starts } }

    /// Makes every send wait this long before the carrier answers.
    public func setDelay(_ delay: Duration) {
        self.state.withLock { $0.delay = delay }
    }

    public func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        let delay = self.state.withLock { state in
            if state.recordStarts { state.starts.append((message.to.e164, message.kind, ContinuousClock.now)) }
            return state.delay
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return try self.state.withLock { state throws(CarrierError) in
            if let error = state.failAll { throw error }
            if !state.failures.isEmpty { throw state.failures.removeFirst() }
            state.sent.append(message)
            return CarrierReceipt(carrierMessageID: "SCRIPTED\(state.sent.count)")
        }
    }
}
