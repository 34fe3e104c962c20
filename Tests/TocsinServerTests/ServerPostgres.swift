import Foundation
import Logging
import PostgresNIO
import TocsinCore
import TocsinPostgres
import TocsinServer
import TocsinStore
import TocsinTesting

/// The PostgreSQL server the server tests use: `TOCSIN_TEST_POSTGRES_URL` (set by `make test`). Each test gets
/// a database of its own, created empty and dropped afterwards. Without the variable the tests fail (never skip).
enum ServerPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The server URL, or an error saying how to get one.
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

    /// Runs the `tocsin` CLI on a thread of its own, so waiting for the process never holds one of the few
    /// threads every other test's tasks run on.
    static func tocsin(_ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
        try await self.offPool { try CLIProcess.run(arguments) }
    }

    /// Runs blocking `work` on a thread of its own.
    static func offPool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// The URL of `url` as text, password included (for configuration files and `--db`).
    static func text(_ url: PostgresURL) -> String {
        let user = url.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? url.user
        let password = url.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? ""
        return "postgres://\(user)\(password)@\(url.host):\(url.port)/\(url.database)"
    }

    /// Runs `body` with the URL of a fresh empty database, dropped afterwards.
    static func withFreshDatabase<Result: Sendable>(_ body: (PostgresURL) async throws -> Result) async throws -> Result {
        let base = try self.baseURL()
        let name = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
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

    /// Runs `body` with a running, migrated store on `url` (the app's erasure key), shut down afterwards.
    static func withStore<Result: Sendable>(url: PostgresURL, _ body: (PostgresStore) async throws -> Result) async throws -> Result {
        var logger = Logger(label: "test.postgres")
        logger.logLevel = .error
        let store = PostgresStore(url: url, logger: logger, erasureKey: TestApp.erasureKey)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            return try await body(store)
        }
    }

    /// Runs `body` with a ``TestApp`` built on a PostgreSQL store of its own.
    static func withApp<Result: Sendable>(
        values: [String: String] = [:], _ body: (TestApp, PostgresStore) async throws -> Result
    ) async throws -> Result {
        try await self.withFreshDatabase { url in
            try await self.withStore(url: url) { store in
                try await body(try await TestApp(values: values, store: store), store)
            }
        }
    }
}
