import Foundation
import GRDB
import TocsinCore

/// A reply to write to the outbox.
struct QueuedReply {
    var to: PhoneNumber
    var from: String
    var body: String
    var kind: MessageKind
    var campaignID: Int64?
    var language: String?
    var inReplyTo: Int64?
    /// The carrier that delivers it inside its webhook response (TwiML), or nil to queue it for sending.
    var sentInline: String?
}

extension Database {
    /// Writes a reply to the outbox: `queued`, or `sent` when it leaves inline in the webhook response.
    func queueReply(_ reply: QueuedReply, at now: Int64, slug knownSlug: String? = nil) throws -> OutboundSMS {
        let statement = try self.cachedStatement(
            sql: """
                INSERT INTO outbound_message (phone, from_number, body, kind, lane, campaign_id, language, in_reply_to,
                    status, carrier, created_at, sent_at, updated_at)
                VALUES (?, ?, ?, ?, 'reply', ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let inline = reply.sentInline != nil
        try statement.execute(arguments: [
            reply.to.e164, reply.from, reply.body, reply.kind.rawValue, reply.campaignID, reply.language,
            reply.inReplyTo, inline ? "sent" : "queued", reply.sentInline, now, inline ? now : nil, now,
        ])
        let slug = try knownSlug ?? reply.campaignID.flatMap { id in
            try String.fetchOne(self.cachedStatement(sql: "SELECT slug FROM campaign WHERE id = ?"), arguments: [id])
        }
        return OutboundSMS(
            id: self.lastInsertedRowID, to: reply.to, from: reply.from, body: reply.body, kind: reply.kind,
            campaign: slug
        )
    }
}

extension SQLiteStore: OutboxStore {
    /// The longest an opt-out confirmation may wait: after 5 minutes it is no longer covered by the prior
    /// consent (47 CFR 64.1200(a)(12)), so it is expired instead of sent.
    public static let optOutConfirmationWindow: TimeInterval = 5 * 60

    public func claim(_ id: Int64, now: Date) async throws -> OutboundSMS? {
        try await self.writer.write { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT o.phone, o.from_number, o.body, o.kind, o.status, o.created_at, c.slug
                    FROM outbound_message o LEFT JOIN campaign c ON c.id = o.campaign_id WHERE o.id = ? AND o.lane = 'reply'
                    """
            )
            guard let row = try Row.fetchOne(select, arguments: [id]), row["status"] as String == "queued" else {
                return nil
            }
            let nowMS = now.millisecondsSince1970
            guard let phone = PhoneNumber(stored: row["phone"]), let kind = MessageKind(rawValue: row["kind"]) else {
                try db.close(id, status: "failed", reason: "invalid stored message", at: nowMS)
                return nil
            }
            if try db.isSuppressed(phone.e164), kind != .optOutConfirmation, kind != .help {
                try db.close(id, status: "suppressed", reason: "number is suppressed (opted out)", at: nowMS)
                return nil
            }
            let createdAt: Int64 = row["created_at"]
            if kind == .optOutConfirmation,
                Double(nowMS - createdAt) / 1000 > SQLiteStore.optOutConfirmationWindow
            {
                try db.close(id, status: "expired", reason: "opt-out confirmation older than 5 minutes", at: nowMS)
                return nil
            }
            try db.execute(
                sql: "UPDATE outbound_message SET status = 'sending', updated_at = ? WHERE id = ?",
                arguments: [nowMS, id]
            )
            return OutboundSMS(id: id, to: phone, from: row["from_number"], body: row["body"], kind: kind, campaign: row["slug"])
        }
    }

    public func markSent(_ id: Int64, carrier: String, carrierMessageID: String, now: Date) async throws {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            try db.execute(
                sql: """
                    UPDATE outbound_message SET status = 'sent', carrier = ?, carrier_message_id = ?, sent_at = ?,
                        updated_at = ? WHERE id = ?
                    """,
                arguments: [carrier, carrierMessageID, nowMS, nowMS, id]
            )
            try db.applyPendingReceipts(at: nowMS)
        }
    }

    public func markFailed(_ id: Int64, carrier: String, error: CarrierError, now: Date) async throws {
        try await self.writer.write { db in
            try db.recordCarrierFailure(id, carrier: carrier, error: error, at: now.millisecondsSince1970)
        }
    }

    public func queuedReplies(limit: Int) async throws -> [Int64] {
        try await self.writer.read { db in
            try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM outbound_message WHERE status = 'queued' AND lane = 'reply' ORDER BY id LIMIT ?"),
                arguments: [limit]
            )
        }
    }

    public func expire(_ id: Int64, reason: String, now: Date) async throws {
        try await self.writer.write { db in
            try db.close(id, status: "expired", reason: reason, at: now.millisecondsSince1970)
        }
    }
}

extension Database {
    /// Closes an outbound message without sending it, recording why.
    func close(_ id: Int64, status: String, reason: String, at now: Int64) throws {
        try self.run("UPDATE outbound_message SET status = ?, reason = ?, lease_until = NULL, updated_at = ? WHERE id = ?", [status, reason, now, id])
    }
}
