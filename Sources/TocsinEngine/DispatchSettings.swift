import Foundation
import TocsinCore

/// How the dispatcher sends (the `dispatch.*` configuration keys).
public struct DispatchSettings: Sendable {
    public var gate: SendGate
    /// Limits of every sender without an override.
    public var limits: SenderLimits
    /// Limits per sender number (`dispatch.senders`).
    public var senderLimits: [String: SenderLimits]
    /// Carrier calls in flight at once.
    public var concurrency: Int
    /// Bulk rows claimed at once (without a send journal, twice this is the most messages in doubt after a crash).
    public var batchSize: Int
    /// The default ``batchSize``: the largest that keeps an opt-out's commit inside 10 ms under load. Measured
    /// on the 1M-message dispatch benchmark (planner running ahead, v11 due index): 200 gives 49,700-56,500
    /// messages/s with STOP p99 6.4-9.4 ms; 100 gives 44,500-48,600 with 5.3-7.8 ms (one transaction per
    /// batch either way, so the larger batch halves the commits per message).
    public static let defaultBatchSize = 200
    /// Attempts before a retryable failure becomes final.
    public var maxAttempts: Int
    /// Backoff before retry n is a random time up to min(cap, base × 2^(n−1)) (full jitter).
    public var backoffBase: TimeInterval
    public var backoffCap: TimeInterval
    /// How long a claim holds a message in `sending`.
    public var lease: TimeInterval
    public var crashPolicy: CrashPolicy
    /// The pause between passes when nothing is due.
    public var idleInterval: Duration
    /// The brand `{brand}` renders to.
    public var brand: String
    /// How often this instance heartbeats into the instance registry (`dispatch.heartbeat_seconds`); an
    /// instance silent for 3 heartbeats is dead and its share of the sender limits returns to the others.
    public var heartbeatInterval: Duration = .seconds(2)

    public init(
        gate: SendGate = SendGate(), limits: SenderLimits = SenderLimits(), senderLimits: [String: SenderLimits] = [:],
        concurrency: Int = 16, batchSize: Int = DispatchSettings.defaultBatchSize, maxAttempts: Int = 6, backoffBase: TimeInterval = 30,
        backoffCap: TimeInterval = 3600, lease: TimeInterval = 300, crashPolicy: CrashPolicy = .atMostOnce,
        idleInterval: Duration = .milliseconds(500), brand: String = "Tocsin"
    ) {
        self.gate = gate
        self.limits = limits
        self.senderLimits = senderLimits
        self.concurrency = concurrency
        self.batchSize = batchSize
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.lease = lease
        self.crashPolicy = crashPolicy
        self.idleInterval = idleInterval
        self.brand = brand
    }

    /// The longest wait before retry number `attempt` (1-based): base × 2^(attempt−1), at most the cap.
    public func backoffCeiling(attempt: Int) -> TimeInterval {
        min(self.backoffCap, self.backoffBase * pow(2, Double(max(attempt, 1) - 1)))
    }

    /// A full-jitter wait before retry number `attempt`.
    public func backoff<R: RandomNumberGenerator>(attempt: Int, using generator: inout R) -> TimeInterval {
        Double.random(in: 0...self.backoffCeiling(attempt: attempt), using: &generator)
    }
}
