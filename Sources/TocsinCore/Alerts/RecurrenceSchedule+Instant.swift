import Foundation

extension RecurrenceSchedule {
    /// The instant a wall-clock time in `zone` denotes, following RFC 5545 §3.3.5 for DST edges.
    ///
    /// - A local time that does not exist (the spring-forward gap) is read with the UTC offset in force
    ///   *before* the gap: 02:30 on 2026-03-08 in America/New_York is read as 02:30 EST = 07:30Z, which the
    ///   clocks show as 03:30 EDT.
    /// - A local time that occurs twice (the fall-back overlap) is its *first* occurrence, the earlier
    ///   instant: 01:30 on 2026-11-01 in America/New_York is 01:30 EDT = 05:30Z, not 01:30 EST = 06:30Z.
    ///
    /// This does not rely on `Calendar`'s resolution of skipped or repeated times: it asks the zone only for
    /// its UTC offset at given instants and solves `instant + offset(instant) = wall clock` itself.
    /// It assumes the zone changes its offset at most once within a day either side of `local`, as real zones do.
    public static func utcInstant(_ local: LocalDateTime, in zone: TimeZone) -> Date {
        Date(timeIntervalSince1970: Double(Self.utcSeconds(wallSeconds: local.wallSeconds, in: zone)))
    }

    /// Seconds since 1970-01-01T00:00:00Z for `wallSeconds` of wall-clock time in `zone`.
    static func utcSeconds(wallSeconds wall: Int, in zone: TimeZone) -> Int {
        func offset(at seconds: Int) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        }
        // The offsets a day before and after bracket any change near this wall time (offsets are < 1 day).
        let earlier = offset(at: wall - 86_400)
        let later = offset(at: wall + 86_400)
        if earlier == later, offset(at: wall - earlier) == earlier {
            return wall - earlier  // The common case: no change nearby, one solution.
        }
        // An offset `o` is a solution when the instant `wall - o` really has offset `o`.
        let candidates = Set([earlier, later, offset(at: wall - earlier), offset(at: wall - later)])
        let solutions = candidates.filter { offset(at: wall - $0) == $0 }
        if let largest = solutions.max() {
            // Overlap: two solutions; the larger offset gives the earlier instant, the first occurrence.
            return wall - largest
        }
        // Gap: no solution. Clocks jumped from offset `before` to a larger `after`, at an instant T with
        // T + before <= wall < T + after. So `wall - after` is before T, where the offset is `before`.
        let after = candidates.max() ?? earlier
        let before = offset(at: wall - after)
        return wall - before
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` for an instant, in UTC, truncated to whole seconds.
    static func utcText(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        return LocalDateTime(wallSeconds: seconds).description + "Z"
    }
}
