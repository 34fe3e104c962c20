import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: InstanceRegistry {
    /// One write transaction: the instance's row, the dead rows removed, the live ones counted. Only one
    /// process uses an SQLite file, so this counts 1 in practice (more only when several registries share
    /// one store, as in tests).
    public func heartbeat(_ instance: InstanceInfo, now: Date, staleAfter: TimeInterval) async throws -> Int {
        let nowMS = now.millisecondsSince1970
        let staleMS = nowMS - Int64((staleAfter * 1000).rounded())
        return try await self.writer.write { db in
            try db.run(
                """
                INSERT INTO dispatch_instance (id, host, pid, started_at, seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET seen_at = MAX(seen_at, excluded.seen_at)
                """,
                [instance.id, instance.host, instance.pid, instance.startedAt.millisecondsSince1970, nowMS]
            )
            try db.run("DELETE FROM dispatch_instance WHERE seen_at <= ? AND id <> ?", [staleMS, instance.id])
            let live = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dispatch_instance") ?? 0
            return max(live, 1)
        }
    }

    public func leave(id: String) async throws {
        try await self.writer.write { db in
            try db.run("DELETE FROM dispatch_instance WHERE id = ?", [id])
        }
    }
}
