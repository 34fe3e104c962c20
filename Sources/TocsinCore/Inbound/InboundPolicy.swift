import Foundation

/// Decides what an inbound text does to a number's consent and which replies it gets.
///
/// This type performs no I/O: the store reads a ``NumberState`` inside a write transaction, calls
/// ``decide(_:joinCampaign:state:carrierHandled:now:)`` and applies the returned effects in the same
/// transaction.
///
/// The rules (compliance-facts §1.1, §1.3, §5, §8.B):
/// - an opt-out suppresses the number org-wide, on every campaign and channel, and gets exactly one
///   confirmation, unless the carrier already answered it; a second STOP gets nothing;
/// - START/UNSTOP restore only campaigns the number had consented to, as new consent events;
/// - OOPS does the same within the undo window after an opt-out;
/// - HELP is answered for subscribed and unsubscribed numbers alike;
/// - Y/YES confirms pending web opt-ins only; otherwise it is ordinary inbox text;
/// - ambiguous texts go to the review queue with a deadline and no reply; everything else goes to the inbox
///   with no reply.
public struct InboundPolicy: Sendable, Hashable {
    public var defaultLanguage: String
    public var carrierAnswersStop: Bool
    public var undoWindow: TimeInterval
    /// Business days a reviewer has to decide an ambiguous text before it counts as an opt-out.
    public var reviewBusinessDays: Int
    public var calendar: BusinessCalendar

    public init(
        defaultLanguage: String,
        carrierAnswersStop: Bool,
        undoWindow: TimeInterval,
        reviewBusinessDays: Int = 2,
        calendar: BusinessCalendar = BusinessCalendar()
    ) {
        self.defaultLanguage = defaultLanguage
        self.carrierAnswersStop = carrierAnswersStop
        self.undoWindow = undoWindow
        self.reviewBusinessDays = reviewBusinessDays
        self.calendar = calendar
    }

    public init(profile: OrgProfile, reviewBusinessDays: Int = 2, calendar: BusinessCalendar = BusinessCalendar()) {
        self.init(
            defaultLanguage: profile.defaultLanguage,
            carrierAnswersStop: profile.carrierAnswersStop,
            undoWindow: TimeInterval(profile.undoWindowSeconds),
            reviewBusinessDays: reviewBusinessDays,
            calendar: calendar
        )
    }

    /// Decides the effects of one classified inbound text.
    ///
    /// - Parameters:
    ///   - classification: What the text means.
    ///   - joinCampaign: For `join`, the id of the active campaign its keyword names; nil when the keyword
    ///     names no active campaign.
    ///   - state: The number's consent state before this message.
    ///   - carrierHandled: The keyword the carrier already acted on and answered, if any.
    ///   - now: The processing time.
    public func decide(
        _ classification: Classification,
        joinCampaign: Int64?,
        state: NumberState,
        carrierHandled: Intent?,
        now: Date
    ) -> InboundDecision {
        let language = classification.language ?? state.language ?? self.defaultLanguage
        var effects: [InboundEffect] = []
        if classification.language != nil, classification.intent != .none, classification.intent != .review,
            classification.language != state.language
        {
            effects.append(.recordLanguage(language))
        }
        let carrierAnswered = carrierHandled == classification.intent
        func reply(_ kind: MessageKind, _ campaignID: Int64? = nil) {
            if !carrierAnswered { effects.append(.reply(kind, campaignID: campaignID)) }
        }

        switch classification.intent {
        case .optOut:
            guard !state.isSuppressed else {
                return InboundDecision(disposition: .alreadyOptedOut, language: language, effects: effects)
            }
            effects.append(.optOutEverywhere)
            if !self.carrierAnswersStop { reply(.optOutConfirmation) }
            return InboundDecision(disposition: .optedOut, language: language, effects: effects)

        case .join:
            guard let campaignID = joinCampaign else {
                return InboundDecision(disposition: .inbox, language: language, effects: [])
            }
            if state.isSuppressed { effects.append(.liftSuppression(.optIn)) }
            if state.subscription(for: campaignID)?.status != .active {
                effects.append(.activate(campaignID: campaignID, action: .optIn))
            }
            reply(.joinConfirmation, campaignID)
            return InboundDecision(disposition: .joined, language: language, effects: effects)

        case .optIn:
            effects += self.restore(state: state, action: .reOptIn, carrierAnswered: carrierAnswered)
            return InboundDecision(disposition: .optedIn, language: language, effects: effects)

        case .undo:
            guard let suppressedAt = state.suppressedAt, now.timeIntervalSince(suppressedAt) <= self.undoWindow else {
                return InboundDecision(disposition: .inbox, language: language, effects: [])
            }
            effects += self.restore(state: state, action: .undo, carrierAnswered: carrierAnswered)
            return InboundDecision(disposition: .undone, language: language, effects: effects)

        case .help:
            // Name the program and frequency of the campaign the number is in, when it is in one.
            reply(.help, state.subscriptions.first { $0.status == .active }?.campaignID)
            return InboundDecision(disposition: .help, language: language, effects: effects)

        case .confirm:
            let pending = state.subscriptions.filter { $0.status == .pending }
            guard !pending.isEmpty, !state.isSuppressed else {
                return InboundDecision(disposition: .inbox, language: language, effects: [])
            }
            for subscription in pending {
                effects.append(.activate(campaignID: subscription.campaignID, action: .confirm))
                reply(.joinConfirmation, subscription.campaignID)
            }
            return InboundDecision(disposition: .confirmed, language: language, effects: effects)

        case .review:
            // A person decides; until then no automatic opt-out, no reply, and no bulk messages.
            let deadline = self.calendar.adding(businessDays: self.reviewBusinessDays, to: now)
            return InboundDecision(disposition: .review, language: language, effects: [.openReview(deadline: deadline)])

        case .none:
            return InboundDecision(disposition: .inbox, language: language, effects: [])
        }
    }

    /// START/UNSTOP and OOPS: lift the suppression, restore the campaigns consented to before, confirm.
    private func restore(state: NumberState, action: ConsentAction, carrierAnswered: Bool) -> [InboundEffect] {
        var effects: [InboundEffect] = []
        if state.isSuppressed { effects.append(.liftSuppression(action)) }
        let restorable = state.subscriptions.filter { $0.status == .optedOut && $0.consented }.map(\.campaignID)
        for campaignID in restorable {
            effects.append(.activate(campaignID: campaignID, action: action))
        }
        guard !carrierAnswered else { return effects }
        let confirmed = restorable + state.subscriptions.filter { $0.status == .active }.map(\.campaignID)
        if confirmed.isEmpty {
            effects.append(.reply(.optInNothingToRestore, campaignID: nil))
        } else {
            effects += confirmed.map { .reply(.optInConfirmation, campaignID: $0) }
        }
        return effects
    }
}
