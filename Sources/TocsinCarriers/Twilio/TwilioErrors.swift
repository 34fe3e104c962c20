import TocsinCore

/// The one table that turns Twilio's answers into ``CarrierError`` kinds (and so retryable or terminal).
///
/// Rows are tried in order: Twilio's own error codes first, then HTTP statuses. A code not listed falls
/// through to its HTTP status; a status not listed is `rejected` for 4xx and `unavailable` otherwise.
public enum TwilioErrors {
    /// The table: (match, kind, why). See the README's error-mapping table.
    public static let table = CarrierErrorTable<Int>([
        (.code(20003), .misconfigured, "authentication failed: check twilio.account_sid and twilio.auth_token"),
        (.code(20404), .misconfigured, "account or resource not found: check twilio.account_sid"),
        (.code(20429), .rateLimited, "too many requests"),
        (.code(21211), .rejected, "invalid To number"),
        (.code(21212), .misconfigured, "invalid From number: check organisation.senders"),
        (.code(21408), .rejected, "sending to this region is not enabled in the Twilio console"),
        (.code(21602), .rejected, "message body is required"),
        (.code(21606), .misconfigured, "the From number cannot send SMS to this destination"),
        (.code(21610), .recipientOptedOut, "the recipient replied STOP to this sender (Twilio blocks it)"),
        (.code(21612), .rejected, "Twilio cannot route to this number"),
        (.code(21614), .rejected, "the To number is not a mobile number"),
        (.code(21617), .rejected, "the body is over 1,600 characters"),
        (.code(21659), .misconfigured, "the From number is not a Twilio number of this account"),
        (.code(21703), .misconfigured, "the Messaging Service has no phone numbers"),
        (.code(30001), .unavailable, "Twilio's queue overflowed"),
        (.code(30002), .misconfigured, "the account is suspended"),
        (.code(30003), .rejected, "the handset is unreachable"),
        (.code(30004), .rejected, "the message was blocked"),
        (.code(30005), .rejected, "unknown destination handset"),
        (.code(30006), .rejected, "landline or unreachable carrier"),
        (.code(30007), .rejected, "filtered by the carrier"),
        (.code(30008), .unavailable, "unknown delivery error"),
        (.code(30022), .rateLimited, "10DLC throughput exceeded"),
        (.code(30032), .misconfigured, "the toll-free number is not verified"),
        (.code(30034), .misconfigured, "the sender is not registered for 10DLC"),
        (.status(401...401), .misconfigured, "authentication failed: check twilio.account_sid and twilio.auth_token"),
        (.status(403...404), .misconfigured, "not allowed or not found: check twilio.account_sid and twilio.api_base_url"),
        (.status(429...429), .rateLimited, "too many requests"),
        (.status(500...599), .unavailable, "Twilio had a server error"),
        (.status(400...499), .rejected, "Twilio refused the message"),
    ])

    /// The error for a Twilio answer with HTTP `status` and (when its JSON body had one) error `code`.
    ///
    /// - Parameter message: Twilio's own message, added after the table's explanation (numbers masked).
    public static func error(status: Int, code: Int?, message: String?) -> CarrierError {
        Self.table.error(carrier: "twilio", name: "Twilio", status: status, code: code, detail: message)
    }
}
