/// The days a rule selects, period by period: the calendar half of recurrence expansion.
///
/// Period `k` is the start's day, week (beginning on WKST) or month, moved forward by `k × INTERVAL` units.
/// Days are epoch days (see `LocalDateTime+Calendar.swift`); times of day and zones are not involved here.
struct RecurrencePeriods: Sendable {
    let frequency: RecurrenceRule.Frequency
    let interval: Int
    /// Plain weekdays (ISO numbers) for DAILY and WEEKLY; for WEEKLY without BYDAY, the start's weekday.
    let weekdays: [Int]
    /// BYDAY entries, used as written for MONTHLY.
    let byDay: [RecurrenceRule.WeekdayRule]
    let byMonthDay: [Int]
    /// The start's day of the month, used by MONTHLY rules with neither BYDAY nor BYMONTHDAY.
    let startDayOfMonth: Int
    /// The first day of period 0: the start day, the first day of its week, or the 1st of its month.
    let firstPeriodDay: Int
    /// year × 12 + month − 1 of the start.
    let startMonthNumber: Int
    let weekStart: Int
    /// Consecutive empty periods after which the rule provably never matches again: one 400-year Gregorian
    /// cycle (146,097 days = 20,871 weeks = 4,800 months) divided by its common factor with INTERVAL.
    let emptyPeriodLimit: Int

    init(rule: RecurrenceRule, start: LocalDateTime) {
        self.frequency = rule.frequency
        self.interval = rule.interval
        self.byDay = rule.byDay
        self.byMonthDay = rule.byMonthDay
        self.startDayOfMonth = start.day
        self.startMonthNumber = start.year * 12 + start.month - 1
        self.weekStart = rule.weekStart.isoNumber
        let startDay = start.epochDay
        let cycle: Int
        switch rule.frequency {
        case .daily:
            self.weekdays = rule.byDay.map(\.weekday.isoNumber)
            self.firstPeriodDay = startDay
            cycle = LocalDateTime.daysPer400Years
        case .weekly:
            self.weekdays = rule.byDay.isEmpty ? [start.weekday.isoNumber] : rule.byDay.map(\.weekday.isoNumber)
            self.firstPeriodDay = startDay - LocalDateTime.floorModulo(start.weekday.isoNumber - self.weekStart, 7)
            cycle = LocalDateTime.daysPer400Years / 7
        case .monthly:
            self.weekdays = []
            self.firstPeriodDay = LocalDateTime.epochDay(year: start.year, month: start.month, day: 1)
            cycle = 400 * 12
        }
        self.emptyPeriodLimit = cycle / Self.greatestCommonDivisor(rule.interval, cycle)
    }

    /// The index of the period that contains `day`, or the last period starting before it (may be negative).
    func index(containing day: Int) -> Int {
        switch self.frequency {
        case .daily:
            return LocalDateTime.floorDivide(day - self.firstPeriodDay, self.interval)
        case .weekly:
            return LocalDateTime.floorDivide(day - self.firstPeriodDay, 7 * self.interval)
        case .monthly:
            let date = LocalDateTime.civilDate(epochDay: day)
            let monthNumber = date.year * 12 + date.month - 1
            return LocalDateTime.floorDivide(monthNumber - self.startMonthNumber, self.interval)
        }
    }

    /// The first day of period `index` and the days it selects, ascending.
    func days(inPeriod index: Int) -> (firstDay: Int, days: [Int]) {
        switch self.frequency {
        case .daily:
            let day = self.firstPeriodDay + index * self.interval
            return (day, self.dailyMatches(day) ? [day] : [])
        case .weekly:
            let first = self.firstPeriodDay + index * 7 * self.interval
            let days = self.weekdays.map { first + LocalDateTime.floorModulo($0 - self.weekStart, 7) }
            return (first, days.sorted())
        case .monthly:
            let monthNumber = self.startMonthNumber + index * self.interval
            let year = LocalDateTime.floorDivide(monthNumber, 12)
            let month = monthNumber - year * 12 + 1
            let first = LocalDateTime.epochDay(year: year, month: month, day: 1)
            let length = LocalDateTime.daysInMonth(year: year, month: month)
            return (first, self.monthlyDaysOfMonth(first: first, length: length).map { first + $0 - 1 })
        }
    }

    /// DAILY: BYMONTHDAY and BYDAY only limit which days qualify.
    private func dailyMatches(_ day: Int) -> Bool {
        if !self.weekdays.isEmpty, !self.weekdays.contains(LocalDateTime.isoWeekday(epochDay: day)) { return false }
        if self.byMonthDay.isEmpty { return true }
        let date = LocalDateTime.civilDate(epochDay: day)
        let length = LocalDateTime.daysInMonth(year: date.year, month: date.month)
        return self.byMonthDay.contains { Self.resolve(monthDay: $0, length: length) == date.day }
    }

    /// MONTHLY: BYMONTHDAY expands (BYDAY then limits it); otherwise BYDAY expands; otherwise the start's day.
    /// Days that the month does not have (31 in April, -30 in February) are skipped.
    private func monthlyDaysOfMonth(first: Int, length: Int) -> [Int] {
        let firstWeekday = LocalDateTime.isoWeekday(epochDay: first)
        if !self.byMonthDay.isEmpty {
            let days = Set(self.byMonthDay.compactMap { Self.resolve(monthDay: $0, length: length) })
            guard !self.byDay.isEmpty else { return days.sorted() }
            return days.filter { dayOfMonth in
                let weekday = LocalDateTime.floorModulo(firstWeekday - 1 + dayOfMonth - 1, 7) + 1
                return self.byDay.contains { rule in
                    guard rule.weekday.isoNumber == weekday else { return false }
                    guard let ordinal = rule.ordinal else { return true }
                    return ordinal > 0 ? (dayOfMonth - 1) / 7 + 1 == ordinal : (length - dayOfMonth) / 7 + 1 == -ordinal
                }
            }.sorted()
        }
        if !self.byDay.isEmpty {
            var days = Set<Int>()
            for rule in self.byDay {
                let firstMatch = 1 + LocalDateTime.floorModulo(rule.weekday.isoNumber - firstWeekday, 7)
                let all = Array(stride(from: firstMatch, through: length, by: 7))
                switch rule.ordinal {
                case nil: days.formUnion(all)
                case let n? where n > 0: if n <= all.count { days.insert(all[n - 1]) }
                case let n?: if -n <= all.count { days.insert(all[all.count + n]) }
                }
            }
            return days.sorted()
        }
        return self.startDayOfMonth <= length ? [self.startDayOfMonth] : []
    }

    /// The day of the month BYMONTHDAY `value` names in a month of `length` days, or `nil` if there is none.
    static func resolve(monthDay value: Int, length: Int) -> Int? {
        let day = value > 0 ? value : length + value + 1
        return (1...length).contains(day) ? day : nil
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : Self.greatestCommonDivisor(b, a % b)
    }
}
