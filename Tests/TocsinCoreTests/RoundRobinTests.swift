import Testing
import TocsinCore

struct RoundRobinTests {
    @Test(arguments: [
        (10, ["a1", "b1", "c1", "a2", "c2", "a3", "a4"]),
        (4, ["a1", "b1", "c1", "a2"]),
        (0, [String]()),
    ])
    func takesOneOfEachQueueInTurn(limit: Int, expected: [String]) {
        let queues = [("a", ["a1", "a2", "a3", "a4"]), ("b", ["b1"]), ("c", ["c1", "c2"])]
        #expect(RoundRobin.interleave(queues, limit: limit).map(\.1) == expected)
    }

    @Test func emptyQueuesGiveNothing() {
        #expect(RoundRobin.interleave([(1, [Int]()), (2, [])], limit: 5).isEmpty)
    }
}
