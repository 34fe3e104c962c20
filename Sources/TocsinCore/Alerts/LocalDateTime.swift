import Foundation

/// A wall-clock date and time with no zone attached, such as "Monday 2026-03-09 at 10:00".
///
/// Recurrence rules are expanded in local time and only then turned into instants
/// (``RecurrenceSchedule/utcInstant(_:in:)``), so a weekly 10:00 alert stays at 10:00 across DST changes.
/// Values are always valid proleptic-Gregorian dates in years 1...9999 with times 00:00:00...23:59:59.
///
/// JSON form: the ISO 8601 text `"2026-03-08T02:30:00"`.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year, 1...9999.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of the month, 1...28/29/30/31.
    public let day: Int
    /// Hour, 0...23.
    public let hour: Int
    /// Minute, 0...59.
    public let minute: Int
    /// Second, 0...59 (leap seconds are not represented).
    public let second: Int

    /// Creates a local date-time after checking every field.
    ///
    /// - Throws: ``RecurrenceError/Code/invalidDateTime`` when a field is out of range or the day does not
    ///   exist in that month (for example 2027-02-29).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0)
        throws(RecurrenceError)
    {
        guard (1...9999).contains(year), (1...12).contains(month) else {
            throw RecurrenceError(
                .invalidDateTime,
                "Date \(year)-\(month)-\(day) is not valid: the year must be 1...9999 and the month 1...12."
            )
        }
        let lastDay = Self.daysInMonth(year: year, month: month)
        guard (1...lastDay).contains(day) else {
            throw RecurrenceError(
                .invalidDateTime,
                "Day \(day) does not exist in \(year)-\(Self.pad(month, 2)): it has \(lastDay) days."
            )
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
            throw RecurrenceError(
                .invalidDateTime,
                "Time \(hour):\(minute):\(second) is not valid: use hour 0...23, minute 0...59, second 0...59."
            )
        }
        self.init(unchecked: year, month, day, hour, minute, second)
    }

    /// Creates a value whose fields the caller has already validated or computed.
    init(unchecked year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, for example `"2026-03-08T02:30"`.
    ///
    /// - Throws: ``RecurrenceError/Code/invalidDateTime`` for any other shape, for a zone designator
    ///   (`Z`, `+01:00`: pass the zone separately) and for dates or times that do not exist.
    public init(parsing iso: String) throws(RecurrenceError) {
        let bytes = Array(iso.utf8)
        let expected = "Expected a local date-time like 2026-03-08T02:30 or 2026-03-08T02:30:00"
        // A zone designator after the minutes ("…T02:30Z", "…T02:30:00+01:00") gets its own message.
        let tail = bytes.dropFirst(16)
        if tail.contains(UInt8(ascii: "Z")) || tail.contains(UInt8(ascii: "+")) || tail.contains(UInt8(ascii: "-")) {
            throw RecurrenceError(
                .invalidDateTime,
                "'\(iso)' has a UTC offset or 'Z'. \(expected) with no offset; give the zone separately."
            )
        }
        guard bytes.count == 16 || bytes.count == 19 else {
            throw RecurrenceError(.invalidDateTime, "'\(iso)' is not a local date-time. \(expected).")
        }
        var separatorsOK = bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
        separatorsOK = separatorsOK && bytes[10] == UInt8(ascii: "T") && bytes[13] == UInt8(ascii: ":")
        if bytes.count == 19 { separatorsOK = separatorsOK && bytes[16] == UInt8(ascii: ":") }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard separatorsOK, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16),
            let second = bytes.count == 19 ? number(17..<19) : 0
        else {
            throw RecurrenceError(.invalidDateTime, "'\(iso)' is not a local date-time. \(expected).")
        }
        try self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The wall-clock time that `instant` shows in `zone`, truncated to whole seconds.
    ///
    /// Instants outside years 1...9999 (and non-finite ones) are first clamped to the nearest end of that range.
    public init(_ instant: Date, in zone: TimeZone) {
        let raw = instant.timeIntervalSince1970
        let seconds = raw.isNaN ? 0 : Int(min(max(raw, Self.earliestSeconds), Self.latestSeconds).rounded(.down))
        let clamped = Date(timeIntervalSince1970: Double(seconds))
        let wall = seconds + zone.secondsFromGMT(for: clamped)
        self.init(wallSeconds: min(max(wall, Int(Self.earliestSeconds)), Int(Self.latestSeconds)))
    }

    /// 0001-01-01T00:00:00 and 9999-12-31T23:59:59 as seconds since 1970 (wall or UTC).
    private static let earliestSeconds: Double = -62_135_596_800
    private static let latestSeconds: Double = 253_402_300_799

    /// ISO 8601 text without a zone, always with seconds: `"2026-03-08T02:30:00"`.
    public var description: String {
        "\(Self.pad(self.year, 4))-\(Self.pad(self.month, 2))-\(Self.pad(self.day, 2))"
            + "T\(Self.pad(self.hour, 2)):\(Self.pad(self.minute, 2)):\(Self.pad(self.second, 2))"
    }

    /// Orders by date, then time of day.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

// MARK: - Codable

extension LocalDateTime: Codable {
    /// Decodes the ISO 8601 text form, for example `"2026-03-08T02:30:00"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the ISO 8601 text form, for example `"2026-03-08T02:30:00"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
