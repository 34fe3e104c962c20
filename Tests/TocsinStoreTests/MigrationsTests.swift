import Foundation
import GRDB
import Testing
import TocsinCore
@testable import TocsinStore

struct MigrationsTests {
    /// A database at v9 holding a bulk text, a reply and a call left `sending` by a crash, and a queued text.
    func databaseAtV9() throws -> (DatabaseQueue, ErasureKey) {
        let key = ErasureKey.random()
        var configuration = Configuration()
        configuration.prepareDatabase { db in LedgerSQL.register(db, key: key) }
        let queue = try DatabaseQueue(configuration: configuration)
        try Migrations.migrator.migrate(queue, upTo: "v9-dispatch-lease")
        try queue.write { db in
            for (lane, channel, status) in [("bulk", "sms", "sending"), ("reply", "sms", "sending"), ("bulk", "voice", "sending"), ("bulk", "sms", "queued")] {
                try db.execute(
                    sql: """
                        INSERT INTO outbound_message (phone, from_number, body, kind, channel, lane, status, attempts, lease_until, created_at, updated_at)
                        VALUES ('+12125550100', '+14155550100', 'Body', 'alert', ?, ?, ?, 1, 60, 5, 7)
                        """,
                    arguments: [channel, lane, status]
                )
            }
        }
        return (queue, key)
    }

    @Test func v10LeasesBulkTextsLeftSendingAndRecoveryThenDealsWithEveryOne() async throws {
        let (queue, key) = try self.databaseAtV9()
        let store = try SQLiteStore(writer: queue, erasureKey: key)
        let (leases, statuses) = try await store.writer.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT message_id, leased_at, lease_until, attempts, body FROM dispatch_lease"),
                try String.fetchAll(db, sql: "SELECT status FROM outbound_message ORDER BY id")
            )
        }
        #expect(leases.count == 1)
        #expect(leases.first?["message_id"] == 1 as Int64)
        #expect(leases.first?["leased_at"] == 7 as Int64)
        #expect(leases.first?["lease_until"] == 60 as Int64)
        #expect(leases.first?["body"] == "Body")
        #expect(statuses == ["queued", "sending", "sending", "queued"])
        // The bulk text (as a lease), the reply and the call are in doubt; the queued text is untouched.
        #expect(try await store.recoverInFlight(policy: .atMostOnce, now: Date(timeIntervalSince1970: 1)) == 3)
        let records = try await store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT status, in_doubt FROM outbound_message ORDER BY id").map { "\($0["status"] as String) \($0["in_doubt"] as Int)" }
        }
        #expect(records == ["failed 1", "failed 1", "failed 1", "queued 0"])
    }

    /// The lines of SQLite's query plan for `sql`.
    func queryPlan(_ db: Database, _ sql: String, arguments: StatementArguments = []) throws -> [String] {
        try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: arguments, adapter: ColumnMapping(["detail": "detail"]))
    }

    @Test func v10KeepsOnlyRepliesInTheStatusIndexAndEveryStatusQueryStillUsesAnIndex() async throws {
        let (queue, key) = try self.databaseAtV9()
        let store = try SQLiteStore(writer: queue, erasureKey: key)
        try await store.writer.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'outbound_by_status'")
            #expect(sql?.contains("WHERE lane = 'reply'") == true)
            for query in [
                SQLiteStore.replyQueuedSQL,
                "SELECT id FROM outbound_message WHERE status = 'queued' AND lane = 'reply' ORDER BY id LIMIT 5",
                "UPDATE outbound_message SET status = 'failed' WHERE \(SQLiteStore.sendingSQL)",
            ] {
                let plan = try self.queryPlan(db, query)
                #expect(!plan.contains { $0.hasPrefix("SCAN outbound_message") }, "\(query): \(plan)")
            }
        }
    }

    @Test func v11KeepsOnlyRowsToSendInTheDueIndexAndTheQueriesThroughItStillUseIt() async throws {
        let (queue, key) = try self.databaseAtV9()
        let store = try SQLiteStore(writer: queue, erasureKey: key)
        try await store.writer.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'outbound_bulk_due'")
            #expect(sql?.contains("WHERE lane = 'bulk' AND \(Migrations.dueStatuses)") == true)
            let plan = try self.queryPlan(db, BulkClaim.dueSQL, arguments: [1, "queued", 100, "[]", 10])
            #expect(plan.contains { $0.contains("USING INDEX outbound_bulk_due") }, "\(plan)")
        }
        // The operations snapshot reads the bulk queue `INDEXED BY outbound_bulk_due`: it fails if the index
        // cannot serve it. The text v10 turned into a lease counts as being sent.
        let snapshot = try await store.operationsSnapshot(now: Date(timeIntervalSince1970: 100))
        #expect(snapshot.queueDepth[.init(lane: "bulk", status: "sending")] == 1)
    }
}
