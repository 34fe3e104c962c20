import Foundation

/// One text a supporter sent to one of the organisation's numbers, as a carrier reported it.
public struct InboundMessage: Sendable, Hashable {
    /// The carrier that delivered it (`mock`, `twilio`, ...).
    public var carrier: String
    /// The carrier's identifier for the message; a retry of the same webhook carries the same one.
    public var carrierMessageID: String
    /// The supporter's number.
    public var from: PhoneNumber
    /// The organisation's number or short code that received it.
    public var to: String
    /// The text exactly as received (never normalised; normalisation is for matching only).
    public var body: String
    /// When Tocsin received it.
    public var receivedAt: Date
    /// Set when the carrier itself already acted on a keyword and answered it (Twilio's `OptOutType`).
    public var carrierHandled: Intent?

    public init(
        carrier: String,
        carrierMessageID: String,
        from: PhoneNumber,
        to: String,
        body: String,
        receivedAt: Date,
        carrierHandled: Intent? = nil
    ) {
        self.carrier = carrier
        self.carrierMessageID = carrierMessageID
        self.from = from
        self.to = to
        self.body = body
        self.receivedAt = receivedAt
        self.carrierHandled = carrierHandled
    }
}
