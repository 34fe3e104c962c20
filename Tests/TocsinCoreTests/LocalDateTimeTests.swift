import Foundation
import Testing

@testable import TocsinCore

struct LocalDateTimeTests {
    @Test(arguments: [
        ("2026-03-08T02:30", "2026-03-08T02:30:00"),
        ("2026-03-08T02:30:45", "2026-03-08T02:30:45"),
        ("2028-02-29T23:59:59", "2028-02-29T23:59:59"),
        ("0001-01-01T00:00", "0001-01-01T00:00:00"),
        ("9999-12-31T23:59", "9999-12-31T23:59:00"),
    ])
    func parsesAndPrints(input: String, expected: String) throws {
        let value = try LocalDateTime(parsing: input)
        #expect(value.description == expected)
    }

    @Test func parsedFieldsAreTheOnesWritten() throws {
        let value = try LocalDateTime(parsing: "2026-11-01T01:30:15")
        let fields: [Int] = [value.year, value.month, value.day, value.hour, value.minute, value.second]
        #expect(fields == [2026, 11, 1, 1, 30, 15])
    }

    @Test(arguments: [
        "", "2026-03-08", "2026-03-08 02:30", "2026-3-8T2:30", "2026-03-08T02:30:0", "20260308T023000",
        "2026-03-08T02:30Z", "2026-03-08T02:30:00Z", "2026-03-08T02:30:00+01:00", "2026-03-08T02:30-05:00",
        "2027-02-29T10:00", "2026-04-31T10:00", "2026-13-01T10:00", "2026-00-10T10:00", "2026-01-00T10:00",
        "2026-01-01T24:00", "2026-01-01T23:60", "2026-01-01T23:59:60", "0000-01-01T00:00", "２０２６-03-08T02:30",
        "2026-03-08T0a:30",
    ])
    func rejectsMalformedOrImpossible(input: String) {
        #expect(throws: RecurrenceError.self) { try LocalDateTime(parsing: input) }
        do {
            _ = try LocalDateTime(parsing: input)
        } catch {
            #expect(error.code == .invalidDateTime)
            #expect(!error.description.isEmpty)
        }
    }

    @Test func offsetErrorTellsToPassTheZoneSeparately() {
        do {
            _ = try LocalDateTime(parsing: "2026-03-08T02:30:00Z")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("zone separately"))
        }
    }

    @Test func impossibleDayErrorNamesTheMonthLength() {
        do {
            _ = try LocalDateTime(year: 2027, month: 2, day: 29)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("28 days"))
        }
    }

    @Test func ordersByDateThenTime() throws {
        let values = try ["2026-03-08T02:30", "2025-12-31T23:59", "2026-03-08T02:29:59", "2026-03-07T23:00"]
            .map { text throws(RecurrenceError) in try LocalDateTime(parsing: text) }
        #expect(
            values.sorted().map(\.description) == [
                "2025-12-31T23:59:00", "2026-03-07T23:00:00", "2026-03-08T02:29:59", "2026-03-08T02:30:00",
            ])
    }

    @Test func codableUsesTheISOText() throws {
        let value = try LocalDateTime(parsing: "2026-03-08T02:30")
        let json = String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
        #expect(json == #"["2026-03-08T02:30:00"]"#)
        #expect(try JSONDecoder().decode([LocalDateTime].self, from: Data(json.utf8)) == [value])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDateTime].self, from: Data(#"["2026-02-30T00:00"]"#.utf8))
        }
    }

    @Test(arguments: [
        // (instant in seconds since 1970, zone, wall clock) – checked against `TZ=… date -d @…`.
        (1_772_953_199, "America/New_York", "2026-03-08T01:59:59"),
        (1_772_953_200, "America/New_York", "2026-03-08T03:00:00"),
        (1_793_511_000, "America/New_York", "2026-11-01T01:30:00"),  // 05:30Z, EDT
        (1_793_514_600, "America/New_York", "2026-11-01T01:30:00"),  // 06:30Z, EST
        (1_772_929_800, "Asia/Hong_Kong", "2026-03-08T08:30:00"),  // 00:30Z
    ])
    func readsTheWallClockOfAnInstant(seconds: Int, zone: String, expected: String) throws {
        let value = LocalDateTime(Date(timeIntervalSince1970: Double(seconds)), in: try #require(TimeZone(identifier: zone)))
        #expect(value.description == expected)
    }

    @Test func instantsOutsideYears1To9999AreClamped() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Hong_Kong"))
        #expect(LocalDateTime(Date(timeIntervalSince1970: .infinity), in: zone).description == "9999-12-31T23:59:59")
        #expect(LocalDateTime(Date(timeIntervalSince1970: 1e300), in: zone).description == "9999-12-31T23:59:59")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(LocalDateTime(Date(timeIntervalSince1970: -.infinity), in: utc).description == "0001-01-01T00:00:00")
        #expect(LocalDateTime(Date(timeIntervalSince1970: .nan), in: zone).description == "1970-01-01T08:00:00")
    }

    @Test(arguments: [
        ("1970-01-01", 0, RecurrenceRule.Weekday.thursday),
        ("2000-01-01", 10_957, .saturday),
        ("2000-03-01", 11_017, .wednesday),
        ("2026-01-01", 20_454, .thursday),
        ("2026-03-08", 20_520, .sunday),
        ("1600-03-01", -135_080, .wednesday),
        ("1969-12-31", -1, .wednesday),
    ])
    func epochDaysAndWeekdays(date: String, epochDay: Int, weekday: RecurrenceRule.Weekday) throws {
        let value = try LocalDateTime(parsing: date + "T12:00")
        #expect(value.epochDay == epochDay)
        #expect(value.weekday == weekday)
    }

    @Test func calendarArithmeticAgreesWithFoundationOverCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        // Every 13th day from 1601 to 2399, plus the days around each March 1st, compared with Foundation.
        for day in stride(from: -134_700, through: 157_000, by: 13) {
            let ours = LocalDateTime.civilDate(epochDay: day)
            let theirs = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            #expect(ours.year == theirs.year && ours.month == theirs.month && ours.day == theirs.day, "day \(day)")
            #expect(LocalDateTime.epochDay(year: ours.year, month: ours.month, day: ours.day) == day)
        }
    }

    @Test(arguments: [(2024, true), (2026, false), (2028, true), (1900, false), (2000, true), (2100, false)])
    func leapYears(year: Int, leap: Bool) {
        #expect(LocalDateTime.isLeapYear(year) == leap)
        #expect(LocalDateTime.daysInMonth(year: year, month: 2) == (leap ? 29 : 28))
    }
}
