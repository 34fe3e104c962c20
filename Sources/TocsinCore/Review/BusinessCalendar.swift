import Foundation

/// Counts business days: Monday to Friday in a time zone, minus listed holidays.
///
/// Used for review deadlines (default 2 business days, well inside the 10-business-day legal ceiling of
/// 47 CFR 64.1200(a)(10), CASL s.11(3) and the UEMO's 10 working days).
public struct BusinessCalendar: Sendable, Hashable {
    public var timeZone: TimeZone
    /// Holidays as `YYYY-MM-DD` in `timeZone`.
    public var holidays: Set<String>

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!, holidays: Set<String> = []) {
        self.timeZone = timeZone
        self.holidays = holidays
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        return calendar
    }

    /// Whether the local day containing `date` is a business day.
    public func isBusinessDay(_ date: Date) -> Bool {
        let calendar = self.calendar
        let weekday = calendar.component(.weekday, from: date)  // 1 = Sunday, 7 = Saturday
        guard weekday != 1, weekday != 7 else { return false }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let key = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return !self.holidays.contains(key)
    }

    /// The instant `days` business days after `date`, at the same local time of day.
    ///
    /// Each step moves to the next calendar day and skips weekends and holidays, so a message received on
    /// Friday at 15:00 with 2 business days is due on Tuesday at 15:00.
    public func adding(businessDays days: Int, to date: Date) -> Date {
        let calendar = self.calendar
        var current = date
        var remaining = max(0, days)
        var guardSteps = 0
        while remaining > 0, guardSteps < 3660 {
            current = calendar.date(byAdding: .day, value: 1, to: current) ?? current.addingTimeInterval(86_400)
            if self.isBusinessDay(current) { remaining -= 1 }
            guardSteps += 1
        }
        return current
    }
}
