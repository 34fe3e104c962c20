import Foundation
import Testing
import TocsinCore

/// Every quiet-hours, cap and consent rule of the repository's policies, with numbers from each jurisdiction
/// and fixed instants (the injected clock), DST days and public holidays included.
struct PolicyGateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let number: String
        let purpose: CampaignPurpose
        var channel: Channel = .sms
        let at: String
        var recent: [String] = []
        var consent: String? = "keyword"
        var orgWindow = false
        /// Nil: allowed now.
        let deferredUntil: String?
        /// A rule id the reason must name.
        var mentions: String = ""
    }

    static let cases: [Case] = [
        // Florida FTSA 08:00-20:00 for sales and (strictly) fundraising; advocacy keeps the federal 08:00-21:00.
        Case(testDescription: "FL commercial 20:30 EDT waits for 08:00", number: "+13055550123", purpose: .commercial, at: "2026-06-17T00:30:00Z", consent: "web_form", deferredUntil: "2026-06-17T12:00:00Z", mentions: "us-fl-ftsa-hours"),
        Case(testDescription: "FL advocacy 20:30 EDT is allowed", number: "+13055550123", purpose: .advocacy, at: "2026-06-17T00:30:00Z", deferredUntil: nil),
        Case(testDescription: "FL fundraising 20:30 EDT waits", number: "+13055550123", purpose: .fundraising, at: "2026-06-17T00:30:00Z", deferredUntil: "2026-06-17T12:00:00Z", mentions: "us-fl-ftsa-hours"),
        Case(testDescription: "US (CA state) commercial 20:30 PDT is allowed (08-21)", number: "+14155550123", purpose: .commercial, at: "2026-06-17T03:30:00Z", consent: "web_form", deferredUntil: nil),
        Case(testDescription: "US commercial 21:30 PDT waits", number: "+14155550123", purpose: .commercial, at: "2026-06-17T04:30:00Z", consent: "web_form", deferredUntil: "2026-06-17T15:00:00Z", mentions: "us-tcpa-calling-hours"),
        Case(testDescription: "US advocacy 07:00 PDT waits (recommended hours)", number: "+14155550123", purpose: .advocacy, at: "2026-06-16T14:00:00Z", deferredUntil: "2026-06-16T15:00:00Z", mentions: "us-nonprofit-advocacy-hours"),
        // Maryland covers commercial only.
        Case(testDescription: "MD fundraising 20:30 EDT is allowed", number: "+14105550123", purpose: .fundraising, at: "2026-06-17T00:30:00Z", deferredUntil: nil),
        Case(testDescription: "MD commercial 20:30 EDT waits", number: "+14105550123", purpose: .commercial, at: "2026-06-17T00:30:00Z", consent: "web_form", deferredUntil: "2026-06-17T12:00:00Z", mentions: "us-md-hours"),
        // Oklahoma, Central time.
        Case(testDescription: "OK commercial 07:30 CDT waits for 08:00", number: "+14055550123", purpose: .commercial, at: "2026-06-16T12:30:00Z", consent: "web_form", deferredUntil: "2026-06-16T13:00:00Z", mentions: "us-ok-otsa-hours"),
        // Canada: CRTC calling hours, weekdays 09:00-21:30, weekends 10:00-18:00.
        Case(testDescription: "CA voice 21:45 EDT weekday waits for 09:00", number: "+14165550123", purpose: .advocacy, channel: .voice, at: "2026-06-17T01:45:00Z", deferredUntil: "2026-06-17T13:00:00Z", mentions: "ca-crtc-calling-hours"),
        Case(testDescription: "CA voice Saturday 18:30 waits for Sunday 10:00", number: "+14165550123", purpose: .advocacy, channel: .voice, at: "2026-06-20T22:30:00Z", deferredUntil: "2026-06-21T14:00:00Z", mentions: "ca-crtc-calling-hours"),
        Case(testDescription: "QC SMS 21:00 EDT weekday is allowed", number: "+15145550123", purpose: .advocacy, at: "2026-06-17T01:00:00Z", deferredUntil: nil),
        Case(testDescription: "QC SMS Sunday 09:30 waits for 10:00", number: "+15145550123", purpose: .advocacy, at: "2026-06-21T13:30:00Z", deferredUntil: "2026-06-21T14:00:00Z", mentions: "ca-sms-hours"),
        // Hong Kong and the UK have no statutory hours: only the org's own window applies.
        Case(testDescription: "HK commercial 23:00 HKT is allowed by the policy", number: "+85291234567", purpose: .commercial, at: "2026-06-16T15:00:00Z", deferredUntil: nil),
        Case(testDescription: "HK 23:00 HKT waits for the org window", number: "+85291234567", purpose: .advocacy, at: "2026-06-16T15:00:00Z", orgWindow: true, deferredUntil: "2026-06-17T01:00:00Z"),
        Case(testDescription: "UK 23:00 BST is allowed by the policy", number: "+442079460123", purpose: .advocacy, at: "2026-06-16T22:00:00Z", deferredUntil: nil),
        // The default: 09-20 weekdays, 10-18 weekends, closed on every calendar's holidays.
        Case(testDescription: "default Saturday 09:00 CEST waits for 10:00", number: "+33612345678", purpose: .advocacy, at: "2026-06-20T07:00:00Z", deferredUntil: "2026-06-20T08:00:00Z", mentions: "default-strict-window"),
        Case(testDescription: "default on a US holiday (3 Jul 2026) waits a day", number: "+33612345678", purpose: .advocacy, at: "2026-07-03T10:00:00Z", deferredUntil: "2026-07-04T08:00:00Z", mentions: "default-strict-window"),
        Case(testDescription: "default on Christmas skips 25 and 26 Dec (HK)", number: "+33612345678", purpose: .advocacy, at: "2026-12-25T11:00:00Z", deferredUntil: "2026-12-27T09:00:00Z", mentions: "default-strict-window"),
        Case(testDescription: "default non-geographic uses the fallback zone", number: "+18005550123", purpose: .advocacy, at: "2026-06-16T12:00:00Z", deferredUntil: "2026-06-16T13:00:00Z", mentions: "default-strict-window"),
        // US DST: 8 March and 1 November 2026.
        Case(testDescription: "FL 07:30 EST the day before spring forward", number: "+13055550123", purpose: .commercial, at: "2026-03-07T12:30:00Z", consent: "web_form", deferredUntil: "2026-03-07T13:00:00Z", mentions: "us-fl-ftsa-hours"),
        Case(testDescription: "FL 07:30 EDT on spring-forward day", number: "+13055550123", purpose: .commercial, at: "2026-03-08T11:30:00Z", consent: "web_form", deferredUntil: "2026-03-08T12:00:00Z", mentions: "us-fl-ftsa-hours"),
        Case(testDescription: "FL 20:30 EDT on spring-forward day waits to Monday 08:00 EDT", number: "+13055550123", purpose: .commercial, at: "2026-03-09T00:30:00Z", consent: "web_form", deferredUntil: "2026-03-09T12:00:00Z"),
        Case(testDescription: "FL 07:30 EST on fall-back day", number: "+13055550123", purpose: .commercial, at: "2026-11-01T12:30:00Z", consent: "web_form", deferredUntil: "2026-11-01T13:00:00Z", mentions: "us-fl-ftsa-hours"),
        Case(testDescription: "FL 20:30 EDT the evening before fall-back waits to 08:00 EST", number: "+13055550123", purpose: .commercial, at: "2026-11-01T00:30:00Z", consent: "web_form", deferredUntil: "2026-11-01T13:00:00Z"),
        // UK DST (29 March and 25 October 2026) with the org window (weekends 10:00-18:00).
        Case(testDescription: "UK 08:30 BST on the March change waits for 10:00 BST", number: "+442079460123", purpose: .advocacy, at: "2026-03-29T07:30:00Z", orgWindow: true, deferredUntil: "2026-03-29T09:00:00Z"),
        Case(testDescription: "UK 08:30 GMT on the October change waits for 10:00 GMT", number: "+442079460123", purpose: .advocacy, at: "2026-10-25T08:30:00Z", orgWindow: true, deferredUntil: "2026-10-25T10:00:00Z"),
        // Caps: FL 3 per 24 h on one subject; US prerecorded calls 3 per 30 days; none federally for texts.
        Case(testDescription: "FL commercial 4th in 24 h waits for the oldest to leave", number: "+13055550123", purpose: .commercial, at: "2026-06-16T16:00:00Z", recent: ["2026-06-15T17:00:00Z", "2026-06-16T13:00:00Z", "2026-06-16T14:00:00Z"], consent: "web_form", deferredUntil: "2026-06-16T17:00:00Z", mentions: "us-fl-ftsa-3-per-24h"),
        Case(testDescription: "FL commercial 3rd in 24 h is allowed", number: "+13055550123", purpose: .commercial, at: "2026-06-16T16:00:00Z", recent: ["2026-06-16T13:00:00Z", "2026-06-16T14:00:00Z"], consent: "web_form", deferredUntil: nil),
        Case(testDescription: "US (no state cap) commercial 4th in 24 h is allowed", number: "+14155550123", purpose: .commercial, at: "2026-06-16T18:00:00Z", recent: ["2026-06-15T19:00:00Z", "2026-06-16T15:30:00Z", "2026-06-16T16:00:00Z"], consent: "web_form", deferredUntil: nil),
        Case(testDescription: "US 4th prerecorded call in 30 days waits", number: "+14155550123", purpose: .advocacy, channel: .voice, at: "2026-06-16T17:00:00Z", recent: ["2026-05-20T17:00:00Z", "2026-06-01T17:00:00Z", "2026-06-10T17:00:00Z"], deferredUntil: "2026-06-19T17:00:00Z", mentions: "us-prerecorded-calls-30-days"),
        Case(testDescription: "default caps everything at 3 per 24 h", number: "+33612345678", purpose: .advocacy, at: "2026-06-16T12:00:00Z", recent: ["2026-06-15T13:00:00Z", "2026-06-16T08:00:00Z", "2026-06-16T09:00:00Z"], deferredUntil: "2026-06-16T13:00:00Z", mentions: "default-3-per-24h"),
        // Replies keep their own treatment.
        Case(testDescription: "FL HELP reply at 23:00 is allowed", number: "+13055550123", purpose: .commercial, at: "2026-06-17T03:00:00Z", deferredUntil: nil),
    ]

    @Test(arguments: cases)
    func theGateDefersUntilTheNextAllowedInstant(_ testCase: Case) {
        let decision = SharedPolicies.decide(
            testCase.number, testCase.purpose, testCase.channel, at: testCase.at,
            kind: testCase.testDescription.contains("HELP") ? .help : .alert, recent: testCase.recent,
            consent: testCase.consent, orgWindow: testCase.orgWindow
        )
        guard let until = testCase.deferredUntil else {
            #expect(decision == .allow)
            return
        }
        guard case .deferred(let at, let reason) = decision else {
            Issue.record("expected a deferral, got \(decision)")
            return
        }
        #expect(at == SharedPolicies.utc(until))
        if !testCase.mentions.isEmpty { #expect(reason.contains(testCase.mentions), "\(reason)") }
    }

    @Test func writtenConsentRulesDenyKeywordOptInsForSales() {
        for number in ["+13055550123", "+14055550123", "+14105550123", "+14155550123"] {
            let decision = SharedPolicies.decide(number, .commercial, at: "2026-06-16T16:00:00Z", consent: "keyword")
            guard case .deny(let reason) = decision else {
                Issue.record("\(number): expected a denial, got \(decision)")
                continue
            }
            #expect(reason.contains("requires written consent for commercial sms (web_form)"), "\(reason)")
            #expect(reason.contains("this number has consent from keyword"))
            #expect(reason.contains("64.1200(a)(2)"))
        }
        #expect(SharedPolicies.decide("+13055550123", .commercial, at: "2026-06-16T16:00:00Z", consent: "web_form") == .allow)
        #expect(SharedPolicies.decide("+13055550123", .advocacy, at: "2026-06-16T16:00:00Z", consent: "keyword") == .allow)
        #expect(SharedPolicies.decide("+85291234567", .commercial, at: "2026-06-16T03:00:00Z", consent: "keyword") == .allow)
        guard case .deny(let reason) = SharedPolicies.decide("+13055550123", .commercial, at: "2026-06-16T16:00:00Z", consent: nil) else {
            Issue.record("no consent source must deny")
            return
        }
        #expect(reason.contains("no recorded consent source"))
    }
}
