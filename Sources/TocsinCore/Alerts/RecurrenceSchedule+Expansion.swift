import Foundation

extension RecurrenceSchedule {
    /// Expands the schedule: occurrences strictly after `after`, at most `limit`, and how many periods it
    /// looked at (for tests that check far-future look-ups jump instead of walking).
    func expand(after: Date?, limit: Int) -> (occurrences: [Occurrence], periodsVisited: Int) {
        guard limit > 0 else { return ([], 0) }
        var collector = Collector(after: after, limit: limit, count: self.rule.count, until: self.untilBound)
        var index = 0
        // Without COUNT, earlier occurrences do not matter: start two days before `after` (gap adjustment
        // moves a local time by at most a day) and one period earlier still, then filter.
        if self.rule.count == nil, let after {
            let afterDay = LocalDateTime(after, in: self.timeZone).epochDay
            index = max(0, self.periods.index(containing: afterDay - 2) - 1)
        }
        if index == 0, !collector.offer(Occurrence(local: self.start, instant: self.startInstant)) {
            return (collector.results, 0)
        }
        guard self.repeats else { return (collector.results, 0) }

        var visited = 0
        var emptyRun = 0
        while true {
            let period = self.periods.days(inPeriod: index)
            visited += 1
            if period.firstDay > self.lastCandidateDay { break }
            if period.days.isEmpty {
                emptyRun += 1
                // A rule that repeats has shorter empty runs than this; it is the documented iteration cap.
                if emptyRun >= self.periods.emptyPeriodLimit { break }
            } else {
                emptyRun = 0
                for occurrence in self.occurrences(onDays: period.days) where !collector.offer(occurrence) {
                    return (collector.results, visited)
                }
            }
            index += 1
        }
        return (collector.results, visited)
    }

    /// The occurrences on `days` after the start, ordered by instant (then by local time).
    private func occurrences(onDays days: [Int]) -> [Occurrence] {
        var batch: [Occurrence] = []
        batch.reserveCapacity(days.count * self.secondsOfDay.count)
        for day in days {
            for secondOfDay in self.secondsOfDay where day * 86_400 + secondOfDay > self.startWallSeconds {
                let local = LocalDateTime(
                    epochDay: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60
                )
                batch.append(Occurrence(local: local, instant: Self.utcInstant(local, in: self.timeZone)))
            }
        }
        // Gap adjustment can reorder instants within a day (02:30 → 07:30Z but 03:00 → 07:00Z in New York).
        batch.sort { ($0.instant, $0.local) < ($1.instant, $1.local) }
        return batch
    }
}

/// Applies UNTIL, COUNT, de-duplication, `after` and `limit` to candidates offered in order.
private struct Collector {
    let after: Date?
    let limit: Int
    let count: Int?
    let until: RecurrenceSchedule.UntilBound?
    private(set) var results: [RecurrenceSchedule.Occurrence] = []
    private var emitted = 0
    private var lastInstant: Date?

    init(after: Date?, limit: Int, count: Int?, until: RecurrenceSchedule.UntilBound?) {
        self.after = after
        self.limit = limit
        self.count = count
        self.until = until
    }

    /// Considers one candidate; returns `false` once no later candidate can be accepted.
    mutating func offer(_ occurrence: RecurrenceSchedule.Occurrence) -> Bool {
        // A local time mapped onto an instant already used (or, across a gap, before it) is not a new one.
        if let lastInstant, occurrence.instant <= lastInstant { return true }
        switch self.until {
        case .instant(let end) where occurrence.instant > end: return true
        case .localDay(let end) where occurrence.local.epochDay > end: return true
        default: break
        }
        self.emitted += 1
        self.lastInstant = occurrence.instant
        if let after, occurrence.instant <= after {
            // Counted toward COUNT, but not asked for.
        } else {
            self.results.append(occurrence)
        }
        if let count, self.emitted >= count { return false }
        return self.results.count < self.limit
    }
}
