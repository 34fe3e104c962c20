/// A validated recurrence rule: the subset of RFC 5545 `RRULE` that Tocsin schedules alerts with.
///
/// Supported parts: `FREQ` (DAILY, WEEKLY, MONTHLY), `INTERVAL`, `BYDAY` (ordinals such as `1MO` or `-1FR`
/// only with MONTHLY), `BYMONTHDAY` (1...31, -31...-1), `BYHOUR`, `BYMINUTE`, `COUNT`, `UNTIL`
/// (`YYYYMMDDTHHMMSSZ` or `YYYYMMDD`) and `WKST` (MO or SU). Create one with ``init(parsing:)``;
/// ``description`` gives the canonical text back, and the JSON form is that text.
///
/// ```swift
/// let rule = try RecurrenceRule(parsing: "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=18;BYMINUTE=0")
/// let schedule = try RecurrenceSchedule(rule: rule, start: start, timeZone: "Europe/London")
/// ```
///
/// Lists are sorted and free of duplicates, so two rules that mean the same are equal.
/// Expansion lives in ``RecurrenceSchedule``.
public struct RecurrenceRule: Sendable, Hashable {
    /// How often the rule repeats.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
    }

    /// A day of the week, written with its RFC 5545 two-letter code.
    public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
        case monday = "MO"
        case tuesday = "TU"
        case wednesday = "WE"
        case thursday = "TH"
        case friday = "FR"
        case saturday = "SA"
        case sunday = "SU"

        /// ISO 8601 number: 1 = Monday ... 7 = Sunday.
        public var isoNumber: Int {
            switch self {
            case .monday: 1
            case .tuesday: 2
            case .wednesday: 3
            case .thursday: 4
            case .friday: 5
            case .saturday: 6
            case .sunday: 7
            }
        }

        /// The weekday with ISO number `isoNumber` (1...7).
        init(isoNumber: Int) {
            precondition((1...7).contains(isoNumber), "ISO weekday numbers are 1...7")
            self = Self.allCases[isoNumber - 1]
        }
    }

    /// One `BYDAY` entry: a weekday, optionally with its position in the month (`2TU`, `-1FR`).
    public struct WeekdayRule: Sendable, Hashable, CustomStringConvertible {
        /// 1...5 counts from the start of the month, -5...-1 from its end; `nil` means every such weekday.
        public let ordinal: Int?
        /// The day of the week.
        public let weekday: Weekday

        init(ordinal: Int?, weekday: Weekday) {
            self.ordinal = ordinal
            self.weekday = weekday
        }

        /// RFC 5545 form, such as `MO`, `2TU` or `-1FR`.
        public var description: String { (self.ordinal.map(String.init) ?? "") + self.weekday.rawValue }
    }

    /// The inclusive end of a rule.
    public enum Until: Sendable, Hashable, CustomStringConvertible {
        /// An instant, written `YYYYMMDDTHHMMSSZ`; the fields are UTC. Occurrences at this instant are included.
        case instant(LocalDateTime)
        /// A date, written `YYYYMMDD`: every occurrence on or before this date, read in the schedule's own
        /// zone, is included. Only the date fields are meaningful (the time is 00:00:00).
        case date(LocalDateTime)

        /// RFC 5545 form: `20261231T235959Z` or `20261231`.
        public var description: String {
            switch self {
            case .instant(let utc):
                Self.compactDate(utc) + "T" + LocalDateTime.pad(utc.hour, 2) + LocalDateTime.pad(utc.minute, 2)
                    + LocalDateTime.pad(utc.second, 2) + "Z"
            case .date(let date):
                Self.compactDate(date)
            }
        }

        private static func compactDate(_ value: LocalDateTime) -> String {
            LocalDateTime.pad(value.year, 4) + LocalDateTime.pad(value.month, 2) + LocalDateTime.pad(value.day, 2)
        }
    }

    /// `FREQ`.
    public let frequency: Frequency
    /// `INTERVAL`, 1...10,000: every n-th day, week or month. 1 when absent.
    public let interval: Int
    /// `BYDAY`, sorted Monday first, then by ordinal. Empty when absent.
    public let byDay: [WeekdayRule]
    /// `BYMONTHDAY`, ascending (negative values count from the month's end). Empty when absent.
    public let byMonthDay: [Int]
    /// `BYHOUR`, ascending. Empty when absent: the start's hour is used.
    public let byHour: [Int]
    /// `BYMINUTE`, ascending. Empty when absent: the start's minute is used.
    public let byMinute: [Int]
    /// `COUNT`: how many occurrences in total, the start included. Never set together with ``until``.
    public let count: Int?
    /// `UNTIL`: the inclusive end. Never set together with ``count``.
    public let until: Until?
    /// `WKST`: the first day of the week for WEEKLY rules with an INTERVAL above 1; Monday when absent.
    public let weekStart: Weekday

    /// Creates a rule from parts that ``init(parsing:)`` has validated.
    init(
        frequency: Frequency, interval: Int, byDay: [WeekdayRule], byMonthDay: [Int], byHour: [Int],
        byMinute: [Int], count: Int?, until: Until?, weekStart: Weekday
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byDay = Array(Set(byDay)).sorted {
            ($0.weekday.isoNumber, $0.ordinal ?? 0) < ($1.weekday.isoNumber, $1.ordinal ?? 0)
        }
        self.byMonthDay = Array(Set(byMonthDay)).sorted()
        self.byHour = Array(Set(byHour)).sorted()
        self.byMinute = Array(Set(byMinute)).sorted()
        self.count = count
        self.until = until
        self.weekStart = weekStart
    }
}

// MARK: - Canonical text and Codable

extension RecurrenceRule: CustomStringConvertible, Codable {
    /// The canonical RRULE text, without the `RRULE:` prefix, parts in a fixed order and defaults left out:
    /// `FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU`. Parsing it gives back an equal rule.
    public var description: String {
        var parts = ["FREQ=\(self.frequency.rawValue)"]
        if self.interval != 1 { parts.append("INTERVAL=\(self.interval)") }
        if let count = self.count { parts.append("COUNT=\(count)") }
        if let until = self.until { parts.append("UNTIL=\(until)") }
        if !self.byDay.isEmpty { parts.append("BYDAY=" + self.byDay.map(\.description).joined(separator: ",")) }
        if !self.byMonthDay.isEmpty { parts.append("BYMONTHDAY=" + Self.list(self.byMonthDay)) }
        if !self.byHour.isEmpty { parts.append("BYHOUR=" + Self.list(self.byHour)) }
        if !self.byMinute.isEmpty { parts.append("BYMINUTE=" + Self.list(self.byMinute)) }
        if self.weekStart != .monday { parts.append("WKST=\(self.weekStart.rawValue)") }
        return parts.joined(separator: ";")
    }

    private static func list(_ values: [Int]) -> String {
        values.map(String.init).joined(separator: ",")
    }

    /// Decodes the RRULE text form; an invalid rule is a `DecodingError.dataCorrupted` with the parse message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the canonical RRULE text (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
