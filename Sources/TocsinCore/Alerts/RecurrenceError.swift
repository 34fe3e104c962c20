/// Why a recurrence rule, a local date-time or a schedule could not be used.
///
/// Compare with ``code``, or read ``description`` for a message that says what to fix:
/// ```swift
/// catch let error as RecurrenceError where error.code == .countWithUntil { print(error) }
/// ```
public struct RecurrenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of mistake. New kinds may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case malformed
            case unknownPart = "unknown_part"
            case unsupportedPart = "unsupported_part"
            case duplicatePart = "duplicate_part"
            case missingFrequency = "missing_frequency"
            case unsupportedFrequency = "unsupported_frequency"
            case invalidValue = "invalid_value"
            case invalidNumber = "invalid_number"
            case outOfRange = "out_of_range"
            case ordinalNotAllowed = "ordinal_not_allowed"
            case partNotAllowed = "part_not_allowed"
            case countWithUntil = "count_with_until"
            case invalidUntil = "invalid_until"
            case untilBeforeStart = "until_before_start"
            case unknownTimeZone = "unknown_time_zone"
            case invalidDateTime = "invalid_date_time"
        }
        private let value: Value

        /// The rule is empty, or a part is not written `NAME=VALUE`.
        public static let malformed = Code(value: .malformed)
        /// A part name that RFC 5545 does not define.
        public static let unknownPart = Code(value: .unknownPart)
        /// A part RFC 5545 defines but Tocsin does not support (BYMONTH, BYSETPOS, BYWEEKNO, BYYEARDAY, BYSECOND).
        public static let unsupportedPart = Code(value: .unsupportedPart)
        /// The same part appears twice.
        public static let duplicatePart = Code(value: .duplicatePart)
        /// There is no `FREQ` part.
        public static let missingFrequency = Code(value: .missingFrequency)
        /// `FREQ` is a real RFC 5545 frequency that Tocsin does not support (YEARLY, HOURLY, MINUTELY, SECONDLY).
        public static let unsupportedFrequency = Code(value: .unsupportedFrequency)
        /// A value is not one of the allowed words (a FREQ, a weekday, a WKST).
        public static let invalidValue = Code(value: .invalidValue)
        /// A value that should be an integer is not one.
        public static let invalidNumber = Code(value: .invalidNumber)
        /// A number is outside its allowed range.
        public static let outOfRange = Code(value: .outOfRange)
        /// A BYDAY ordinal such as `1MO` with a FREQ other than MONTHLY.
        public static let ordinalNotAllowed = Code(value: .ordinalNotAllowed)
        /// A part that RFC 5545 forbids with this FREQ (BYMONTHDAY with WEEKLY).
        public static let partNotAllowed = Code(value: .partNotAllowed)
        /// COUNT and UNTIL are both present.
        public static let countWithUntil = Code(value: .countWithUntil)
        /// UNTIL is not `YYYYMMDD` or `YYYYMMDDTHHMMSSZ`, or is not a real date.
        public static let invalidUntil = Code(value: .invalidUntil)
        /// UNTIL is earlier than the schedule's start.
        public static let untilBeforeStart = Code(value: .untilBeforeStart)
        /// The time zone is not a known IANA identifier.
        public static let unknownTimeZone = Code(value: .unknownTimeZone)
        /// A local date-time or time of day is malformed or not a real date or time.
        public static let invalidDateTime = Code(value: .invalidDateTime)

        /// A stable snake_case name, for JSON output and logs.
        public var description: String { self.value.rawValue }
    }

    /// The kind of mistake.
    public let code: Code
    /// A message that says what is wrong and how to fix it.
    public let description: String

    /// Creates an error; the message should say what to change.
    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
