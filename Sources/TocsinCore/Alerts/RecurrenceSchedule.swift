import Foundation

/// A ``RecurrenceRule`` anchored at a local start time in an IANA time zone, expanded into UTC instants.
///
/// Occurrences are computed in the zone's wall-clock time and only then turned into instants, so DST never
/// moves the hour: "every Monday at 10:00 in America/New_York" is 14:00Z in summer and 15:00Z in winter.
/// Local times that do not exist or occur twice follow RFC 5545 §3.3.5 (see ``utcInstant(_:in:)``).
///
/// ```swift
/// let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO")
/// let schedule = try RecurrenceSchedule(
///     rule: rule, start: try LocalDateTime(parsing: "2026-03-02T10:00"), timeZone: "America/New_York")
/// let next = schedule.nextOccurrence(after: now)
/// ```
///
/// ## The start is always the first occurrence
/// As RFC 5545 requires, the start (DTSTART) is always the first occurrence and counts toward `COUNT`, even
/// when it does not match the rule: a WEEKLY;BYDAY=MO rule starting on a Wednesday fires on that Wednesday,
/// then on Mondays. Check ``startMatchesRule`` to warn users who did not mean that.
///
/// ## Ordering and duplicates
/// Occurrences are strictly increasing instants. Two local times that map to the same instant (02:00 and
/// 03:00 on a spring-forward day in New York are both 07:00Z) give one occurrence, counted once for COUNT.
///
/// ## Termination
/// The Gregorian calendar repeats exactly every 400 years, so a rule that matches no day in one such cycle
/// never matches. Expansion stops after that many consecutive empty periods (146,097 days, 20,871 weeks or
/// 4,800 months, divided by the common factor with INTERVAL), and ``repeats`` reports such rules up front.
/// Expansion also stops at the end of year 9999.
public struct RecurrenceSchedule: Sendable {
    /// One expanded occurrence.
    public struct Occurrence: Sendable, Hashable {
        /// The wall-clock time the rule produced in the schedule's zone, before any gap adjustment.
        /// ``DeliveryMode/recipientLocal`` re-reads this time in each recipient's zone.
        public let local: LocalDateTime
        /// When the occurrence happens.
        public let instant: Date
    }

    /// How the rule ends, converted for the schedule's zone.
    enum UntilBound: Sendable {
        /// No occurrence after this instant (UNTIL=...Z).
        case instant(Date)
        /// No occurrence whose local date is after this epoch day (UNTIL=YYYYMMDD).
        case localDay(Int)
    }

    /// The rule.
    public let rule: RecurrenceRule
    /// DTSTART, in ``timeZone``'s wall-clock time.
    public let start: LocalDateTime
    /// The zone the rule is expanded in.
    public let timeZone: TimeZone
    /// The instant of ``start`` (the first occurrence).
    public let startInstant: Date
    /// Whether the rule itself produces ``start`` (as opposed to RFC 5545 adding it as the first occurrence).
    public let startMatchesRule: Bool
    /// Whether the rule matches any day at all. `false` for rules such as MONTHLY;INTERVAL=12;BYMONTHDAY=31
    /// started in April: such a schedule has the start as its only occurrence.
    public let repeats: Bool

    /// The calendar half of the expansion: which days each period selects.
    let periods: RecurrencePeriods
    /// Seconds after midnight of each time of day an occurrence day yields, ascending.
    let secondsOfDay: [Int]
    /// ``start`` as wall seconds (read as if UTC).
    let startWallSeconds: Int
    let untilBound: UntilBound?
    /// No period whose first day is after this epoch day can produce an occurrence.
    let lastCandidateDay: Int

