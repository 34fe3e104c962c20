import Foundation

/// What the Twilio adapters need to call Twilio's REST API. The auth token is never printed:
/// `description` and `dump` redact it.
public struct TwilioCredentials: Sendable, Hashable {
    /// The account SID (`AC…`), the user name of HTTP Basic auth.
    public var accountSID: String
    /// The account's auth token: the password of HTTP Basic auth and the webhook signing key. Secret.
    public var authToken: String
    /// When set, messages are sent with `MessagingServiceSid` instead of `From` (Twilio picks the sender).
    public var messagingServiceSID: String?

    public init(accountSID: String, authToken: String, messagingServiceSID: String? = nil) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.messagingServiceSID = messagingServiceSID
    }

    /// The `Authorization` header value: `Basic base64(AccountSid:AuthToken)`.
    public var basicAuthorization: String {
        "Basic " + Data("\(self.accountSID):\(self.authToken)".utf8).base64EncodedString()
    }
}

extension TwilioCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "TwilioCredentials(accountSID: \(self.accountSID), authToken: <redacted>, messagingServiceSID: "
            + "\(self.messagingServiceSID ?? "none"))"
    }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror {
        Mirror(
            self, children: ["accountSID": self.accountSID, "authToken": "<redacted>", "messagingServiceSID": self.messagingServiceSID as Any],
            displayStyle: .struct
        )
    }
}
