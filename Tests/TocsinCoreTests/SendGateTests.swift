import Foundation
import Testing
import TocsinCore

struct SendGateTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static let newYork = TimeZone(identifier: "America/New_York")!
    /// Monday 2026-11-23 12:00 in New York: inside the window.
    static let noon = utc("2026-11-23T17:00:00Z")

    static func bulk(_ change: (inout SendContext) -> Void = { _ in }) -> SendContext {
        var context = SendContext(
            kind: .alert, purpose: .advocacy, subscription: .active, zones: [newYork],
            disclosedFrequency: "Up to 4 msgs/month", expiresAt: noon.addingTimeInterval(86_400)
        )
        change(&context)
        return context
    }

    @Test func sendsWhenEveryGateAllows() {
        #expect(SendGate().evaluate(Self.bulk(), now: Self.noon) == .send)
    }

    @Test func expiredIsNeverSent() {
        let decision = SendGate().evaluate(Self.bulk { $0.expiresAt = Self.noon }, now: Self.noon)
        #expect(decision == .drop(.expired, reason: "expired before it could be sent"))
    }

    @Test func suppressedNumberGetsNoBulk() {
        guard case .drop(.suppressed, _) = SendGate().evaluate(Self.bulk { $0.suppressed = true }, now: Self.noon) else {
            Issue.record("expected suppressed")
            return
        }
    }

    @Test(arguments: [(MessageKind.help, true), (.optOutConfirmation, true), (.joinConfirmation, false), (.optInConfirmation, false)])
    func suppressionOfReplies(kind: MessageKind, sent: Bool) {
        let context = SendContext(kind: kind, suppressed: true, createdAt: Self.noon)
        #expect((SendGate().evaluate(context, now: Self.noon) == .send) == sent)
    }

    @Test func repliesIgnoreQuietHoursAndCaps() {
        // 03:00 in New York, three replies already today.
        let night = Self.utc("2026-11-23T08:00:00Z")
        let context = SendContext(kind: .help, zones: [Self.newYork], recentSends: [night, night, night, night])
        #expect(SendGate().evaluate(context, now: night) == .send)
    }

    @Test func oldOptOutConfirmationExpires() {
        let context = SendContext(kind: .optOutConfirmation, createdAt: Self.noon.addingTimeInterval(-301))
        guard case .drop(.expired, _) = SendGate().evaluate(context, now: Self.noon) else {
            Issue.record("expected expired")
            return
        }
    }

    @Test(arguments: [SubscriptionStatus?.none, .pending, .optedOut])
    func consentIsRequired(status: SubscriptionStatus?) {
        guard case .drop(.cancelled, _) = SendGate().evaluate(Self.bulk { $0.subscription = status }, now: Self.noon) else {
            Issue.record("expected cancelled")
            return
        }
    }

    @Test func pendingReviewDefers() {
        let decision = SendGate(reviewRecheck: 600).evaluate(Self.bulk { $0.pendingReview = true }, now: Self.noon)
        #expect(decision == .deferred(until: Self.noon.addingTimeInterval(600), reason: "a possible opt-out is waiting for review"))
    }

    @Test func quietHoursDeferToTheNextWindow() {
        let early = Self.utc("2026-11-23T12:00:00Z")  // 07:00 EST
        let decision = SendGate().evaluate(Self.bulk(), now: early)
        #expect(decision == .deferred(until: Self.utc("2026-11-23T14:00:00Z"), reason: "quiet hours in the recipient's time zone"))
    }

    @Test func quietHoursPastExpiryExpire() {
        let late = Self.utc("2026-11-24T02:00:00Z")  // 21:00 EST, expires in an hour
        let decision = SendGate().evaluate(Self.bulk { $0.expiresAt = late.addingTimeInterval(3600) }, now: late)
        guard case .drop(.expired, _) = decision else {
            Issue.record("expected expired, got \(decision)")
            return
        }
    }

    @Test func unknownZoneUsesTheFallback() {
        let gate = SendGate(fallbackZones: [Self.newYork])
        let early = Self.utc("2026-11-23T12:00:00Z")
        #expect(gate.evaluate(Self.bulk { $0.zones = [] }, now: early) == .deferred(until: Self.utc("2026-11-23T14:00:00Z"), reason: "quiet hours in the recipient's time zone"))
    }

    @Test func twentyFourHourCapDefersUntilTheOldestLeaves() {
        let sends = [-20.0, -10, -1].map { Self.noon.addingTimeInterval($0 * 3600) }
        let decision = SendGate(maxPer24Hours: 3).evaluate(Self.bulk { $0.recentSends = sends; $0.disclosedFrequency = nil }, now: Self.noon)
        // The send 20 h ago leaves the window in 4 h: 16:00 EST, inside the window.
        #expect(decision == .deferred(until: Self.noon.addingTimeInterval(4 * 3600), reason: "frequency cap"))
        #expect(SendGate(maxPer24Hours: 4).evaluate(Self.bulk { $0.recentSends = sends }, now: Self.noon) == .send)
    }

    @Test func monthlyCapFollowsTheDisclosure() {
        let day = 86_400.0
        let sends = [-29.5, -20, -10, -5].map { Self.noon.addingTimeInterval($0 * day) }
        let decision = SendGate().evaluate(Self.bulk { $0.recentSends = sends; $0.expiresAt = nil }, now: Self.noon)
        // The send 29.5 days ago leaves in 12 h: 00:00 EST, then quiet hours until 09:00.
        #expect(decision == .deferred(until: Self.utc("2026-11-24T14:00:00Z"), reason: "frequency cap and quiet hours"))
        let unparsed = SendGate().evaluate(Self.bulk { $0.recentSends = sends; $0.disclosedFrequency = "varies" }, now: Self.noon)
        #expect(unparsed == .send)
    }
}

