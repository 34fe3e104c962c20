import Foundation

/// How Tocsin reaches real carriers: which ones, in which order per sender, their API endpoints and
/// credentials, and the circuit breaker. Secrets are never printed (`description` and `dump` redact them).
public struct CarrierSettings: Sendable {
    /// The carriers every message tries, in order (for `carrier.kind` twilio or telnyx, just that one).
    public var route: [String]
    /// Orders for particular senders, from `carrier.sender_routes`.
    public var senderRoutes: [String: [String]]
    /// Consecutive carrier failures that open a carrier's circuit.
    public var breakerFailures: Int
    /// Seconds an open circuit waits before one probe.
    public var breakerCooldown: TimeInterval
    /// The most one carrier API call may take.
    public var timeoutSeconds: Int
    public var twilioAPIBaseURL: String
    /// Send with `MessagingServiceSid` instead of `From`.
    public var twilioMessagingServiceSID: String?
    /// Secret.
    public var telnyxAPIKey: String?
    /// Base64 Ed25519 public key that signs Telnyx webhooks.
    public var telnyxPublicKey: String?
    /// Send with `messaging_profile_id` instead of `from`.
    public var telnyxMessagingProfileID: String?
    public var telnyxAPIBaseURL: String

    /// Every carrier some route uses.
    public var carriersInUse: Set<String> {
        Set(self.route).union(self.senderRoutes.values.flatMap { $0 })
    }
}

extension CarrierSettings: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "CarrierSettings(route: \(self.route), senderRoutes: \(self.senderRoutes), twilioAPIBaseURL: \(self.twilioAPIBaseURL), "
            + "telnyxAPIBaseURL: \(self.telnyxAPIBaseURL), telnyxAPIKey: \(self.telnyxAPIKey == nil ? "none" : "<redacted>"))"
    }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "route": self.route, "senderRoutes": self.senderRoutes, "breakerFailures": self.breakerFailures,
                "breakerCooldown": self.breakerCooldown, "timeoutSeconds": self.timeoutSeconds,
                "twilioAPIBaseURL": self.twilioAPIBaseURL, "twilioMessagingServiceSID": self.twilioMessagingServiceSID as Any,
                "telnyxAPIKey": self.telnyxAPIKey == nil ? "none" : "<redacted>", "telnyxPublicKey": self.telnyxPublicKey as Any,
                "telnyxMessagingProfileID": self.telnyxMessagingProfileID as Any, "telnyxAPIBaseURL": self.telnyxAPIBaseURL,
            ],
            displayStyle: .struct
        )
    }
}
