/// Proleptic-Gregorian calendar arithmetic on plain integers.
///
/// Recurrence expansion needs day numbers, weekdays and month lengths millions of times in the worst case;
/// doing it with integer formulas keeps it fast and independent of `Calendar`'s locale settings.
/// An "epoch day" counts days from 1970-01-01 (day 0, a Thursday); "wall seconds" count seconds from
/// 1970-01-01T00:00:00 of the same wall clock, as if the local time were UTC.
extension LocalDateTime {
    /// The number of days in one Gregorian cycle of 400 years (exactly 20,871 weeks).
    static let daysPer400Years = 146_097

    /// Whether `year` has a 29 February.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: Self.isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The epoch day of a calendar date.
    ///
    /// Counts from 1 March of year 0, so the leap day is the last day of each counting year, then shifts to
    /// 1970-01-01. 719,468 is the number of days from 0000-03-01 to 1970-01-01.
    static func epochDay(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(marchYear, 400)
        let yearOfEra = marchYear - era * 400  // 0...399
        let marchMonth = (month + 9) % 12  // March = 0 ... February = 11
        let dayOfYear = (153 * marchMonth + 2) / 5 + day - 1  // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * Self.daysPer400Years + dayOfEra - 719_468
    }

    /// The calendar date of an epoch day; the inverse of ``epochDay(year:month:day:)``.
    static func civilDate(epochDay: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = epochDay + 719_468
        let era = Self.floorDivide(shifted, Self.daysPer400Years)
        let dayOfEra = shifted - era * Self.daysPer400Years  // 0...146096
        // Remove the leap days before this one, then divide into 365-day years.
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// ISO weekday of an epoch day: 1 = Monday ... 7 = Sunday.
    static func isoWeekday(epochDay: Int) -> Int {
        // Day 0 (1970-01-01) was a Thursday, ISO 4.
        (Self.floorModulo(epochDay + 3, 7)) + 1
    }

    /// Division rounding toward negative infinity.
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Remainder with the sign of `divisor`.
    static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
        value - Self.floorDivide(value, divisor) * divisor
    }

    /// Creates the date-time at `wallSeconds` seconds after 1970-01-01T00:00:00 of the same wall clock.
    init(wallSeconds: Int) {
        let day = Self.floorDivide(wallSeconds, 86_400)
        let secondOfDay = wallSeconds - day * 86_400
        let date = Self.civilDate(epochDay: day)
        self.init(
            unchecked: date.year, date.month, date.day,
            secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60
        )
    }

    /// Creates the date-time on `epochDay` at the given time of day.
    init(epochDay: Int, hour: Int, minute: Int, second: Int) {
        let date = Self.civilDate(epochDay: epochDay)
        self.init(unchecked: date.year, date.month, date.day, hour, minute, second)
    }

    /// Days since 1970-01-01 of this date.
    var epochDay: Int { Self.epochDay(year: self.year, month: self.month, day: self.day) }

    /// Seconds since 1970-01-01T00:00:00 of the same wall clock (this time read as if it were UTC).
    var wallSeconds: Int { self.epochDay * 86_400 + self.hour * 3600 + self.minute * 60 + self.second }

    /// The day of the week of this date.
    public var weekday: RecurrenceRule.Weekday {
        RecurrenceRule.Weekday(isoNumber: Self.isoWeekday(epochDay: self.epochDay))
    }
}
