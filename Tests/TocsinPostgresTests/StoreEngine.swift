import Foundation
import GRDB
import PostgresNIO
import Testing
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore

/// The two store engines the conformance suites run against.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { self.rawValue }
}

/// Everything a conformance test uses of a store, on either engine.
typealias ConformingStore = OutboxStore & CampaignStore & DispatchStore & AlertStore & InboundStore & ReviewStore
    & DeliveryReceiptStore & OperationsStore & TokenStore & CampaignAdminStore & CallStore

/// One bulk row as a test sees it (the same on both engines).
struct BulkRow: Sendable, Hashable {
    var id: Int64
    var phone: String
    var status: String
    var reason: String?
    var body: String?
    var attempts: Int
    var sendAfter: Date?
    var inDoubt: Bool
}

/// A fresh store of one engine, with the few engine-specific helpers the tests need.
struct EngineStore: Sendable {
    let engine: StoreEngine
    let sqlite: SQLiteStore?
    let postgres: PostgresStore?

    var store: any ConformingStore { self.sqlite ?? self.postgres! }

    /// Runs `body` with a fresh store: SQLite in memory, or PostgreSQL in a database of its own.
    static func with<Result: Sendable>(_ engine: StoreEngine, _ body: (EngineStore) async throws -> Result) async throws -> Result {
        switch engine {
        case .sqlite:
            return try await body(EngineStore(engine: engine, sqlite: try SQLiteStore.inMemory(), postgres: nil))
        case .postgres:
            return try await TestPostgres.withStores(1) { stores in
                try await body(EngineStore(engine: engine, sqlite: nil, postgres: stores[0]))
            }
        }
    }

    /// Raw SQL for edge cases, in one transaction (statements valid on both engines).
    func execute(_ statements: String...) async throws {
        try await self.execute(all: statements)
    }

    /// Raw SQL statements, in one transaction.
    func execute(all statements: [String]) async throws {
        if let sqlite = self.sqlite {
            try await sqlite.writer.write { db in for statement in statements { try db.execute(sql: statement) } }
        } else {
            try await self.postgres!.executeForTests(statements)
        }
    }

    /// The first column of the first row of `sql`, as an integer.
    func count(_ sql: String) async throws -> Int {
        if let sqlite = self.sqlite {
            return try await sqlite.writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
        }
        return try await self.postgres!.read { session in
            try await session.value(PostgresQuery(unsafeSQL: sql), as: Int.self) ?? 0
        }
    }

    func seedSubscribers(campaignID: Int64, count: Int, firstLine: Int = 2_000_000, now: Date) async throws {
        if let sqlite = self.sqlite {
            try await sqlite.seedSubscribers(campaignID: campaignID, count: count, firstLine: firstLine, now: now)
        } else {
            try await self.postgres!.seedSubscribers(campaignID: campaignID, count: count, firstLine: firstLine, now: now)
        }
    }

    func bulkRows() async throws -> [BulkRow] {
        if let sqlite = self.sqlite {
            return try await sqlite.bulkRecords().map {
                BulkRow(
                    id: $0.id, phone: $0.phone, status: $0.status, reason: $0.reason, body: $0.body, attempts: $0.attempts,
                    sendAfter: $0.sendAfter, inDoubt: $0.inDoubt
                )
            }
        }
        return try await self.postgres!.bulkRecords().map {
            BulkRow(
                id: $0.id, phone: $0.phone, status: $0.status, reason: $0.reason, body: $0.body, attempts: $0.attempts,
                sendAfter: $0.sendAfter, inDoubt: $0.inDoubt
            )
        }
    }

    func occurrenceProgress() async throws -> [(cursor: Int64, status: String)] {
        if let sqlite = self.sqlite { return try await sqlite.occurrenceProgress() }
        return try await self.postgres!.occurrenceProgress()
    }
}
