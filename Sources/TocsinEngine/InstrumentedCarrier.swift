import Foundation
import TocsinCore

/// A carrier adapter that times every call and counts errors by code, then passes the answer through.
public struct InstrumentedCarrier: CarrierAdapter {
    let base: any CarrierAdapter
    let metrics: EngineMetrics

    public init(_ base: any CarrierAdapter, metrics: EngineMetrics) {
        self.base = base
        self.metrics = metrics
    }

    public var id: String { self.base.id }

    public func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let receipt = try await self.base.send(message)
            self.metrics.carrierCall(carrier: self.base.id, duration: clock.now - start, error: nil)
            return receipt
        } catch {
            self.metrics.carrierCall(carrier: self.base.id, duration: clock.now - start, error: error)
            throw error
        }
    }
}
