import Foundation
import GRDB
import TocsinCore

/// An outbound message as stored, for inspection and tests.
public struct OutboundRecord: Sendable, Hashable {
    public var id: Int64
    public var kind: MessageKind?
    public var status: String
    public var body: String
    public var reason: String?
    public var carrier: String?
}

/// A consent-ledger entry as stored.
public struct ConsentRecord: Sendable, Hashable {
    public var id: Int64
    public var action: String
    public var scope: String
    public var campaignSlug: String?
    public var source: String
    public var rawText: String?
    public var disclosure: String?
    public var occurredAt: Date
}

extension SQLiteStore {
    /// Outbound messages to `phone`, oldest first.
    public func outbound(to phone: PhoneNumber) async throws -> [OutboundRecord] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, kind, status, body, reason, carrier FROM outbound_message WHERE phone = ? ORDER BY id",
                arguments: [phone.e164]
            ).map { row in
                OutboundRecord(
                    id: row["id"], kind: MessageKind(rawValue: row["kind"]), status: row["status"], body: row["body"],
                    reason: row["reason"], carrier: row["carrier"]
                )
            }
        }
    }

    /// Consent-ledger entries for `phone`, oldest first.
    public func consentEvents(for phone: PhoneNumber) async throws -> [ConsentRecord] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.action, e.scope, c.slug, e.source, e.raw_text, e.disclosure, e.occurred_at
                    FROM consent_event e LEFT JOIN campaign c ON c.id = e.campaign_id WHERE e.phone = ? ORDER BY e.id
                    """,
                arguments: [phone.e164]
            ).map { row in
                ConsentRecord(
                    id: row[0], action: row[1], scope: row[2], campaignSlug: row[3], source: row[4], rawText: row[5],
                    disclosure: row[6], occurredAt: Date(millisecondsSince1970: row[7])
                )
            }
        }
    }

    /// The number's subscription status for a campaign, or nil when it never had one.
    public func subscriptionStatus(_ phone: PhoneNumber, campaign slug: String) async throws -> SubscriptionStatus? {
        try await self.writer.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT s.status FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                    JOIN campaign c ON c.id = s.campaign_id WHERE p.phone = ? AND c.slug = ? AND s.channel = 'sms'
                    """,
                arguments: [phone.e164, slug]
            ).flatMap(SubscriptionStatus.init(rawValue:))
        }
    }

    /// Whether the number is suppressed org-wide.
    public func isSuppressed(_ phone: PhoneNumber) async throws -> Bool {
        try await self.writer.read { db in try db.isSuppressed(phone.e164) }
    }

    /// Row counts per table, for tests that check nothing was half-written.
    public func rowCount(_ table: String) async throws -> Int {
        let tables: Set = [
            "subscriber", "campaign", "subscription", "suppression", "inbound_message", "outbound_message",
            "consent_event", "audit_event", "api_token",
        ]
        guard tables.contains(table) else { throw StoreError(.invalid, "unknown table \(table)") }
        return try await self.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}
