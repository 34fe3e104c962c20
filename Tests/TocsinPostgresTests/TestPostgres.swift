import Foundation
import Logging
import PostgresNIO
import TocsinCore
import TocsinStore
@testable import TocsinPostgres

/// The PostgreSQL server the tests use: `TOCSIN_TEST_POSTGRES_URL` (set by `make test`). Each test gets a
/// database of its own, created empty and dropped afterwards, so tests run in parallel without interfering.
enum TestPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The server URL, or an error saying how to get one (the PostgreSQL tests fail, never skip).
    static func baseURL() throws -> PostgresURL {
        guard let text = ProcessInfo.processInfo.environment["TOCSIN_TEST_POSTGRES_URL"], !text.isEmpty else {
            throw Unavailable(
                description: """
                    TOCSIN_TEST_POSTGRES_URL is not set: run `make test` (it starts a local PostgreSQL), or start one with \
                    `scripts/postgres.sh start DIR` and `export TOCSIN_TEST_POSTGRES_URL=$(cat DIR/url)`
                    """
            )
        }
        return try PostgresURL(text)
    }

    /// Runs `body` with the URL of a fresh empty database, dropped afterwards.
    static func withFreshDatabase<Result: Sendable>(_ body: (PostgresURL) async throws -> Result) async throws -> Result {
        let base = try self.baseURL()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await self.admin(base, "CREATE DATABASE \(name)")
        do {
            let result = try await body(base.with(database: name))
            try await self.admin(base, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await self.admin(base, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs one statement on the server's own database (outside any transaction).
    static func admin(_ base: PostgresURL, _ sql: String) async throws {
        let client = PostgresClient(configuration: base.configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }

    /// Runs `body` with `count` migrated stores (separate clients, as separate instances, sharing one ledger
    /// key) on one fresh database.
    static func withStores<Result: Sendable>(
        _ count: Int, erasureKey: ErasureKey = .random(), _ body: ([PostgresStore]) async throws -> Result
    ) async throws -> Result {
        try await self.withFreshDatabase { url in
            var logger = Logger(label: "test.postgres")
            // The pool warns when a lease comes before its run task has started (harmless here).
            logger.logLevel = .error
            let stores = (0..<count).map { _ in PostgresStore(url: url, logger: logger, erasureKey: erasureKey) }
            return try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.run() } }
                defer { group.cancelAll() }
                for store in stores { try await store.migrate() }
                return try await body(stores)
            }
        }
    }
}
