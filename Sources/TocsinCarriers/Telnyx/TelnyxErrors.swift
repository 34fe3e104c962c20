import TocsinCore

/// The one table that turns Telnyx's answers (HTTP status and the `errors[].code` of its JSON body) into
/// ``CarrierError`` kinds, and so retryable or terminal.
///
/// Rows are tried in order: Telnyx's codes first, then HTTP statuses. A code not listed falls through to
/// its HTTP status; a status not listed is `rejected` for 4xx and `unavailable` otherwise.
public enum TelnyxErrors {
    /// The table: (match, kind, why). See the README's error-mapping table.
    public static let table = CarrierErrorTable<String>([
        (.code("10001"), .rejected, "inactive phone number"),
        (.code("10002"), .rejected, "invalid phone number"),
        (.code("10007"), .unavailable, "unexpected error at Telnyx"),
        (.code("10008"), .unavailable, "Telnyx timed out"),
        (.code("10009"), .misconfigured, "authentication failed: check telnyx.api_key"),
        (.code("10010"), .misconfigured, "not authorised: check telnyx.api_key and the number's messaging profile"),
        (.code("10011"), .rateLimited, "too many requests"),
        (.code("10016"), .rejected, "the number is not in E.164 format"),
        (.code("40001"), .rejected, "landline or non-routable number"),
        (.code("40002"), .rateLimited, "blocked as spam for now"),
        (.code("40003"), .misconfigured, "the sending number is blocked as spam"),
        (.code("40006"), .unavailable, "the recipient's carrier is unavailable"),
        (.code("40008"), .rejected, "undeliverable"),
        (.code("40009"), .rejected, "invalid message body"),
        (.code("40011"), .rateLimited, "upstream rate limit exceeded"),
        (.code("40012"), .rejected, "invalid destination number"),
        (.code("40013"), .misconfigured, "invalid source number: check organisation.senders"),
        (.code("40300"), .recipientOptedOut, "the recipient replied STOP to this sender (Telnyx blocks it)"),
        (.code("40305"), .misconfigured, "invalid from address: check organisation.senders"),
        (.code("40310"), .rejected, "invalid to address"),
        (.status(401...401), .misconfigured, "authentication failed: check telnyx.api_key"),
        (.status(403...404), .misconfigured, "not allowed or not found: check telnyx.api_key and telnyx.api_base_url"),
        (.status(429...429), .rateLimited, "too many requests"),
        (.status(500...599), .unavailable, "Telnyx had a server error"),
        (.status(400...499), .rejected, "Telnyx refused the message"),
    ])

    /// The error for a Telnyx answer with HTTP `status` and the first error `code` of its body.
    ///
    /// - Parameter detail: Telnyx's `detail` or `title`, added after the table's explanation (numbers masked).
    public static func error(status: Int, code: String?, detail: String?) -> CarrierError {
        Self.table.error(carrier: "telnyx", name: "Telnyx", status: status, code: code, detail: detail)
    }
}
