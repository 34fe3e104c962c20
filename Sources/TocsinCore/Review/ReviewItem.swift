import Foundation

/// Where a review item stands.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Waiting for a person; the number receives no bulk messages meanwhile.
    case pending
    /// A reviewer decided it was an opt-out.
    case optOut = "opt_out"
    /// A reviewer decided it was not an opt-out.
    case notOptOut = "not_opt_out"
    /// Nobody decided before the deadline: treated as an opt-out.
    case expiredOptOut = "expired_opt_out"
    /// The number opted out by other means while the item was pending.
    case superseded
}

/// A reviewer's decision.
public enum ReviewDecision: String, Sendable, Codable, CaseIterable, Hashable {
    case optOut = "opt_out"
    case notOptOut = "not_opt_out"
}

/// An ambiguous inbound text waiting for, or given, a human decision.
public struct ReviewItem: Sendable, Hashable {
    public var id: Int64
    public var phone: PhoneNumber
    public var inboundMessageID: Int64
    /// The text exactly as received.
    public var body: String
    public var tier: String
    public var rule: String?
    public var language: String?
    public var receivedAt: Date
    public var deadline: Date
    public var status: ReviewStatus
    public var resolvedAt: Date?
    public var resolvedBy: String?
    public var reason: String?

    public init(
        id: Int64, phone: PhoneNumber, inboundMessageID: Int64, body: String, tier: String, rule: String?,
        language: String?, receivedAt: Date, deadline: Date, status: ReviewStatus, resolvedAt: Date?,
        resolvedBy: String?, reason: String?
    ) {
        self.id = id
        self.phone = phone
        self.inboundMessageID = inboundMessageID
        self.body = body
        self.tier = tier
        self.rule = rule
        self.language = language
        self.receivedAt = receivedAt
        self.deadline = deadline
        self.status = status
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.reason = reason
    }
}

/// The review queue as compliance staff and the deadline sweeper see it.
public protocol ReviewStore: Sendable {
    /// Items with `status`, oldest first (all items when nil).
    func reviewItems(status: ReviewStatus?, limit: Int) async throws -> [ReviewItem]
    /// Records a reviewer's decision with a reason; an opt-out decision suppresses the number org-wide.
    ///
    /// - Throws: ``StoreError`` `notFound` for an unknown id, `conflict` when the item is no longer pending.
    func resolveReview(id: Int64, decision: ReviewDecision, reason: String, reviewer: String, now: Date) async throws -> ReviewItem
    /// Treats every pending item past its deadline as an opt-out. Returns how many were expired.
    func expireOverdueReviews(now: Date) async throws -> Int
    /// Whether the number has a pending review item (it then gets no bulk messages).
    func hasPendingReview(_ phone: PhoneNumber) async throws -> Bool
}
