import Foundation

/// One change the store must make for an inbound message, in order, in the same transaction as the
/// message row and the audit record. Each change also writes its consent-ledger entry.
public enum InboundEffect: Sendable, Hashable {
    /// Suppress the number org-wide and mark every pending or active subscription opted out
    /// (ledger: `opt_out`, org scope).
    case optOutEverywhere
    /// Remove the org-wide suppression (ledger: `action`, org scope).
    case liftSuppression(ConsentAction)
    /// Make the subscription to a campaign active (ledger: `action`, campaign scope).
    case activate(campaignID: Int64, action: ConsentAction)
    /// Remember the supporter's language.
    case recordLanguage(String)
    /// Queue a reply of this kind (in the decision's language).
    case reply(MessageKind, campaignID: Int64?)
    /// Put the text in the review queue with this deadline (no reply, no automatic opt-out).
    case openReview(deadline: Date)
}

/// What happened to an inbound message, stored on its row and returned to callers.
public enum InboundDisposition: String, Sendable, Codable, CaseIterable, Hashable {
    case joined
    case optedOut = "opted_out"
    case alreadyOptedOut = "already_opted_out"
    case optedIn = "opted_in"
    case undone
    case help
    case confirmed
    case review
    case inbox
}

/// The pure result of ``InboundPolicy/decide(_:joinCampaign:state:carrierHandled:now:)``.
public struct InboundDecision: Sendable, Hashable {
    public var disposition: InboundDisposition
    /// The language replies are written in.
    public var language: String
    public var effects: [InboundEffect]

    public init(disposition: InboundDisposition, language: String, effects: [InboundEffect]) {
        self.disposition = disposition
        self.language = language
        self.effects = effects
    }

    /// The replies this decision queues, in order.
    public var replies: [(kind: MessageKind, campaignID: Int64?)] {
        self.effects.compactMap {
            if case .reply(let kind, let campaignID) = $0 { return (kind, campaignID) }
            return nil
        }
    }
}
