import Foundation

/// Sends messages through one carrier.
///
/// The protocol carries no HTTP types, so session-oriented carriers (SMPP) fit behind it too.
///
/// ```swift
/// let receipt = try await carrier.send(sms)
/// try await store.markSent(sms.id, carrier: carrier.id, carrierMessageID: receipt.carrierMessageID)
/// ```
public protocol CarrierAdapter: Sendable {
    /// The identifier used in webhook paths and message rows, e.g. `"twilio"`.
    var id: String { get }

    /// Sends one SMS.
    ///
    /// - Returns: The carrier's receipt with its message identifier.
    /// - Throws: ``CarrierError``; check ``CarrierError/isRetryable`` before retrying.
    func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt
}

/// What a carrier returns for an accepted message.
public struct CarrierReceipt: Sendable, Hashable {
    public var carrierMessageID: String
    /// The carrier that accepted it, when the adapter is a router over several (``CarrierAdapter/id`` of the
    /// one that sent); nil means the adapter itself.
    public var carrier: String?

    public init(carrierMessageID: String, carrier: String? = nil) {
        self.carrierMessageID = carrierMessageID
        self.carrier = carrier
    }
}

/// An error reported by a carrier adapter.
public struct CarrierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad class of failure.
    public enum Kind: String, Sendable, Hashable {
        /// The carrier refused this message for good (invalid number, content).
        case rejected
        /// The recipient opted out at the carrier (e.g. Twilio 21610).
        case recipientOptedOut = "recipient_opted_out"
        /// Too many requests; try later.
        case rateLimited = "rate_limited"
        /// Timeout, connection failure or a 5xx answer.
        case unavailable
        /// Credentials or configuration are wrong.
        case misconfigured
    }

    public var kind: Kind
    /// The carrier's own error code, when it gave one.
    public var code: String?
    /// A short explanation with no secrets and no phone numbers.
    public var message: String
    /// The carrier that reported it, when the adapter is a router over several; nil means the adapter itself.
    public var carrier: String?

    public init(_ kind: Kind, code: String? = nil, message: String, carrier: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.carrier = carrier
    }

    /// Whether sending the same message later may succeed.
    public var isRetryable: Bool {
        switch self.kind {
        case .rateLimited, .unavailable: true
        case .rejected, .recipientOptedOut, .misconfigured: false
        }
    }

    public var description: String {
        "carrier error \(self.kind.rawValue)\(self.code.map { " (\($0))" } ?? ""): \(self.message)"
    }
}
