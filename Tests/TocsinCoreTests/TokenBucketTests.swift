import Testing
import TocsinCore

struct TokenBucketTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    /// (tokens taken at t=0 from a bucket of 100/s, the new limit, the tokens expected right after at the new
    /// limit): the fill fraction is kept.
    @Test(arguments: [(0, 50, 50.0), (50, 50, 25), (100, 50, 0), (60, 200, 80), (0, 100, 100)])
    func rescalingKeepsTheFillFraction(taken: Int, newLimit: Int, expected: Double) {
        var bucket = TokenBucket(limit: 100, per: 1)
        for _ in 0..<taken { _ = bucket.reserve(at: 0) }
        let rescaled = bucket.rescaled(limit: newLimit, per: 1, at: 0)
        #expect(rescaled.capacity == Double(newLimit))
        #expect(self.close(rescaled.available(at: 0), expected))
    }

    @Test func rescalingRefillsUpToNowFirst() {
        var bucket = TokenBucket(limit: 10, per: 1)
        for _ in 0..<10 { _ = bucket.reserve(at: 0) }
        // Half a second later 5 of 10 tokens are back: half full, so 50 of a new 100.
        let rescaled = bucket.rescaled(limit: 100, per: 1, at: 0.5)
        #expect(self.close(rescaled.available(at: 0.5), 50))
    }

    @Test func aDebtKeepsItsLengthInTimeAndTheNextReservationWaitsAtTheNewRate() {
        var bucket = TokenBucket(limit: 10, per: 1)
        for _ in 0..<15 { _ = bucket.reserve(at: 0) }
        // 5 tokens of debt at 10/s: half a second of reservations already handed out.
        var halved = bucket.rescaled(limit: 5, per: 1, at: 0)
        #expect(self.close(halved.available(at: 0), -2.5))
        // The next one waits for the half second of debt, then its own token at 5/s.
        #expect(self.close(halved.reserve(at: 0), 0.7))
    }

    @Test func aRescaledBucketRefillsAtTheNewRate() {
        var bucket = TokenBucket(limit: 100, per: 1)
        for _ in 0..<100 { _ = bucket.reserve(at: 0) }
        var halved = bucket.rescaled(limit: 50, per: 1, at: 0)
        // Empty, refilling at 50/s: the first token comes after 20 ms, the fifth after 100 ms.
        #expect(self.close(halved.reserve(at: 0), 0.02))
        for _ in 0..<3 { _ = halved.reserve(at: 0) }
        #expect(self.close(halved.reserve(at: 0), 0.1))
    }
}
