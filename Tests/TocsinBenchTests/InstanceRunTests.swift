import Testing
@testable import TocsinBench

struct InstanceRunTests {
    @Test(arguments: [
        InstanceRun(name: "a", count: 50_000, start: 1_795_453_200.25, end: 1_795_453_204.5),
        InstanceRun(name: "sqlite", count: 0, start: 10, end: 10),
    ])
    func lineReadsBack(run: InstanceRun) {
        #expect(InstanceRun(line: run.line) == run)
    }

    @Test(arguments: [
        "",
        "seeded PostgreSQL: 100 subscribers",
        "run a count=5 start=1",
        "run a count=x start=1 end=2",
        "run a count=-1 start=1 end=2",
        "run a count=5 start=3 end=2",
        "ran a count=5 start=1 end=2",
    ])
    func otherLinesAreNotRuns(line: String) {
        #expect(InstanceRun(line: line) == nil)
    }

    @Test func rateIsCountOverOwnTime() {
        #expect(InstanceRun(name: "a", count: 300, start: 100, end: 102).rate == 150)
        #expect(InstanceRun(name: "a", count: 300, start: 100, end: 100).rate == 0)
    }

    struct Case: Sendable {
        var runs: [InstanceRun]
        var count: Int
        var seconds: Double
    }

    @Test(arguments: [
        Case(runs: [InstanceRun(name: "a", count: 100, start: 10, end: 12)], count: 100, seconds: 2),
        // Side by side: the wall time is the longer span, not the sum of the spans.
        Case(runs: [InstanceRun(name: "a", count: 100, start: 10, end: 12), InstanceRun(name: "b", count: 60, start: 10.5, end: 11.5)], count: 160, seconds: 2),
        // One started late: the wall time runs from the first start to the last end.
        Case(runs: [InstanceRun(name: "a", count: 100, start: 10, end: 12), InstanceRun(name: "b", count: 100, start: 11, end: 14)], count: 200, seconds: 4),
    ])
    func aggregateSpansFirstStartToLastEnd(example: Case) throws {
        let total = try #require(InstanceRun.aggregate(example.runs))
        #expect(total.count == example.count)
        #expect(abs(total.seconds - example.seconds) < 1e-9)
        #expect(abs(total.rate - Double(example.count) / example.seconds) < 1e-9)
    }

    @Test func aggregateOfNothingIsNil() {
        #expect(InstanceRun.aggregate([]) == nil)
        #expect(InstanceRun.Aggregate(count: 5, seconds: 0).rate == 0)
    }

    @Test func reportNamesTotalAndEachInstance() {
        let line = InstanceRun.report(
            [InstanceRun(name: "b", count: 100, start: 11, end: 12), InstanceRun(name: "a", count: 300, start: 10, end: 12)], unit: "messages"
        )
        #expect(line == "2 instances: 400 messages in 2.00 s = 200 messages/s aggregate (a 300 at 150/s, b 100 at 100/s)")
        #expect(InstanceRun.report([], unit: "messages").hasPrefix("no runs"))
    }
}
