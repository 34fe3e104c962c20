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
}
