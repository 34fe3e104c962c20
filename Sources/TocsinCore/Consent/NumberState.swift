import Foundation

/// One subscription as the inbound policy sees it.
public struct SubscriptionSnapshot: Sendable, Hashable {
    public var campaignID: Int64
    public var status: SubscriptionStatus
    /// Whether the number ever gave consent to this campaign (was active at some point).
    public var consented: Bool

    public init(campaignID: Int64, status: SubscriptionStatus, consented: Bool) {
        self.campaignID = campaignID
        self.status = status
        self.consented = consented
    }
}

/// Everything the inbound policy needs to know about one number, read inside the transaction that applies
/// the decision.
public struct NumberState: Sendable, Hashable {
    /// When the number was suppressed org-wide, or nil when it is not suppressed.
    public var suppressedAt: Date?
    public var subscriptions: [SubscriptionSnapshot]
    /// The language the supporter last used with us.
    public var language: String?

    public init(suppressedAt: Date? = nil, subscriptions: [SubscriptionSnapshot] = [], language: String? = nil) {
        self.suppressedAt = suppressedAt
        self.subscriptions = subscriptions
        self.language = language
    }

    /// A number the store has never seen.
    public static let unknown = NumberState()

    public var isSuppressed: Bool { self.suppressedAt != nil }

    public func subscription(for campaignID: Int64) -> SubscriptionSnapshot? {
        self.subscriptions.first { $0.campaignID == campaignID }
    }
}
