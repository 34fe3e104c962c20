import Foundation
import Synchronization
import TocsinCore

/// A voice carrier for tests that records every call in order and can be scripted to fail or delay.
public final class ScriptedVoiceCarrier: VoiceCarrier {
    public let id: String
    private let state = Mutex(State())

    struct State {
        var calls: [OutboundCall] = []
        var failures: [CarrierError] = []
        var delay: Duration = .zero
    }

    public init(id: String = "mock") {
        self.id = id
    }

    /// Every call placed so far, in order.
    public var calls: [OutboundCall] { self.state.withLock { $0.calls } }

    /// Makes the next calls fail with these errors, in order.
    public func failNext(_ errors: CarrierError...) {
        self.state.withLock { $0.failures.append(contentsOf: errors) }
    }

    /// Makes every call wait this long before the carrier answers.
    public func setDelay(_ delay: Duration) {
        self.state.withLock { $0.delay = delay }
    }

    public func placeCall(_ call: OutboundCall) async throws(CarrierError) -> CarrierReceipt {
        let delay = self.state.withLock { $0.delay }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return try self.state.withLock { state throws(CarrierError) in
            if !state.failures.isEmpty { throw state.failures.removeFirst() }
            state.calls.append(call)
            return CarrierReceipt(carrierMessageID: "CA\(String(format: "%032d", state.calls.count))")
        }
    }
}
