import Testing
import TocsinCore
@testable import TocsinEngine

struct CallPacerTests {
    func waits(_ pacer: CallPacer, count: Int, at: Double) async -> [Double] {
        var waits: [Double] = []
        for _ in 0..<count { waits.append(await pacer.reserve(at: at)) }
        return waits
    }

    @Test(arguments: [(1, 4, 0.25), (2, 2, 0.5), (3, 1, 1), (8, 1, 1)])
    func aShareDividesTheCallsPerSecond(instances: Int, burst: Int, spacing: Double) async {
        let pacer = CallPacer(perSecond: 4)
        await pacer.setShare(instances, at: 0)
        let waits = await self.waits(pacer, count: 8, at: 0)
        #expect(waits.prefix(burst).allSatisfy { $0 == 0 } && waits[burst] > 0)
        #expect(abs(waits[7] - waits[6] - spacing) < 1e-9)
        #expect(await pacer.share == instances)
    }

    @Test func aChangedShareKeepsTheFillFractionAndTheReservationsMade() async {
        let pacer = CallPacer(perSecond: 4)
        // All 4 tokens and one more: a quarter second of debt.
        _ = await self.waits(pacer, count: 5, at: 0)
        await pacer.setShare(2, at: 0)
        // The debt stands, then one call every half second.
        #expect(abs(await pacer.reserve(at: 0) - 0.75) < 1e-9)
        await pacer.setShare(1, at: 0)
        #expect(abs(await pacer.reserve(at: 0) - 1.0) < 1e-9)
    }
}
