import Foundation

/// Why a message is sent; it decides its lane and which gates apply.
public enum MessageKind: String, Sendable, Codable, CaseIterable, Hashable {
    case joinConfirmation = "join_confirmation"
    case doubleOptInPrompt = "double_opt_in_prompt"
    case optOutConfirmation = "opt_out_confirmation"
    case optInConfirmation = "opt_in_confirmation"
    case optInNothingToRestore = "opt_in_nothing_to_restore"
    case help
    case alert

    /// Replies go before bulk alerts, always.
    public var isReply: Bool { self != .alert }

    /// The key of the reply text in the `replies:` map of the keyword files.
    public var replyKey: String { self.rawValue }
}

/// One SMS handed to a carrier adapter.
public struct OutboundSMS: Sendable, Hashable {
    /// Tocsin's own id of the outbound message row.
    public var id: Int64
    public var to: PhoneNumber
    public var from: String
    public var body: String
    public var kind: MessageKind
    /// The campaign slug, when the message belongs to one.
    public var campaign: String?
    /// When the message stops being worth delivering; carriers that can drop late messages are told
    /// (Twilio's `ValidityPeriod`).
    public var expiresAt: Date?

    public init(
        id: Int64, to: PhoneNumber, from: String, body: String, kind: MessageKind, campaign: String?,
        expiresAt: Date? = nil
    ) {
        self.id = id
        self.to = to
        self.from = from
        self.body = body
        self.kind = kind
        self.campaign = campaign
        self.expiresAt = expiresAt
    }
}
