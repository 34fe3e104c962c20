import Foundation
import PostgresNIO
import TocsinCore

/// One outbound row as the dispatcher left it (tests, operations).
public struct PostgresDispatchRecord: Sendable, Hashable {
    public var id: Int64
    public var phone: String
    public var status: String
    public var reason: String?
    public var body: String?
    public var attempts: Int
    public var sendAfter: Date?
    public var inDoubt: Bool
}

extension PostgresStore {
    /// Outbound rows of one lane counted by status.
    public func outboundStatusCounts(lane: String) async throws -> [String: Int] {
        try await self.read { session in
            let rows = try await session.rows(
                "SELECT status, COUNT(*) AS n FROM outbound_message WHERE lane = \(lane) GROUP BY status"
            )
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.get("status", as: String.self), try $0.get("n", as: Int.self)) })
        }
    }

    /// Every bulk row, in id order.
    public func bulkRecords() async throws -> [PostgresDispatchRecord] {
        try await self.read { session in
            try await session.rows(
                """
                SELECT id, phone, status, reason, body, attempts, send_after, in_doubt FROM outbound_message
                WHERE lane = 'bulk' ORDER BY id
                """
            ).map { row in
                PostgresDispatchRecord(
                    id: try row.get("id"), phone: try row.get("phone"), status: try row.get("status"),
                    reason: try row.get("reason", as: String?.self), body: try row.get("body", as: String?.self),
                    attempts: try row.get("attempts"),
                    sendAfter: try row.get("send_after", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
                    inDoubt: try row.get("in_doubt", as: Int.self) == 1
                )
            }
        }
    }
}
