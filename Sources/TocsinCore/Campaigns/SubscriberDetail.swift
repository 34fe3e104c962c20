import Foundation

/// One number looked up in one campaign: its subscription, whether it is suppressed org-wide, and the
/// consent events that concern the campaign (its own and the org-wide ones), oldest first.
public struct SubscriberDetail: Sendable, Hashable {
    public var record: SubscriberRecord
    /// When the number was suppressed org-wide, or nil.
    public var suppressedAt: Date?
    public var events: [ConsentEventRecord]

    public init(record: SubscriberRecord, suppressedAt: Date?, events: [ConsentEventRecord]) {
        self.record = record
        self.suppressedAt = suppressedAt
        self.events = events
    }

    public var isSuppressed: Bool { self.suppressedAt != nil }
}
