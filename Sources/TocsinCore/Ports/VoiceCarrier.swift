import Foundation

/// One alert call handed to a voice carrier: who to call, from which number, and everything the call says.
///
/// The carrier decides how the script reaches the call (Twilio fetches TwiML from Tocsin's signed route for
/// ``messageID``; the mock writes it to its outbox file).
public struct OutboundCall: Sendable, Hashable {
    /// Tocsin's own id of the outbound message row (the call's webhooks carry it).
    public var messageID: Int64
    public var to: PhoneNumber
    /// The caller ID: one of the organisation's numbers.
    public var from: String
    /// The recipient's language (`en`, `fr`, `es`, `zh`).
    public var language: String
    /// The alert text read to the recipient, rendered in their language.
    public var script: String
    /// Who is calling (said first).
    public var organisationName: String
    /// The number the recipient can call back (said right after the identification).
    public var callbackNumber: String
    /// The patch-through target ("the Minister's office"), when the campaign has one.
    public var targetName: String?
    /// The target's number in E.164, dialled when the recipient presses 1.
    public var targetNumber: String?
    /// The campaign slug.
    public var campaign: String?

    public init(
        messageID: Int64, to: PhoneNumber, from: String, language: String, script: String, organisationName: String,
        callbackNumber: String, targetName: String? = nil, targetNumber: String? = nil, campaign: String? = nil
    ) {
        self.messageID = messageID
        self.to = to
        self.from = from
        self.language = language
        self.script = script
        self.organisationName = organisationName
        self.callbackNumber = callbackNumber
        self.targetName = targetName
        self.targetNumber = targetNumber
        self.campaign = campaign
    }

    /// Whether the call offers "press 1 to be connected".
    public var hasTarget: Bool { self.targetNumber != nil && self.targetName != nil }
}

/// Places alert calls through one carrier. No HTTP types, like ``CarrierAdapter``.
///
/// ```swift
/// let receipt = try await voice.placeCall(call)   // receipt.carrierMessageID is the carrier's call id
/// ```
public protocol VoiceCarrier: Sendable {
    /// The identifier stored with each call, e.g. `"twilio"`.
    var id: String { get }

    /// Asks the carrier to place one call.
    ///
    /// - Returns: The carrier's receipt with its call identifier.
    /// - Throws: ``CarrierError``; check ``CarrierError/isRetryable`` before retrying.
    func placeCall(_ call: OutboundCall) async throws(CarrierError) -> CarrierReceipt
}