    /// Creates a schedule in the zone named `timeZone` (an IANA identifier such as `"Europe/London"`).
    ///
    /// - Throws: ``RecurrenceError/Code/unknownTimeZone`` for an unknown zone, and
    ///   ``RecurrenceError/Code/untilBeforeStart`` when UNTIL is earlier than `start`.
    public init(rule: RecurrenceRule, start: LocalDateTime, timeZone: String) throws(RecurrenceError) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw RecurrenceError(
                .unknownTimeZone,
                "Unknown time zone '\(timeZone)'. Use an IANA zone name such as America/New_York or Europe/London."
            )
        }
        try self.init(rule: rule, start: start, timeZone: zone)
    }

    /// Creates a schedule in `timeZone`.
    ///
    /// - Throws: ``RecurrenceError/Code/untilBeforeStart`` when UNTIL is earlier than `start`.
    public init(rule: RecurrenceRule, start: LocalDateTime, timeZone: TimeZone) throws(RecurrenceError) {
        self.rule = rule
        self.start = start
        self.timeZone = timeZone
        self.startInstant = Self.utcInstant(start, in: timeZone)
        self.startWallSeconds = start.wallSeconds
        self.periods = RecurrencePeriods(rule: rule, start: start)
        let hours = rule.byHour.isEmpty ? [start.hour] : rule.byHour
        let minutes = rule.byMinute.isEmpty ? [start.minute] : rule.byMinute
        self.secondsOfDay = hours.flatMap { hour in minutes.map { hour * 3600 + $0 * 60 + start.second } }

        let endOfCalendar = LocalDateTime.epochDay(year: 9999, month: 12, day: 31)
        switch rule.until {
        case nil:
            self.untilBound = nil
            self.lastCandidateDay = endOfCalendar
        case .instant(let utc):
            let until = Date(timeIntervalSince1970: Double(utc.wallSeconds))
            guard self.startInstant <= until else {
                throw RecurrenceError(
                    .untilBeforeStart,
                    "UNTIL=\(RecurrenceRule.Until.instant(utc)) is before the start \(start) \(timeZone.identifier). "
                        + "Move UNTIL after the start, or start earlier."
                )
            }
            self.untilBound = .instant(until)
            // Gap adjustment moves a local time by at most a day, so two days of margin are enough.
            self.lastCandidateDay = min(endOfCalendar, LocalDateTime(until, in: timeZone).epochDay + 2)
        case .date(let date):
            guard start.epochDay <= date.epochDay else {
                throw RecurrenceError(
                    .untilBeforeStart,
                    "UNTIL=\(RecurrenceRule.Until.date(date)) is before the start date \(start). "
                        + "Move UNTIL on or after the start date, or start earlier."
                )
            }
            self.untilBound = .localDay(date.epochDay)
            self.lastCandidateDay = date.epochDay
        }

        let periods = self.periods
        let firstPeriod = periods.days(inPeriod: 0).days
        let startSecond = start.hour * 3600 + start.minute * 60 + start.second
        self.startMatchesRule = firstPeriod.contains(start.epochDay) && self.secondsOfDay.contains(startSecond)
        self.repeats =
            !firstPeriod.isEmpty
            || (1..<periods.emptyPeriodLimit).contains { index in
                !periods.days(inPeriod: index).days.isEmpty
            }
    }

    /// Occurrences strictly after `after` (from the start when `nil`), at most `limit` of them, ascending.
    ///
    /// Without COUNT this jumps straight to the period containing `after`; with COUNT it walks from the
    /// start, because every earlier occurrence counts.
    public func occurrences(after: Date? = nil, limit: Int) -> [Date] {
        self.expand(after: after, limit: limit).occurrences.map(\.instant)
    }

    /// Like ``occurrences(after:limit:)``, with each occurrence's local wall-clock time.
    public func detailedOccurrences(after: Date? = nil, limit: Int) -> [Occurrence] {
        self.expand(after: after, limit: limit).occurrences
    }

    /// The first occurrence strictly after `after`, or `nil` when the rule has ended.
    public func nextOccurrence(after: Date) -> Date? {
        self.occurrences(after: after, limit: 1).first
    }
}