/// The send gate with a jurisdiction policy: windows intersect with the org's, caps combine, consent denies.
struct SendGatePolicyTests {
    static let citation = RuleCitation(id: "fl-hours", source: "Fla. Stat. 501.059(8)(a)")
    static let policies: PolicySet = {
        let florida = JurisdictionPolicy(
            key: "us-fl", name: "Florida",
            windows: [SendWindowRule(
                citation: citation, scope: PolicyScope(purposes: [.commercial]),
                weekday: QuietHours.Window(start: 8 * 60, end: 19 * 60 + 30), weekend: QuietHours.Window(start: 8 * 60, end: 20 * 60)
            )],
            caps: [FrequencyCapRule(citation: RuleCitation(id: "fl-cap", source: "501.059(8)(b)"), scope: PolicyScope(purposes: [.commercial]), max: 1, period: 86_400)],
            consent: [ConsentRule(citation: RuleCitation(id: "fl-pewc", source: "501.059"), scope: PolicyScope(purposes: [.commercial]), standard: "written", acceptedSources: ["web_form"])]
        )
        return try! PolicySet([florida, JurisdictionPolicy(key: "default", name: "Default")])
    }()

    static func context(_ purpose: CampaignPurpose, consent: String? = "web_form", recent: [Date] = []) -> SendContext {
        SendContext(
            kind: .alert, purpose: purpose, subscription: .active, zones: [SendGateTests.newYork], recentSends: recent,
            jurisdiction: "us-fl", consentSource: consent
        )
    }

    @Test func theEffectiveWindowIsTheIntersection() {
        let gate = SendGate(policies: Self.policies)
        // Monday 23 Nov 2026 19:45 EST: the org allows until 20:00, Florida (here) until 19:30.
        let now = SendGateTests.utc("2026-11-24T00:45:00Z")
        let decision = gate.evaluate(Self.context(.commercial), now: now)
        // Tuesday 09:00 EST: the org's start (09:00) is later than Florida's (08:00).
        #expect(decision == .deferred(until: SendGateTests.utc("2026-11-24T14:00:00Z"), reason: "quiet hours in the recipient's time zone (fl-hours: Fla. Stat. 501.059(8)(a))"))
        #expect(gate.evaluate(Self.context(.advocacy), now: now) == .send)
        #expect(SendGate().evaluate(Self.context(.commercial), now: now) == .send)
    }

    @Test func aSendMustStartBeforeTheEarliestWindowCloses() {
        let gate = SendGate(policies: Self.policies)
        var cache = SendGate.Cache()
        // Monday 23 Nov 2026 12:00 EST: the org's window closes at 20:00 EST, Florida's (commercial) at 19:30.
        let noon = SendGateTests.noon
        #expect(gate.sendBy(Self.context(.commercial), now: noon, cache: &cache) == SendGateTests.utc("2026-11-24T00:30:00Z"))
        #expect(gate.sendBy(Self.context(.advocacy), now: noon, cache: &cache) == SendGateTests.utc("2026-11-24T01:00:00Z"))
        // Replies have no window.
        #expect(gate.sendBy(SendContext(kind: .help, zones: [SendGateTests.newYork]), now: noon, cache: &cache) == nil)
    }

    @Test func capsCombineAndConsentDenies() {
        let gate = SendGate(policies: Self.policies)
        let noon = SendGateTests.noon
        let decision = gate.evaluate(Self.context(.commercial, recent: [noon.addingTimeInterval(-3600)]), now: noon)
        #expect(decision == .deferred(until: noon.addingTimeInterval(23 * 3600), reason: "frequency cap (fl-cap: 501.059(8)(b))"))
        guard case .drop(.cancelled, let reason) = gate.evaluate(Self.context(.commercial, consent: "keyword"), now: noon) else {
            Issue.record("expected a denial")
            return
        }
        #expect(reason.contains("fl-pewc"))
    }
}
