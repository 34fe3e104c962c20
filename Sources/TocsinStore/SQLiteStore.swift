import Foundation
import GRDB
import Synchronization
import TocsinCore

/// Tocsin's SQLite store (WAL, `synchronous = FULL`), behind the store protocols of `TocsinCore`.
///
/// Every write method runs one transaction that holds the change and its audit record together.
public final class SQLiteStore: Sendable {
    let writer: any DatabaseWriter
    /// Keys the ledger's hashes of numbers and personal fields, and signs unsubscribe links.
    let erasureKey: ErasureKey
    /// Where unsubscribe links point and how long they work (set by the server at start).
    let unsubscribeLinks = Mutex<UnsubscribeLinks?>(nil)

    /// How hard each commit is pushed to disk.
    public enum Durability: String, Sendable, CaseIterable {
        /// `synchronous = FULL`: every commit is flushed to disk before it returns (survives power loss).
        case full
        /// `synchronous = NORMAL` in WAL mode: commits survive a crash of the process but the last ones
        /// may be lost on power loss; flushes happen at checkpoints.
        case normal
    }

    /// Opens (creating if needed) the database file at `path` and migrates it.
    ///
    /// - Parameter erasureKey: the ledger's secret key; nil reads it from `<path>.erasure-key`, creating that
    ///   file (mode 0600) with a random key the first time.
    /// - Throws: ``StoreError`` `unavailable` with a message saying which file could not be opened.
    public init(path: String, durability: Durability = .full, erasureKey: ErasureKey? = nil) throws {
        let key = try erasureKey ?? ErasureKey.loadOrCreate(file: ErasureKey.defaultFile(forDatabase: path))
        self.erasureKey = key
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // Each inbound message of a group commit runs in its own savepoint; SQLite keeps a
                // savepoint's undo pages in a statement journal, which must live in memory, not in a temp
                // file (measured: 30 file writes per message on disk, none in memory).
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                try db.execute(sql: "PRAGMA cache_size = -32768")
                LedgerSQL.register(db, key: key)
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets `synchronous = NORMAL` on the writer after `prepareDatabase`; set FULL afterwards.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
            }
            self.writer = pool
            try Migrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError(.unavailable, "cannot open database \(path): \(error.message ?? "\(error)")")
        }
    }

    /// An in-memory database with the same schema, for tests.
    public static func inMemory(erasureKey: ErasureKey = .random()) throws -> SQLiteStore {
        var configuration = Configuration()
        configuration.prepareDatabase { db in LedgerSQL.register(db, key: erasureKey) }
        return try SQLiteStore(writer: DatabaseQueue(configuration: configuration), erasureKey: erasureKey)
    }

    init(writer: any DatabaseWriter, erasureKey: ErasureKey) throws {
        self.writer = writer
        self.erasureKey = erasureKey
        try Migrations.migrator.migrate(writer)
    }

    /// The `synchronous` pragma in force on the writer (2 = FULL, 1 = NORMAL).
    public func synchronousMode() throws -> Int {
        try self.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Whether every registered migration has been applied.
    public func migrationsAreCurrent() throws -> Bool {
        try self.writer.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
    }
}

// MARK: - Shared write helpers

extension Database {
    /// Appends an audit record; call it inside the transaction of the change it records.
    func audit(_ action: String, actor: String, subject: String?, detail: String?, at now: Int64) throws {
        let statement = try self.cachedStatement(
            sql: "INSERT INTO audit_event (occurred_at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)"
        )
        try statement.execute(arguments: [now, actor, action, subject, detail])
    }

    /// Runs one statement through the statement cache (hot paths never re-parse SQL).
    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try self.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The subscriber id for `phone`, inserting the subscriber when new.
    func subscriberID(for phone: String, at now: Int64) throws -> Int64 {
        let select = try self.cachedStatement(sql: "SELECT id FROM subscriber WHERE phone = ?")
        if let id = try Int64.fetchOne(select, arguments: [phone]) { return id }
        let insert = try self.cachedStatement(sql: "INSERT INTO subscriber (phone, time_zone, created_at) VALUES (?, ?, ?)")
        try insert.execute(arguments: [phone, PhoneNumber(e164: phone)?.timeZones.first, now])
        return self.lastInsertedRowID
    }
}
