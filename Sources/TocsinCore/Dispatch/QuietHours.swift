import Foundation

/// The hours in which bulk messages may reach a recipient, in the recipient's local time.
///
/// The default is Mon–Fri 09:00–20:00 and Sat–Sun 10:00–18:00. When a number has several candidate zones,
/// an instant is allowed only when it is inside the window in every one of them (the intersection).
public struct QuietHours: Sendable, Hashable {
    /// An allowed window within one local day, in minutes after midnight: `start..<end`.
    public struct Window: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        /// Parses `"09:00-20:00"`.
        public init?(_ text: String) {
            let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start < end else {
                return nil
            }
            self.init(start: start, end: end)
        }

        static func minutes(_ text: String) -> Int? {
            let hm = text.split(separator: ":")
            guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0..<60).contains(m),
                h * 60 + m <= 1440
            else { return nil }
            return h * 60 + m
        }
    }

    public var weekday: Window
    public var weekend: Window

    public init(weekday: Window = Window(start: 9 * 60, end: 20 * 60), weekend: Window = Window(start: 10 * 60, end: 18 * 60)) {
        self.weekday = weekday
        self.weekend = weekend
    }

    /// The first instant at or after `date` that is inside the window in every zone, or nil when the zones'
    /// windows never overlap within eight days (zones too far apart).
    public func nextAllowed(at date: Date, zones: [TimeZone]) -> Date? {
        var candidate = date
        // Each pass moves the candidate to the next window start of a zone that refuses it; with
        // overlapping windows this settles in a few passes.
        for _ in 0..<64 {
            var moved = false
            for zone in zones {
                let next = self.nextAllowed(at: candidate, in: zone)
                if next > candidate {
                    candidate = next
                    moved = true
                }
            }
            if !moved { return candidate }
            if candidate.timeIntervalSince(date) > 8 * 86_400 { return nil }
        }
        return nil
    }

    /// The first instant at or after `date` inside the window of `zone`.
    public func nextAllowed(at date: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.startOfDay(for: date)
        for _ in 0..<8 {
            let window = self.window(for: day, calendar: calendar)
            let start = Self.instant(day, minutes: window.start, calendar: calendar)
            let end = Self.instant(day, minutes: window.end, calendar: calendar)
            if date < start { return start }
            if date < end { return date }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = calendar.startOfDay(for: next)
        }
        return date
    }

    /// Whether `date` is inside the window in every zone.
    public func allows(_ date: Date, zones: [TimeZone]) -> Bool {
        zones.allSatisfy { self.nextAllowed(at: date, in: $0) == date }
    }

    private func window(for day: Date, calendar: Calendar) -> Window {
        calendar.isDateInWeekend(day) ? self.weekend : self.weekday
    }

    /// The instant of `minutes` after local midnight on `day`; a time inside a DST gap moves forward.
    private static func instant(_ day: Date, minutes: Int, calendar: Calendar) -> Date {
        var components = calendar.dateComponents([.year, .month, .day], from: day)
        components.hour = minutes / 60
        components.minute = minutes % 60
        if minutes >= 1440 {
            return calendar.date(byAdding: .day, value: 1, to: day) ?? day
        }
        return calendar.date(from: components) ?? day
    }
}
