import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore {
    /// Checks the whole chain and every consent and audit row against its entry, in one read snapshot (the
    /// same checks and messages as the SQLite store's `verifyLedger`).
    ///
    /// - Parameter progress: called every 10,000 entries and at the end with (checked, total).
    public func verifyLedger(progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> LedgerVerification {
        let key = self.erasureKey
        return try await self.snapshot { session in
            try await PostgresLedgerVerifier(session: session, key: key, progress: progress).run()
        }
    }

    /// The last entry of the ledger, nil when it is empty.
    public func ledgerHead() async throws -> LedgerHead? {
        try await self.read { session in
            try await session.row("SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1").map {
                LedgerHead(seq: try $0.get("seq"), hash: try $0.get("hash"))
            }
        }
    }

    /// The hash of entry `seq`, nil when there is no such entry (to check a head recorded earlier).
    public func ledgerHash(seq: Int64) async throws -> String? {
        try await self.read { session in
            try await session.value("SELECT hash FROM ledger_entry WHERE seq = \(seq)", as: String.self)
        }
    }

    /// Runs `body` in one read-only repeatable-read transaction: every query sees the same snapshot.
    func snapshot<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        try await self.read { session in
            try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try await body(session)
                try await session.execute("COMMIT")
                return result
            } catch {
                _ = try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }
}
