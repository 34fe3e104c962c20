extension RecurrenceRule {
    /// Parts this type understands, in the order the error messages list them.
    static let supportedParts = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "COUNT", "UNTIL", "WKST"]
    /// Parts RFC 5545 defines that Tocsin rejects with a clearer message than "unknown".
    static let unsupportedParts = ["BYSECOND", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY"]
    /// The largest INTERVAL accepted; larger values are almost certainly typing mistakes.
    static let maximumInterval = 10_000

    /// Parses and validates RRULE text such as `"RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0"`.
    ///
    /// Names and values are case-insensitive, the `RRULE:` prefix is optional, spaces around parts and empty
    /// parts (`;;`) are ignored. Checks that need the start (UNTIL before DTSTART) happen in
    /// ``RecurrenceSchedule/init(rule:start:timeZone:)``.
    ///
    /// - Throws: ``RecurrenceError`` whose message says which part to fix and how.
    public init(parsing text: String) throws(RecurrenceError) {
        var body = Substring(text.uppercased()).drop(while: \.isWhitespace)
        if body.hasPrefix("RRULE:") { body = body.dropFirst(6) }
        let values = try Self.splitParts(body, original: text)

        guard let frequencyText = values["FREQ"] else {
            throw RecurrenceError(
                .missingFrequency,
                "The rule has no FREQ. Add FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY, e.g. FREQ=WEEKLY;BYDAY=MO."
            )
        }
        let frequency = try Self.parseFrequency(frequencyText)
        let interval =
            try values["INTERVAL"].map { v throws(RecurrenceError) in
                try Self.number(v, part: "INTERVAL", range: 1...Self.maximumInterval)
            } ?? 1
        let byDay = try values["BYDAY"].map { v throws(RecurrenceError) in try Self.parseByDay(v) } ?? []
        let byMonthDay = try Self.numberList(values["BYMONTHDAY"], part: "BYMONTHDAY", range: -31...31, signed: true)
        if byMonthDay.contains(0) {
            throw RecurrenceError(.outOfRange, "BYMONTHDAY=0 is not a day: use 1...31, or -1...-31 to count from the end.")
        }
        let byHour = try Self.numberList(values["BYHOUR"], part: "BYHOUR", range: 0...23, signed: false)
        let byMinute = try Self.numberList(values["BYMINUTE"], part: "BYMINUTE", range: 0...59, signed: false)
        let count = try values["COUNT"].map { v throws(RecurrenceError) in
            try Self.number(v, part: "COUNT", range: 1...Int(Int32.max))
        }
        let until = try values["UNTIL"].map { v throws(RecurrenceError) in try Self.parseUntil(v) }
        let weekStart = try values["WKST"].map { v throws(RecurrenceError) in try Self.parseWeekStart(v) } ?? .monday

        if count != nil, until != nil {
            throw RecurrenceError(
                .countWithUntil,
                "COUNT and UNTIL cannot both be given (RFC 5545). Keep COUNT to stop after n alerts, or UNTIL to stop at a date."
            )
        }
        if frequency != .monthly, let withOrdinal = byDay.first(where: { $0.ordinal != nil }) {
            throw RecurrenceError(
                .ordinalNotAllowed,
                "BYDAY=\(withOrdinal) uses an ordinal, which is only allowed with FREQ=MONTHLY. "
                    + "Write BYDAY=\(withOrdinal.weekday.rawValue), or use FREQ=MONTHLY."
            )
        }
        if frequency == .weekly, !byMonthDay.isEmpty {
            throw RecurrenceError(
                .partNotAllowed,
                "BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545). Use FREQ=MONTHLY or FREQ=DAILY with BYMONTHDAY."
            )
        }
        self.init(
            frequency: frequency, interval: interval, byDay: byDay, byMonthDay: byMonthDay, byHour: byHour,
            byMinute: byMinute, count: count, until: until, weekStart: weekStart
        )
    }

    // MARK: - Parts

    private static func splitParts(_ body: Substring, original: String) throws(RecurrenceError) -> [String: Substring] {
        var values: [String: Substring] = [:]
        for rawPart in body.split(separator: ";") {
            let part = rawPart.trimmingSpaces()
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else {
                throw RecurrenceError(.malformed, "'\(part)' is not NAME=VALUE. Separate parts with ';', e.g. FREQ=DAILY;COUNT=3.")
            }
            let name = String(part[..<equals].trimmingSpaces())
            let value = part[part.index(after: equals)...].trimmingSpaces()
            guard Self.supportedParts.contains(name) else {
                if Self.unsupportedParts.contains(name) {
                    throw RecurrenceError(
                        .unsupportedPart,
                        "\(name) is not supported. Remove it; supported parts are \(Self.supportedParts.joined(separator: ", "))."
                    )
                }
                throw RecurrenceError(
                    .unknownPart,
                    "Unknown part '\(name)'. Supported parts are \(Self.supportedParts.joined(separator: ", "))."
                )
            }
            guard !value.isEmpty else {
                throw RecurrenceError(.malformed, "\(name) has no value. Write \(name)=<value> or remove it.")
            }
            guard values[name] == nil else {
                throw RecurrenceError(.duplicatePart, "\(name) appears more than once. Keep a single \(name).")
            }
            values[name] = value
        }
        guard !values.isEmpty else {
            throw RecurrenceError(.malformed, "The rule '\(original)' is empty. Write a rule such as FREQ=WEEKLY;BYDAY=MO.")
        }
        return values
    }

    private static func parseFrequency(_ text: Substring) throws(RecurrenceError) -> Frequency {
        if let frequency = Frequency(rawValue: String(text)) { return frequency }
        if ["YEARLY", "HOURLY", "MINUTELY", "SECONDLY"].contains(text) {
            throw RecurrenceError(
                .unsupportedFrequency,
                "FREQ=\(text) is not supported. Use DAILY, WEEKLY or MONTHLY (e.g. FREQ=DAILY;BYHOUR=9,17 for several times a day)."
            )
        }
        throw RecurrenceError(.invalidValue, "FREQ=\(text) is not a frequency. Use DAILY, WEEKLY or MONTHLY.")
    }

    private static func parseByDay(_ text: Substring) throws(RecurrenceError) -> [WeekdayRule] {
        var rules: [WeekdayRule] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = item.trimmingSpaces()
            guard entry.count >= 2, let weekday = Weekday(rawValue: String(entry.suffix(2))) else {
                throw RecurrenceError(
                    .invalidValue,
                    "BYDAY entry '\(entry)' is not a weekday. Use MO, TU, WE, TH, FR, SA, SU, "
                        + "optionally with an ordinal for MONTHLY rules (1MO, -1FR)."
                )
            }
            let prefix = entry.dropLast(2)
            var ordinal: Int?
            if !prefix.isEmpty {
                let value = try Self.number(prefix, part: "BYDAY ordinal in '\(entry)'", range: -5...5, signed: true)
                guard value != 0 else {
                    throw RecurrenceError(.outOfRange, "BYDAY ordinal 0 in '\(entry)' is not valid: use 1...5 or -5...-1.")
                }
                ordinal = value
            }
            rules.append(WeekdayRule(ordinal: ordinal, weekday: weekday))
        }
        return rules
    }

    private static func parseWeekStart(_ text: Substring) throws(RecurrenceError) -> Weekday {
        switch text {
        case "MO": return .monday
        case "SU": return .sunday
        default: throw RecurrenceError(.invalidValue, "WKST=\(text) is not supported. Use WKST=MO (the default) or WKST=SU.")
        }
    }

    private static func parseUntil(_ text: Substring) throws(RecurrenceError) -> Until {
        let digits = Array(text.utf8)
        let format = "Write UNTIL as a UTC date-time YYYYMMDDTHHMMSSZ (e.g. 20261231T235959Z) or a date YYYYMMDD."
        func field(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard index < digits.count, digits[index] >= UInt8(ascii: "0"), digits[index] <= UInt8(ascii: "9") else {
                    return nil
                }
                value = value * 10 + Int(digits[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = field(0..<4), let month = field(4..<6), let day = field(6..<8) else {
            throw RecurrenceError(.invalidUntil, "UNTIL=\(text) is not a date. \(format)")
        }
        do throws(RecurrenceError) {
            if digits.count == 8 { return .date(try LocalDateTime(year: year, month: month, day: day)) }
            if digits.count == 15, digits[8] == UInt8(ascii: "T") {
                throw RecurrenceError(.invalidUntil, "UNTIL=\(text) has no 'Z'. UNTIL must be in UTC: add 'Z'. \(format)")
            }
            guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z"),
                let hour = field(9..<11), let minute = field(11..<13), let second = field(13..<15)
            else {
                throw RecurrenceError(.invalidUntil, "UNTIL=\(text) is not in a supported form. \(format)")
            }
            return .instant(try LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        } catch  where error.code == .invalidDateTime {
            throw RecurrenceError(.invalidUntil, "UNTIL=\(text) is not a real date or time: \(error.description)")
        }
    }

    // MARK: - Numbers

    private static func numberList(
        _ text: Substring?, part: String, range: ClosedRange<Int>, signed: Bool
    ) throws(RecurrenceError) -> [Int] {
        guard let text else { return [] }
        var numbers: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            numbers.append(try Self.number(item.trimmingSpaces(), part: part, range: range, signed: signed))
        }
        return numbers
    }

    /// Parses a decimal integer (with an optional sign when `signed`) and checks it lies in `range`.
    private static func number(
        _ text: Substring, part: String, range: ClosedRange<Int>, signed: Bool = false
    ) throws(RecurrenceError) -> Int {
        var digits = text
        var negative = false
        if signed, let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw RecurrenceError(
                .invalidNumber,
                "\(part) value '\(text)' is not a whole number. Use digits only, e.g. \(part)=\(range.upperBound)."
            )
        }
        // Saturate instead of overflowing: anything this large is out of range anyway.
        var value = 0
        for digit in digits.utf8 { value = min(value * 10 + Int(digit - UInt8(ascii: "0")), 1_000_000_000_000) }
        value = negative ? -value : value
        guard range.contains(value) else {
            throw RecurrenceError(.outOfRange, "\(part) value \(text) is out of range: use \(range.lowerBound)...\(range.upperBound).")
        }
        return value
    }
}

extension Substring {
    /// The text without leading and trailing white space.
    fileprivate func trimmingSpaces() -> Substring {
        guard let first = self.firstIndex(where: { !$0.isWhitespace }),
            let last = self.lastIndex(where: { !$0.isWhitespace })
        else { return self[self.endIndex...] }
        return self[first...last]
    }
}
