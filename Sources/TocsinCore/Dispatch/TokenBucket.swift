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
        if now > self.last {
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now
        }
        self.tokens -= 1
        return self.tokens >= 0 ? 0 : -self.tokens / self.rate
    }
}
