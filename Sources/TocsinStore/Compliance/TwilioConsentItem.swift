import Foundation
import GRDB
import TocsinCore

/// One item in the shape of Twilio's Bulk Upsert Consents API (`POST https://accounts.twilio.com/v1/Consents/Bulk`,
/// `Items`: `contact_id`, `correlation_id`, `sender_id`, `status`, `source`, `date_of_consent`; at most 25
/// items per request).
public struct TwilioConsentItem: Sendable, Hashable {
    /// The number in E.164.
    public var contactID: String
    /// 32 hex characters, unique per item: the start of the event's ledger hash, so an item points back at
    /// the ledger entry that proves it.
    public var correlationID: String
    /// A Messaging Service SID or the sending number.
    public var senderID: String
    /// `opt-in` or `opt-out`.
    public var status: String
    /// `website`, `offline`, `opt-in-message`, `opt-out-message` or `others`.
    public var source: String
    /// ISO 8601.
    public var dateOfConsent: Date

    public init(contactID: String, correlationID: String, senderID: String, status: String, source: String, dateOfConsent: Date) {
        self.contactID = contactID
        self.correlationID = correlationID
        self.senderID = senderID
        self.status = status
        self.source = source
        self.dateOfConsent = dateOfConsent
    }

    /// The item for a stored consent event: its number, action, Tocsin source, time (milliseconds since
    /// 1970) and ledger hash.
    public init(phone: String, action: String, tocsinSource: String, occurredAt: Int64, ledgerHash: String, senderID: String) {
        let optOut = action == "opt_out"
        self.init(
            contactID: phone, correlationID: String(ledgerHash.prefix(32)), senderID: senderID, status: optOut ? "opt-out" : "opt-in",
            source: Self.source(for: tocsinSource, optOut: optOut), dateOfConsent: Date(millisecondsSince1970: occurredAt)
        )
    }

    /// Twilio's `source` for a Tocsin consent source and status.
    public static func source(for tocsinSource: String, optOut: Bool) -> String {
        switch tocsinSource {
        case "keyword", "review": optOut ? "opt-out-message" : "opt-in-message"
        case "web_form", "web_link": "website"
        case "import", "staff": "offline"
        default: "others"
        }
    }
}

extension SQLiteStore {
    /// Each number's latest opt-in or opt-out as of `to`, for numbers with such an event in `[from, to)`, in
    /// Twilio's Consents shape. Erased numbers are left out (their number is gone).
    public func twilioConsents(from: Date, to: Date, senderID: String) async throws -> [TwilioConsentItem] {
        let actions = "('opt_in', 'confirm', 're_opt_in', 'undo', 'opt_out')"
        return try await self.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.phone, e.action, e.source, e.occurred_at, l.hash FROM consent_event e
                    JOIN ledger_entry l ON l.kind = 'consent' AND l.source_id = e.id
                    WHERE e.action IN \(actions) AND e.occurred_at >= ?1 AND e.occurred_at < ?2 AND e.phone NOT LIKE 'hmac:%'
                      AND e.id = (SELECT MAX(x.id) FROM consent_event x WHERE x.phone = e.phone AND x.action IN \(actions) AND x.occurred_at < ?2)
                    ORDER BY e.id
                    """,
                arguments: [from.millisecondsSince1970, to.millisecondsSince1970]
            ).map { row in
                TwilioConsentItem(phone: row[0], action: row[1], tocsinSource: row[2], occurredAt: row[3], ledgerHash: row[4], senderID: senderID)
            }
        }
    }
}
