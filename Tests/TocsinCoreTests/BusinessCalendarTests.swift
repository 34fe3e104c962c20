import Foundation
import Testing
import TocsinCore

struct BusinessCalendarTests {
    let utc = TimeZone(identifier: "UTC")!

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: [
        ("2026-11-19T15:00:00Z", 2, "2026-11-23T15:00:00Z"),  // Thursday → Monday
        ("2026-11-20T15:00:00Z", 2, "2026-11-24T15:00:00Z"),  // Friday → Tuesday
        ("2026-11-21T09:00:00Z", 2, "2026-11-24T09:00:00Z"),  // Saturday → Tuesday
        ("2026-11-23T10:00:00Z", 10, "2026-12-07T10:00:00Z"), // the legal ceiling: two weeks
    ])
    func addsBusinessDaysSkippingWeekends(start: String, days: Int, expected: String) {
        let calendar = BusinessCalendar(timeZone: self.utc)
        #expect(calendar.adding(businessDays: days, to: self.date(start)) == self.date(expected))
    }

    @Test func holidaysAreSkipped() {
        let calendar = BusinessCalendar(timeZone: self.utc, holidays: ["2026-11-26", "2026-11-27"])  // Thanksgiving + Friday
        #expect(calendar.adding(businessDays: 2, to: self.date("2026-11-25T12:00:00Z")) == self.date("2026-12-01T12:00:00Z"))
        #expect(!calendar.isBusinessDay(self.date("2026-11-26T12:00:00Z")))
        #expect(calendar.isBusinessDay(self.date("2026-11-25T12:00:00Z")))
    }

    @Test func weekendsAreCountedInTheCalendarsZone() {
        // 2026-11-21T03:00Z is still Friday evening in New York.
        let newYork = BusinessCalendar(timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(newYork.isBusinessDay(self.date("2026-11-21T03:00:00Z")))
        #expect(!BusinessCalendar(timeZone: self.utc).isBusinessDay(self.date("2026-11-21T03:00:00Z")))
    }
}
