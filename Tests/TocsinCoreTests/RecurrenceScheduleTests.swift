import Foundation
import Testing

@testable import TocsinCore

struct RecurrenceScheduleTests {
    static func schedule(_ rule: String, _ start: String, _ zone: String) throws(RecurrenceError) -> RecurrenceSchedule {
        try RecurrenceSchedule(rule: try RecurrenceRule(parsing: rule), start: try LocalDateTime(parsing: start), timeZone: zone)
    }

    static func date(_ utc: String) throws -> Date {
        let local = try LocalDateTime(parsing: String(utc.dropLast()))
        return RecurrenceSchedule.utcInstant(local, in: try #require(TimeZone(identifier: "UTC")))
    }

    static func utc(_ date: Date) -> String { RecurrenceScheduleInstantTests.utc(date) }

    // MARK: - Set-up errors

    @Test(arguments: ["Mars/Olympus_Mons", "", "America/New York", "Not a zone"])
    func unknownZoneIsAnError(zone: String) throws {
        do {
            _ = try Self.schedule("FREQ=DAILY", "2026-03-07T10:00", zone)
            Issue.record("accepted zone '\(zone)'")
        } catch {
            #expect(error.code == .unknownTimeZone)
            #expect(error.description.contains("IANA"))
        }
    }

    @Test(arguments: [
        ("FREQ=DAILY;UNTIL=20260307T145959Z", "2026-03-07T10:00", "America/New_York"),  // start is 15:00Z
        ("FREQ=DAILY;UNTIL=20260306", "2026-03-07T00:00", "America/New_York"),
        ("FREQ=WEEKLY;UNTIL=20251231T235959Z", "2026-01-01T00:00", "Europe/London"),
        ("FREQ=MONTHLY;UNTIL=20251231T235859Z", "2026-01-01T07:59", "Asia/Hong_Kong"),  // start is 2025-12-31T23:59Z
    ])
    func untilBeforeStartIsAnError(rule: String, start: String, zone: String) {
        do {
            _ = try Self.schedule(rule, start, zone)
            Issue.record("accepted \(rule) from \(start)")
        } catch {
            #expect(error.code == .untilBeforeStart)
            #expect(error.description.contains("Move UNTIL"))
        }
    }

    @Test(arguments: [
        ("FREQ=DAILY;UNTIL=20260307T150000Z", "2026-03-07T10:00", "America/New_York"),
        ("FREQ=DAILY;UNTIL=20260307", "2026-03-07T23:59:59", "America/New_York"),
        ("FREQ=MONTHLY;UNTIL=20251231T235900Z", "2026-01-01T07:59", "Asia/Hong_Kong"),
    ])
    func untilAtTheStartIsAllowed(rule: String, start: String, zone: String) throws {
        #expect(try Self.schedule(rule, start, zone).occurrences(limit: 5).count == 1)
    }

    // MARK: - DTSTART handling

    @Test func startOffTheRuleIsStillTheFirstOccurrence() throws {
        let schedule = try Self.schedule("FREQ=WEEKLY;BYDAY=MO", "2026-03-04T10:00", "America/New_York")  // a Wednesday
        #expect(!schedule.startMatchesRule)
        #expect(schedule.occurrences(limit: 2).map(Self.utc) == ["2026-03-04T15:00:00Z", "2026-03-09T14:00:00Z"])
    }

    @Test(arguments: [
        ("FREQ=WEEKLY;BYDAY=MO", "2026-03-02T10:00", true),
        ("FREQ=WEEKLY;BYDAY=MO", "2026-03-03T10:00", false),
        ("FREQ=DAILY;BYHOUR=9", "2026-03-03T10:00", false),
        ("FREQ=DAILY;BYHOUR=10;BYMINUTE=0", "2026-03-03T10:00", true),
        ("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30T18:00", true),
        ("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-23T18:00", false),
        ("FREQ=MONTHLY", "2026-01-31T18:00", true),
    ])
    func reportsWhetherTheStartMatches(rule: String, start: String, matches: Bool) throws {
        #expect(try Self.schedule(rule, start, "Europe/London").startMatchesRule == matches)
    }

    @Test(arguments: [
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "2026-04-01T09:00", false),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "2026-05-01T09:00", true),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "2026-03-02T09:00", false),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", "2026-03-02T09:00", true),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=29", "2027-02-01T09:00", true),  // February, every 4 years
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30", "2027-02-01T09:00", false),
    ])
    func reportsRulesThatNeverMatch(rule: String, start: String, repeats: Bool) throws {
        let schedule = try Self.schedule(rule, start, "Asia/Hong_Kong")
        #expect(schedule.repeats == repeats)
        #expect((schedule.occurrences(limit: 3).count > 1) == repeats)
    }

    @Test func februaryTwentyNinthEveryFourYears() throws {
        let schedule = try Self.schedule("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=29", "2095-02-01T09:00", "Asia/Hong_Kong")
        // 2100 is not a leap year, so 2096 is followed by 2104.
        #expect(
            schedule.occurrences(limit: 3).map(Self.utc) == [
                "2095-02-01T01:00:00Z", "2096-02-29T01:00:00Z", "2104-02-29T01:00:00Z",
            ])
    }

    // MARK: - after / limit / next

    @Test func afterIsStrict() throws {
        let schedule = try Self.schedule("FREQ=WEEKLY;BYDAY=MO", "2026-03-02T10:00", "America/New_York")
        #expect(schedule.nextOccurrence(after: try Self.date("2026-03-09T14:00:00Z")).map(Self.utc) == "2026-03-16T14:00:00Z")
        #expect(schedule.nextOccurrence(after: try Self.date("2026-03-09T13:59:59Z")).map(Self.utc) == "2026-03-09T14:00:00Z")
        #expect(schedule.nextOccurrence(after: try Self.date("2020-01-01T00:00:00Z")).map(Self.utc) == "2026-03-02T15:00:00Z")
    }

    @Test func limitZeroOrNegativeGivesNothing() throws {
        let schedule = try Self.schedule("FREQ=DAILY", "2026-03-07T10:00", "Asia/Hong_Kong")
        #expect(schedule.occurrences(limit: 0).isEmpty)
        #expect(schedule.occurrences(limit: -3).isEmpty)
    }

    @Test func endedRulesHaveNoNextOccurrence() throws {
        let counted = try Self.schedule("FREQ=DAILY;COUNT=3", "2026-03-07T10:00", "Asia/Hong_Kong")
        #expect(counted.nextOccurrence(after: try Self.date("2026-03-09T01:59:59Z")).map(Self.utc) == "2026-03-09T02:00:00Z")
        #expect(counted.nextOccurrence(after: try Self.date("2026-03-09T02:00:00Z")) == nil)
        let until = try Self.schedule("FREQ=DAILY;UNTIL=20260309", "2026-03-07T10:00", "Asia/Hong_Kong")
        #expect(until.nextOccurrence(after: try Self.date("2026-03-09T02:00:00Z")) == nil)
    }

    @Test func countIsCountedFromTheStartEvenWhenAskingLater() throws {
        let schedule = try Self.schedule("FREQ=DAILY;BYHOUR=9,17;COUNT=5", "2026-03-07T09:00", "Asia/Hong_Kong")
        let later = schedule.occurrences(after: try Self.date("2026-03-08T01:00:00Z"), limit: 10)
        #expect(later.map(Self.utc) == ["2026-03-08T09:00:00Z", "2026-03-09T01:00:00Z"])
    }

    @Test func farFutureLookUpJumpsInsteadOfWalking() throws {
        let schedule = try Self.schedule("FREQ=WEEKLY;BYDAY=MO", "2026-03-02T10:00", "America/New_York")
        let after = try Self.date("2100-01-01T00:00:00Z")
        let result = schedule.expand(after: after, limit: 1)
        #expect(result.occurrences.map { Self.utc($0.instant) } == ["2100-01-04T15:00:00Z"])  // a Monday, EST
        #expect(result.periodsVisited <= 3)

        let daily = try Self.schedule("FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0", "2026-03-07T09:00", "Europe/London")
        let dailyResult = daily.expand(after: try Self.date("2500-07-01T12:00:00Z"), limit: 2)
        #expect(dailyResult.occurrences.map { Self.utc($0.instant) } == ["2500-07-01T16:00:00Z", "2500-07-02T08:00:00Z"])
        #expect(dailyResult.periodsVisited <= 6)

        let monthly = try Self.schedule("FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR", "2026-01-30T18:00", "Asia/Hong_Kong")
        let monthlyResult = monthly.expand(after: try Self.date("3000-01-01T00:00:00Z"), limit: 1)
        #expect(monthlyResult.periodsVisited <= 4)
        // Jumping and walking agree.
        let cutoff = try Self.date("3000-01-01T00:00:00Z")
        let walked = monthly.occurrences(limit: 100_000).first { $0 > cutoff }
        #expect(monthlyResult.occurrences.first?.instant == walked)
    }

    @Test func expansionStopsAtTheEndOfYear9999() throws {
        let schedule = try Self.schedule("FREQ=MONTHLY;INTERVAL=6", "9998-01-15T09:00", "Asia/Hong_Kong")
        #expect(
            schedule.occurrences(limit: 10).map(Self.utc) == [
                "9998-01-15T01:00:00Z", "9998-07-15T01:00:00Z", "9999-01-15T01:00:00Z", "9999-07-15T01:00:00Z",
            ])
    }

    @Test func afterBeyondTheCalendarGivesNothing() throws {
        let schedule = try Self.schedule("FREQ=DAILY", "2026-03-07T10:00", "Asia/Hong_Kong")
        #expect(schedule.nextOccurrence(after: Date(timeIntervalSince1970: .infinity)) == nil)
        #expect(schedule.nextOccurrence(after: try Self.date("9999-12-31T02:00:00Z")) == nil)
        #expect(schedule.nextOccurrence(after: try Self.date("9999-12-30T02:00:00Z")).map(Self.utc) == "9999-12-31T02:00:00Z")
    }

    @Test func detailedOccurrencesKeepTheNominalLocalTime() throws {
        let schedule = try Self.schedule("FREQ=DAILY", "2026-03-07T02:30", "America/New_York")
        let details = schedule.detailedOccurrences(limit: 2)
        #expect(details.map(\.local.description) == ["2026-03-07T02:30:00", "2026-03-08T02:30:00"])
        #expect(details.map { Self.utc($0.instant) } == ["2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z"])
    }

    // MARK: - Preview JSON

    @Test func previewJSONIsACompactArrayOfUTCTimes() throws {
        let json = try RecurrenceSchedule.previewJSON(
            rule: "RRULE:FREQ=WEEKLY;BYDAY=MO", start: "2026-03-02T10:00", timeZone: "America/New_York", count: 3)
        #expect(json == #"["2026-03-02T15:00:00Z","2026-03-09T14:00:00Z","2026-03-16T14:00:00Z"]"#)
        let decoded = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        #expect(decoded.count == 3)
    }

    @Test func previewJSONStopsWhenTheRuleEnds() throws {
        #expect(
            try RecurrenceSchedule.previewJSON(rule: "FREQ=DAILY;COUNT=2", start: "2026-03-08T02:30", timeZone: "America/New_York", count: 5)
                == #"["2026-03-08T07:30:00Z","2026-03-09T06:30:00Z"]"#)
        #expect(try RecurrenceSchedule.previewJSON(rule: "FREQ=DAILY", start: "2026-03-08T02:30", timeZone: "UTC", count: 0) == "[]")
    }

    @Test(arguments: [
        ("FREQ=YEARLY", "2026-03-02T10:00", "America/New_York", 3, RecurrenceError.Code.unsupportedFrequency),
        ("FREQ=DAILY", "2026-03-02 10:00", "America/New_York", 3, .invalidDateTime),
        ("FREQ=DAILY", "2026-03-02T10:00", "America/Springfield", 3, .unknownTimeZone),
        ("FREQ=DAILY;UNTIL=20260101", "2026-03-02T10:00", "America/New_York", 3, .untilBeforeStart),
        ("FREQ=DAILY", "2026-03-02T10:00", "America/New_York", -1, .outOfRange),
        ("FREQ=DAILY", "2026-03-02T10:00", "America/New_York", 10_001, .outOfRange),
    ])
    func previewJSONReportsErrors(rule: String, start: String, zone: String, count: Int, code: RecurrenceError.Code) {
        do {
            let json = try RecurrenceSchedule.previewJSON(rule: rule, start: start, timeZone: zone, count: count)
            Issue.record("expected \(code), got \(json)")
        } catch {
            #expect(error.code == code)
        }
    }
}
