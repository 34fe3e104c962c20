import Foundation
import Testing
import TocsinCore

/// The opt-out deadline calendar: business or working days on each jurisdiction's holiday calendar.
struct PolicySetDeadlineTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let number: String
        let received: String
        let due: String
        let alarm: String
        let rule: String
    }

    static let cases: [Case] = [
        // 3 July 2026 is the observed Independence Day: 10 business days from Thursday 2 July end on 17 July.
        Case(testDescription: "US over a federal holiday", number: "+14155550123", received: "2026-07-02T14:00:00Z", due: "2026-07-17T14:00:00Z", alarm: "2026-07-15T14:00:00Z", rule: "us-fcc-revocation-deadline"),
        Case(testDescription: "FL inherits the federal deadline", number: "+13055550123", received: "2026-07-02T14:00:00Z", due: "2026-07-17T14:00:00Z", alarm: "2026-07-15T14:00:00Z", rule: "us-fcc-revocation-deadline"),
        // Thanksgiving 26 Nov 2026: Wednesday 25 Nov + 10 business days = 10 Dec.
        Case(testDescription: "US over Thanksgiving", number: "+12125550123", received: "2026-11-25T15:00:00Z", due: "2026-12-10T15:00:00Z", alarm: "2026-12-08T15:00:00Z", rule: "us-fcc-revocation-deadline"),
        // Canada Day 1 July 2026 (Wednesday).
        Case(testDescription: "Canada over Canada Day", number: "+14165550123", received: "2026-06-30T14:00:00Z", due: "2026-07-15T14:00:00Z", alarm: "2026-07-13T14:00:00Z", rule: "ca-casl-unsubscribe-deadline"),
        Case(testDescription: "Quebec uses the Canadian calendar", number: "+15145550123", received: "2026-06-30T14:00:00Z", due: "2026-07-15T14:00:00Z", alarm: "2026-07-13T14:00:00Z", rule: "ca-casl-unsubscribe-deadline"),
        // Lunar New Year 17-19 Feb 2026: working days from Monday 16 Feb end on Thursday 5 March.
        Case(testDescription: "HK over Lunar New Year", number: "+85291234567", received: "2026-02-16T02:00:00Z", due: "2026-03-05T02:00:00Z", alarm: "2026-03-03T02:00:00Z", rule: "hk-uemo-unsubscribe-deadline"),
        Case(testDescription: "UK without delay (24 hours)", number: "+442079460123", received: "2026-02-16T02:00:00Z", due: "2026-02-17T02:00:00Z", alarm: "2026-02-17T02:00:00Z", rule: "uk-gdpr-objection-without-delay"),
        Case(testDescription: "default: the strictest (24 hours)", number: "+33612345678", received: "2026-12-24T10:00:00Z", due: "2026-12-25T10:00:00Z", alarm: "2026-12-25T10:00:00Z", rule: "default-24-hours"),
    ]

    @Test(arguments: cases)
    func theDeadlineCountsDaysOnTheJurisdictionsCalendar(_ testCase: Case) {
        let received = SharedPolicies.utc(testCase.received)
        let deadline = SharedPolicies.set.optOutDeadline(phone: SharedPolicies.phone(testCase.number), receivedAt: received)
        #expect(deadline.dueAt == SharedPolicies.utc(testCase.due))
        #expect(deadline.alarmAt == SharedPolicies.utc(testCase.alarm))
        #expect(deadline.warnAt == min(received.addingTimeInterval(24 * 3600), deadline.dueAt))
        #expect(deadline.rule.id == testCase.rule)
        #expect(deadline.receivedAt == received)
    }

    @Test func aFridayEventSkipsTheWeekend() {
        let jurisdiction = Jurisdiction(key: "us")
        // Friday 6 Nov 2026 09:00 EST; Veterans Day (Wed 11 Nov) is skipped: due Monday 23 Nov.
        let deadline = SharedPolicies.set.optOutDeadline(jurisdiction: jurisdiction, receivedAt: SharedPolicies.utc("2026-11-06T14:00:00Z"))
        #expect(deadline.dueAt == SharedPolicies.utc("2026-11-23T14:00:00Z"))
        #expect(deadline.warnAt == SharedPolicies.utc("2026-11-07T14:00:00Z"))
    }
}
