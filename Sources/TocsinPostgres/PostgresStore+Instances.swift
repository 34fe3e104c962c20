import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: InstanceRegistry {
    /// One transaction: the instance's row, the dead rows removed, the live ones counted (READ COMMITTED:
    /// it counts every other instance's last committed heartbeat). A heartbeat racing another instance's
    /// cleanup is safe: a row updated while a delete waits for it is re-checked, and kept, once fresh.
    public func heartbeat(_ instance: InstanceInfo, now: Date, staleAfter: TimeInterval) async throws -> Int {
        let nowMS = now.millisecondsSince1970
        let staleMS = nowMS - Int64((staleAfter * 1000).rounded())
        let startedMS = instance.startedAt.millisecondsSince1970
        return try await self.transaction { session in
            try await session.execute(
                """
                INSERT INTO dispatch_instance (id, host, pid, started_at, seen_at)
                VALUES (\(instance.id), \(instance.host), \(instance.pid), \(startedMS), \(nowMS))
                ON CONFLICT (id) DO UPDATE SET seen_at = GREATEST(dispatch_instance.seen_at, excluded.seen_at)
                """
            )
            try await session.execute("DELETE FROM dispatch_instance WHERE seen_at <= \(staleMS) AND id <> \(instance.id)")
            let live = try await session.value("SELECT COUNT(*) FROM dispatch_instance", as: Int.self) ?? 0
            return max(live, 1)
        }
    }

    public func leave(id: String) async throws {
        _ = try await self.transaction { session in
            try await session.execute("DELETE FROM dispatch_instance WHERE id = \(id)")
        }
    }
}
