import Synchronization
import TocsinCore

/// Per-sender pacing: a bucket per second, per minute and per day for each sender number.
public final class Pacer: Sendable {
    private let defaults: SenderLimits
    private let overrides: [String: SenderLimits]
    /// Buckets by sender, held only while one reservation is computed.
    private let buckets = Mutex<[String: [TokenBucket]]>([:])
    private let start = ContinuousClock.now

    public init(defaults: SenderLimits = SenderLimits(), overrides: [String: SenderLimits] = [:]) {
        self.defaults = defaults
        self.overrides = overrides
    }

    /// Reserves one send for `sender` and returns how long to wait before making it.
    public func reserve(_ sender: String) -> Duration {
        let now = self.seconds(ContinuousClock.now)
        let limits = self.overrides[sender] ?? self.defaults
        let wait = self.buckets.withLock { all in
            var buckets = all[sender] ?? [
                TokenBucket(limit: limits.perSecond, per: 1, start: now),
                TokenBucket(limit: limits.perMinute, per: 60, start: now),
                TokenBucket(limit: limits.perDay, per: 86_400, start: now),
            ]
            var wait = 0.0
            for index in buckets.indices { wait = max(wait, buckets[index].reserve(at: now)) }
            all[sender] = buckets
            return wait
        }
        return .microseconds(Int64(wait * 1_000_000))
    }

    private func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let elapsed = instant - self.start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
