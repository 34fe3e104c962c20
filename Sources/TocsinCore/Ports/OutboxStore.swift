import Foundation

/// The outbox as the reply sender (and later the dispatcher) sees it.
public protocol OutboxStore: Sendable {
    /// Claims one queued message for sending, after checking the send-time gates in the same transaction.
    ///
    /// A message to a suppressed number is never claimed, except the one opt-out confirmation. When a gate
    /// refuses, the row is closed with the reason and nil is returned.
    func claim(_ id: Int64, now: Date) async throws -> OutboundSMS?

    /// Records that the carrier accepted a claimed message.
    func markSent(_ id: Int64, carrier: String, carrierMessageID: String, now: Date) async throws

    /// Records that the carrier refused a claimed message; a carrier-reported opt-out also suppresses
    /// the number with a consent-ledger entry.
    func markFailed(_ id: Int64, carrier: String, error: CarrierError, now: Date) async throws

    /// Ids of replies still queued (e.g. after a crash), oldest first.
    func queuedReplies(limit: Int) async throws -> [Int64]

    /// Closes a queued message without sending it.
    func expire(_ id: Int64, reason: String, now: Date) async throws
}
