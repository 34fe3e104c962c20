import Foundation

/// Reads the ISO 8601 instants people put in consent spreadsheets, without a formatter per call.
///
/// Accepted: `2024-05-01` (midnight UTC), and `2024-05-01T18:30`, `…T18:30:05`, `…T18:30:05.250` with `T`
/// or a space, followed by `Z`, `+02:00`, `+0200` or `+02`. A time without an offset is refused, since it
/// names no instant.
public enum ISO8601Timestamp {
    /// The instant `text` names, or a message saying what is wrong.
    public static func parse(_ text: String) -> Result<Date, Problem> {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var reader = Reader(bytes: bytes)
        guard let year = reader.number(4), reader.take(UInt8(ascii: "-")), let month = reader.number(2),
            reader.take(UInt8(ascii: "-")), let day = reader.number(2)
        else { return .failure(.format) }
        guard (1...12).contains(month), (1...Self.daysInMonth(year, month)).contains(day) else {
            return .failure(.noSuchDate)
        }
        var seconds = Double(Self.daysSince1970(year: year, month: month, day: day)) * 86_400
        if reader.atEnd { return .success(Date(timeIntervalSince1970: seconds)) }
        guard reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")) || reader.take(UInt8(ascii: " ")),
            let hour = reader.number(2), reader.take(UInt8(ascii: ":")), let minute = reader.number(2)
        else { return .failure(.format) }
        var second = 0
        var fraction = 0.0
        if reader.take(UInt8(ascii: ":")) {
            guard let value = reader.number(2) else { return .failure(.format) }
            second = value
            if reader.take(UInt8(ascii: ".")) || reader.take(UInt8(ascii: ",")) {
                guard let digits = reader.digits(), !digits.isEmpty else { return .failure(.format) }
                fraction = Double("0." + digits) ?? 0
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return .failure(.noSuchTime) }
        seconds += Double(hour * 3600 + minute * 60 + second) + fraction
        guard let offset = reader.offset() else { return .failure(reader.atEnd ? .missingOffset : .format) }
        guard reader.atEnd else { return .failure(.format) }
        return .success(Date(timeIntervalSince1970: seconds - Double(offset)))
    }

    /// What is wrong with a timestamp.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case format
        case noSuchDate
        case noSuchTime
        case missingOffset

        public var description: String {
            switch self {
            case .format: "is not an ISO 8601 date or time such as 2024-05-01 or 2024-05-01T18:30:00Z"
            case .noSuchDate: "is not a calendar date"
            case .noSuchTime: "has an hour, minute or second out of range"
            case .missingOffset: "has a time but no UTC offset; add Z or +hh:mm (e.g. 2024-05-01T18:30:00Z)"
            }
        }
    }

    /// `date` in UTC to the whole second, as `Date.formatted(.iso8601)` writes it (`2024-05-01T18:30:00Z`),
    /// without a formatter: the mock carrier stamps every line it writes with it.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        self.append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``format(_:)``'s text as UTF-8 bytes, digit by digit (no string per field).
    public static func append(_ date: Date, to out: inout [UInt8]) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        func digits(_ value: Int, width: Int) {
            ASCIIDigits.append(Int64(value), minimumDigits: width, to: &out)
        }
        digits(year, width: 4)
        out.append(UInt8(ascii: "-"))
        digits(month, width: 2)
        out.append(UInt8(ascii: "-"))
        digits(day, width: 2)
        out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, width: 2)
        out.append(UInt8(ascii: "Z"))
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (the inverse of ``daysSince1970(year:month:day:)``).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (era arithmetic over 400-year cycles).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { self.index == self.bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard self.index < self.bytes.count, self.bytes[self.index] == byte else { return false }
            self.index += 1
            return true
        }

        /// Exactly `count` ASCII digits.
        mutating func number(_ count: Int) -> Int? {
            guard self.index + count <= self.bytes.count else { return nil }
            var value = 0
            for byte in self.bytes[self.index..<(self.index + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            self.index += count
            return value
        }

        /// A run of ASCII digits.
        mutating func digits() -> String? {
            let start = self.index
            while self.index < self.bytes.count, (0x30...0x39).contains(self.bytes[self.index]) { self.index += 1 }
            return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        }

        /// `Z`, `±HH`, `±HHMM` or `±HH:MM` as seconds east of UTC.
        mutating func offset() -> Int? {
            if self.take(UInt8(ascii: "Z")) || self.take(UInt8(ascii: "z")) { return 0 }
            let sign: Int
            if self.take(UInt8(ascii: "+")) { sign = 1 } else if self.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            guard let hours = self.number(2), hours <= 23 else { return nil }
            var minutes = 0
            if self.take(UInt8(ascii: ":")) {
                guard let value = self.number(2) else { return nil }
                minutes = value
            } else if let value = self.number(2) {
                minutes = value
            }
            guard minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
