import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore {
    /// Suppresses a number org-wide through the same path as STOP (subscriptions opted out, pending reviews
    /// superseded) and writes an `opt_out` consent event with the request's source, channel, reason and staff
    /// identity, plus an audit record, in one transaction (as SQLiteStore's).
    public func recordOptOut(_ request: OptOutRequest, now: Date) async throws -> OptOutRecorded {
        let nowMS = now.millisecondsSince1970
        let phone = request.phone.e164
        return try await self.transaction { session in
            let already = try await session.isSuppressed(phone)
            try await session.suppress(phone, source: request.source, at: nowMS)
            let id = try await session.append(
                ConsentEntry(
                    phone: phone, action: .optOut, channel: request.channel, source: request.source, rawText: request.reason,
                    staff: request.staff, occurredAt: nowMS
                )
            )
            try await session.audit(
                "optout.\(request.source.rawValue)", actor: request.staff ?? "supporter", subject: "consent_event:\(id)",
                detail: request.channel, at: nowMS
            )
            return OptOutRecorded(consentEventID: id, alreadySuppressed: already)
        }
    }

    /// The number of the subscriber with `id` (for unsubscribe links); nil when unknown or erased.
    public func subscriberPhone(id: Int64) async throws -> PhoneNumber? {
        try await self.read { session in
            try await session.value("SELECT phone FROM subscriber WHERE id = \(id)", as: String.self).flatMap(PhoneNumber.init(e164:))
        }
    }

    /// Erases a number's personal data everywhere while keeping it suppressed by its keyed hash (as
    /// SQLiteStore's, in one transaction with its `erasure` consent event and audit record).
    ///
    /// The suppression row moves to `hmac:<hash>`; consent events keep every chained column but lose the
    /// number, raw text, source URL, IP and user agent (the only update their trigger allows); inbound texts
    /// lose number and body, outbound messages number and body (unsent ones are cancelled), review items the
    /// number, the subscriber row number and name. Later texts, web opt-ins and staff opt-outs from the number
    /// find it suppressed by the hash.
    public func erase(_ phone: PhoneNumber, actor: String, reason: String?, now: Date) async throws -> ErasureOutcome {
        let clear = phone.e164
        let token = self.erasureKey.erasedPhone(clear)
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            try await session.suppress(clear, source: .erasure, at: nowMS)
            try await session.execute(
                """
                INSERT INTO suppression (phone, source, created_at) SELECT \(token), source, created_at FROM suppression
                WHERE phone = \(clear) ON CONFLICT (phone) DO NOTHING
                """
            )
            try await session.execute("DELETE FROM suppression WHERE phone = \(clear)")
            var redacted: [String: Int] = [:]
            redacted["consent_event"] = try await session.execute(
                """
                UPDATE consent_event SET phone = \(token), raw_text = NULL, source_url = NULL, ip = NULL, user_agent = NULL,
                    erased_at = \(nowMS) WHERE phone = \(clear) AND erased_at IS NULL RETURNING id
                """
            )
            redacted["inbound_message"] = try await session.execute(
                "UPDATE inbound_message SET from_phone = \(token), body = '' WHERE from_phone = \(clear) RETURNING id"
            )
            redacted["outbound_message"] = try await session.execute(
                """
                UPDATE outbound_message SET phone = \(token), body = NULL, updated_at = \(nowMS),
                    reason = CASE WHEN status IN ('queued', 'deferred') THEN 'erased' ELSE reason END,
                    status = CASE WHEN status IN ('queued', 'deferred') THEN 'cancelled' ELSE status END
                WHERE phone = \(clear) RETURNING id
                """
            )
            redacted["review_item"] = try await session.execute(
                "UPDATE review_item SET phone = \(token) WHERE phone = \(clear) RETURNING id"
            )
            // A number that pressed 9 stays opted out of calls under its keyed hash (press 9 also suppressed it org-wide).
            redacted["voice_suppression"] = try await session.execute(
                "UPDATE voice_suppression SET phone = \(token) WHERE phone = \(clear) RETURNING phone"
            )
            redacted["subscriber"] = try await session.execute(
                "UPDATE subscriber SET phone = \(token) || '#' || id, first_name = NULL WHERE phone = \(clear) RETURNING id"
            )
            let id = try await session.append(
                ConsentEntry(phone: token, action: .erasure, channel: "other", source: .erasure, staff: actor, occurredAt: nowMS)
            )
            try await session.audit("compliance.erasure", actor: actor, subject: "consent_event:\(id)", detail: reason, at: nowMS)
            return ErasureOutcome(consentEventID: id, phoneKey: String(token.dropFirst(5)), redacted: redacted)
        }
    }
}
