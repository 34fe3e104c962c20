import Foundation
import PostgresNIO
import TocsinCore

/// A reply to write to the outbox.
struct QueuedReply: Sendable {
    var to: PhoneNumber
    var from: String
    var body: String
    var kind: MessageKind
    var campaignID: Int64?
    var language: String?
    /// The inbound message it answers.
    var inReplyTo: Int64?
    /// The carrier that delivers it inside its webhook response (TwiML), or nil to queue it for sending.
    var sentInline: String?
}

extension PostgresSession {
    /// Writes a reply to the outbox: `queued`, or `sent` when it leaves inline in the webhook response.
    func queueReply(_ reply: QueuedReply, at now: Int64) async throws -> OutboundSMS {
        let status = reply.sentInline == nil ? "queued" : "sent"
        let sentAt: Int64? = reply.sentInline == nil ? nil : now
        guard
            let row = try await self.row(
                """
                INSERT INTO outbound_message (phone, from_number, body, kind, lane, campaign_id, language, in_reply_to,
                    status, carrier, created_at, sent_at, updated_at)
                VALUES (\(reply.to.e164), \(reply.from), \(reply.body), \(reply.kind.rawValue), 'reply', \(reply.campaignID),
                    \(reply.language), \(reply.inReplyTo), \(status), \(reply.sentInline), \(now), \(sentAt), \(now))
                RETURNING id, (SELECT slug FROM campaign WHERE id = \(reply.campaignID)) AS slug
                """
            )
        else { throw StoreError(.invalid, "the reply was not queued") }
        return OutboundSMS(
            id: try row.get("id"), to: reply.to, from: reply.from, body: reply.body, kind: reply.kind,
            campaign: try row.get("slug", as: String?.self)
        )
    }
}

extension PostgresStore: OutboxStore {
    /// The longest an opt-out confirmation may wait (see the SQLite store's `optOutConfirmationWindow`).
    public static let optOutConfirmationWindow: TimeInterval = 5 * 60

    public func claim(_ id: Int64, now: Date) async throws -> OutboundSMS? {
        try await self.transaction { session in
            // The row lock makes a second instance wait, then see the row is no longer queued.
            guard
                let row = try await session.row(
                    """
                    SELECT o.phone, o.from_number, o.body, o.kind, o.status, o.created_at, c.slug
                    FROM outbound_message o LEFT JOIN campaign c ON c.id = o.campaign_id
                    WHERE o.id = \(id) AND o.lane = 'reply' FOR UPDATE OF o
                    """
                ),
                try row.get("status", as: String.self) == "queued"
            else { return nil }
            let nowMS = now.millisecondsSince1970
            guard let phone = PhoneNumber(stored: try row.get("phone")),
                let kind = MessageKind(rawValue: try row.get("kind"))
            else {
                try await session.close(id, status: "failed", reason: "invalid stored message", at: nowMS)
                return nil
            }
            if try await session.isSuppressed(phone.e164), kind != .optOutConfirmation, kind != .help {
                try await session.close(id, status: "suppressed", reason: "number is suppressed (opted out)", at: nowMS)
                return nil
            }
            let createdAt = try row.get("created_at", as: Int64.self)
            if kind == .optOutConfirmation, Double(nowMS - createdAt) / 1000 > Self.optOutConfirmationWindow {
                try await session.close(id, status: "expired", reason: "opt-out confirmation older than 5 minutes", at: nowMS)
                return nil
            }
            // A lease, so another instance's crash recovery leaves this send alone while it is in flight.
            let leaseUntil = nowMS + Int64(Self.optOutConfirmationWindow * 1000)
            try await session.execute(
                "UPDATE outbound_message SET status = 'sending', lease_until = \(leaseUntil), updated_at = \(nowMS) WHERE id = \(id)"
            )
            return OutboundSMS(
                id: id, to: phone, from: try row.get("from_number"), body: try row.get("body", as: String?.self) ?? "",
                kind: kind, campaign: try row.get("slug", as: String?.self)
            )
        }
    }

    public func markSent(_ id: Int64, carrier: String, carrierMessageID: String, now: Date) async throws {
        let nowMS = now.millisecondsSince1970
        try await self.transaction { session in
            try await session.lockReceipts([(carrier, carrierMessageID)])
            try await session.execute(
                """
                UPDATE outbound_message SET status = 'sent', carrier = \(carrier), carrier_message_id = \(carrierMessageID),
                    sent_at = \(nowMS), lease_until = NULL, updated_at = \(nowMS) WHERE id = \(id)
                """
            )
            try await session.applyPendingReceipts(at: nowMS)
        }
    }

    public func markFailed(_ id: Int64, carrier: String, error: CarrierError, now: Date) async throws {
        try await self.transaction { session in
            try await session.recordCarrierFailure(id, carrier: carrier, error: error, at: now.millisecondsSince1970)
        }
    }

    public func queuedReplies(limit: Int) async throws -> [Int64] {
        try await self.read { session in
            try await session.rows(
                "SELECT id FROM outbound_message WHERE status = 'queued' AND lane = 'reply' ORDER BY id LIMIT \(limit)"
            ).map { try $0.get("id", as: Int64.self) }
        }
    }

    public func expire(_ id: Int64, reason: String, now: Date) async throws {
        try await self.transaction { session in
            try await session.close(id, status: "expired", reason: reason, at: now.millisecondsSince1970)
        }
    }
}
