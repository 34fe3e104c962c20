import Foundation

/// One bench process's run: how many items it handled and when it started and finished (wall clock), written
/// as one `run …` line so that a later step can add up the runs of several concurrent processes.
struct InstanceRun: Sendable, Hashable {
    /// The instance's name (no spaces), e.g. `a` or `b`.
    var name: String
    /// Messages sent or handled.
    var count: Int
    /// Start of the timed part, seconds since 1970.
    var start: Double
    /// End of the timed part, seconds since 1970.
    var end: Double

    /// The instance's own rate (per second); 0 when it took no time.
    var rate: Double {
        self.end > self.start ? Double(self.count) / (self.end - self.start) : 0
    }

    /// The machine-readable line, e.g. `run a count=50000 start=1795453200.000000 end=1795453203.500000`.
    var line: String {
        "run \(self.name) count=\(self.count) " + String(format: "start=%.6f end=%.6f", self.start, self.end)
    }

    init(name: String, count: Int, start: Double, end: Double) {
        self.name = name
        self.count = count
        self.start = start
        self.end = end
    }

    /// Parses a ``line``; nil for any other line (other output of the bench is interleaved with these).
    init?(line: String) {
        let words = line.split(separator: " ")
        guard words.count == 5, words[0] == "run" else { return nil }
        var fields: [Substring: Substring] = [:]
        for word in words.dropFirst(2) {
            let pair = word.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            fields[pair[0]] = pair[1]
        }
        guard let count = fields["count"].flatMap({ Int($0) }), count >= 0,
              let start = fields["start"].flatMap({ Double($0) }),
              let end = fields["end"].flatMap({ Double($0) }), end >= start
        else { return nil }
        self.init(name: String(words[1]), count: count, start: start, end: end)
    }

    /// The runs of concurrent instances taken together.
    struct Aggregate: Sendable, Hashable {
        /// Items handled by all instances.
        var count: Int
        /// Wall time from the first start to the last finish.
        var seconds: Double
        /// `count / seconds`; 0 when the runs took no time.
        var rate: Double { self.seconds > 0 ? Double(self.count) / self.seconds : 0 }
    }

    /// Total count over wall time from the earliest start to the latest end (not the sum of the instances'
    /// own rates, which would overstate it when they did not run fully side by side); nil for no runs.
    static func aggregate(_ runs: [InstanceRun]) -> Aggregate? {
        guard let first = runs.map(\.start).min(), let last = runs.map(\.end).max() else { return nil }
        return Aggregate(count: runs.reduce(0) { $0 + $1.count }, seconds: last - first)
    }
}
