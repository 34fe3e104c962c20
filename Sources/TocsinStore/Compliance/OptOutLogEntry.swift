import Foundation
import GRDB
import TocsinCore

/// One opt-out as compliance staff must be able to show it (compliance-facts §1.7, §8.A).
public struct OptOutLogEntry: Sendable, Hashable {
    public var consentEventID: Int64
    /// The number in E.164, or `erased` after an erasure.
    public var phone: String
    /// When the request reached the organisation (the text's arrival, else when it was recorded).
    public var receivedAt: Date
    /// `sms`, or for other means the channel staff recorded (`phone`, `email`, `web`, …).
    public var channel: String
    /// `keyword`, `review`, `staff`, `web_link`, `carrier`, …
    public var source: String
    public var rawText: String?
    public var tier: String?
    public var rule: String?
    /// When the number was suppressed.
    public var processedAt: Date
    public var confirmationText: String?
    public var confirmationSentAt: Date?
    /// The reviewer for a review decision, the staff member for a staff entry.
    public var reviewer: String?
    public var staff: String?

    public var timeToSuppress: TimeInterval { self.processedAt.timeIntervalSince(self.receivedAt) }
    public var timeToConfirmation: TimeInterval? { self.confirmationSentAt.map { $0.timeIntervalSince(self.receivedAt) } }

    /// The CSV header matching ``csvFields``.
    public static let csvHeader = [
        "consent_event_id", "phone", "received_at", "channel", "source", "raw_text", "tier", "rule", "processed_at",
        "time_to_suppress_seconds", "confirmation_text", "confirmation_sent_at", "time_to_confirmation_seconds", "reviewer", "staff",
    ]

    /// The fields of one CSV record (times in ISO 8601 UTC with milliseconds, durations in seconds).
    public var csvFields: [String] {
        [
            String(self.consentEventID), self.phone, Self.time(self.receivedAt), self.channel, self.source, self.rawText ?? "",
            self.tier ?? "", self.rule ?? "", Self.time(self.processedAt), Self.seconds(self.timeToSuppress),
            self.confirmationText ?? "", self.confirmationSentAt.map(Self.time) ?? "",
            self.timeToConfirmation.map(Self.seconds) ?? "", self.reviewer ?? "", self.staff ?? "",
        ]
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-21T12:00:00.250Z`.
    public static func time(_ date: Date) -> String { Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date) }
    static func seconds(_ interval: TimeInterval) -> String { String(format: "%.3f", interval) }

    /// The opt-out log's columns and joins, the same text on both engines (callers add the range and order).
    package static let selectSQL = """
        SELECT e.id, e.phone, e.channel, e.source, e.raw_text, e.tier, e.rule, e.staff, e.occurred_at,
            i.received_at, o.body, o.sent_at
        FROM consent_event e
        LEFT JOIN inbound_message i ON i.id = e.inbound_message_id
        LEFT JOIN outbound_message o ON o.id = (
            SELECT x.id FROM outbound_message x WHERE x.phone = e.phone AND x.in_reply_to = e.inbound_message_id
                AND x.kind = 'opt_out_confirmation'
            ORDER BY x.id LIMIT 1)
        WHERE e.action = 'opt_out'
        """

    init(row: Row) {
        self.init(
            consentEventID: row[0], storedPhone: row[1], channel: row[2], source: row[3], rawText: row[4], tier: row[5], rule: row[6],
            staff: row[7], occurredAt: row[8], receivedAt: row[9], confirmationText: row[10], confirmationSentAt: row[11]
        )
    }

    /// An entry from the stored columns of an `opt_out` consent event (times in milliseconds since 1970): an
    /// erased number shows as `erased`, the text's arrival (else the event) is when it was received, and
    /// `staff` is the reviewer of a review decision.
    public init(
        consentEventID: Int64, storedPhone: String, channel: String, source: String, rawText: String?, tier: String?, rule: String?,
        staff: String?, occurredAt: Int64, receivedAt: Int64?, confirmationText: String?, confirmationSentAt: Int64?
    ) {
        let processed = Date(millisecondsSince1970: occurredAt)
        self.init(
            consentEventID: consentEventID, phone: storedPhone.hasPrefix("hmac:") ? "erased" : storedPhone,
            receivedAt: receivedAt.map(Date.init(millisecondsSince1970:)) ?? processed, channel: channel, source: source,
            rawText: rawText, tier: tier, rule: rule, processedAt: processed, confirmationText: confirmationText,
            confirmationSentAt: confirmationSentAt.map(Date.init(millisecondsSince1970:)),
            reviewer: source == "review" ? staff : nil, staff: source == "review" ? nil : staff
        )
    }

    public init(
        consentEventID: Int64, phone: String, receivedAt: Date, channel: String, source: String, rawText: String?, tier: String?,
        rule: String?, processedAt: Date, confirmationText: String?, confirmationSentAt: Date?, reviewer: String?, staff: String?
    ) {
        self.consentEventID = consentEventID
        self.phone = phone
        self.receivedAt = receivedAt
        self.channel = channel
        self.source = source
        self.rawText = rawText
        self.tier = tier
        self.rule = rule
        self.processedAt = processedAt
        self.confirmationText = confirmationText
        self.confirmationSentAt = confirmationSentAt
        self.reviewer = reviewer
        self.staff = staff
    }
}

extension SQLiteStore {
    /// Opt-outs recorded in `[from, to)`, oldest first, at most `limit`.
    public func optOutLog(from: Date, to: Date, limit: Int = 1_000_000) async throws -> [OptOutLogEntry] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db, sql: OptOutLogEntry.selectSQL + " AND e.occurred_at >= ? AND e.occurred_at < ? ORDER BY e.occurred_at, e.id LIMIT ?",
                arguments: [from.millisecondsSince1970, to.millisecondsSince1970, limit]
            ).map(OptOutLogEntry.init(row:))
        }
    }
}
