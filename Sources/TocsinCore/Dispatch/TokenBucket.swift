/// A token bucket that hands out reservations: each ``reserve(at:)`` takes one token, going into debt when
/// the bucket is empty, and says how long the caller must wait for its token.
public struct TokenBucket: Sendable, Hashable {
    /// Tokens the bucket holds when full (the largest burst).
    public let capacity: Double
    /// Tokens added per second.
    public let rate: Double
    private var tokens: Double
    private var last: Double

    /// A bucket of `limit` tokens per `period` seconds, full at time `start` (seconds, any origin).
    public init(limit: Int, per period: Double, start: Double = 0) {
        self.capacity = Double(max(limit, 1))
        self.rate = self.capacity / period
        self.tokens = self.capacity
        self.last = start
    }

    /// Takes one token at time `now` (seconds) and returns the seconds to wait before using it (0: now).
    public mutating func reserve(at now: Double) -> Double {
        self.refill(at: now)
        self.tokens -= 1
        return self.tokens >= 0 ? 0 : -self.tokens / self.rate
    }

    /// The same bucket at a new limit of `limit` tokens per `period` seconds, at time `now`: it keeps the
    /// fill fraction it has at `now` (half full stays half full), so a changed limit grants no burst and
    /// takes away no more than its share. A debt (reservations already handed out) keeps its length in time:
    /// the reservations made stand, and the next one waits for them at the new rate.
    public func rescaled(limit: Int, per period: Double, at now: Double) -> TokenBucket {
        var current = self
        current.refill(at: now)
        var bucket = TokenBucket(limit: limit, per: period, start: max(now, current.last))
        bucket.tokens = current.tokens / current.capacity * bucket.capacity
        return bucket
    }

    /// The tokens available at `now` (negative: a debt), for tests and reports.
    public func available(at now: Double) -> Double {
        var current = self
        current.refill(at: now)
        return current.tokens
    }

    private mutating func refill(at now: Double) {
        if now > self.last {
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now
        }
    }
}
