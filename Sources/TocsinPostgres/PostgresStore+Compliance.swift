import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore {
    /// Opt-outs recorded in `[from, to)`, oldest first, at most `limit` (as SQLiteStore's).
    public func optOutLog(from: Date, to: Date, limit: Int = 1_000_000) async throws -> [OptOutLogEntry] {
        try await self.read { session in
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(from.millisecondsSince1970)
            bindings.append(to.millisecondsSince1970)
            bindings.append(Int64(limit))
            return try await session.rows(
                PostgresQuery(
                    unsafeSQL: OptOutLogEntry.selectSQL + " AND e.occurred_at >= $1 AND e.occurred_at < $2 ORDER BY e.occurred_at, e.id LIMIT $3",
                    binds: bindings
                )
            ).map { row in
                OptOutLogEntry(
                    consentEventID: try row.get("id"), storedPhone: try row.get("phone"), channel: try row.get("channel"),
                    source: try row.get("source"), rawText: try row.get("raw_text"), tier: try row.get("tier"), rule: try row.get("rule"),
                    staff: try row.get("staff"), occurredAt: try row.get("occurred_at"), receivedAt: try row.get("received_at"),
                    confirmationText: try row.get("body"), confirmationSentAt: try row.get("sent_at")
                )
            }
        }
    }

    /// The consent proof for `phone` (also after an erasure, by its keyed hash), as SQLiteStore's.
    public func consentProof(_ phone: PhoneNumber) async throws -> ConsentProof {
        let clear = phone.e164
        let token = self.erasureKey.erasedPhone(clear)
        return try await self.read { session in
            let events = try await session.rows(
                """
                SELECT e.id, e.occurred_at, e.action, e.scope, c.slug, e.channel, e.source, e.keyword, e.raw_text, e.tier, e.rule,
                    e.source_url, e.ip, e.user_agent, e.disclosure, e.staff, e.language, e.erased_at, l.seq, l.entry, l.hash,
                    (SELECT p.hash FROM ledger_entry p WHERE p.seq = l.seq - 1) AS previous_hash
                FROM consent_event e LEFT JOIN campaign c ON c.id = e.campaign_id
                LEFT JOIN ledger_entry l ON l.kind = 'consent' AND l.source_id = e.id
                WHERE e.phone IN (\(clear), \(token)) ORDER BY e.id
                """
            ).map { row in
                let seq = try row.get("seq", as: Int64?.self)
                return ConsentProof.Event(
                    consentEventID: try row.get("id"), occurredAt: Date(millisecondsSince1970: try row.get("occurred_at")),
                    action: try row.get("action"), scope: try row.get("scope"), campaign: try row.get("slug"), channel: try row.get("channel"),
                    source: try row.get("source"), keyword: try row.get("keyword"), rawText: try row.get("raw_text"), tier: try row.get("tier"),
                    rule: try row.get("rule"), sourceURL: try row.get("source_url"), ip: try row.get("ip"), userAgent: try row.get("user_agent"),
                    disclosure: try row.get("disclosure"), staff: try row.get("staff"), language: try row.get("language"),
                    erased: try row.get("erased_at", as: Int64?.self) != nil, seq: seq, entry: try row.get("entry"),
                    previousHash: seq == 1 ? LedgerEncoding.genesis : try row.get("previous_hash"), hash: try row.get("hash")
                )
            }
            let head = try await session.row("SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1").map {
                LedgerHead(seq: try $0.get("seq"), hash: try $0.get("hash"))
            }
            return ConsentProof(
                phone: clear, phoneKey: String(token.dropFirst(5)), suppressed: try await session.isSuppressed(clear), events: events,
                head: head
            )
        }
    }

    /// Each number's latest opt-in or opt-out as of `to`, for numbers with such an event in `[from, to)`, in
    /// Twilio's Consents shape (as SQLiteStore's). Erased numbers are left out (their number is gone).
    public func twilioConsents(from: Date, to: Date, senderID: String) async throws -> [TwilioConsentItem] {
        let actions = ["opt_in", "confirm", "re_opt_in", "undo", "opt_out"]
        let fromMS = from.millisecondsSince1970
        let toMS = to.millisecondsSince1970
        return try await self.read { session in
            try await session.rows(
                """
                SELECT e.phone, e.action, e.source, e.occurred_at, l.hash FROM consent_event e
                JOIN ledger_entry l ON l.kind = 'consent' AND l.source_id = e.id
                WHERE e.action = ANY(\(actions)) AND e.occurred_at >= \(fromMS) AND e.occurred_at < \(toMS) AND e.phone NOT LIKE 'hmac:%'
                  AND e.id = (SELECT MAX(x.id) FROM consent_event x WHERE x.phone = e.phone AND x.action = ANY(\(actions)) AND x.occurred_at < \(toMS))
                ORDER BY e.id
                """
            ).map { row in
                TwilioConsentItem(
                    phone: try row.get("phone"), action: try row.get("action"), tocsinSource: try row.get("source"),
                    occurredAt: try row.get("occurred_at"), ledgerHash: try row.get("hash"), senderID: senderID
                )
            }
        }
    }
}
