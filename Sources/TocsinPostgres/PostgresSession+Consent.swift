import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresSession {
    /// Appends a consent-ledger entry; returns its consent event id.
    @discardableResult
    func append(_ entry: ConsentEntry) async throws -> Int64 {
        let id = try await self.value(
            """
            INSERT INTO consent_event (phone, campaign_id, scope, action, channel, source, keyword, raw_text, tier, rule,
                source_url, ip, user_agent, disclosure, staff, inbound_message_id, language, occurred_at)
            VALUES (\(entry.phone), \(entry.campaignID), \(entry.scope), \(entry.action.rawValue), \(entry.channel),
                \(entry.source.rawValue), \(entry.keyword), \(entry.rawText), \(entry.tier), \(entry.rule), \(entry.sourceURL),
                \(entry.ip), \(entry.userAgent), \(entry.disclosure), \(entry.staff), \(entry.inboundMessageID),
                \(entry.language), \(entry.occurredAt)) RETURNING id
            """,
            as: Int64.self
        )
        guard let id else { throw StoreError(.invalid, "the consent event was not saved") }
        return id
    }

    /// Suppresses `phone` org-wide, marks its pending or active subscriptions opted out and supersedes its
    /// pending review items. Returns false when the number was already suppressed.
    @discardableResult
    func suppress(_ phone: String, source: ConsentSource, at now: Int64) async throws -> Bool {
        let inserted = try await self.execute(
            """
            INSERT INTO suppression (phone, source, created_at) VALUES (\(phone), \(source.rawValue), \(now))
            ON CONFLICT (phone) DO NOTHING RETURNING phone
            """
        )
        try await self.execute(
            """
            UPDATE subscription SET status = 'opted_out', updated_at = \(now)
            WHERE status IN ('pending', 'active') AND subscriber_id = (SELECT id FROM subscriber WHERE phone = \(phone))
            """
        )
        try await self.execute(
            "UPDATE review_item SET status = 'superseded', resolved_at = \(now) WHERE phone = \(phone) AND status = 'pending'"
        )
        return inserted > 0
    }

    /// Whether `phone` is on the org-wide suppression list, in clear or (after an erasure) by its keyed hash.
    func isSuppressed(_ phone: String) async throws -> Bool {
        let erased = self.erasedPhone(phone)
        return try await self.value("SELECT EXISTS (SELECT 1 FROM suppression WHERE phone IN (\(phone), \(erased)))", as: Bool.self) ?? false
    }

    /// The subscriber id for `phone`, inserting the subscriber when new (safe when two instances race).
    func subscriberID(for phone: String, at now: Int64) async throws -> Int64 {
        if let id = try await self.value("SELECT id FROM subscriber WHERE phone = \(phone)", as: Int64.self) { return id }
        let zone = PhoneNumber(e164: phone)?.timeZones.first
        if let id = try await self.value(
            """
            INSERT INTO subscriber (phone, time_zone, created_at) VALUES (\(phone), \(zone), \(now))
            ON CONFLICT (phone) DO NOTHING RETURNING id
            """,
            as: Int64.self
        ) {
            return id
        }
        guard let id = try await self.value("SELECT id FROM subscriber WHERE phone = \(phone)", as: Int64.self) else {
            throw StoreError(.invalid, "subscriber \(PhoneNumber(e164: phone)?.masked ?? "?") was not saved")
        }
        return id
    }

    /// Closes an outbound message without sending it, recording why.
    func close(_ id: Int64, status: String, reason: String, at now: Int64) async throws {
        try await self.execute(
            "UPDATE outbound_message SET status = \(status), reason = \(reason), lease_until = NULL, updated_at = \(now) WHERE id = \(id)"
        )
    }

    /// Records a carrier's refusal; a carrier-reported opt-out also suppresses the number with a consent event.
    func recordCarrierFailure(_ id: Int64, carrier: String, error: CarrierError, at now: Int64) async throws {
        let phone = try await self.value(
            """
            UPDATE outbound_message SET status = 'failed', carrier = \(carrier), reason = \(error.description),
                lease_until = NULL, updated_at = \(now) WHERE id = \(id) RETURNING phone
            """,
            as: String.self
        )
        guard error.kind == .recipientOptedOut, let phone else { return }
        if try await self.suppress(phone, source: .carrier, at: now) {
            try await self.append(
                ConsentEntry(
                    phone: phone, action: .optOut, source: .carrier, rawText: error.code.map { "carrier error \($0)" },
                    occurredAt: now
                )
            )
            try await self.audit("carrier.opt_out", actor: carrier, subject: "outbound_message:\(id)", detail: error.code, at: now)
        }
    }
}
