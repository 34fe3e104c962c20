/// A wall-clock time of day, hours and minutes, such as 18:00.
///
/// JSON form: the text `"18:00"`.
public struct LocalTimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Hour, 0...23.
    public let hour: Int
    /// Minute, 0...59.
    public let minute: Int

    /// Creates a time of day after checking its fields.
    ///
    /// - Throws: ``RecurrenceError/Code/invalidDateTime`` when the hour is not 0...23 or the minute not 0...59.
    public init(hour: Int, minute: Int) throws(RecurrenceError) {
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw RecurrenceError(
                .invalidDateTime,
                "\(hour):\(minute) is not a time of day: use hour 0...23 and minute 0...59, e.g. 18:00."
            )
        }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM`, for example `"18:00"` or `"09:30"`.
    ///
    /// - Throws: ``RecurrenceError/Code/invalidDateTime`` for another shape or an impossible time.
    public init(parsing text: String) throws(RecurrenceError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else {
            throw RecurrenceError(.invalidDateTime, "'\(text)' is not a time of day. Write HH:MM, e.g. 18:00.")
        }
        try self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`.
    public var description: String { LocalDateTime.pad(self.hour, 2) + ":" + LocalDateTime.pad(self.minute, 2) }

    /// Orders by hour, then minute.
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute) }
}

extension LocalTimeOfDay: Codable {
    /// Decodes `"HH:MM"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes `"HH:MM"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
