import Foundation
import Testing
import TocsinCore

/// Wall clock → instant, including the RFC 5545 §3.3.5 gap and overlap rules.
///
/// Expected instants were worked out by hand from the zones' 2026 rules (US: DST 8 Mar 02:00 → 03:00,
/// back 1 Nov 02:00 → 01:00; UK: 29 Mar 01:00 → 02:00, back 25 Oct 02:00 → 01:00) and the non-gap ones
/// re-checked with `date -u -d 'TZ="Zone" YYYY-MM-DD HH:MM'` from GNU coreutils.
struct RecurrenceScheduleInstantTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let zone: String
        let local: String
        let utc: String
        let note: String
        var testDescription: String { "\(self.local) \(self.zone) → \(self.utc) (\(self.note))" }
    }

    static let cases: [Case] = [
        // America/New_York: EST −5, EDT −4.
        .init(zone: "America/New_York", local: "2026-01-15T10:00", utc: "2026-01-15T15:00:00Z", note: "winter"),
        .init(zone: "America/New_York", local: "2026-07-15T10:00", utc: "2026-07-15T14:00:00Z", note: "summer"),
        .init(zone: "America/New_York", local: "2026-03-08T01:59:59", utc: "2026-03-08T06:59:59Z", note: "last second before gap"),
        .init(zone: "America/New_York", local: "2026-03-08T02:00", utc: "2026-03-08T07:00:00Z", note: "gap start, EST offset"),
        .init(zone: "America/New_York", local: "2026-03-08T02:30", utc: "2026-03-08T07:30:00Z", note: "gap: shown as 03:30 EDT"),
        .init(zone: "America/New_York", local: "2026-03-08T02:59:59", utc: "2026-03-08T07:59:59Z", note: "gap end"),
        .init(zone: "America/New_York", local: "2026-03-08T03:00", utc: "2026-03-08T07:00:00Z", note: "first EDT time"),
        .init(zone: "America/New_York", local: "2026-03-08T03:30", utc: "2026-03-08T07:30:00Z", note: "after gap"),
        .init(zone: "America/New_York", local: "2026-11-01T00:59", utc: "2026-11-01T04:59:00Z", note: "before overlap"),
        .init(zone: "America/New_York", local: "2026-11-01T01:00", utc: "2026-11-01T05:00:00Z", note: "overlap start, EDT"),
        .init(zone: "America/New_York", local: "2026-11-01T01:30", utc: "2026-11-01T05:30:00Z", note: "overlap, first = EDT"),
        .init(zone: "America/New_York", local: "2026-11-01T01:59:59", utc: "2026-11-01T05:59:59Z", note: "overlap end, EDT"),
        .init(zone: "America/New_York", local: "2026-11-01T02:00", utc: "2026-11-01T07:00:00Z", note: "after overlap, EST"),
        // America/Los_Angeles: PST −8, PDT −7.
        .init(zone: "America/Los_Angeles", local: "2026-03-08T02:30", utc: "2026-03-08T10:30:00Z", note: "gap, PST offset"),
        .init(zone: "America/Los_Angeles", local: "2026-03-08T03:00", utc: "2026-03-08T10:00:00Z", note: "first PDT time"),
        .init(zone: "America/Los_Angeles", local: "2026-11-01T01:30", utc: "2026-11-01T08:30:00Z", note: "overlap, first = PDT"),
        .init(zone: "America/Los_Angeles", local: "2026-11-01T02:00", utc: "2026-11-01T10:00:00Z", note: "after overlap, PST"),
        .init(zone: "America/Los_Angeles", local: "2026-06-01T09:00", utc: "2026-06-01T16:00:00Z", note: "summer"),
        // Europe/London: GMT 0, BST +1.
        .init(zone: "Europe/London", local: "2026-03-29T00:59", utc: "2026-03-29T00:59:00Z", note: "before gap"),
        .init(zone: "Europe/London", local: "2026-03-29T01:30", utc: "2026-03-29T01:30:00Z", note: "gap, GMT offset"),
        .init(zone: "Europe/London", local: "2026-03-29T02:00", utc: "2026-03-29T01:00:00Z", note: "first BST time"),
        .init(zone: "Europe/London", local: "2026-10-25T01:30", utc: "2026-10-25T00:30:00Z", note: "overlap, first = BST"),
        .init(zone: "Europe/London", local: "2026-10-25T02:00", utc: "2026-10-25T02:00:00Z", note: "after overlap, GMT"),
        .init(zone: "Europe/London", local: "2026-07-01T12:00", utc: "2026-07-01T11:00:00Z", note: "summer"),
        // Asia/Hong_Kong: +8 all year, so US and UK transition times are ordinary.
        .init(zone: "Asia/Hong_Kong", local: "2026-03-08T02:30", utc: "2026-03-07T18:30:00Z", note: "no DST"),
        .init(zone: "Asia/Hong_Kong", local: "2026-11-01T01:30", utc: "2026-10-31T17:30:00Z", note: "no DST"),
        .init(zone: "Asia/Hong_Kong", local: "2026-07-01T00:00", utc: "2026-06-30T16:00:00Z", note: "previous UTC day"),
        // Australia/Lord_Howe: +10:30 → +11 at 02:00 on 4 Oct 2026, a 30-minute gap.
        .init(zone: "Australia/Lord_Howe", local: "2026-10-04T02:15", utc: "2026-10-03T15:45:00Z", note: "half-hour gap"),
        .init(zone: "Australia/Lord_Howe", local: "2026-10-04T02:30", utc: "2026-10-03T15:30:00Z", note: "after half-hour gap"),
        // Pacific/Apia skipped 30 Dec 2011 entirely (−10 → +14): the whole day is a gap.
        .init(zone: "Pacific/Apia", local: "2011-12-30T12:00", utc: "2011-12-30T22:00:00Z", note: "skipped day, −10 offset"),
    ]

    @Test(arguments: Self.cases)
    func convertsWallClockToInstant(_ example: Case) throws {
        let zone = try #require(TimeZone(identifier: example.zone))
        let instant = RecurrenceSchedule.utcInstant(try LocalDateTime(parsing: example.local), in: zone)
        #expect(Self.utc(instant) == example.utc)
    }

    /// Every half hour of 2026: outside the gap a local time survives the round trip and later local times
    /// give later instants; exactly the gap's slots fail to round-trip.
    @Test(arguments: [("America/New_York", 2), ("America/Los_Angeles", 2), ("Europe/London", 2), ("Asia/Hong_Kong", 0)])
    func roundTripsEveryHalfHourOf2026(zoneName: String, gapSlots: Int) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let utc = try #require(TimeZone(identifier: "UTC"))
        var previous: Date?
        var notRoundTripping = 0
        for slot in 0..<(365 * 48) {
            // The wall clock `slot` half-hours after 2026-01-01T00:00, computed without the zone under test.
            let local = LocalDateTime(Date(timeIntervalSince1970: 1_767_225_600 + Double(slot * 1800)), in: utc)
            let instant = RecurrenceSchedule.utcInstant(local, in: zone)
            guard LocalDateTime(instant, in: zone) == local else {
                notRoundTripping += 1
                continue
            }
            if let previous { #expect(instant > previous, "\(local) is not after the previous slot") }
            previous = instant
        }
        #expect(notRoundTripping == gapSlots)
    }

    static func utc(_ date: Date) -> String {
        LocalDateTime(date, in: TimeZone(identifier: "UTC")!).description + "Z"
    }
}
