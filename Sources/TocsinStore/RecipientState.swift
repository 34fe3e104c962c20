import Foundation
import GRDB
import TocsinCore

/// What the gate needs to know about recipients, read in one statement: for one message (calls) or for a
/// whole claimed batch (texts). Both statements share one column list, so their reads cannot drift apart.
enum RecipientState {
    /// The state columns, with the SQL expressions that give the recipient's phone, the campaign id, the
    /// channel, the message's own id (left out of the recent sends) and the start of the frequency window.
    static func columns(phone: String, campaign: String, channel: String, message: String, since: String, sameChannelOnly: Bool) -> String {
        """
        p.id, p.first_name, p.language, p.time_zone, p.last_reminder_at, s.status,
            EXISTS (SELECT 1 FROM suppression x WHERE x.phone = \(phone)) AS suppressed,
            EXISTS (SELECT 1 FROM review_item r WHERE r.phone = \(phone) AND r.status = 'pending') AS review,
            (SELECT group_concat(COALESCE(l.leased_at, o.sent_at, o.updated_at)) FROM outbound_message o INDEXED BY outbound_by_phone
             LEFT JOIN dispatch_lease l ON l.message_id = o.id
             WHERE o.phone = \(phone) AND o.campaign_id = \(campaign) AND o.lane = 'bulk'\(sameChannelOnly ? " AND o.channel = \(channel)" : "")
               AND o.id <> \(message) AND (o.status IN ('sending', 'sent', 'delivered', 'undelivered') OR l.message_id IS NOT NULL)
               AND COALESCE(l.leased_at, o.sent_at, o.updated_at) > \(since)) AS recent,
            (SELECT CASE WHEN c.action = 'confirm' THEN 'web_form' ELSE c.source END FROM consent_event c
             WHERE c.phone = \(phone) AND (c.campaign_id = \(campaign) OR c.campaign_id IS NULL)
               AND c.action IN ('opt_in_requested', 'opt_in', 'confirm', 're_opt_in', 'undo')
             ORDER BY c.id DESC LIMIT 1) AS consent_source
        """
    }

    /// The statement for one message. Arguments: ?1 phone, ?2 campaign id, ?3 channel, ?4 the message's own
    /// id, ?5 the start of the frequency window; `extraColumns` may use more.
    ///
    /// - Parameter sameChannelOnly: count only the campaign's recent sends on this channel (calls); else
    ///   every bulk send of the campaign counts (texts).
    static func sql(sameChannelOnly: Bool = false, extraColumns: String = "") -> String {
        """
        SELECT \(Self.columns(phone: "q.phone", campaign: "?2", channel: "?3", message: "?4", since: "?5", sameChannelOnly: sameChannelOnly))\(extraColumns)
        FROM (SELECT ?1 AS phone) q LEFT JOIN subscriber p ON p.phone = q.phone
        LEFT JOIN subscription s ON s.subscriber_id = p.id AND s.campaign_id = ?2 AND s.channel = ?3
        """
    }

    /// The statement for `count` SMS messages at once: its first column is the message id. Arguments: ?1
    /// the start of the frequency window, then (message id, phone, campaign id) for each message.
    static func batchSQL(count: Int) -> String {
        Self.batchSQLs[count]
    }

    static let batchSQLs = SQLValues.statements(Self.makeBatchSQL(count:))

    static func makeBatchSQL(count: Int) -> String {
        let rows = SQLValues.placeholders(rows: count, columns: 3, first: 2)
        return """
            WITH q(message, phone, campaign) AS (VALUES \(rows))
            SELECT q.message, \(Self.columns(phone: "q.phone", campaign: "q.campaign", channel: "'sms'", message: "q.message", since: "?1", sameChannelOnly: false))
            FROM q LEFT JOIN subscriber p ON p.phone = q.phone
            LEFT JOIN subscription s ON s.subscriber_id = p.id AND s.campaign_id = q.campaign AND s.channel = 'sms'
            """
    }

    /// Decodes the state columns starting at `offset` (nil row: nothing is known about the number).
    static func snapshot(_ row: Row?, offset: Int = 0) -> RecipientSnapshot {
        guard let row else { return RecipientSnapshot() }
        let recent = (row[offset + 8] as String?).map { text in
            text.split(separator: ",").compactMap { Int64($0) }.map(Date.init(millisecondsSince1970:))
        }
        return RecipientSnapshot(
            subscriberID: row[offset], firstName: row[offset + 1], language: row[offset + 2], timeZone: row[offset + 3],
            lastReminder: (row[offset + 4] as Int64?).map(Date.init(millisecondsSince1970:)),
            subscription: (row[offset + 5] as String?).flatMap(SubscriptionStatus.init(rawValue:)),
            suppressed: row[offset + 6] as Bool? ?? false, pendingReview: row[offset + 7] as Bool? ?? false,
            recentSends: recent ?? [], consentSource: row[offset + 9]
        )
    }

    /// The state of every candidate's recipient, by message id, in statements of at most 100 messages.
    static func fetch(_ db: Database, candidates: [(campaign: Int64, candidate: ClaimCandidate)], since: Int64) throws -> [Int64: RecipientSnapshot] {
        var states: [Int64: RecipientSnapshot] = [:]
        states.reserveCapacity(candidates.count)
        for chunk in SQLValues.chunks(candidates) {
            var arguments: [(any DatabaseValueConvertible)?] = [since]
            arguments.reserveCapacity(1 + 3 * chunk.count)
            for (campaign, candidate) in chunk {
                arguments.append(candidate.id)
                arguments.append(candidate.phone.e164)
                arguments.append(campaign)
            }
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: Self.batchSQL(count: chunk.count)), arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                states[row[0]] = Self.snapshot(row, offset: 1)
            }
        }
        return states
    }
}
