import Foundation
import Synchronization
import TocsinCore

/// A carrier made of several: each message goes to the first carrier of its sender's route whose circuit
/// is closed; a retryable failure (timeout, 5xx, 429) or an open circuit moves it to the next carrier, a
/// terminal error (invalid number, opted out, bad credentials) ends the attempt.
///
/// Each carrier has a ``CircuitBreaker``: `failureThreshold` consecutive carrier failures (retryable errors
/// and `misconfigured`) open it for `cooldown` seconds, then one probe decides. The receipt and errors name
/// the carrier that answered (``CarrierReceipt/carrier``, ``CarrierError/carrier``) so the message row
/// records it.
public final class CarrierRouter: CarrierAdapter {
    public let id = "route"
    let carriers: [String: any CarrierAdapter]
    /// The default order of carrier ids.
    public let defaultRoute: [String]
    /// Orders for particular senders (number or short code as in `organisation.senders`).
    public let senderRoutes: [String: [String]]
    let clock: any WallClock
    private let breakers: Mutex<[String: CircuitBreaker]>

    /// - Throws: ``CarrierError`` `misconfigured` when a route is empty or names a carrier not given.
    public init(
        carriers: [any CarrierAdapter], route: [String], senderRoutes: [String: [String]] = [:], failureThreshold: Int = 5,
        cooldown: TimeInterval = 30, clock: any WallClock
    ) throws(CarrierError) {
        var byID: [String: any CarrierAdapter] = [:]
        for carrier in carriers { byID[carrier.id] = carrier }
        for (sender, order) in [("default", route)] + senderRoutes.sorted(by: { $0.key < $1.key }).map({ ($0.key, $0.value) }) {
            guard !order.isEmpty else {
                throw CarrierError(.misconfigured, message: "the carrier route for \(sender) is empty: list at least one carrier")
            }
            for name in order where byID[name] == nil {
                throw CarrierError(.misconfigured, message: "the carrier route for \(sender) names \(name), which is not configured")
            }
        }
        self.carriers = byID
        self.defaultRoute = route
        self.senderRoutes = senderRoutes
        self.clock = clock
        self.breakers = Mutex(byID.mapValues { _ in CircuitBreaker(failureThreshold: failureThreshold, cooldown: cooldown) })
    }

    /// The carriers a message from `sender` tries, in order.
    public func route(for sender: String) -> [String] {
        self.senderRoutes[sender] ?? self.defaultRoute
    }

    /// Each carrier's breaker state (for tests and diagnostics).
    public var breakerStates: [String: CircuitBreaker.State] {
        self.breakers.withLock { $0.mapValues(\.state) }
    }

    public func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        var skipped: [String] = []
        var lastError: CarrierError?
        for name in self.route(for: message.from) {
            guard let carrier = self.carriers[name] else { continue }
            let permitted = self.breakers.withLock { $0[name]?.permit(now: self.clock.now) ?? false }
            guard permitted else {
                skipped.append(name)
                continue
            }
            do throws(CarrierError) {
                let receipt = try await carrier.send(message)
                self.breakers.withLock { $0[name]?.recordSuccess() }
                return CarrierReceipt(carrierMessageID: receipt.carrierMessageID, carrier: receipt.carrier ?? name)
            } catch {
                var error = error
                error.carrier = error.carrier ?? name
                let carrierFailure = error.isRetryable || error.kind == .misconfigured
                self.breakers.withLock { breakers in
                    if carrierFailure { breakers[name]?.recordFailure(now: self.clock.now) } else { breakers[name]?.recordSuccess() }
                }
                guard error.isRetryable else { throw error }
                lastError = error
            }
        }
        if let lastError { throw lastError }
        throw CarrierError(
            .unavailable, message: "every carrier of the route is unavailable (circuit open): \(skipped.joined(separator: ", "))"
        )
    }
}
