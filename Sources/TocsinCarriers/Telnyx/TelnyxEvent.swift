import Foundation
import TocsinCore

/// One Telnyx messaging webhook (`{"data":{"event_type","payload":{…}}}`), read into what Tocsin acts on.
public enum TelnyxEvent: Sendable, Hashable {
    /// `message.received`: an inbound SMS.
    case inbound(messageID: String, from: String, to: String, text: String)
    /// `message.sent` / `message.finalized`: a delivery receipt (nil state values are ignored).
    case receipt(DeliveryReceipt)
    /// Any other event type, or a status that means nothing for an outbound message: acknowledged.
    case ignored(eventType: String)

    /// Telnyx's `payload.to[].status` → our state: the one mapping table for Telnyx receipts.
    public static let statusTable: [String: DeliveryState] = [
        "queued": .queued,
        "sending": .queued,
        "sent": .sent,
        "delivery_unconfirmed": .sent,
        "delivered": .delivered,
        "delivery_failed": .undelivered,
        "expired": .undelivered,
        "sending_failed": .failed,
    ]

    /// The Telnyx error code meaning the recipient opted out (sent STOP to the sender).
    public static let optOutErrorCode = "40300"

    /// Why a webhook body could not be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { self.message }
    }

    /// Reads a webhook body.
    ///
    /// - Throws: ``ParseError`` naming the missing or malformed member.
    public static func parse(_ body: [UInt8]) throws(ParseError) -> TelnyxEvent {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
            let data = root["data"] as? [String: Any]
        else { throw ParseError(message: "body must be a JSON object with a data member") }
        guard let type = data["event_type"] as? String else { throw ParseError(message: "missing data.event_type") }
        guard let payload = data["payload"] as? [String: Any] else { throw ParseError(message: "missing data.payload") }
        guard let messageID = payload["id"] as? String, !messageID.isEmpty else {
            throw ParseError(message: "missing data.payload.id")
        }
        let recipients = payload["to"] as? [[String: Any]] ?? []
        switch type {
        case "message.received":
            guard let from = (payload["from"] as? [String: Any])?["phone_number"] as? String else {
                throw ParseError(message: "missing data.payload.from.phone_number")
            }
            guard let to = recipients.first?["phone_number"] as? String else {
                throw ParseError(message: "missing data.payload.to[0].phone_number")
            }
            return .inbound(messageID: messageID, from: from, to: to, text: payload["text"] as? String ?? "")
        case "message.sent", "message.finalized":
            guard let status = (recipients.first?["status"] as? String)?.lowercased() else {
                throw ParseError(message: "missing data.payload.to[0].status")
            }
            guard let state = Self.statusTable[status] else { return .ignored(eventType: "\(type) \(status)") }
            let code = (payload["errors"] as? [[String: Any]])?.first?["code"].map { "\($0)" }
            return .receipt(
                DeliveryReceipt(
                    carrier: "telnyx", carrierMessageID: messageID, state: state, carrierStatus: status, errorCode: code,
                    recipientOptedOut: code == Self.optOutErrorCode
                )
            )
        default:
            return .ignored(eventType: type)
        }
    }
}
