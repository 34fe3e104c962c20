import Foundation
import Testing
import TocsinCore

/// Expected instants worked out by hand from the 2026 DST dates (US 8 Mar / 1 Nov, UK 29 Mar / 25 Oct).
struct RelativeScheduleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let joinedAt: String
        let zone: String
        let days: Int
        let minutes: Int
        let at: String?
        let expected: String
        var testDescription: String { self.name }
    }

    static let cases: [Case] = [
        .init(
            name: "3 days later at 18:00 across DST start", joinedAt: "2026-03-07T01:00:00Z", zone: "America/New_York",
            days: 3, minutes: 0, at: "18:00", expected: "2026-03-09T22:00:00Z"),
        .init(
            name: "3 days later keeps the join's clock time (71 hours)", joinedAt: "2026-03-07T01:00:00Z", zone: "America/New_York",
            days: 3, minutes: 0, at: nil, expected: "2026-03-10T00:00:00Z"),
        .init(
            name: "2 days later at 18:00 across DST end (49 hours of clock)", joinedAt: "2026-10-31T22:00:00Z", zone: "America/New_York",
            days: 2, minutes: 0, at: "18:00", expected: "2026-11-02T23:00:00Z"),
        .init(
            name: "same recipient day in London is a different local date", joinedAt: "2026-03-07T01:00:00Z", zone: "Europe/London",
            days: 3, minutes: 0, at: "18:00", expected: "2026-03-10T18:00:00Z"),
        .init(
            name: "London across BST start", joinedAt: "2026-03-27T12:00:00Z", zone: "Europe/London",
            days: 3, minutes: 0, at: "18:00", expected: "2026-03-30T17:00:00Z"),
        .init(
            name: "minutes are elapsed time, even across the gap", joinedAt: "2026-03-08T06:00:00Z", zone: "America/New_York",
            days: 0, minutes: 90, at: nil, expected: "2026-03-08T07:30:00Z"),
        .init(
            name: "local time in the gap uses the offset before it", joinedAt: "2026-03-07T17:00:00Z", zone: "America/New_York",
            days: 1, minutes: 0, at: "02:30", expected: "2026-03-08T07:30:00Z"),
        .init(
            name: "local time in the overlap is the first one", joinedAt: "2026-10-30T16:00:00Z", zone: "America/New_York",
            days: 2, minutes: 0, at: "01:30", expected: "2026-11-01T05:30:00Z"),
        .init(
            name: "day and minutes together", joinedAt: "2026-01-10T03:00:00Z", zone: "Asia/Hong_Kong",
            days: 1, minutes: 30, at: "09:00", expected: "2026-01-11T01:30:00Z"),
        .init(
            name: "same day, time already past: clamped to the join", joinedAt: "2026-01-10T12:00:00Z", zone: "Asia/Hong_Kong",
            days: 0, minutes: 0, at: "18:00", expected: "2026-01-10T12:00:00Z"),
        .init(
            name: "same day, time still ahead", joinedAt: "2026-01-10T01:00:00Z", zone: "Asia/Hong_Kong",
            days: 0, minutes: 0, at: "18:00", expected: "2026-01-10T10:00:00Z"),
        .init(
            name: "join late in the UTC day is the next local day in Hong Kong", joinedAt: "2026-01-10T20:00:00Z", zone: "Asia/Hong_Kong",
            days: 1, minutes: 0, at: "09:00", expected: "2026-01-12T01:00:00Z"),
    ]

    @Test(arguments: Self.cases)
    func firesAtTheExpectedInstant(_ example: Case) throws {
        let relative = RelativeSchedule(
            offsetDays: example.days,
            offsetMinutes: example.minutes,
            atLocalTime: try example.at.map { text throws(RecurrenceError) in try LocalTimeOfDay(parsing: text) }
        )
        let zone = try #require(TimeZone(identifier: example.zone))
        let fire = relative.fireDate(joinedAt: try RecurrenceScheduleTests.date(example.joinedAt), recipientZone: zone)
        #expect(RecurrenceScheduleInstantTests.utc(fire) == example.expected)
    }

    @Test func absurdOffsetsAreClampedInsteadOfOverflowing() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        let joined = try RecurrenceScheduleTests.date("2026-03-07T01:00:00Z")
        let far = RelativeSchedule(offsetDays: .max, offsetMinutes: .max).fireDate(joinedAt: joined, recipientZone: zone)
        #expect(far.timeIntervalSince(joined) > 3_000_000 * 86_400)
        let past = RelativeSchedule(offsetDays: .min, offsetMinutes: .min).fireDate(joinedAt: joined, recipientZone: zone)
        #expect(past == joined)
    }

    @Test func codableShapeIsFlatWithATextTime() throws {
        let relative = RelativeSchedule(offsetDays: 3, atLocalTime: try LocalTimeOfDay(hour: 18, minute: 0))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(relative), as: UTF8.self)
        #expect(json == #"{"atLocalTime":"18:00","offsetDays":3,"offsetMinutes":0}"#)
        #expect(try JSONDecoder().decode(RelativeSchedule.self, from: Data(json.utf8)) == relative)
        let withoutTime = try JSONDecoder().decode(RelativeSchedule.self, from: Data(#"{"offsetDays":1,"offsetMinutes":5}"#.utf8))
        #expect(withoutTime == RelativeSchedule(offsetDays: 1, offsetMinutes: 5))
    }
}
