import Foundation

/// Everything the send-time gate needs to know about one message and its recipient at one instant.
public struct SendContext: Sendable, Hashable {
    public var kind: MessageKind
    public var channel: Channel
    /// The campaign's purpose (bulk messages).
    public var purpose: CampaignPurpose?
    /// Whether the number is on the org-wide suppression list.
    public var suppressed: Bool
    /// Whether a possible opt-out from the number waits for review.
    public var pendingReview: Bool
    /// The recipient's subscription to the message's campaign and channel (nil: none).
    public var subscription: SubscriptionStatus?
    /// Candidate IANA zones of the number, most likely first (empty: unknown).
    public var zones: [TimeZone]
    /// When messages of this campaign were sent to this number in the last 30 days (any order).
    public var recentSends: [Date]
    /// The campaign's disclosed frequency, e.g. "Up to 4 msgs/month".
    public var disclosedFrequency: String? {
        didSet { self.monthlyCap = self.disclosedFrequency.flatMap(FrequencyCap.perThirtyDays) }
    }
    /// Messages per 30 days the disclosure allows (parsed whenever ``disclosedFrequency`` is set; callers
    /// evaluating many messages of one campaign may set it directly instead).
    public var monthlyCap: Int?
    /// Past this instant the message is never sent.
    public var expiresAt: Date?
    /// When the message was queued (opt-out confirmations are only sent within 5 minutes).
    public var createdAt: Date?
    /// The number's policy key (``Jurisdiction/key``); nil: no jurisdiction policy applies.
    public var jurisdiction: String?
    /// The source of the recipient's consent on record (``ConsentSource`` raw value), for consent rules.
    public var consentSource: String?

    public init(
        kind: MessageKind, channel: Channel = .sms, purpose: CampaignPurpose? = nil, suppressed: Bool = false,
        pendingReview: Bool = false, subscription: SubscriptionStatus? = nil, zones: [TimeZone] = [],
        recentSends: [Date] = [], disclosedFrequency: String? = nil, expiresAt: Date? = nil, createdAt: Date? = nil,
        jurisdiction: String? = nil, consentSource: String? = nil
    ) {
        self.kind = kind
        self.channel = channel
        self.purpose = purpose
        self.suppressed = suppressed
        self.pendingReview = pendingReview
        self.subscription = subscription
        self.zones = zones
        self.recentSends = recentSends
        self.disclosedFrequency = disclosedFrequency
        self.monthlyCap = disclosedFrequency.flatMap(FrequencyCap.perThirtyDays)
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.jurisdiction = jurisdiction
        self.consentSource = consentSource
    }
}
