import Testing
import TocsinCore
@testable import TocsinEngine

struct PacerTests {
    @Test func aFullBucketLetsABurstThroughThenSpacesSends() {
        var bucket = TokenBucket(limit: 5, per: 1)
        let waits = (0..<7).map { _ in bucket.reserve(at: 0) }
        #expect(waits.prefix(5).allSatisfy { $0 == 0 })
        #expect(abs(waits[5] - 0.2) < 1e-9)
        #expect(abs(waits[6] - 0.4) < 1e-9)
        // A second later the debt is paid and three tokens are back.
        #expect(bucket.reserve(at: 1) == 0)
    }

    @Test func theStrictestBucketDecides() async {
        let pacer = Pacer(defaults: SenderLimits(perSecond: 100, perMinute: 2, perDay: 1000))
        _ = pacer.reserve("+1")
        _ = pacer.reserve("+1")
        let third = pacer.reserve("+1")
        #expect(third > .seconds(25))
        // Another sender has its own buckets.
        #expect(pacer.reserve("+2") == .zero)
    }

    @Test(arguments: [(1, 30.0), (2, 60), (3, 120), (7, 1920), (8, 3600), (20, 3600)])
    func backoffDoublesUpToTheCap(attempt: Int, ceiling: Double) {
        let settings = DispatchSettings()
        #expect(settings.backoffCeiling(attempt: attempt) == ceiling)
        var generator = SystemRandomNumberGenerator()
        let wait = settings.backoff(attempt: attempt, using: &generator)
        #expect(wait >= 0 && wait <= ceiling)
    }

    @Test(arguments: [("100/6000/1000000", true), ("1/60/1000", true), ("1/60", false), ("0/1/1", false), ("a/b/c", false)])
    func senderLimitsParse(text: String, valid: Bool) {
        #expect((SenderLimits(text) != nil) == valid)
    }

    /// The waits of `count` reservations for `sender` at time `at` (seconds since the pacer started).
    func waits(_ pacer: Pacer, _ sender: String, count: Int, at: Double) -> [Double] {
        (0..<count).map { _ in pacer.reserve(sender, at: at) }
    }

    /// The spacing between the last two waits: the rate a sender gets once its burst is used.
    func spacing(_ waits: [Double]) -> Double { waits[waits.count - 1] - waits[waits.count - 2] }

    @Test(arguments: [(1, 10, 0.1), (2, 5, 0.2), (3, 3, 1.0 / 3), (20, 1, 1)])
    func aShareDividesTheBurstAndTheRate(instances: Int, burst: Int, spacing: Double) {
        let pacer = Pacer(defaults: SenderLimits(perSecond: 10, perMinute: 600, perDay: 100_000))
        pacer.setShare(instances, at: 0)
        let waits = self.waits(pacer, "+1", count: 20, at: 0)
        #expect(waits.prefix(burst).allSatisfy { $0 == 0 } && waits[burst] > 0)
        #expect(abs(self.spacing(waits) - spacing) < 1e-9)
        #expect(pacer.share == instances)
        #expect(pacer.limits(for: "+1") == SenderLimits(perSecond: 10, perMinute: 600, perDay: 100_000).share(of: instances))
    }

    @Test func aChangedShareRebuildsExistingBucketsWithoutABurst() {
        let pacer = Pacer(
            defaults: SenderLimits(perSecond: 10, perMinute: 600, perDay: 100_000),
            overrides: ["+2": SenderLimits(perSecond: 4, perMinute: 240, perDay: 1000)]
        )
        // Both senders' buckets exist at the full share; +1 has used 4 of its 10 tokens.
        _ = self.waits(pacer, "+1", count: 4, at: 0)
        _ = self.waits(pacer, "+2", count: 1, at: 0)
        pacer.setShare(2, at: 0)
        // +1 keeps its fill fraction (6 of 10 → 3 of 5): three sends now, then one every 0.2 s.
        let one = self.waits(pacer, "+1", count: 6, at: 0)
        #expect(one.prefix(3).allSatisfy { $0 == 0 } && one[3] > 0)
        #expect(abs(self.spacing(one) - 0.2) < 1e-9)
        // The override is shared too: 4/s becomes 2/s.
        let two = self.waits(pacer, "+2", count: 4, at: 0)
        #expect(abs(self.spacing(two) - 0.5) < 1e-9)
        // Back to one instance ten seconds later: full buckets at the full rate.
        pacer.setShare(1, at: 10)
        let again = self.waits(pacer, "+1", count: 12, at: 10)
        #expect(again.prefix(10).allSatisfy { $0 == 0 } && again[10] > 0)
        #expect(abs(self.spacing(again) - 0.1) < 1e-9)
    }

    @Test func theSameShareAgainChangesNothing() {
        let pacer = Pacer(defaults: SenderLimits(perSecond: 10, perMinute: 600, perDay: 100_000))
        _ = self.waits(pacer, "+1", count: 10, at: 0)
        pacer.setShare(1, at: 0)
        pacer.setShare(0, at: 0)
        // Still empty at 10/s: no tokens were granted by the calls.
        #expect(abs(pacer.reserve("+1", at: 0) - 0.1) < 1e-9)
        #expect(pacer.share == 1)
    }
}
