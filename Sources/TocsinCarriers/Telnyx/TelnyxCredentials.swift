/// What the Telnyx adapter and webhook need. The API key is never printed: `description` and `dump`
/// redact it.
public struct TelnyxCredentials: Sendable, Hashable {
    /// The API v2 key, sent as `Authorization: Bearer …`. Secret.
    public var apiKey: String
    /// The account's webhook public key (base64 Ed25519, from the Mission Control portal).
    public var publicKey: String?
    /// When set, messages are sent with `messaging_profile_id` instead of `from` (Telnyx picks the sender).
    public var messagingProfileID: String?

    public init(apiKey: String, publicKey: String? = nil, messagingProfileID: String? = nil) {
        self.apiKey = apiKey
        self.publicKey = publicKey
        self.messagingProfileID = messagingProfileID
    }
}

extension TelnyxCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "TelnyxCredentials(apiKey: <redacted>, publicKey: \(self.publicKey ?? "none"), messagingProfileID: "
            + "\(self.messagingProfileID ?? "none"))"
    }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["apiKey": "<redacted>", "publicKey": self.publicKey as Any, "messagingProfileID": self.messagingProfileID as Any],
            displayStyle: .struct
        )
    }
}
