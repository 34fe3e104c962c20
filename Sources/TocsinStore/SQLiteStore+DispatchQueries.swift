import Foundation
import GRDB
import TocsinCore

/// One outbound row as the dispatcher left it (tests, operations).
public struct DispatchRecord: Sendable, Hashable {
    public var id: Int64
    public var phone: String
    public var status: String
    public var reason: String?
    public var body: String?
    public var attempts: Int
    public var sendAfter: Date?
    public var inDoubt: Bool
}

extension SQLiteStore {
    /// A row's status as readers report it: a text leased by a claim (``Migrations/v9DispatchLease``) is
    /// `sending`, whatever its row says until its outcome is recorded. `o` is the outbox row.
    static let reportedStatus = "CASE WHEN EXISTS (SELECT 1 FROM dispatch_lease l WHERE l.message_id = o.id) THEN 'sending' ELSE o.status END"

    /// Outbound rows of one lane counted by status.
    public func outboundStatusCounts(lane: String) async throws -> [String: Int] {
        try await self.writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Self.reportedStatus) AS reported, COUNT(*) FROM outbound_message o WHERE o.lane = ? GROUP BY reported",
                arguments: [lane]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
        }
    }

    /// Every bulk row, in id order (a leased one as `sending`, with its claim's body and attempts and no reason).
    public func bulkRecords() async throws -> [DispatchRecord] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.phone, \(Self.reportedStatus) AS status, CASE WHEN l.message_id IS NULL THEN o.reason END AS reason,
                        COALESCE(l.body, o.body) AS body,
                        COALESCE(l.attempts, o.attempts) AS attempts, o.send_after, o.in_doubt
                    FROM outbound_message o LEFT JOIN dispatch_lease l ON l.message_id = o.id
                    WHERE o.lane = 'bulk' ORDER BY o.id
                    """
            ).map { row in
                DispatchRecord(
                    id: row["id"], phone: row["phone"], status: row["status"], reason: row["reason"], body: row["body"],
                    attempts: row["attempts"], sendAfter: (row["send_after"] as Int64?).map(Date.init(millisecondsSince1970:)),
                    inDoubt: row["in_doubt"] as Bool
                )
            }
        }
    }
}
