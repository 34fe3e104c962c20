import Foundation

/// How replies to an inbound message leave.
public enum ReplyRoute: String, Sendable, Hashable {
    /// Queued in the outbox and sent through a carrier adapter after the commit.
    case carrier
    /// Returned in the webhook response (Twilio TwiML); recorded as sent in the same transaction.
    case inline
}

/// One classified inbound message, ready to commit.
public struct InboundWork: Sendable, Hashable {
    public var message: InboundMessage
    public var classification: Classification
    /// For `join`: the active campaign its keyword names.
    public var joinCampaignID: Int64?
    public var replyRoute: ReplyRoute

    public init(message: InboundMessage, classification: Classification, joinCampaignID: Int64?, replyRoute: ReplyRoute) {
        self.message = message
        self.classification = classification
        self.joinCampaignID = joinCampaignID
        self.replyRoute = replyRoute
    }
}

/// What committing one inbound message did.
public struct InboundOutcome: Sendable, Hashable {
    /// The stored inbound row.
    public var inboundID: Int64
    /// True when the carrier retried a message already processed: nothing was changed or queued.
    public var duplicate: Bool
    public var disposition: InboundDisposition?
    /// The replies written to the outbox, in order.
    public var replies: [OutboundSMS]

    public init(inboundID: Int64, duplicate: Bool, disposition: InboundDisposition?, replies: [OutboundSMS]) {
        self.inboundID = inboundID
        self.duplicate = duplicate
        self.disposition = disposition
        self.replies = replies
    }
}

/// Writes reply texts. The engine implements it from the keyword files' replies and the org profile.
public protocol ReplyRendering: Sendable {
    func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String
    /// The slug of a campaign, when the renderer knows it (saves the store a lookup per reply).
    func campaignSlug(_ campaignID: Int64) -> String?
}

extension ReplyRendering {
    public func campaignSlug(_ campaignID: Int64) -> String? { nil }
}

/// Commits inbound messages durably.
public protocol InboundStore: Sendable {
    /// Commits a batch of inbound messages in one transaction (group commit). Each message is applied in
    /// its own savepoint: a failing message fails alone. For each message the store dedupes by
    /// (carrier, carrier message id), reads the number's ``NumberState``, asks `policy` to decide, and writes
    /// the inbound row, the effects, their consent-ledger entries, the queued replies and an audit record.
    ///
    /// - Returns: One result per work item, in order.
    func commitInbound(
        _ batch: [InboundWork],
        policy: InboundPolicy,
        renderer: any ReplyRendering,
        now: Date
    ) async throws -> [Result<InboundOutcome, StoreError>]

    /// Whether the number is on the suppression list (the default answers true: the safe side).
    func isSuppressed(_ phone: PhoneNumber) async throws -> Bool
}

extension InboundStore {
    public func isSuppressed(_ phone: PhoneNumber) async throws -> Bool { true }
}

/// An error from a store, with a message safe to show (no phone numbers).
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case notFound = "not_found"
        case conflict
        case invalid
        case unavailable
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(self.kind.rawValue): \(self.message)" }
}
