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
    /// Outbound rows of one lane counted by status.
    public func outboundStatusCounts(lane: String) async throws -> [String: Int] {
        try await self.writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) FROM outbound_message WHERE lane = ? GROUP BY status", arguments: [lane]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
        }
    }

    /// Every bulk row, in id order.
    public func bulkRecords() async throws -> [DispatchRecord] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, phone, status, reason, body, attempts, send_after, in_doubt FROM outbound_message
                    WHERE lane = 'bulk' ORDER BY id
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
