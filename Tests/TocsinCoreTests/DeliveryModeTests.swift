import Foundation
import Testing
import TocsinCore

/// One occurrence of "Mondays 10:00 America/New_York", and in the gap / overlap, read for recipients elsewhere.
struct DeliveryModeTests {
    @Test(arguments: [
        // (rule start in New York, recipient zone, same-instant UTC, recipient-local UTC)
        ("2026-03-09T10:00", "Europe/London", "2026-03-09T14:00:00Z", "2026-03-09T10:00:00Z"),
        ("2026-03-09T10:00", "America/Los_Angeles", "2026-03-09T14:00:00Z", "2026-03-09T17:00:00Z"),
        ("2026-03-09T10:00", "Asia/Hong_Kong", "2026-03-09T14:00:00Z", "2026-03-09T02:00:00Z"),
        ("2026-03-09T10:00", "America/New_York", "2026-03-09T14:00:00Z", "2026-03-09T14:00:00Z"),
        // 01:30 on 29 Mar is ordinary in New York but in London's gap: read with GMT.
        ("2026-03-29T01:30", "Europe/London", "2026-03-29T05:30:00Z", "2026-03-29T01:30:00Z"),
        // 01:30 on 1 Nov is New York's overlap (first = EDT) and Los Angeles' overlap (first = PDT).
        ("2026-11-01T01:30", "America/Los_Angeles", "2026-11-01T05:30:00Z", "2026-11-01T08:30:00Z"),
        // 02:30 on 8 Mar is in the gap in both US zones.
        ("2026-03-08T02:30", "America/Los_Angeles", "2026-03-08T07:30:00Z", "2026-03-08T10:30:00Z"),
    ])
    func instantForRecipient(start: String, recipient: String, sameInstant: String, recipientLocal: String) throws {
        let schedule = try RecurrenceSchedule(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: try LocalDateTime(parsing: start), timeZone: "America/New_York")
        let occurrence = try #require(schedule.detailedOccurrences(limit: 1).first)
        let zone = try #require(TimeZone(identifier: recipient))
        #expect(RecurrenceScheduleInstantTests.utc(DeliveryMode.sameInstant.instant(for: occurrence, recipientZone: zone)) == sameInstant)
        #expect(RecurrenceScheduleInstantTests.utc(DeliveryMode.recipientLocal.instant(for: occurrence, recipientZone: zone)) == recipientLocal)
    }

    @Test func rawValuesAreTheWireNames() throws {
        #expect(DeliveryMode.sameInstant.rawValue == "same_instant")
        #expect(DeliveryMode.recipientLocal.rawValue == "recipient_local")
        #expect(try JSONDecoder().decode([DeliveryMode].self, from: Data(#"["recipient_local"]"#.utf8)) == [.recipientLocal])
    }
}
