import Foundation
import Testing
import TocsinCore

struct DailyWindowTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let london = TimeZone(identifier: "Europe/London")!
    static let window = DailyWindow(
        weekday: QuietHours.Window(start: 8 * 60, end: 20 * 60), weekend: nil, closedDates: ["2026-12-25"], label: "w"
    )

    @Test func aClosedWeekendAndAHolidayAreSkipped() {
        // Thursday 24 Dec 2026 21:00 EST → Friday 25 is closed, then the weekend → Monday 28 08:00 EST.
        #expect(Self.window.nextAllowed(at: Self.utc("2026-12-25T02:00:00Z"), in: Self.newYork) == Self.utc("2026-12-28T13:00:00Z"))
        // Inside the window: now.
        #expect(Self.window.nextAllowed(at: Self.utc("2026-12-24T15:00:00Z"), in: Self.newYork) == Self.utc("2026-12-24T15:00:00Z"))
    }

    @Test func severalWindowsAndZonesIntersect() {
        let late = DailyWindow(weekday: QuietHours.Window(start: 10 * 60, end: 22 * 60), weekend: nil, label: "late")
        // Monday 16 Nov 2026 06:00 EST: "w" opens at 08:00 EST (13:00Z), "late" at 10:00 EST (15:00Z); both
        // are open in London then (15:00 GMT).
        let found = DailyWindow.nextAllowed(at: Self.utc("2026-11-16T11:00:00Z"), zones: [Self.newYork, Self.london], windows: [Self.window, late])
        #expect(found?.at == Self.utc("2026-11-16T15:00:00Z"))
        #expect(found?.movedBy == ["w", "late"])
        // In London alone, "late" opens at 10:00 GMT but it is already 11:00: now.
        let london = DailyWindow.nextAllowed(at: Self.utc("2026-11-16T11:00:00Z"), zones: [Self.london], windows: [Self.window, late])
        #expect(london?.at == Self.utc("2026-11-16T11:00:00Z"))
        #expect(london?.movedBy == [])
    }

    @Test func aStretchEndsAtTheFirstWindowThatCloses() {
        let late = DailyWindow(weekday: QuietHours.Window(start: 10 * 60, end: 22 * 60), weekend: nil, label: "late")
        // Monday 16 Nov 2026 12:00 EST: "w" closes at 20:00 EST (01:00Z), "late" at 22:00 EST; in London
        // (17:00 GMT) "w" closes at 20:00 GMT (20:00Z), first.
        let noon = Self.utc("2026-11-16T17:00:00Z")
        #expect(Self.window.allowedUntil(noon, in: Self.newYork) == Self.utc("2026-11-17T01:00:00Z"))
        #expect(DailyWindow.allowedUntil(noon, zones: [Self.newYork], windows: [Self.window, late]) == Self.utc("2026-11-17T01:00:00Z"))
        #expect(DailyWindow.allowedUntil(noon, zones: [Self.newYork, Self.london], windows: [Self.window, late]) == Self.utc("2026-11-16T20:00:00Z"))
        // Refused now (before 08:00 EST, a closed day, a closed weekend): nil.
        #expect(Self.window.allowedUntil(Self.utc("2026-11-16T12:00:00Z"), in: Self.newYork) == nil)
        #expect(Self.window.allowedUntil(Self.utc("2026-12-25T15:00:00Z"), in: Self.newYork) == nil)
        #expect(DailyWindow.allowedUntil(Self.utc("2026-11-21T15:00:00Z"), zones: [Self.newYork], windows: [Self.window]) == nil)
    }

    @Test func windowsThatNeverOverlapGiveNil() {
        let night = DailyWindow(weekday: QuietHours.Window(start: 0, end: 60), weekend: QuietHours.Window(start: 0, end: 60), label: "night")
        let day = DailyWindow(weekday: QuietHours.Window(start: 12 * 60, end: 13 * 60), weekend: QuietHours.Window(start: 12 * 60, end: 13 * 60), label: "day")
        #expect(DailyWindow.nextAllowed(at: Self.utc("2026-11-16T11:00:00Z"), zones: [Self.newYork], windows: [night, day]) == nil)
    }

    @Test func theDSTGapDoesNotShiftTheWindow() {
        // Spring forward, Sunday 8 March 2026: 08:00 EDT is 12:00Z (the day before, 08:00 EST is 13:00Z).
        let all = DailyWindow(weekday: QuietHours.Window(start: 8 * 60, end: 20 * 60), weekend: QuietHours.Window(start: 8 * 60, end: 20 * 60), label: "all")
        #expect(all.nextAllowed(at: Self.utc("2026-03-08T06:00:00Z"), in: Self.newYork) == Self.utc("2026-03-08T12:00:00Z"))
        #expect(all.nextAllowed(at: Self.utc("2026-03-07T06:00:00Z"), in: Self.newYork) == Self.utc("2026-03-07T13:00:00Z"))
    }
}
