import Foundation
import Logging
import TocsinCore
import TocsinPostgres
import TocsinStore

extension TocsinConfig {
    /// Whether `storage.database` names a PostgreSQL server (`postgres://` or `postgresql://`) rather than a
    /// SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Checks a PostgreSQL `storage.database` when the configuration is read (never quoting its password).
    static func checkStorage(_ database: String) throws(ConfigError) {
        guard Self.isPostgresURL(database) else { return }
        do { _ = try PostgresURL(database) } catch {
            throw ConfigError("storage.database: \((error as? StoreError)?.message ?? "invalid PostgreSQL URL")")
        }
    }

    /// The PostgreSQL server of `storage.database`, or nil when it is a SQLite file.
    ///
    /// - Throws: ``ConfigError`` for a malformed URL.
    public func postgresURL() throws(ConfigError) -> PostgresURL? {
        guard Self.isPostgresURL(self.databasePath) else { return nil }
        do { return try PostgresURL(self.databasePath) } catch {
            throw ConfigError("storage.database: \((error as? StoreError)?.message ?? "invalid PostgreSQL URL")")
        }
    }

    /// `storage.database` as it may be shown or logged: a PostgreSQL URL without its password.
    public var databaseDescription: String {
        guard Self.isPostgresURL(self.databasePath) else { return self.databasePath }
        return (try? self.postgresURL())?.description ?? "postgres://(invalid URL)"
    }

    /// The ledger key of a PostgreSQL store: `compliance.erasure_key`, required (there is no key file beside
    /// a server database, and every instance must use the same key).
    ///
    /// - Throws: ``ConfigError`` saying to set it.
    public func postgresErasureKey() throws(ConfigError) -> ErasureKey {
        guard let text = self.ledger.erasureKey else {
            throw ConfigError(
                "PostgreSQL needs compliance.erasure_key (TOCSIN_COMPLIANCE_ERASURE_KEY), the same on every instance "
                    + "(e.g. `openssl rand -hex 32`, kept in your secret store): the key file beside a SQLite database does not apply"
            )
        }
        do { return try ErasureKey(text: text) } catch { throw ConfigError("compliance.erasure_key: \(error)") }
    }

    /// A PostgreSQL store on `storage.database` with the configured key, not yet running: run it (it is a
    /// `Service`) before any query, then ``prepare(_:)`` it.
    ///
    /// - Throws: ``ConfigError`` when `storage.database` is not a valid PostgreSQL URL or the key is missing.
    public func makePostgresStore(logger: Logger) throws(ConfigError) -> PostgresStore {
        guard let url = try self.postgresURL() else {
            throw ConfigError("storage.database is not a PostgreSQL URL (postgres://user:password@host:port/database)")
        }
        return PostgresStore(url: url, logger: logger, erasureKey: try self.postgresErasureKey())
    }

    /// Runs `body` with the configured store, open and migrated: SQLite opens the file; PostgreSQL runs its
    /// client for the duration of `body` (checking the server answers first), then shuts it down.
    ///
    /// - Throws: ``ConfigError`` for a configuration problem; ``StoreError`` `unavailable` (one line: the server
    ///   without its password and the reason) when PostgreSQL cannot be reached; errors of `body`.
    public func withServerStore<Result: Sendable>(
        logger: Logger = Logger(label: "tocsin.store"), _ body: (any ServerStore) async throws -> Result
    ) async throws -> Result {
        guard Self.isPostgresURL(self.databasePath) else { return try await body(try self.openStore()) }
        let store = try self.makePostgresStore(logger: logger)
        try await store.probe()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            return try await body(store)
        }
    }
}
