import Foundation
import Testing
import TocsinCore

struct ClaimPlannerTests {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)
    static let campaign = Campaign(
        id: 7, slug: "rights", programName: "Rights Alerts", description: "", category: "", frequency: "Up to 4 msgs/month",
        languages: ["en", "fr"], actionLink: "https://act.example.org", keywords: ["RIGHTS"]
    )
    static let active = ClaimRecipient(subscriberID: 3, firstName: "Ana", language: "fr", subscription: .active)

    func candidate(phone: String = "+12125550100", body: String? = nil, language: String? = nil, expiresAt: Int64? = nil) -> ClaimCandidate {
        ClaimCandidate(
            id: 1, phone: phone, from: "+14155550100", body: body, kind: "alert", channel: "sms", alertID: 9,
            language: language, expiresAt: expiresAt, attempts: 2
        )
    }

    func planner(bodies: String? = #"{"en": "Act {first_name}", "fr": "Agis {first_name}"}"#) -> ClaimPlanner {
        var planner = ClaimPlanner(gate: SendGate(), brand: "B", now: Self.noon) { id in "https://u.example.org/\(id)" }
        planner.learnBodies(alertID: 9, json: bodies)
        return planner
    }

    @Test func anAllowedAlertIsRenderedInTheRecipientsLanguageWithTheReminder() {
        var planner = self.planner()
        #expect(planner.knowsBodies(alertID: 9) && !planner.knowsBodies(alertID: 10))
        guard case .send(let message, let remind) = planner.plan(self.candidate(), campaign: Self.campaign, recipient: Self.active) else {
            Issue.record("not sent")
            return
        }
        #expect(message.sms.body == "Agis Ana\nRépondez ARRET pour annuler.")
        #expect(message.attempts == 3 && message.sms.campaign == "rights")
        #expect(remind == 3)
    }

    @Test func aRecentReminderIsNotRepeatedAndTheRowsLanguageWins() {
        var planner = self.planner()
        var recipient = Self.active
        recipient.lastReminder = Self.noon.addingTimeInterval(-86_400).millisecondsSince1970
        guard case .send(let message, let remind) = planner.plan(self.candidate(language: "en"), campaign: Self.campaign, recipient: recipient)
        else {
            Issue.record("not sent")
            return
        }
        #expect(message.sms.body == "Act Ana")
        #expect(remind == nil)
    }

    @Test func aWrittenBodyIsSentAsItIs() {
        var planner = self.planner(bodies: nil)
        let decision = planner.plan(self.candidate(body: "Fixed"), campaign: Self.campaign, recipient: Self.active)
        guard case .send(let message, nil) = decision else {
            Issue.record("unexpected \(decision)")
            return
        }
        #expect(message.sms.body == "Fixed")
    }

    @Test(arguments: [
        ("not a number", nil as Int64?, ClaimRecipient(subscription: .active), "failed", "invalid stored message"),
        ("+12125550100", 1, ClaimRecipient(subscription: .active), "expired", "expired before it could be sent"),
        ("+12125550100", nil, ClaimRecipient(subscription: .active, suppressed: true), "suppressed", "number is suppressed (opted out)"),
        ("+12125550100", nil, ClaimRecipient(subscription: .optedOut), "cancelled", "no active subscription for this campaign and channel (opted_out)"),
    ])
    func refusedCandidatesAreClosedWithTheirReason(phone: String, expiresAt: Int64?, recipient: ClaimRecipient, status: String, reason: String) {
        var planner = self.planner()
        let decision = planner.plan(self.candidate(phone: phone, expiresAt: expiresAt), campaign: Self.campaign, recipient: recipient)
        #expect(decision == .close(status: status, reason: reason))
    }

    @Test func anAlertWithoutBodiesFailsAndAPendingReviewDefers() {
        var empty = self.planner(bodies: "not json")
        #expect(empty.plan(self.candidate(), campaign: Self.campaign, recipient: Self.active) == .close(status: "failed", reason: "the alert has no body to render"))
        var planner = self.planner()
        var review = Self.active
        review.pendingReview = true
        #expect(
            planner.plan(self.candidate(), campaign: Self.campaign, recipient: review)
                == .deferred(until: Self.noon.addingTimeInterval(15 * 60), reason: "a possible opt-out is waiting for review")
        )
    }

    @Test func theUnsubscribePlaceholderGetsTheSubscribersLink() {
        var planner = self.planner(bodies: #"{"en": "Stop: {unsubscribe_url}"}"#)
        #expect(planner.render(alertID: 9, language: "en", campaign: Self.campaign, recipient: Self.active) == "Stop: https://u.example.org/3")
        #expect(planner.render(alertID: 9, language: "en", campaign: Self.campaign, recipient: ClaimRecipient()) == "Stop: ")
    }
}
