import Foundation

/// Where delivery receipts land.
public protocol DeliveryReceiptStore: Sendable {
    /// Applies a receipt to the outbound message found by (carrier, carrier message id), forward only,
    /// in one transaction with its audit record; a carrier-reported opt-out also suppresses the number with
    /// a consent event (source `carrier`).
    func applyDeliveryReceipt(_ receipt: DeliveryReceipt, now: Date) async throws -> DeliveryReceiptOutcome
}
