import Foundation

/// Allowed local hours per day type, with closed dates; the building block of quiet hours.
///
/// ``nextAllowed(at:zones:windows:)`` finds the first instant allowed by several windows in several zones at
/// once (their intersection), stepping day by day in local time, so DST transitions and holidays are handled
/// by the calendar of each zone.
public struct DailyWindow: Sendable, Hashable {
    public var weekday: QuietHours.Window?
    public var weekend: QuietHours.Window?
    /// Local dates (`YYYY-MM-DD`) with no window at all.
    public var closedDates: Set<String>
    /// What to name in a deferral reason (a rule id, or "quiet hours").
    public var label: String

    public init(weekday: QuietHours.Window?, weekend: QuietHours.Window?, closedDates: Set<String> = [], label: String) {
        self.weekday = weekday
        self.weekend = weekend
        self.closedDates = closedDates
        self.label = label
    }

    /// The org's configured quiet hours as a window.
    public init(_ quietHours: QuietHours) {
        self.init(weekday: quietHours.weekday, weekend: quietHours.weekend, label: "quiet hours")
    }

    /// How many days ahead a search looks before giving up (weekends, holiday runs such as Lunar New Year).
    public static let horizonDays = 16

    /// The first instant at or after `date` inside this window in `zone`, or nil within ``horizonDays``.
    public func nextAllowed(at date: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.startOfDay(for: date)
        for _ in 0..<Self.horizonDays {
            if let window = self.window(for: day, calendar: calendar) {
                let start = Self.instant(day, minutes: window.start, calendar: calendar)
                let end = Self.instant(day, minutes: window.end, calendar: calendar)
                if date < start { return start }
                if date < end { return date }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = calendar.startOfDay(for: next)
        }
        return nil
    }

    /// The first instant at or after `date` allowed by every window in every zone, and the labels of the
    /// windows that refused `date` or moved the answer; nil when none is found within ``horizonDays``.
    public static func nextAllowed(at date: Date, zones: [TimeZone], windows: [DailyWindow]) -> (at: Date, movedBy: [String])? {
        var candidate = date
        // Every window that refuses the requested instant is named, even when another one moves it further.
        var movedBy: [String] = []
        for zone in zones {
            for window in windows where window.nextAllowed(at: date, in: zone) != date && !movedBy.contains(window.label) {
                movedBy.append(window.label)
            }
        }
        for _ in 0..<128 {
            var moved = false
            for zone in zones {
                for window in windows {
                    guard let next = window.nextAllowed(at: candidate, in: zone) else { return nil }
                    if next > candidate {
                        candidate = next
                        moved = true
                        if !movedBy.contains(window.label) { movedBy.append(window.label) }
                    }
                }
            }
            if !moved { return (candidate, movedBy) }
            if candidate.timeIntervalSince(date) > Double(Self.horizonDays) * 86_400 { return nil }
        }
        return nil
    }

    /// The end of this window's stretch that `date` is in, in `zone`; nil when the window refuses `date`.
    public func allowedUntil(_ date: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = calendar.startOfDay(for: date)
        guard let window = self.window(for: day, calendar: calendar) else { return nil }
        let start = Self.instant(day, minutes: window.start, calendar: calendar)
        let end = Self.instant(day, minutes: window.end, calendar: calendar)
        return date >= start && date < end ? end : nil
    }

    /// The first instant after `date` that some window refuses in some zone: a message allowed at `date`
    /// must start before it. Nil when `date` itself is refused. (A window open until midnight ends there,
    /// even when the next day's opens at midnight: the message is then decided again.)
    public static func allowedUntil(_ date: Date, zones: [TimeZone], windows: [DailyWindow]) -> Date? {
        var end: Date?
        for zone in zones {
            for window in windows {
                guard let until = window.allowedUntil(date, in: zone) else { return nil }
                end = min(end ?? until, until)
            }
        }
        return end
    }

    func window(for day: Date, calendar: Calendar) -> QuietHours.Window? {
        if !self.closedDates.isEmpty {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let key = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            if self.closedDates.contains(key) { return nil }
        }
        return calendar.isDateInWeekend(day) ? self.weekend : self.weekday
    }

    /// The instant of `minutes` after local midnight on `day`; a time inside a DST gap moves forward.
    static func instant(_ day: Date, minutes: Int, calendar: Calendar) -> Date {
        if minutes >= 1440 {
            return calendar.date(byAdding: .day, value: 1, to: day).map { calendar.startOfDay(for: $0) } ?? day
        }
        var components = calendar.dateComponents([.year, .month, .day], from: day)
        components.hour = minutes / 60
        components.minute = minutes % 60
        return calendar.date(from: components) ?? day
    }
}
