import Foundation
import Testing
import TocsinCore

struct QuietHoursTests {
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let losAngeles = TimeZone(identifier: "America/Los_Angeles")!
    static let hongKong = TimeZone(identifier: "Asia/Hong_Kong")!

    @Test(arguments: [
        // Saturday 07:00 in New York: the weekend window opens at 10:00 EST.
        ("2026-11-21T12:00:00Z", "America/New_York", "2026-11-21T15:00:00Z"),
        // Monday 09:00 EST: inside.
        ("2026-11-23T14:00:00Z", "America/New_York", "2026-11-23T14:00:00Z"),
        // Monday 20:30 EST: the next day at 09:00.
        ("2026-11-24T01:30:00Z", "America/New_York", "2026-11-24T14:00:00Z"),
        // Friday 20:30 EST: Saturday at 10:00.
        ("2026-11-28T01:30:00Z", "America/New_York", "2026-11-28T15:00:00Z"),
        // Saturday 19:00 EST before spring-forward: Sunday 10:00 EDT (14:00Z, not 15:00Z).
        ("2026-03-08T00:00:00Z", "America/New_York", "2026-03-08T14:00:00Z"),
        // Saturday 19:00 EDT before fall-back: Sunday 10:00 EST (15:00Z).
        ("2026-10-31T23:00:00Z", "America/New_York", "2026-11-01T15:00:00Z"),
        // Hong Kong, Monday 07:00: 09:00 the same day.
        ("2026-11-22T23:00:00Z", "Asia/Hong_Kong", "2026-11-23T01:00:00Z"),
        // Sunday 17:59 in London (weekend window ends at 18:00): inside.
        ("2026-11-22T17:59:00Z", "Europe/London", "2026-11-22T17:59:00Z"),
        // Sunday 18:00 in London: Monday 09:00.
        ("2026-11-22T18:00:00Z", "Europe/London", "2026-11-23T09:00:00Z"),
    ])
    func nextAllowedInOneZone(now: String, zone: String, expected: String) {
        let hours = QuietHours()
        #expect(hours.nextAllowed(at: Self.utc(now), zones: [TimeZone(identifier: zone)!]) == Self.utc(expected))
    }

    @Test func ambiguousZonesUseTheIntersection() {
        let hours = QuietHours()
        // Monday 09:00 in New York is 06:00 in Los Angeles: wait for 09:00 PST.
        let now = Self.utc("2026-11-23T14:00:00Z")
        #expect(hours.nextAllowed(at: now, zones: [Self.newYork, Self.losAngeles]) == Self.utc("2026-11-23T17:00:00Z"))
        // 19:30 in New York, 16:30 in Los Angeles: allowed in both.
        #expect(hours.allows(Self.utc("2026-11-24T00:30:00Z"), zones: [Self.newYork, Self.losAngeles]))
        // 20:30 in New York, 17:30 in Los Angeles: New York refuses, so the intersection does.
        #expect(!hours.allows(Self.utc("2026-11-24T01:30:00Z"), zones: [Self.newYork, Self.losAngeles]))
    }

    @Test func disjointZonesHaveNoCommonWindow() {
        // 09:00–10:00 is too short to be shared by zones 12 hours apart.
        let hours = QuietHours(weekday: .init(start: 540, end: 600), weekend: .init(start: 540, end: 600))
        let zones = [TimeZone(identifier: "Asia/Hong_Kong")!, TimeZone(identifier: "America/New_York")!]
        #expect(hours.nextAllowed(at: Self.utc("2026-11-23T14:00:00Z"), zones: zones) == nil)
    }

    @Test(arguments: [("09:00-20:00", 540, 1200), ("00:00-24:00", 0, 1440)])
    func parsesWindows(text: String, start: Int, end: Int) {
        #expect(QuietHours.Window(text) == QuietHours.Window(start: start, end: end))
    }

    @Test(arguments: ["20:00-09:00", "9-20", "25:00-26:00", ""])
    func refusesBadWindows(text: String) {
        #expect(QuietHours.Window(text) == nil)
    }
}
