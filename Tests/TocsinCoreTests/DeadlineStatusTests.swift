import Foundation
import Testing
import TocsinCore

struct DeadlineStatusTests {
    static let deadline = Date(timeIntervalSince1970: 1_000_000)

    @Test(arguments: [
        (nil, -90_000.0, DeadlineStatus.open),
        (nil, -86_400.0, .dueSoon),
        (nil, -1.0, .dueSoon),
        (nil, 0.0, .overdue),
        (nil, 10.0, .overdue),
        (-5.0, 100.0, .onTime),
        (0.0, 100.0, .onTime),
        (1.0, 100.0, .late),
    ] as [(Double?, Double, DeadlineStatus)])
    func statusAgainstTheDeadline(_ resolvedOffset: Double?, _ nowOffset: Double, _ expected: DeadlineStatus) {
        let resolved = resolvedOffset.map { Self.deadline.addingTimeInterval($0) }
        #expect(DeadlineStatus.assess(deadline: Self.deadline, resolved: resolved, now: Self.deadline.addingTimeInterval(nowOffset)) == expected)
    }

    @Test func theDefaultIsTenBusinessDaysSkippingWeekendsAndHolidays() {
        // Friday 2026-11-20 15:00 UTC; 2026-11-26 (Thanksgiving) is a holiday.
        let received = Date(timeIntervalSince1970: 1_795_186_800)
        let calendar = BusinessCalendar(holidays: ["2026-11-26"])
        let due = DeadlineStatus.businessDays(10, calendar: calendar)(nil, received)
        // Mon 23 … Wed 25 (3), Fri 27 (4), Mon 30 … Fri 4 Dec (9), Mon 7 Dec (10).
        #expect(due == Date(timeIntervalSince1970: 1_796_655_600))
        #expect(DeadlineStatus.businessDays()(nil, received) == Date(timeIntervalSince1970: 1_796_396_400))
    }
}
