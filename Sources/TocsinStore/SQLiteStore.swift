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
    /// The rows of bulk claims planned but perhaps not yet visible as taken.
    let reservations = ClaimReservations()
    /// Alert templates parsed by earlier claims.
    let alertTemplates = AlertTemplateCache()
    /// Where claims are planned (see ``readForPlan(_:)``).
    let planQueue = DispatchQueue(label: "tocsin.dispatch.plan")

    /// How hard each commit is pushed to disk.
    public enum Durability: String, Sendable, CaseIterable {
        /// `synchronous = FULL`: every commit is flushed to disk before it returns (survives power loss).
        case full
        /// `synchronous = NORMAL` in WAL mode: commits survive a crash of the process but the last ones
        /// may be lost on power loss; flushes happen at checkpoints.
        case normal
    }

    /// The page cache of each reader connection, in KiB as `PRAGMA cache_size` takes it (negative: KiB).
    static let readerCacheKiB = -2048
    /// The page cache of the writer connection.
    static let writerCacheKiB = -8192

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
                // Page caches stay small, because SQLite scans a whole cache in two cases that a broadcast
                // hits on every batch: a reader drops its cache when another connection has committed since
                // its last read (WAL), and the writer, at the commit of any transaction that split a b-tree
                // page, walks every slot of its cache's hash table (the split parks a page at the lock-byte
                // page number, above the database size, and commit truncates the cache to the size). Measured
                // on the 1M-message dispatch benchmark: 32 MB caches gave 15,000-16,600 msgs/s; 2 MB readers
                // and an 8 MB writer 22,700-25,400 (a 2 MB writer: 20,200, from more page reads).
                try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? Self.readerCacheKiB : Self.writerCacheKiB)")
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
