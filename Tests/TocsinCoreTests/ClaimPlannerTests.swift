import Foundation
import Synchronization
import Testing
import TocsinCore

struct ClaimPlannerTests {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)
    /// 20:00 that evening in New York, when the default weekday window closes.
    static let closing = noon.addingTimeInterval(8 * 3600)
    static let rights = Campaign(
        id: 1, slug: "rights", programName: "Rights Alerts", frequency: "Up to 4 msgs/month", languages: ["en", "fr"],
        actionLink: "https://rights.example.org/act", keywords: ["RIGHTS"]
    )
    static let templates: [String: MessageTemplate] = [
        "en": try! MessageTemplate("Hi {first_name|friend}, act: {action_link}", allowedPlaceholders: AlertDraft.placeholders),
        "fr": try! MessageTemplate("Salut {first_name|ami}", allowedPlaceholders: AlertDraft.placeholders),
    ]

    static func candidate(_ change: (inout ClaimCandidate) -> Void = { _ in }) -> ClaimCandidate {
        var candidate = ClaimCandidate(
            id: 7, phone: PhoneNumber(e164: "+12122000001")!, from: "+14155550100", body: nil, kind: .alert, channel: .sms, alertID: 1,
            language: nil, expiresAt: nil, attempts: 0
        )
        change(&candidate)
        return candidate
    }

    static func active(_ change: (inout RecipientSnapshot) -> Void = { _ in }) -> RecipientSnapshot {
        var recipient = RecipientSnapshot(subscriberID: 3, firstName: "Ana", language: "en", subscription: .active)
        change(&recipient)
        return recipient
    }

    func decide(_ candidate: ClaimCandidate = Self.candidate(), _ recipient: RecipientSnapshot = Self.active(), at now: Date = Self.noon) -> ClaimDecision {
        var planner = ClaimPlanner(gate: SendGate(), brand: "B", now: now)
        return planner.decide(candidate, recipient: recipient, campaign: Self.rights, templates: Self.templates)
    }

    @Test func rendersInTheRecipientsLanguageWithTheFirstReminder() {
        #expect(self.decide() == .send(body: "Hi Ana, act: https://rights.example.org/act\nReply STOP to opt out.", attempts: 1, remind: true, sendBy: Self.closing))
        let french = self.decide(Self.candidate(), Self.active { $0.language = "fr" })
        #expect(french == .send(body: "Salut Ana\nRépondez ARRET pour annuler.", attempts: 1, remind: true, sendBy: Self.closing))
    }

    @Test func theReminderComesAtMostMonthly() {
        let recent = self.decide(Self.candidate(), Self.active { $0.lastReminder = Self.noon.addingTimeInterval(-86_400) })
        #expect(recent == .send(body: "Hi Ana, act: https://rights.example.org/act", attempts: 1, remind: false, sendBy: Self.closing))
        let old = self.decide(Self.candidate(), Self.active { $0.lastReminder = Self.noon.addingTimeInterval(-31 * 86_400) })
        guard case .send(_, _, let remind, _) = old else { Issue.record("\(old)"); return }
        #expect(remind)
    }

    @Test func aSendMustStartBeforeItsAllowedHoursEnd() {
        // 19:30 on a Monday in New York: before 20:00. Saturday 17:00: before 18:00.
        guard case .send(_, _, _, let weekday) = self.decide(at: Self.noon.addingTimeInterval(7.5 * 3600)) else {
            Issue.record("expected a send")
            return
        }
        #expect(weekday == Self.closing)
        let saturday = Self.noon.addingTimeInterval(-2 * 86_400 + 5 * 3600)
        guard case .send(_, _, _, let weekend) = self.decide(at: saturday) else {
            Issue.record("expected a send")
            return
        }
        #expect(weekend == saturday.addingTimeInterval(3600))
    }

    @Test func aStoredBodyIsSentAsIsOnARetry() {
        let decision = self.decide(Self.candidate { $0.body = "kept"; $0.attempts = 2 })
        #expect(decision == .send(body: "kept", attempts: 3, remind: false, sendBy: Self.closing))
    }

    @Test func anUnknownLanguageFallsBackToTheCampaignsFirst() {
        let decision = self.decide(Self.candidate { $0.language = "zh" }, Self.active { $0.subscriberID = nil; $0.firstName = nil })
        #expect(decision == .send(body: "Hi friend, act: https://rights.example.org/act", attempts: 1, remind: false, sendBy: Self.closing))
    }

    @Test(arguments: [
        (RecipientSnapshot(subscriberID: 3, subscription: .active, suppressed: true), "suppressed"),
        (RecipientSnapshot(subscriberID: 3, subscription: .optedOut), "cancelled"),
        (RecipientSnapshot(), "cancelled"),
    ])
    func theGateClosesWhatMustNotGo(_ recipient: RecipientSnapshot, _ status: String) {
        guard case .close(let closed, let reason) = self.decide(Self.candidate(), recipient) else {
            Issue.record("expected a close")
            return
        }
        #expect(closed == status)
        #expect(!reason.isEmpty)
    }

    @Test func nightDefersInTheRecipientsZoneAndNothingRendersWithoutABody() {
        let night = Date(timeIntervalSince1970: 1_795_453_200 - 10 * 3600)  // 02:00 in New York
        guard case .deferred(let until, _) = self.decide(Self.candidate(), Self.active(), at: night) else {
            Issue.record("expected a deferral")
            return
        }
        #expect(until > night)
        var planner = ClaimPlanner(gate: SendGate(), brand: "B", now: Self.noon)
        let empty = planner.decide(Self.candidate(), recipient: Self.active(), campaign: Self.rights, templates: [:])
        #expect(empty == .close(status: "failed", reason: "the alert has no body to render"))
    }

    @Test func theUnsubscribeLinkIsMadeOnlyForTemplatesThatUseIt() {
        let calls = Counter()
        var planner = ClaimPlanner(gate: SendGate(), brand: "B", now: Self.noon)
        planner.unsubscribeURL = { id, _ in calls.add(); return "https://x.example/u/\(id)" }
        let with = ["en": try! MessageTemplate("Stop: {unsubscribe_url}", allowedPlaceholders: AlertDraft.placeholders)]
        let linked = planner.decide(Self.candidate(), recipient: Self.active { $0.lastReminder = Self.noon }, campaign: Self.rights, templates: with)
        #expect(linked == .send(body: "Stop: https://x.example/u/3", attempts: 1, remind: false, sendBy: Self.closing))
        _ = planner.decide(Self.candidate(), recipient: Self.active(), campaign: Self.rights, templates: Self.templates)
        #expect(calls.value == 1)
    }
}

/// Counts calls from a `@Sendable` closure.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { self.count.withLock { $0 += 1 } }
    var value: Int { self.count.withLock { $0 } }
}
