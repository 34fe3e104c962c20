import Foundation

/// A carrier's report on a message it accepted (a status callback), read into Tocsin's states.
public struct DeliveryReceipt: Sendable, Hashable {
    /// The carrier's ``CarrierAdapter/id`` (`twilio`, `telnyx`).
    public var carrier: String
    /// The carrier's id of the message, as its send call returned it.
    public var carrierMessageID: String
    public var state: DeliveryState
    /// The carrier's own status word (`delivered`, `delivery_failed`, …), kept in the reason.
    public var carrierStatus: String
    /// The carrier's error code, when it gave one.
    public var errorCode: String?
    /// The carrier reports that the recipient opted out (Twilio 21610, Telnyx 40300): Tocsin suppresses the
    /// number and records a consent event with source `carrier`.
    public var recipientOptedOut: Bool

    public init(
        carrier: String, carrierMessageID: String, state: DeliveryState, carrierStatus: String,
        errorCode: String? = nil, recipientOptedOut: Bool = false
    ) {
        self.carrier = carrier
        self.carrierMessageID = carrierMessageID
        self.state = state
        self.carrierStatus = carrierStatus
        self.errorCode = errorCode
        self.recipientOptedOut = recipientOptedOut
    }

    /// The text stored in the message's reason: the carrier's status and error code.
    public var reason: String {
        "\(self.carrier) \(self.carrierStatus)" + (self.errorCode.map { " (error \($0))" } ?? "")
    }
}

/// What applying a delivery receipt did.
public enum DeliveryReceiptOutcome: String, Sendable, Hashable {
    /// The message moved to the receipt's state.
    case applied
    /// The message was found but the receipt would move it backwards (or it was final): nothing changed.
    case ignored
    /// No message has this carrier id yet: the receipt is kept for a day and applied if the send is recorded.
    case unknown
}
