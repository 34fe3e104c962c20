import Foundation

/// A circuit breaker for one carrier: after `failureThreshold` consecutive failures it opens for
/// `cooldown` seconds (calls go elsewhere), then lets one probe through (half-open): a success closes it,
/// a failure opens it again for another cooldown.
///
/// A pure state machine: time comes in as `now`, nothing is shared. ``CarrierAdapter`` routers keep one per
/// carrier under a lock.
public struct CircuitBreaker: Sendable, Hashable {
    /// Where the breaker stands.
    public enum State: Sendable, Hashable {
        /// Calls pass; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Calls are refused until `until`.
        case open(until: Date)
        /// The cooldown is over; `probing` is true while the one probe call is in flight.
        case halfOpen(probing: Bool)
    }

    public let failureThreshold: Int
    public let cooldown: TimeInterval
    public private(set) var state: State = .closed(failures: 0)

    /// - Parameters:
    ///   - failureThreshold: Consecutive failures that open the circuit (at least 1).
    ///   - cooldown: Seconds the circuit stays open before a probe.
    public init(failureThreshold: Int, cooldown: TimeInterval) {
        self.failureThreshold = max(1, failureThreshold)
        self.cooldown = cooldown
    }

    /// Whether a call may go to the carrier now. When the cooldown is over this admits exactly one probe
    /// (and refuses the others until its outcome is recorded).
    public mutating func permit(now: Date) -> Bool {
        switch self.state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            self.state = .halfOpen(probing: true)
            return true
        case .halfOpen(let probing):
            guard !probing else { return false }
            self.state = .halfOpen(probing: true)
            return true
        }
    }

    /// Records a call that reached the carrier and got an answer about the message (sent, or refused for
    /// a reason of the message's own): the carrier works.
    public mutating func recordSuccess() {
        self.state = .closed(failures: 0)
    }

    /// Records a call that failed because of the carrier (timeout, 5xx, 429, bad credentials).
    public mutating func recordFailure(now: Date) {
        switch self.state {
        case .closed(let failures):
            self.state = failures + 1 >= self.failureThreshold ? .open(until: now.addingTimeInterval(self.cooldown)) : .closed(failures: failures + 1)
        case .open, .halfOpen:
            self.state = .open(until: now.addingTimeInterval(self.cooldown))
        }
    }

    /// Whether calls are being refused at `now` (open and still cooling down, or a probe in flight).
    public func isOpen(now: Date) -> Bool {
        switch self.state {
        case .closed: false
        case .open(let until): now < until
        case .halfOpen(let probing): probing
        }
    }
}
