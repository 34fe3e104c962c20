import Foundation
import Testing
import TocsinCore

/// Rule expansion, table-driven. Expected instants were worked out by hand: weekdays from 1 Jan 2026 being a
/// Thursday (re-checked with `date -d … +%a`), offsets from the 2026 DST dates (US 8 Mar / 1 Nov, UK 29 Mar /
/// 25 Oct) and Hong Kong's fixed +8.
struct RecurrenceScheduleExpansionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: String
        let start: String
        let zone: String
        let limit: Int
        let expected: [String]
        var testDescription: String { self.name }
    }

    static let ny = "America/New_York"
    static let la = "America/Los_Angeles"
    static let london = "Europe/London"
    static let hk = "Asia/Hong_Kong"

    static let dstCases: [Case] = [
        .init(
            name: "weekly Monday 10:00 New York across DST start", rule: "FREQ=WEEKLY;BYDAY=MO", start: "2026-02-23T10:00", zone: ny, limit: 4,
            expected: ["2026-02-23T15:00:00Z", "2026-03-02T15:00:00Z", "2026-03-09T14:00:00Z", "2026-03-16T14:00:00Z"]),
        .init(
            name: "weekly Monday 10:00 New York across DST end", rule: "FREQ=WEEKLY;BYDAY=MO", start: "2026-10-19T10:00", zone: ny, limit: 4,
            expected: ["2026-10-19T14:00:00Z", "2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z", "2026-11-09T15:00:00Z"]),
        .init(
            name: "daily 02:30 New York through the gap", rule: "FREQ=DAILY;COUNT=3", start: "2026-03-07T02:30", zone: ny, limit: 10,
            expected: ["2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z"]),
        .init(
            name: "daily 01:30 New York through the overlap", rule: "FREQ=DAILY;COUNT=3", start: "2026-10-31T01:30", zone: ny, limit: 10,
            expected: ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]),
        .init(
            name: "weekly Sunday 02:30 Los Angeles through the gap", rule: "FREQ=WEEKLY;COUNT=3", start: "2026-03-01T02:30", zone: la, limit: 10,
            expected: ["2026-03-01T10:30:00Z", "2026-03-08T10:30:00Z", "2026-03-15T09:30:00Z"]),
        .init(
            name: "weekly Sunday 01:30 Los Angeles through the overlap", rule: "FREQ=WEEKLY;BYDAY=SU", start: "2026-10-25T01:30", zone: la, limit: 3,
            expected: ["2026-10-25T08:30:00Z", "2026-11-01T08:30:00Z", "2026-11-08T09:30:00Z"]),
        .init(
            name: "daily 01:30 London through the gap", rule: "FREQ=DAILY", start: "2026-03-28T01:30", zone: london, limit: 3,
            expected: ["2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"]),
        .init(
            name: "daily 01:30 London through the overlap", rule: "FREQ=DAILY", start: "2026-10-24T01:30", zone: london, limit: 3,
            expected: ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]),
        .init(
            name: "daily 09:00 Hong Kong unaffected", rule: "FREQ=DAILY", start: "2026-03-07T09:00", zone: hk, limit: 3,
            expected: ["2026-03-07T01:00:00Z", "2026-03-08T01:00:00Z", "2026-03-09T01:00:00Z"]),
        .init(
            name: "hours 1-3 New York: 02:00 and 03:00 are the same instant, counted once", rule: "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=0;COUNT=4",
            start: "2026-03-08T01:00", zone: ny, limit: 10,
            expected: ["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z"]),
        .init(
            name: "half past 0-2 New York on fall-back day", rule: "FREQ=DAILY;BYHOUR=0,1,2;BYMINUTE=30", start: "2026-11-01T00:30", zone: ny,
            limit: 3,
            expected: ["2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:30:00Z"]),
        .init(
            name: "weekly Mon/Wed/Fri 18:00 London across BST end", rule: "FREQ=WEEKLY;BYDAY=MO,WE,FR", start: "2026-10-21T18:00", zone: london,
            limit: 5,
            expected: ["2026-10-21T17:00:00Z", "2026-10-23T17:00:00Z", "2026-10-26T18:00:00Z", "2026-10-28T18:00:00Z", "2026-10-30T18:00:00Z"]),
    ]

    static let byHourAndMinuteCases: [Case] = [
        .init(
            name: "BYHOUR=9,17 gives two a day", rule: "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0;COUNT=4", start: "2026-03-07T09:00", zone: ny, limit: 10,
            expected: ["2026-03-07T14:00:00Z", "2026-03-07T22:00:00Z", "2026-03-08T13:00:00Z", "2026-03-08T21:00:00Z"]),
        .init(
            name: "BYHOUR alone keeps the start's minute", rule: "FREQ=DAILY;BYHOUR=9,17;COUNT=3", start: "2026-01-05T09:15", zone: london, limit: 10,
            expected: ["2026-01-05T09:15:00Z", "2026-01-05T17:15:00Z", "2026-01-06T09:15:00Z"]),
        .init(
            name: "BYHOUR × BYMINUTE, start off-rule counts first", rule: "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0,30;COUNT=5", start: "2026-01-10T00:00",
            zone: hk, limit: 10,
            expected: ["2026-01-09T16:00:00Z", "2026-01-10T00:00:00Z", "2026-01-10T00:30:00Z", "2026-01-10T12:00:00Z", "2026-01-10T12:30:00Z"]),
        .init(
            name: "BYMINUTE alone keeps the start's hour and second", rule: "FREQ=WEEKLY;BYMINUTE=0,45", start: "2026-01-05T10:00:30", zone: hk,
            limit: 3,
            expected: ["2026-01-05T02:00:30Z", "2026-01-05T02:45:30Z", "2026-01-12T02:00:30Z"]),
    ]

    static let monthlyCases: [Case] = [
        .init(
            name: "BYMONTHDAY=31 skips short months", rule: "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5", start: "2026-01-31T12:00", zone: london, limit: 10,
            expected: ["2026-01-31T12:00:00Z", "2026-03-31T11:00:00Z", "2026-05-31T11:00:00Z", "2026-07-31T11:00:00Z", "2026-08-31T11:00:00Z"]),
        .init(
            name: "BYMONTHDAY=-1 in leap 2028", rule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", start: "2028-01-31T09:00", zone: hk, limit: 10,
            expected: ["2028-01-31T01:00:00Z", "2028-02-29T01:00:00Z", "2028-03-31T01:00:00Z", "2028-04-30T01:00:00Z"]),
        .init(
            name: "BYMONTHDAY=-1 in non-leap 2027", rule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", start: "2027-01-31T09:00", zone: hk, limit: 10,
            expected: ["2027-01-31T01:00:00Z", "2027-02-28T01:00:00Z", "2027-03-31T01:00:00Z"]),
        .init(
            name: "BYMONTHDAY=29 skips February 2027", rule: "FREQ=MONTHLY;BYMONTHDAY=29;COUNT=3", start: "2027-01-29T09:00", zone: hk, limit: 10,
            expected: ["2027-01-29T01:00:00Z", "2027-03-29T01:00:00Z", "2027-04-29T01:00:00Z"]),
        .init(
            name: "BYMONTHDAY=29 keeps February 2028", rule: "FREQ=MONTHLY;BYMONTHDAY=29;COUNT=3", start: "2028-01-29T09:00", zone: hk, limit: 10,
            expected: ["2028-01-29T01:00:00Z", "2028-02-29T01:00:00Z", "2028-03-29T01:00:00Z"]),
        .init(
            name: "BYMONTHDAY=-31 is the 1st of 31-day months only", rule: "FREQ=MONTHLY;BYMONTHDAY=-31", start: "2026-01-01T09:00", zone: hk,
            limit: 3,
            expected: ["2026-01-01T01:00:00Z", "2026-03-01T01:00:00Z", "2026-05-01T01:00:00Z"]),
        .init(
            name: "BYMONTHDAY=1,-1 both ends", rule: "FREQ=MONTHLY;BYMONTHDAY=1,-1", start: "2027-02-01T09:00", zone: hk, limit: 4,
            expected: ["2027-02-01T01:00:00Z", "2027-02-28T01:00:00Z", "2027-03-01T01:00:00Z", "2027-03-31T01:00:00Z"]),
        .init(
            name: "no BYxxx: the start's day, skipping months without it", rule: "FREQ=MONTHLY", start: "2026-01-31T09:00", zone: hk, limit: 3,
            expected: ["2026-01-31T01:00:00Z", "2026-03-31T01:00:00Z", "2026-05-31T01:00:00Z"]),
        .init(
            name: "1MO first Monday, New York", rule: "FREQ=MONTHLY;BYDAY=1MO;COUNT=4", start: "2026-01-05T10:00", zone: ny, limit: 10,
            expected: ["2026-01-05T15:00:00Z", "2026-02-02T15:00:00Z", "2026-03-02T15:00:00Z", "2026-04-06T14:00:00Z"]),
        .init(
            name: "-1FR last Friday, London", rule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", start: "2026-01-30T18:00", zone: london, limit: 10,
            expected: ["2026-01-30T18:00:00Z", "2026-02-27T18:00:00Z", "2026-03-27T18:00:00Z", "2026-04-24T17:00:00Z"]),
        .init(
            name: "2TU second Tuesday 19:00 Los Angeles (next UTC day)", rule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=3", start: "2026-01-13T19:00", zone: la,
            limit: 10,
            expected: ["2026-01-14T03:00:00Z", "2026-02-11T03:00:00Z", "2026-03-11T02:00:00Z"]),
        .init(
            name: "-2WE second-to-last Wednesday", rule: "FREQ=MONTHLY;BYDAY=-2WE;COUNT=4", start: "2026-01-21T12:00", zone: hk, limit: 10,
            expected: ["2026-01-21T04:00:00Z", "2026-02-18T04:00:00Z", "2026-03-18T04:00:00Z", "2026-04-22T04:00:00Z"]),
        .init(
            name: "5FR skips months with four Fridays", rule: "FREQ=MONTHLY;BYDAY=5FR", start: "2026-01-30T12:00", zone: hk, limit: 2,
            expected: ["2026-01-30T04:00:00Z", "2026-05-29T04:00:00Z"]),
        .init(
            name: "BYDAY=MO without ordinal: every Monday of the month", rule: "FREQ=MONTHLY;BYDAY=MO", start: "2026-02-02T09:00", zone: hk, limit: 5,
            expected: ["2026-02-02T01:00:00Z", "2026-02-09T01:00:00Z", "2026-02-16T01:00:00Z", "2026-02-23T01:00:00Z", "2026-03-02T01:00:00Z"]),
        .init(
            name: "Friday 13th: BYDAY limits BYMONTHDAY; off-rule start first", rule: "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;COUNT=4",
            start: "2026-01-01T09:00", zone: hk, limit: 10,
            expected: ["2026-01-01T01:00:00Z", "2026-02-13T01:00:00Z", "2026-03-13T01:00:00Z", "2026-11-13T01:00:00Z"]),
        .init(
            name: "BYMONTHDAY=-1 with BYDAY=-1FR: a Friday that ends its month", rule: "FREQ=MONTHLY;BYMONTHDAY=-1;BYDAY=-1FR",
            start: "2026-07-31T09:00", zone: hk, limit: 2,
            expected: ["2026-07-31T01:00:00Z", "2027-04-30T01:00:00Z"]),
    ]

    static let intervalsCases: [Case] = [
        .init(
            name: "DAILY INTERVAL=3 across DST", rule: "FREQ=DAILY;INTERVAL=3;COUNT=3", start: "2026-03-06T10:00", zone: ny, limit: 10,
            expected: ["2026-03-06T15:00:00Z", "2026-03-09T14:00:00Z", "2026-03-12T14:00:00Z"]),
        .init(
            name: "RFC 5545 WEEKLY INTERVAL=2 BYDAY=TU,SU WKST=MO", rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            start: "1997-08-05T09:00", zone: ny, limit: 10,
            expected: ["1997-08-05T13:00:00Z", "1997-08-10T13:00:00Z", "1997-08-19T13:00:00Z", "1997-08-24T13:00:00Z"]),
        .init(
            name: "RFC 5545 WEEKLY INTERVAL=2 BYDAY=TU,SU WKST=SU", rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            start: "1997-08-05T09:00", zone: ny, limit: 10,
            expected: ["1997-08-05T13:00:00Z", "1997-08-17T13:00:00Z", "1997-08-19T13:00:00Z", "1997-08-31T13:00:00Z"]),
        .init(
            name: "WEEKLY INTERVAL=3 without BYDAY", rule: "FREQ=WEEKLY;INTERVAL=3", start: "2026-02-26T12:00", zone: london, limit: 3,
            expected: ["2026-02-26T12:00:00Z", "2026-03-19T12:00:00Z", "2026-04-09T11:00:00Z"]),
        .init(
            name: "MONTHLY INTERVAL=2 BYMONTHDAY=31", rule: "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31;COUNT=3", start: "2026-01-31T08:00", zone: hk,
            limit: 10,
            expected: ["2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z"]),
        .init(
            name: "MONTHLY INTERVAL=2 BYMONTHDAY=31 from February waits for August", rule: "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31;COUNT=3",
            start: "2026-02-01T08:00", zone: hk, limit: 10,
            expected: ["2026-02-01T00:00:00Z", "2026-08-31T00:00:00Z", "2026-10-31T00:00:00Z"]),
        .init(
            name: "DAILY weekdays only", rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6", start: "2026-03-05T08:00", zone: ny, limit: 10,
            expected: [
                "2026-03-05T13:00:00Z", "2026-03-06T13:00:00Z", "2026-03-09T12:00:00Z", "2026-03-10T12:00:00Z", "2026-03-11T12:00:00Z",
                "2026-03-12T12:00:00Z",
            ]),
        .init(
            name: "DAILY BYMONTHDAY=1,15", rule: "FREQ=DAILY;BYMONTHDAY=1,15", start: "2026-02-01T09:00", zone: hk, limit: 4,
            expected: ["2026-02-01T01:00:00Z", "2026-02-15T01:00:00Z", "2026-03-01T01:00:00Z", "2026-03-15T01:00:00Z"]),
    ]

    static let endsCases: [Case] = [
        .init(
            name: "UNTIL (UTC) is inclusive", rule: "FREQ=DAILY;UNTIL=20260310T140000Z", start: "2026-03-07T10:00", zone: ny, limit: 10,
            expected: ["2026-03-07T15:00:00Z", "2026-03-08T14:00:00Z", "2026-03-09T14:00:00Z", "2026-03-10T14:00:00Z"]),
        .init(
            name: "UNTIL one second earlier drops the last", rule: "FREQ=DAILY;UNTIL=20260310T135959Z", start: "2026-03-07T10:00", zone: ny,
            limit: 10,
            expected: ["2026-03-07T15:00:00Z", "2026-03-08T14:00:00Z", "2026-03-09T14:00:00Z"]),
        .init(
            name: "UNTIL date-only includes the whole local day", rule: "FREQ=DAILY;UNTIL=20260310", start: "2026-03-07T22:00", zone: ny, limit: 10,
            expected: ["2026-03-08T03:00:00Z", "2026-03-09T02:00:00Z", "2026-03-10T02:00:00Z", "2026-03-11T02:00:00Z"]),
        .init(
            name: "UNTIL equal to the start gives the start alone", rule: "FREQ=DAILY;UNTIL=20260307T150000Z", start: "2026-03-07T10:00", zone: ny,
            limit: 10,
            expected: ["2026-03-07T15:00:00Z"]),
        .init(
            name: "COUNT counts the start", rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2", start: "2026-03-04T10:00", zone: ny, limit: 10,
            expected: ["2026-03-04T15:00:00Z", "2026-03-09T14:00:00Z"]),
        .init(
            name: "limit below COUNT", rule: "FREQ=DAILY;COUNT=100", start: "2026-03-07T10:00", zone: hk, limit: 2,
            expected: ["2026-03-07T02:00:00Z", "2026-03-08T02:00:00Z"]),
        .init(
            name: "never-matching rule yields only the start", rule: "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", start: "2026-04-01T09:00", zone: hk,
            limit: 5,
            expected: ["2026-04-01T01:00:00Z"]),
        .init(
            name: "DAILY INTERVAL=7 on Tuesdays from a Monday never matches", rule: "FREQ=DAILY;INTERVAL=7;BYDAY=TU", start: "2026-03-02T09:00",
            zone: hk, limit: 5,
            expected: ["2026-03-02T01:00:00Z"]),
    ]

    @Test(arguments: Self.dstCases) func acrossDST(_ example: Case) throws { try Self.check(example) }
    @Test(arguments: Self.byHourAndMinuteCases) func byHourAndMinute(_ example: Case) throws { try Self.check(example) }
    @Test(arguments: Self.monthlyCases) func monthly(_ example: Case) throws { try Self.check(example) }
    @Test(arguments: Self.intervalsCases) func intervalsAndLimits(_ example: Case) throws { try Self.check(example) }
    @Test(arguments: Self.endsCases) func countUntilAndNeverMatching(_ example: Case) throws { try Self.check(example) }

    static func check(_ example: Case) throws {
        let schedule = try RecurrenceSchedule(
            rule: try RecurrenceRule(parsing: example.rule),
            start: try LocalDateTime(parsing: example.start),
            timeZone: example.zone
        )
        let instants = schedule.occurrences(limit: example.limit)
        #expect(instants.map(RecurrenceScheduleInstantTests.utc) == example.expected)
        // Asking again from any returned instant gives the rest of the same list.
        for (index, instant) in instants.enumerated() {
            let rest = schedule.occurrences(after: instant, limit: example.limit)
            #expect(Array(rest.prefix(instants.count - index - 1)) == Array(instants.dropFirst(index + 1)))
        }
    }
}
