import Foundation
import GRDB
import TocsinCore

/// An opt-out received by any means other than a text: staff entry (phone call, email, letter, in person)
/// or a signed unsubscribe link.
public struct OptOutRequest: Sendable, Hashable {
    public var phone: PhoneNumber
    /// How it reached the organisation: `phone`, `email`, `mail`, `in_person`, `web`, `voice`, `sms`, `other`.
    public var channel: String
    /// Why, in the staff member's words (stored with the event, kept out of the ledger by a keyed hash).
    public var reason: String?
    /// The staff member (token name), nil for a supporter's own unsubscribe link.
    public var staff: String?
    /// `staff` or `web_link`.
    public var source: ConsentSource

    public init(phone: PhoneNumber, channel: String, reason: String?, staff: String?, source: ConsentSource) {
        self.phone = phone
        self.channel = channel
        self.reason = reason
        self.staff = staff
        self.source = source
    }
}

/// What an opt-out request did.
public struct OptOutRecorded: Sendable, Hashable {
    public var consentEventID: Int64
    /// The number was already suppressed (the request is recorded anyway, as evidence).
    public var alreadySuppressed: Bool

    public init(consentEventID: Int64, alreadySuppressed: Bool) {
        self.consentEventID = consentEventID
        self.alreadySuppressed = alreadySuppressed
    }
}

/// What an erasure removed.
public struct ErasureOutcome: Sendable, Hashable {
    /// The `erasure` consent event (its ledger entry records the erasure).
    public var consentEventID: Int64
    /// The number's keyed hash: what remains of it, and what keeps it suppressed.
    public var phoneKey: String
    /// Rows redacted per table.
    public var redacted: [String: Int]

    public init(consentEventID: Int64, phoneKey: String, redacted: [String: Int]) {
        self.consentEventID = consentEventID
        self.phoneKey = phoneKey
        self.redacted = redacted
    }
}

extension SQLiteStore {
    /// Suppresses a number org-wide through the same path as STOP (subscriptions opted out, pending reviews
    /// superseded) and writes an `opt_out` consent event with the request's source, channel, reason and staff
    /// identity, plus an audit record, in one transaction.
    public func recordOptOut(_ request: OptOutRequest, now: Date) async throws -> OptOutRecorded {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let phone = request.phone.e164
            let already = try db.isSuppressed(phone)
            try db.suppress(phone, source: request.source, at: nowMS)
            try db.append(
                ConsentEntry(
                    phone: phone, campaignID: nil, action: .optOut, channel: request.channel, source: request.source,
                    rawText: request.reason, staff: request.staff, occurredAt: nowMS
                )
            )
            let id = db.lastInsertedRowID
            try db.audit(
                "optout.\(request.source.rawValue)", actor: request.staff ?? "supporter", subject: "consent_event:\(id)",
                detail: request.channel, at: nowMS
            )
            return OptOutRecorded(consentEventID: id, alreadySuppressed: already)
        }
    }

    /// The number of the subscriber with `id` (for unsubscribe links); nil when unknown or erased.
    public func subscriberPhone(id: Int64) async throws -> PhoneNumber? {
        try await self.writer.read { db in
            try String.fetchOne(db, sql: "SELECT phone FROM subscriber WHERE id = ?", arguments: [id]).flatMap(PhoneNumber.init(e164:))
        }
    }

    /// Erases a number's personal data everywhere while keeping it suppressed by its keyed hash.
    ///
    /// In one transaction: the number is suppressed (as by STOP) and its suppression row keyed by
    /// `hmac:<hash>` instead of the number; its consent events keep every chained column but lose the number,
    /// raw text, source URL, IP and user agent (the only update their trigger allows); its inbound texts lose
    /// number and body, its outbound messages number and body (unsent ones are cancelled), its review items
    /// the number, its subscriber row number and name. An `erasure` consent event and an audit record are
    /// chained. Later texts, web opt-ins and imports from the number find it suppressed by the hash.
    public func erase(_ phone: PhoneNumber, actor: String, reason: String?, now: Date) async throws -> ErasureOutcome {
        let clear = phone.e164
        let token = self.erasureKey.erasedPhone(clear)
        return try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            try db.suppress(clear, source: .erasure, at: nowMS)
            try db.execute(
                sql: """
                    INSERT INTO suppression (phone, source, created_at) SELECT ?, source, created_at FROM suppression
                    WHERE phone = ? ON CONFLICT(phone) DO NOTHING
                    """,
                arguments: [token, clear]
            )
            try db.execute(sql: "DELETE FROM suppression WHERE phone = ?", arguments: [clear])
            var redacted: [String: Int] = [:]
            func redact(_ table: String, _ sql: String, _ arguments: StatementArguments) throws {
                try db.execute(sql: sql, arguments: arguments)
                redacted[table] = db.changesCount
            }
            try redact(
                "consent_event",
                """
                UPDATE consent_event SET phone = ?, raw_text = NULL, source_url = NULL, ip = NULL, user_agent = NULL,
                    erased_at = ? WHERE phone = ? AND erased_at IS NULL
                """,
                [token, nowMS, clear]
            )
            try redact("inbound_message", "UPDATE inbound_message SET from_phone = ?, body = '' WHERE from_phone = ?", [token, clear])
            try redact(
                "outbound_message",
                """
                UPDATE outbound_message SET phone = ?, body = NULL, updated_at = ?,
                    reason = CASE WHEN status IN ('queued', 'deferred') AND id NOT IN (SELECT message_id FROM dispatch_lease) THEN 'erased' ELSE reason END,
                    status = CASE WHEN status IN ('queued', 'deferred') AND id NOT IN (SELECT message_id FROM dispatch_lease) THEN 'cancelled' ELSE status END
                WHERE phone = ?
                """,
                [token, nowMS, clear]
            )
            // A text being sent keeps its lease; the body the claim rendered (the first name) goes too.
            try db.execute(
                sql: "UPDATE dispatch_lease SET body = NULL WHERE message_id IN (SELECT id FROM outbound_message WHERE phone = ?)",
                arguments: [token]
            )
            try redact("review_item", "UPDATE review_item SET phone = ? WHERE phone = ?", [token, clear])
            // A number that pressed 9 stays opted out of calls under its keyed hash (press 9 also suppressed it org-wide).
            try redact("voice_suppression", "UPDATE voice_suppression SET phone = ? WHERE phone = ?", [token, clear])
            try redact("subscriber", "UPDATE subscriber SET phone = ? || '#' || id, first_name = NULL WHERE phone = ?", [token, clear])
            try db.append(
                ConsentEntry(phone: token, campaignID: nil, action: .erasure, channel: "other", source: .erasure, staff: actor, occurredAt: nowMS)
            )
            let id = db.lastInsertedRowID
            try db.audit("compliance.erasure", actor: actor, subject: "consent_event:\(id)", detail: reason, at: nowMS)
            return ErasureOutcome(consentEventID: id, phoneKey: String(token.dropFirst(5)), redacted: redacted)
        }
    }
}
