import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import TocsinCore
import TocsinStore

/// Tocsin's PostgreSQL store, behind the same store protocols as the SQLite one; several `tocsin serve`
/// instances may share one database.
///
/// The client must run while the store is used: add the store to the server's `ServiceGroup` (it is a
/// `Service`), or use ``withPostgresStore(url:logger:erasureKey:_:)``. Every write method runs one transaction that holds
/// the change and its audit record together.
public final class PostgresStore: Sendable, Service {
    let client: PostgresClient
    let logger: Logger
    /// Where it connects (its description hides the password).
    public let url: PostgresURL
    /// The ledger's secret (keyed hashes of numbers and personal fields); never stored in the database.
    let erasureKey: ErasureKey
    /// Where unsubscribe links point and how long they work (set by the server at start).
    let unsubscribeLinks = Mutex<UnsubscribeLinks?>(nil)
    /// Coalesces the send fence's checks into shared reads.
    let sendFenceBatcher: SendFenceBatcher

    /// A store on the database at `url` (not yet connected: run it, then call ``migrate()``).
    ///
    /// - Parameter erasureKey: the ledger's key. A server must pass its configured key, the same for every
    ///   instance and every start: the default, a random key, suits tests and one-off tools only (a ledger
    ///   written under a lost key no longer verifies).
    /// - Throws: ``StoreError`` `invalid` for a malformed URL.
    public convenience init(url: String, logger: Logger = Logger(label: "tocsin.postgres"), erasureKey: ErasureKey = .random()) throws {
        self.init(url: try PostgresURL(url), logger: logger, erasureKey: erasureKey)
    }

    /// A store on the database at `url`.
    ///
    /// The driver logs through `logger` at `info` and above only: its debug and trace messages carry query
    /// results (numbers in clear), which must not reach the logs.
    public init(url: PostgresURL, logger: Logger = Logger(label: "tocsin.postgres"), erasureKey: ErasureKey = .random()) {
        var driverLogger = logger
        driverLogger.logLevel = max(logger.logLevel, .info)
        self.url = url
        self.erasureKey = erasureKey
        self.logger = driverLogger
        self.client = PostgresClient(configuration: url.configuration, backgroundLogger: driverLogger)
        self.sendFenceBatcher = SendFenceBatcher(
            reader: SendFenceReader(client: self.client, logger: driverLogger, erasureKey: erasureKey, url: url).read
        )
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async throws {
        await self.client.run()
    }

    /// Runs `body` in one transaction on one connection, retrying the whole transaction when PostgreSQL
    /// aborts it for a deadlock or a serialization failure (another instance touched the same rows).
    ///
    /// The ledger key is set first, transaction-local (a bound parameter, so it is not in the statement
    /// text): the ledger triggers refuse consent and audit rows in a transaction without it.
    func transaction<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        let key = self.erasureKey.bytesHex
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await self.client.withConnection { connection in
                    let session = PostgresSession(connection: connection, logger: self.logger, erasureKey: self.erasureKey)
                    try await session.execute("BEGIN")
                    do {
                        try await session.execute("SELECT set_config('tocsin.ledger_key', \(key), true)")
                        let result = try await body(session)
                        try await session.execute("COMMIT")
                        return result
                    } catch {
                        _ = try? await session.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PSQLError {
                let state = error.serverInfo?[.sqlState]
                if (state == "40P01" || state == "40001"), attempt < 5 { continue }
                throw Self.storeError(error)
            } catch let error as StoreError {
                throw error
            } catch {
                throw self.poolError(error)
            }
        }
    }

    /// Runs `body` on one connection without a transaction (single reads).
    func read<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        do {
            return try await self.client.withConnection { connection in
                try await body(PostgresSession(connection: connection, logger: self.logger, erasureKey: self.erasureKey))
            }
        } catch let error as PSQLError {
            throw Self.storeError(error)
        } catch let error as StoreError {
            throw error
        } catch {
            throw self.poolError(error)
        }
    }

    /// An error of the connection pool (no connection could be made, the client is shut down).
    func poolError(_ error: any Error) -> StoreError {
        StoreError(.unavailable, "PostgreSQL at \(self.url) is unavailable: \(error)")
    }

    /// A store error that says what the server said (PSQLError's own description hides it).
    static func storeError(_ error: PSQLError) -> StoreError {
        if let server = error.serverInfo {
            let message = server[.message] ?? "unknown error"
            let state = server[.sqlState] ?? "?"
            return StoreError(state == "23505" ? .conflict : .unavailable, "PostgreSQL error \(state): \(message)")
        }
        return StoreError(.unavailable, "PostgreSQL unavailable: \(error.code)\(error.underlying.map { " (\($0))" } ?? "")")
    }
}

/// Runs `body` with a migrated store on the database at `url`, then shuts its client down.
public func withPostgresStore<Result: Sendable>(
    url: String, logger: Logger = Logger(label: "tocsin.postgres"), erasureKey: ErasureKey = .random(),
    _ body: (PostgresStore) async throws -> Result
) async throws -> Result {
    let store = try PostgresStore(url: url, logger: logger, erasureKey: erasureKey)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        defer { group.cancelAll() }
        try await store.probe()
        try await store.migrate()
        return try await body(store)
    }
}
