import Foundation
import Testing
import TocsinCore

struct AlertScheduleTests {
    static func mondays(_ delivery: DeliveryMode) throws -> AlertSchedule {
        .recurring(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO"),
            start: try LocalDateTime(parsing: "2026-03-02T10:00"),
            timeZone: "America/New_York",
            delivery: delivery
        )
    }

    @Test(arguments: [
        // After Monday 9 Mar 12:00Z: 10:00 New York is 14:00Z (ahead); 10:00 London was 10:00Z (past).
        (DeliveryMode.sameInstant, "Europe/London", "2026-03-09T14:00:00Z"),
        (.recipientLocal, "Europe/London", "2026-03-16T10:00:00Z"),
        (.recipientLocal, "America/Los_Angeles", "2026-03-09T17:00:00Z"),
        (.recipientLocal, "Asia/Hong_Kong", "2026-03-16T02:00:00Z"),
        (.recipientLocal, "America/New_York", "2026-03-09T14:00:00Z"),
    ])
    func nextFireDateForARecurringAlert(delivery: DeliveryMode, zone: String, expected: String) throws {
        let next = try Self.mondays(delivery).nextFireDate(
            after: try RecurrenceScheduleTests.date("2026-03-09T12:00:00Z"),
            recipientZone: try #require(TimeZone(identifier: zone)),
            joinedAt: nil
        )
        #expect(next.map(RecurrenceScheduleInstantTests.utc) == expected)
    }

    @Test func recipientLocalRespectsCount() throws {
        let schedule = AlertSchedule.recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=2"), start: try LocalDateTime(parsing: "2026-03-07T10:00"),
            timeZone: "America/New_York", delivery: .recipientLocal)
        let hongKong = try #require(TimeZone(identifier: "Asia/Hong_Kong"))
        let afterFirst = try RecurrenceScheduleTests.date("2026-03-07T02:00:00Z")
        #expect(
            try schedule.nextFireDate(after: afterFirst, recipientZone: hongKong, joinedAt: nil).map(RecurrenceScheduleInstantTests.utc)
                == "2026-03-08T02:00:00Z")
        let afterLast = try RecurrenceScheduleTests.date("2026-03-08T02:00:00Z")
        #expect(try schedule.nextFireDate(after: afterLast, recipientZone: hongKong, joinedAt: nil) == nil)
    }

    @Test func relativeAlertFiresOnceAfterJoining() throws {
        let schedule = AlertSchedule.relative(RelativeSchedule(offsetDays: 3, atLocalTime: try LocalTimeOfDay(hour: 18, minute: 0)))
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let joined = try RecurrenceScheduleTests.date("2026-03-07T01:00:00Z")
        #expect(
            try schedule.nextFireDate(after: joined, recipientZone: zone, joinedAt: joined).map(RecurrenceScheduleInstantTests.utc)
                == "2026-03-09T22:00:00Z")
        #expect(
            try schedule.nextFireDate(after: try RecurrenceScheduleTests.date("2026-03-09T22:00:00Z"), recipientZone: zone, joinedAt: joined) == nil)
        #expect(try schedule.nextFireDate(after: joined, recipientZone: zone, joinedAt: nil) == nil)
        #expect(try schedule.recurrence() == nil)
    }

    @Test func invalidRecurringAlertsThrow() throws {
        let schedule = AlertSchedule.recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: try LocalDateTime(parsing: "2026-03-07T10:00"),
            timeZone: "Europe/Atlantis", delivery: .sameInstant)
        do {
            _ = try schedule.nextFireDate(after: Date(timeIntervalSince1970: 0), recipientZone: .gmt, joinedAt: nil)
            Issue.record("expected unknownTimeZone")
        } catch {
            #expect(error.code == .unknownTimeZone)
        }
    }

    @Test func codableUsesAKindTag() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let recurring = try Self.mondays(.recipientLocal)
        let recurringJSON = String(decoding: try encoder.encode(recurring), as: UTF8.self)
        #expect(
            recurringJSON
                == #"{"delivery":"recipient_local","kind":"recurring","rule":"FREQ=WEEKLY;BYDAY=MO","start":"2026-03-02T10:00:00","timeZone":"America\/New_York"}"#
        )
        #expect(try JSONDecoder().decode(AlertSchedule.self, from: Data(recurringJSON.utf8)) == recurring)

        let relative = AlertSchedule.relative(RelativeSchedule(offsetDays: 3, atLocalTime: try LocalTimeOfDay(hour: 18, minute: 0)))
        let relativeJSON = String(decoding: try encoder.encode(relative), as: UTF8.self)
        #expect(relativeJSON == #"{"atLocalTime":"18:00","kind":"relative","offsetDays":3,"offsetMinutes":0}"#)
        #expect(try JSONDecoder().decode(AlertSchedule.self, from: Data(relativeJSON.utf8)) == relative)

        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AlertSchedule.self, from: Data(#"{"kind":"weekly"}"#.utf8)) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                AlertSchedule.self,
                from: Data(
                    #"{"kind":"recurring","rule":"FREQ=DAILY;COUNT=0","start":"2026-03-02T10:00:00","timeZone":"UTC","delivery":"same_instant"}"#.utf8
                ))
        }
    }
}
