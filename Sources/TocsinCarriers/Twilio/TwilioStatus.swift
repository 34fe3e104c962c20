import TocsinCore

/// Reads Twilio's message status callbacks (`POST /webhooks/twilio/status`) into ``DeliveryReceipt``s
/// through one mapping table from Twilio's `MessageStatus` values to ``DeliveryState``.
public enum TwilioStatus {
    /// Twilio's `MessageStatus` (the Message resource's `status` enum) → our state. Values not listed
    /// (`receiving`, `received`: inbound only) are acknowledged and ignored.
    public static let table: [String: DeliveryState] = [
        "accepted": .queued,
        "scheduled": .queued,
        "queued": .queued,
        "sending": .queued,
        "sent": .sent,
        "delivered": .delivered,
        "read": .delivered,
        "partially_delivered": .undelivered,
        "undelivered": .undelivered,
        "failed": .failed,
        "canceled": .failed,
    ]

    /// The Twilio error code meaning the recipient opted out (replied STOP to the sender).
    public static let optOutErrorCode = "21610"

    /// Why a callback could not be read.
    public enum ParseError: Error, Hashable, Sendable {
        case missingField(String)
    }

    /// The receipt a status callback's form fields carry, or nil for a status that means nothing for an
    /// outbound message.
    ///
    /// - Throws: ``ParseError`` when `MessageSid` or `MessageStatus` is missing.
    public static func receipt(from fields: [(String, String)]) throws(ParseError) -> DeliveryReceipt? {
        func field(_ name: String) -> String? {
            FormBody.firstValue(of: name, in: fields).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let sid = field("MessageSid") ?? field("SmsSid") else { throw .missingField("MessageSid") }
        guard let status = (field("MessageStatus") ?? field("SmsStatus"))?.lowercased() else {
            throw .missingField("MessageStatus")
        }
        guard let state = Self.table[status] else { return nil }
        let code = field("ErrorCode")
        return DeliveryReceipt(
            carrier: "twilio", carrierMessageID: sid, state: state, carrierStatus: status, errorCode: code,
            recipientOptedOut: code == Self.optOutErrorCode
        )
    }
}
