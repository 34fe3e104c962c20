import Testing
import TocsinCore
@testable import TocsinPostgres

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
            #expect(names == ["v1-foundation", "v2-review-queue", "v3-dispatch", "v4-ledger", "v5-carriers", "v6-voice"])
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
                "consent_event", "dispatch_pause", "inbound_message", "ledger_entry", "outbound_message", "review_item",
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
