import Foundation
import Testing
import TocsinCore

struct InboundPolicyTests {
    let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)
    let now = Date(timeIntervalSince1970: 1_795_262_400)

    func classification(_ intent: Intent, _ language: String? = "en") -> Classification {
        Classification(intent: intent, tier: .exact, language: language, rule: "test")
    }

    @Test func optOutSuppressesEverywhereAndConfirmsOnce() {
        let state = NumberState(subscriptions: [.init(campaignID: 1, status: .active, consented: true)], language: "en")
        let decision = self.policy.decide(self.classification(.optOut), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .optedOut)
        #expect(decision.effects == [.optOutEverywhere, .reply(.optOutConfirmation, campaignID: nil)])
    }

    @Test func secondOptOutGetsNothing() {
        let state = NumberState(suppressedAt: self.now.addingTimeInterval(-60), language: "en")
        let decision = self.policy.decide(self.classification(.optOut), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .alreadyOptedOut)
        #expect(decision.effects.isEmpty)
    }

    @Test func optOutFromUnknownNumberIsSuppressedAndConfirmed() {
        let decision = self.policy.decide(self.classification(.optOut), joinCampaign: nil, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(decision.effects.contains(.optOutEverywhere))
        #expect(decision.replies.map(\.kind) == [.optOutConfirmation])
    }

    @Test func carrierThatAnswersStopGetsNoSecondConfirmation() {
        let carrierPolicy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: true, undoWindow: 3600)
        let decision = carrierPolicy.decide(self.classification(.optOut), joinCampaign: nil, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(decision.effects.contains(.optOutEverywhere))
        #expect(decision.replies.isEmpty)
        let twilio = self.policy.decide(self.classification(.optOut), joinCampaign: nil, state: .unknown, carrierHandled: .optOut, now: self.now)
        #expect(twilio.effects.contains(.optOutEverywhere))
        #expect(twilio.replies.isEmpty)
    }

    @Test func optOutReplyFollowsTheKeywordLanguage() {
        let state = NumberState(language: "en")
        let decision = self.policy.decide(self.classification(.optOut, "fr"), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.language == "fr")
        #expect(decision.effects.first == .recordLanguage("fr"))
    }

    @Test func joinActivatesAndConfirms() {
        let decision = self.policy.decide(self.classification(.join), joinCampaign: 7, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .joined)
        #expect(decision.effects.contains(.activate(campaignID: 7, action: .optIn)))
        #expect(decision.replies.map(\.kind) == [.joinConfirmation])
    }

    @Test func joinAfterStopLiftsSuppressionForThatCampaignOnly() {
        let state = NumberState(
            suppressedAt: self.now.addingTimeInterval(-86_400),
            subscriptions: [.init(campaignID: 1, status: .optedOut, consented: true)]
        )
        let decision = self.policy.decide(self.classification(.join), joinCampaign: 2, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.effects.contains(.liftSuppression(.optIn)))
        #expect(decision.effects.contains(.activate(campaignID: 2, action: .optIn)))
        #expect(!decision.effects.contains(.activate(campaignID: 1, action: .optIn)))
    }

    @Test func joinWithUnknownCampaignGoesToInbox() {
        let decision = self.policy.decide(self.classification(.join), joinCampaign: nil, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .inbox)
        #expect(decision.effects.isEmpty)
    }

    @Test func startRestoresOnlyConsentedCampaigns() {
        let state = NumberState(
            suppressedAt: self.now.addingTimeInterval(-86_400),
            subscriptions: [
                .init(campaignID: 1, status: .optedOut, consented: true),
                .init(campaignID: 2, status: .optedOut, consented: false),
            ]
        )
        let decision = self.policy.decide(self.classification(.optIn), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .optedIn)
        #expect(decision.effects.contains(.liftSuppression(.reOptIn)))
        #expect(decision.effects.contains(.activate(campaignID: 1, action: .reOptIn)))
        #expect(!decision.effects.contains(.activate(campaignID: 2, action: .reOptIn)))
        #expect(decision.replies.map(\.kind) == [.optInConfirmation])
    }

    @Test func startWithNothingToRestoreSaysSo() {
        let state = NumberState(suppressedAt: self.now.addingTimeInterval(-60))
        let decision = self.policy.decide(self.classification(.optIn), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.effects.contains(.liftSuppression(.reOptIn)))
        #expect(decision.replies.map(\.kind) == [.optInNothingToRestore])
    }

    @Test(arguments: [(600.0, true), (3599.0, true), (3601.0, false)])
    func undoWorksOnlyInsideTheWindow(secondsSinceStop: Double, undone: Bool) {
        let state = NumberState(
            suppressedAt: self.now.addingTimeInterval(-secondsSinceStop),
            subscriptions: [.init(campaignID: 1, status: .optedOut, consented: true)]
        )
        let decision = self.policy.decide(self.classification(.undo), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect((decision.disposition == .undone) == undone)
        #expect(decision.effects.contains(.activate(campaignID: 1, action: .undo)) == undone)
    }

    @Test func helpIsAnsweredForSubscribedAndUnsubscribedAlike() {
        for state in [NumberState.unknown, NumberState(suppressedAt: self.now)] {
            let decision = self.policy.decide(self.classification(.help, "es"), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
            #expect(decision.replies.map(\.kind) == [.help])
            #expect(decision.language == "es")
        }
    }

    @Test func confirmActivatesPendingOnly() {
        let state = NumberState(subscriptions: [
            .init(campaignID: 1, status: .pending, consented: false),
            .init(campaignID: 2, status: .active, consented: true),
        ])
        let decision = self.policy.decide(self.classification(.confirm), joinCampaign: nil, state: state, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .confirmed)
        #expect(decision.effects.contains(.activate(campaignID: 1, action: .confirm)))
        #expect(decision.replies.map(\.kind) == [.joinConfirmation])
        let none = self.policy.decide(self.classification(.confirm), joinCampaign: nil, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(none.disposition == .inbox)
        #expect(none.effects.isEmpty)
    }

    @Test func chatterChangesNothingAndGetsNoReply() {
        let decision = self.policy.decide(self.classification(.none), joinCampaign: nil, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .inbox)
        #expect(decision.effects.isEmpty)
    }

    @Test func anAmbiguousTextOpensAReviewWithABusinessDayDeadlineAndNoReply() {
        // Saturday 2026-11-21 12:00Z + 2 business days = Tuesday 2026-11-24 12:00Z.
        let decision = self.policy.decide(self.classification(.review), joinCampaign: nil, state: .unknown, carrierHandled: nil, now: self.now)
        #expect(decision.disposition == .review)
        #expect(decision.effects == [.openReview(deadline: Date(timeIntervalSince1970: 1_795_521_600))])
        #expect(decision.replies.isEmpty)
    }
}
