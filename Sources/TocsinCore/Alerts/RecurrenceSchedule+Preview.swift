import Foundation

extension RecurrenceSchedule {
    /// The largest `count` ``previewJSON(rule:start:timeZone:count:)`` accepts.
    public static let maximumPreviewCount = 10_000

    /// The first `count` occurrences as a compact JSON array of UTC times, for `tocsin schedule preview --json`.
    ///
    /// ```swift
    /// try RecurrenceSchedule.previewJSON(
    ///     rule: "FREQ=WEEKLY;BYDAY=MO", start: "2026-03-02T10:00", timeZone: "America/New_York", count: 2)
    /// // ["2026-03-02T15:00:00Z","2026-03-09T14:00:00Z"]
    /// ```
    ///
    /// - Parameters:
    ///   - rule: RRULE text, with or without the `RRULE:` prefix.
    ///   - start: The local start, `YYYY-MM-DDTHH:MM[:SS]`.
    ///   - timeZone: An IANA zone name.
    ///   - count: How many occurrences to list, 0...``maximumPreviewCount``; fewer if the rule ends first.
    /// - Returns: `[` + `"YYYY-MM-DDTHH:MM:SSZ"` strings joined by `,` + `]`, with no spaces.
    /// - Throws: ``RecurrenceError`` for an invalid rule, start, zone or count.
    public static func previewJSON(rule: String, start: String, timeZone: String, count: Int) throws(RecurrenceError)
        -> String
    {
        guard (0...Self.maximumPreviewCount).contains(count) else {
            throw RecurrenceError(
                .outOfRange,
                "Preview count \(count) is out of range: use 0...\(Self.maximumPreviewCount)."
            )
        }
        let schedule = try RecurrenceSchedule(
            rule: try RecurrenceRule(parsing: rule),
            start: try LocalDateTime(parsing: start),
            timeZone: timeZone
        )
        // The texts hold only digits, '-', ':', 'T' and 'Z', so they need no JSON escaping.
        let items = schedule.occurrences(limit: count).map { "\"" + Self.utcText($0) + "\"" }
        return "[" + items.joined(separator: ",") + "]"
    }
}
