import TocsinCore

/// Maps a refused create-call request to a ``CarrierError``: retryable (429, 5xx, a timeout) or terminal
/// (this number cannot be called; or the account, caller ID or URLs are wrong, which no retry fixes).
public enum TwilioCallsError {
    /// Twilio error codes of the Calls API, then HTTP statuses; other 4xx answers are `rejected`.
    public static let table = CarrierErrorTable<Int>([
        (.code(20003), .misconfigured, "authentication failed: check twilio.account_sid and twilio.auth_token"),
        (.code(20404), .misconfigured, "account or resource not found: check twilio.account_sid and twilio.api_base_url"),
        (.code(20429), .rateLimited, "too many requests"),
        (.code(21205), .misconfigured, "Url is not a valid URL: check server.public_url"),
        (.code(21210), .misconfigured, "From is not a verified caller ID of the account"),
        (.code(21212), .misconfigured, "From is not a valid phone number: check organisation.senders"),
        (.code(21213), .misconfigured, "From is required: check organisation.senders"),
        (.code(21215), .misconfigured, "geographic permissions do not allow calling this region"),
        (.code(21219), .misconfigured, "a trial account may only call verified numbers"),
        (.code(21211), .rejected, "To is not a valid phone number"),
        (.code(21214), .rejected, "To cannot be reached"),
        (.code(21216), .rejected, "calls to this number are blocked"),
        (.code(21217), .rejected, "To is not a valid phone number"),
        (.code(13223), .rejected, "invalid phone number format"),
        (.code(13224), .rejected, "not a valid phone number"),
        (.status(429...429), .rateLimited, "too many requests"),
        (.status(401...401), .misconfigured, "authentication failed: check twilio.account_sid and twilio.auth_token"),
        (.status(403...403), .misconfigured, "not allowed: check twilio.account_sid and twilio.auth_token"),
        (.status(500...599), .unavailable, "Twilio had a server error"),
        (.status(400...499), .rejected, "Twilio refused the call"),
    ])

    /// The error for an answer with HTTP `status` and Twilio's error `code` and `message`.
    public static func map(status: Int, code: Int?, message: String?) -> CarrierError {
        Self.table.error(carrier: "twilio", name: "Twilio", status: status, code: code, detail: message)
    }
}
