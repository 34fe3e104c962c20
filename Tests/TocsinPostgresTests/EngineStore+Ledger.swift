import Foundation
import GRDB
import PostgresNIO
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore

/// A ledger entry as a test compares them across engines.
struct LedgerRow: Sendable, Hashable, CustomStringConvertible {
    var seq: Int64
    var kind: String
    var sourceID: Int64
    var entry: String
    var hash: String

    var description: String { "\(self.seq) \(self.kind):\(self.sourceID) \(self.entry) \(self.hash)" }
}

extension EngineStore {
    /// Runs `body` with a fresh store of `engine` whose ledger key is `key`.
    static func with<Result: Sendable>(
        _ engine: StoreEngine, erasureKey key: ErasureKey, _ body: (EngineStore) async throws -> Result
    ) async throws -> Result {
        switch engine {
        case .sqlite:
            return try await body(EngineStore(engine: engine, sqlite: try SQLiteStore.inMemory(erasureKey: key), postgres: nil))
        case .postgres:
            return try await TestPostgres.withStores(1, erasureKey: key) { stores in
                try await body(EngineStore(engine: engine, sqlite: nil, postgres: stores[0]))
            }
        }
    }

    func verifyLedger() async throws -> LedgerVerification {
        if let sqlite = self.sqlite { return try await sqlite.verifyLedger() }
        return try await self.postgres!.verifyLedger()
    }

    func ledgerHash(seq: Int64) async throws -> String? {
        if let sqlite = self.sqlite { return try await sqlite.ledgerHash(seq: seq) }
        return try await self.postgres!.ledgerHash(seq: seq)
    }

    /// Every ledger entry, in sequence order.
    func ledgerRows() async throws -> [LedgerRow] {
        let sql = "SELECT seq, kind, source_id, entry, hash FROM ledger_entry ORDER BY seq"
        if let sqlite = self.sqlite {
            return try await sqlite.writer.read { db in
                try Row.fetchAll(db, sql: sql).map { LedgerRow(seq: $0[0], kind: $0[1], sourceID: $0[2], entry: $0[3], hash: $0[4]) }
            }
        }
        return try await self.postgres!.read { session in
            try await session.rows(PostgresQuery(unsafeSQL: sql)).map {
                LedgerRow(
                    seq: try $0.get("seq"), kind: try $0.get("kind"), sourceID: try $0.get("source_id"), entry: try $0.get("entry"),
                    hash: try $0.get("hash")
                )
            }
        }
    }
}
