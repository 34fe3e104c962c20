import Testing
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore
import GRDB

struct PostgresMigrationsTests {
    @Test func migrationsAreRecordedOnceAndReapplyingIsANoOp() async throws {
        try await TestPostgres.withStores(2) { stores in
            // withStores migrated both instances; once more, concurrently, changes nothing.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            #expect(try await stores[0].migrationsCurrent())
            let names = try await stores[1].read { session in
                try await session.rows("SELECT name FROM tocsin_migrations ORDER BY name").map { try $0.get("name", as: String.self) }
            }
            // Every SQLite migration has its PostgreSQL counterpart, under the same name.
            #expect(names == Migrations.migrator.migrations.sorted())
            #expect(names.first == "v1-foundation" && names.contains("v7-dispatch-indexes"))
        }
    }

    @Test func theSchemaHasTheSQLiteTablesAndChecks() async throws {
        try await TestPostgres.withStores(1) { stores in
            let tables = try await stores[0].read { session in
                try await session.rows(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
                ).map { try $0.get("table_name", as: String.self) }
            }
            #expect(tables == [
                "alert", "alert_occurrence", "api_token", "audit_event", "campaign", "campaign_keyword", "carrier_receipt_pending",
                "consent_event", "dispatch_instance", "dispatch_lease", "dispatch_pause", "inbound_message", "ledger_entry", "outbound_message", "review_item",
                "subscriber", "subscription", "suppression", "tocsin_migrations", "voice_suppression",
            ])
            // A CHECK refuses an unknown status; the audit trail refuses updates.
            await #expect(throws: StoreError.self) {
                try await stores[0].executeForTests([
                    "INSERT INTO outbound_message (phone, from_number, kind, lane, status, created_at, updated_at) VALUES ('+1', 'x', 'alert', 'bulk', 'lost', 0, 0)",
                ])
            }
            try await stores[0].executeForTests([
                "INSERT INTO audit_event (occurred_at, actor, action) VALUES (0, 't', 'x')",
                "INSERT INTO consent_event (phone, scope, action, source, occurred_at) VALUES ('+1', 'org', 'opt_out', 'sms', 0)",
            ])
            await #expect(throws: StoreError.self) { try await stores[0].executeForTests(["UPDATE audit_event SET actor = 'u'"]) }
            await #expect(throws: StoreError.self) { try await stores[0].executeForTests(["DELETE FROM consent_event"]) }
        }
    }

    @Test func aStoreThatIsNotMigratedSaysSo() async throws {
        try await TestPostgres.withFreshDatabase { url in
            let store = PostgresStore(url: url)
            let current = try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await store.run() }
                defer { group.cancelAll() }
                return try await store.migrationsCurrent()
            }
            #expect(current == false)
        }
    }
}

/// The PostgreSQL schema against the SQLite one: the same tables, columns (in order) and named indexes.
struct SchemaParityTests {
    typealias Schema = (columns: [String: [String]], indexes: Set<String>)

    func sqliteSchema() async throws -> Schema {
        let store = try SQLiteStore.inMemory()
        return try await store.writer.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
            )
            var columns: [String: [String]] = [:]
            for table in tables {
                columns[table] = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
            }
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            return (columns, Set(indexes))
        }
    }

    func postgresSchema() async throws -> Schema {
        try await TestPostgres.withStores(1) { stores in
            try await stores[0].read { session in
                var columns: [String: [String]] = [:]
                for row in try await session.rows(
                    """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name <> 'tocsin_migrations' ORDER BY table_name, ordinal_position
                    """
                ) {
                    columns[try row.get("table_name", as: String.self), default: []].append(try row.get("column_name", as: String.self))
                }
                // Named indexes only (not those behind primary keys and UNIQUE constraints).
                let indexes = try await session.rows(
                    """
                    SELECT i.indexname FROM pg_indexes i WHERE i.schemaname = 'public'
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
                    """
                ).map { try $0.get("indexname", as: String.self) }
                return (columns, Set(indexes))
            }
        }
    }

    @Test func postgresHasTheSQLiteTablesColumnsAndIndexes() async throws {
        let sqlite = try await self.sqliteSchema()
        let postgres = try await self.postgresSchema()
        #expect(postgres.columns.keys.sorted() == sqlite.columns.keys.sorted())
        for (table, columns) in sqlite.columns {
            #expect(postgres.columns[table] == columns, "columns of \(table)")
        }
        #expect(postgres.indexes == sqlite.indexes)
        #expect(sqlite.indexes.contains("outbound_bulk_due") && sqlite.columns["outbound_message"]?.contains("in_doubt") == true)
    }
}
