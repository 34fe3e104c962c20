import Synchronization
import TocsinCore

/// Per-sender pacing: a bucket per second, per minute and per day for each sender number.
///
/// With several instances on one database, each paces at its share of every limit (``setShare(_:)``, from
/// the ``InstanceHeartbeat``), so that together they stay within the sender's limits.
public final class Pacer: Sendable, LimitSharing {
    private let defaults: SenderLimits
    private let overrides: [String: SenderLimits]
    /// The share and the buckets by sender, held only while one reservation is computed.
    private let state = Mutex(State())
    private let start = ContinuousClock.now

    struct State {
        var share = 1
        var buckets: [String: [TokenBucket]] = [:]
    }

    public init(defaults: SenderLimits = SenderLimits(), overrides: [String: SenderLimits] = [:]) {
        self.defaults = defaults
        self.overrides = overrides
    }

    /// Reserves one send for `sender` and returns how long to wait before making it.
    public func reserve(_ sender: String) -> Duration {
        let wait = self.reserve(sender, at: self.seconds(ContinuousClock.now))
        return .microseconds(Int64(wait * 1_000_000))
    }

    /// How many instances share the limits now (1: this instance has them all).
    public var share: Int { self.state.withLock { $0.share } }

    /// Paces at `1/instances` of every limit from now on (at least 1 per period, see
    /// ``SenderLimits/share(of:)``). Each sender's buckets are rebuilt at the new rates keeping their fill
    /// fraction, so a change grants no burst; reservations already handed out stand.
    public func setShare(_ instances: Int) {
        self.setShare(instances, at: self.seconds(ContinuousClock.now))
    }

    /// The limits `sender` is paced at now.
    public func limits(for sender: String) -> SenderLimits {
        let share = self.share
        return (self.overrides[sender] ?? self.defaults).share(of: share)
    }

    /// ``reserve(_:)`` at `now` (seconds since the pacer started): the wait in seconds.
    func reserve(_ sender: String, at now: Double) -> Double {
        self.state.withLock { state in
            if state.buckets[sender] == nil {
                state.buckets[sender] = Self.buckets((self.overrides[sender] ?? self.defaults).share(of: state.share), start: now)
            }
            // Reserved in place (no copy of the buckets per message).
            var wait = 0.0
            state.buckets[sender]?.withUnsafeMutableBufferPointer { buckets in
                for index in buckets.indices { wait = max(wait, buckets[index].reserve(at: now)) }
            }
            return wait
        }
    }

    /// ``setShare(_:)`` at `now` (seconds since the pacer started).
    func setShare(_ instances: Int, at now: Double) {
        let instances = max(instances, 1)
        self.state.withLock { state in
            guard state.share != instances else { return }
            state.share = instances
            for (sender, buckets) in state.buckets {
                let limits = Self.values((self.overrides[sender] ?? self.defaults).share(of: instances))
                state.buckets[sender] = buckets.indices.map { buckets[$0].rescaled(limit: limits[$0], per: Self.periods[$0], at: now) }
            }
        }
    }

    /// The buckets' periods in seconds, and their limits in the same order.
    static let periods: [Double] = [1, 60, 86_400]
    static func values(_ limits: SenderLimits) -> [Int] { [limits.perSecond, limits.perMinute, limits.perDay] }

    static func buckets(_ limits: SenderLimits, start: Double) -> [TokenBucket] {
        zip(Self.values(limits), Self.periods).map { limit, period in TokenBucket(limit: limit, per: period, start: start) }
    }

    private func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let elapsed = instant - self.start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
