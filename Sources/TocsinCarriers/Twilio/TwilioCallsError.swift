import TocsinCore

/// Maps a refused create-call request to a ``CarrierError``: retryable (429, 5xx, a timeout) or terminal
/// (this number cannot be called; or the account, caller ID or URLs are wrong, which no retry fixes).
public enum TwilioCallsError {
    /// Twilio error codes of the Calls API with a class of their own; other 4xx answers are `rejected`.
    public static let codes: [Int: CarrierError.Kind] = [
        20003: .misconfigured,  // authentication failed
        20404: .misconfigured,  // account or resource not found (wrong twilio.account_sid or api base)
        20429: .rateLimited,  // too many requests
        21205: .misconfigured,  // Url is not a valid URL (server.public_url)
        21210: .misconfigured,  // From is not a verified caller ID of the account
        21212: .misconfigured,  // From is not a valid phone number
        21213: .misconfigured,  // From is required
        21215: .misconfigured,  // geographic permissions do not allow calling this region
        21219: .misconfigured,  // a trial account may only call verified numbers
        21211: .rejected,  // To is not a valid phone number
        21214: .rejected,  // To cannot be reached
        21216: .rejected,  // calls to this number are blocked
        21217: .rejected,  // To is not a valid phone number
        13223: .rejected,  // invalid phone number format
        13224: .rejected,  // not a valid phone number
    ]

    /// The error for an answer with HTTP `status` and Twilio's error `code` and `message`.
    public static func map(status: Int, code: Int?, message: String?) -> CarrierError {
        let codeText = code.map(String.init)
        let detail = "Twilio answered \(status)" + (message.map { ": \(Self.clipped($0))" } ?? "")
        if let code, let kind = Self.codes[code] {
            return CarrierError(kind, code: codeText, message: detail)
        }
        switch status {
        case 429: return CarrierError(.rateLimited, code: codeText, message: detail)
        case 401, 403: return CarrierError(.misconfigured, code: codeText, message: detail + " (check twilio.account_sid and twilio.auth_token)")
        case 500...: return CarrierError(.unavailable, code: codeText, message: detail)
        default: return CarrierError(.rejected, code: codeText, message: detail)
        }
    }

    /// Twilio's message, cut short and with digit runs masked (it may quote the number called).
    static func clipped(_ message: String) -> String {
        var out = ""
        var digits = 0
        for character in message.prefix(200) {
            if character.isNumber {
                digits += 1
                out.append(digits > 4 ? "*" : character)
            } else {
                digits = 0
                out.append(character)
            }
        }
        return out
    }
}
