import Foundation
import Logging
import PostgresNIO
import TocsinPostgres
import TocsinStore

/// The PostgreSQL plumbing of the bench: a fresh database, a running migrated store, raw row counts.
enum PostgresBenchDatabase {
    /// The ledger key every bench process shares, so that two instances write one verifiable ledger. A fixed
    /// value is fine here: the bench's data is synthetic and its database is thrown away.
    static func erasureKey() throws -> ErasureKey {
        try ErasureKey(text: String(repeating: "5e", count: 32))
    }

    /// Errors and warnings to standard error (a failing claim or commit must not go unseen); the driver's
    /// own chatter off.
    static let logger: Logger = {
        var logger = Logger(label: "bench.postgres", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }()

    /// Drops the database that `url` names and creates it again, empty (through the server's `postgres`
    /// database), so that each run starts from the same state: no rows, no dead tuples.
    static func recreate(url text: String) async throws {
        let url = try PostgresURL(text)
        let name = url.database.replacingOccurrences(of: "\"", with: "\"\"")
        try await self.execute(
            on: url.with(database: "postgres"),
            ["DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)", "CREATE DATABASE \"\(name)\""]
        )
    }

    /// Runs `body` with a store on `url`, its connection pool running, migrated.
    static func withStore<Result: Sendable>(url: String, _ body: (PostgresStore) async throws -> Result) async throws -> Result {
        try await withPostgresStore(url: url, logger: self.logger, erasureKey: try self.erasureKey(), body)
    }

    /// Rows in `table` (a plain table name such as `inbound_message`).
    static func count(url text: String, table: String) async throws -> Int {
        guard !table.isEmpty, table.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) else {
            throw BenchError("pg-count: '\(table)' is not a table name (letters and underscores only)")
        }
        let rows = try await self.query(on: try PostgresURL(text), "SELECT COUNT(*) FROM \(table)")
        return rows.first ?? 0
    }

    /// Runs statements one after another, outside any transaction.
    static func execute(on url: PostgresURL, _ statements: [String]) async throws {
        let client = PostgresClient(configuration: url.configuration, backgroundLogger: self.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            for statement in statements {
                try await client.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
            }
        }
    }

    /// The first column, as integers, of every row of one query.
    static func query(on url: PostgresURL, _ sql: String) async throws -> [Int] {
        let client = PostgresClient(configuration: url.configuration, backgroundLogger: self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            var values: [Int] = []
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: self.logger).decode(Int.self) {
                values.append(value)
            }
            return values
        }
    }
}

/// A bench step that cannot go on, with what to do about it.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
