import Foundation

/// A page of a campaign's subscribers in subscriber-id order.
public struct SubscriberPage: Sendable, Hashable {
    public var records: [SubscriberRecord]
    /// The cursor for the next page (`after=`), or nil when this page is the last.
    public var nextAfter: Int64?

    public init(records: [SubscriberRecord], nextAfter: Int64?) {
        self.records = records
        self.nextAfter = nextAfter
    }
}
