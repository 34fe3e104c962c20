import Foundation
import Testing
import TocsinCore

struct AlertTests {
    let created = Date(timeIntervalSince1970: 1_795_262_400)

    func alert(_ schedule: AlertSchedule) -> Alert {
        Alert(campaignID: 1, name: "a", bodies: ["en": "x"], schedule: schedule, createdBy: "t", createdAt: self.created)
    }

    @Test func aOneOffAlertHasOneOccurrence() {
        let at = self.created.addingTimeInterval(600)
        let alert = self.alert(.once(at: at))
        let first = try? alert.nextOccurrence(after: nil)
        #expect(first?.key == "once")
        #expect(first?.scheduledAt == at)
        #expect((try? alert.nextOccurrence(after: at)) == nil)
    }

    @Test func recurringOccurrencesHaveDistinctKeysAndFollowTheRule() throws {
        let alert = self.alert(.recurring(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO"), start: try LocalDateTime(parsing: "2026-03-02T10:00"),
            timeZone: "America/New_York", delivery: .sameInstant))
        let first = try #require(try alert.nextOccurrence(after: nil))
        let second = try #require(try alert.nextOccurrence(after: first.scheduledAt))
        #expect(first.key != second.key)
        #expect(first.scheduledAt == ISO8601DateFormatter().date(from: "2026-03-02T15:00:00Z"))
        #expect(second.scheduledAt == ISO8601DateFormatter().date(from: "2026-03-09T14:00:00Z"))  // after the DST change
        #expect(first.materializeAt == first.scheduledAt)
    }

    @Test func recipientLocalOccurrencesMaterialiseBeforeTheFirstZoneReachesThem() throws {
        let alert = self.alert(.recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: try LocalDateTime(parsing: "2026-12-01T10:00"),
            timeZone: "America/New_York", delivery: .recipientLocal))
        let first = try #require(try alert.nextOccurrence(after: nil))
        #expect(first.key.hasPrefix("local:"))
        // 10:00 at UTC+14 is 20:00Z the day before; Hong Kong gets 02:00Z, Los Angeles 18:00Z.
        #expect(first.materializeAt == ISO8601DateFormatter().date(from: "2026-11-30T20:00:00Z"))
        #expect(first.sendAt(recipientZone: TimeZone(identifier: "Asia/Hong_Kong")!) == ISO8601DateFormatter().date(from: "2026-12-01T02:00:00Z"))
        #expect(first.sendAt(recipientZone: TimeZone(identifier: "America/Los_Angeles")!) == ISO8601DateFormatter().date(from: "2026-12-01T18:00:00Z"))
    }

    @Test func relativeAlertsHaveNoSharedOccurrences() throws {
        #expect(try self.alert(.relative(RelativeSchedule(offsetDays: 3))).nextOccurrence(after: nil) == nil)
    }
}
