import Testing
import TocsinCore

struct SenderLimitsShareTests {
    /// (limits, instances, expected share): divided, rounded down, never below 1 per period.
    @Test(arguments: [
        ("100/6000/1000000", 1, "100/6000/1000000"), ("100/6000/1000000", 2, "50/3000/500000"),
        ("100/6000/1000000", 3, "33/2000/333333"), ("1/60/10000", 2, "1/30/5000"), ("3/7/5", 4, "1/1/1"),
        ("10/600/1000", 0, "10/600/1000"), ("10/600/1000", -3, "10/600/1000"),
    ])
    func eachLimitIsDividedRoundedDownAndAtLeastOne(limits: String, instances: Int, expected: String) throws {
        let limits = try #require(SenderLimits(limits))
        #expect(limits.share(of: instances) == SenderLimits(expected))
    }

    @Test(arguments: [(1, 1, 1), (1, 5, 1), (5, 2, 2), (100, 3, 33), (100, 100, 1), (100, 101, 1), (7, 0, 7)])
    func oneLimitIsShared(limit: Int, instances: Int, expected: Int) {
        #expect(SenderLimits.share(limit, of: instances) == expected)
    }
}
