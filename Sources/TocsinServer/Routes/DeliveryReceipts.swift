import Logging
import TocsinCore
import TocsinStore

/// Applies a carrier's delivery receipt to the store and logs what happened (message ids, never numbers).
enum DeliveryReceipts {
    static func apply(_ receipt: DeliveryReceipt, services: TocsinServices, logger: Logger) async throws -> DeliveryReceiptOutcome {
        let outcome: DeliveryReceiptOutcome
        do {
            outcome = try await services.store.applyDeliveryReceipt(receipt, now: services.clock.now)
        } catch let error as StoreError {
            throw APIError(error)
        }
        switch outcome {
        case .unknown:
            logger.notice(
                "delivery receipt for an unknown message id; kept a day in case its send is being recorded",
                metadata: [
                    "carrier": "\(receipt.carrier)", "carrier.message_id": "\(receipt.carrierMessageID)",
                    "status": "\(receipt.carrierStatus)",
                ]
            )
        case .applied, .ignored:
            if receipt.recipientOptedOut {
                logger.notice(
                    "carrier reports the recipient opted out", metadata: ["carrier": "\(receipt.carrier)", "carrier.message_id": "\(receipt.carrierMessageID)"]
                )
            }
        }
        return outcome
    }
}
