import Foundation
import PostgresNIO
import Synchronization
import Testing
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore

/// The PostgreSQL ledger's own guarantees: no row without the key, append-only tables with SQLite's one
/// erasure exception, and a chain that never forks when instances append at once.
struct PostgresLedgerTests {
    static let consentRow = """
        INSERT INTO consent_event (phone, scope, action, source, raw_text, ip, occurred_at)
        VALUES ('+12125550100', 'org', 'opt_out', 'sms', 'STOP', '203.0.113.9', 1000)
        """

    /// The server's message for a failed statement.
    static func serverMessage(_ error: any Error) -> String {
        if let error = error as? PSQLError { return error.serverInfo?[.message] ?? "\(error)" }
        return "\(error)"
    }

    @Test(arguments: [Self.consentRow, "INSERT INTO audit_event (occurred_at, actor, action) VALUES (1, 'psql', 'forged')"])
    func aRowWrittenWithoutTheKeyIsRefused(statement: String) async throws {
        try await TestPostgres.withStores(1) { stores in
            do {
                try await TestPostgres.admin(stores[0].url, statement)
                Issue.record("a row was written without the ledger key")
            } catch {
                #expect(Self.serverMessage(error).contains("no ledger key in this transaction"), "\(Self.serverMessage(error))")
            }
            let rows = try await stores[0].read { session in
                try await session.value("SELECT (SELECT COUNT(*) FROM consent_event) + (SELECT COUNT(*) FROM audit_event)", as: Int.self)
            }
            #expect(rows == 0)
        }
    }

    @Test(arguments: [
        ("UPDATE consent_event SET channel = 'email'", "consent_event is append-only"),
        ("UPDATE consent_event SET raw_text = NULL, erased_at = 5", "consent_event is append-only"),
        ("DELETE FROM consent_event", "consent_event is append-only"),
        ("UPDATE audit_event SET actor = 'x'", "audit_event is append-only"),
        ("DELETE FROM audit_event", "audit_event is append-only"),
        ("UPDATE ledger_entry SET hash = 'x'", "ledger_entry is append-only"),
        ("DELETE FROM ledger_entry", "ledger_entry is append-only"),
        ("TRUNCATE ledger_entry", "ledger_entry is append-only"),
        ("TRUNCATE consent_event CASCADE", "consent_event is append-only"),
    ])
    func changesAreRefusedEvenWithTheKey(statement: String, message: String) async throws {
        try await TestPostgres.withStores(1) { stores in
            try await stores[0].executeForTests([Self.consentRow, "INSERT INTO audit_event (occurred_at, actor, action) VALUES (1, 'a', 'b')"])
            await #expect {
                try await stores[0].executeForTests([statement])
            } throws: { error in
                (error as? StoreError)?.message.contains(message) ?? false
            }
            let entries = try await stores[0].verifyLedger().entries
            #expect(entries == 2)
        }
    }

    @Test func anErasureMayBlankAConsentRowAndTheLedgerStillVerifies() async throws {
        let key = ErasureKey.random()
        try await TestPostgres.withStores(1, erasureKey: key) { stores in
            let store = stores[0]
            try await store.executeForTests([Self.consentRow])
            try await store.executeForTests([Self.consentRow.replacingOccurrences(of: "1000", with: "2000")])
            let token = key.erasedPhone("+12125550100")
            try await store.executeForTests([
                """
                UPDATE consent_event SET phone = '\(token)', raw_text = NULL, source_url = NULL, ip = NULL, user_agent = NULL,
                    erased_at = 3000 WHERE phone = '+12125550100' AND erased_at IS NULL
                """,
                "INSERT INTO consent_event (phone, scope, action, source, channel, occurred_at) VALUES ('\(token)', 'org', 'erasure', 'erasure', 'other', 3000)",
            ])
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact, "\(verification.problem?.description ?? "")")
            #expect(verification.entries == 3)
            // A redaction under another number's hash is not an erasure.
            try await store.executeForTests(["INSERT INTO consent_event (phone, scope, action, source, occurred_at) VALUES ('+12125550111', 'org', 'opt_in', 'sms', 4000)"])
            await #expect(throws: StoreError.self) {
                try await store.executeForTests(["UPDATE consent_event SET phone = '\(token)', erased_at = 5000 WHERE phone = '+12125550111'"])
            }
        }
    }

    @Test func anErasureMarkWithoutItsErasureEventIsNamed() async throws {
        let key = ErasureKey.random()
        try await TestPostgres.withStores(1, erasureKey: key) { stores in
            let store = stores[0]
            try await store.executeForTests([Self.consentRow])
            try await store.executeForTests([
                "UPDATE consent_event SET phone = '\(key.erasedPhone("+12125550100"))', raw_text = NULL, ip = NULL, erased_at = 3000"
            ])
            let problem = try await store.verifyLedger().problem
            #expect(problem?.seq == 1)
            #expect(problem?.message.contains("without an erasure") == true, "\(problem?.description ?? "")")
        }
    }

    /// 1,100 entries: the verifier reads them in batches of 1,000.
    @Test(arguments: [nil, 1_000, 1_001, 1_100] as [Int64?])
    func aLedgerOfSeveralBatchesVerifiesAndATamperedEntryInAnyBatchIsNamed(tampered: Int64?) async throws {
        try await TestPostgres.withStores(1) { stores in
            try await stores[0].executeForTests([
                "INSERT INTO audit_event (occurred_at, actor, action, detail) SELECT n, 'bulk', 'test.bulk', 'd' || n FROM generate_series(1, 1100) AS n"
            ])
            if let tampered {
                try await TestPostgres.admin(
                    stores[0].url,
                    """
                    DO $tamper$ BEGIN
                    ALTER TABLE ledger_entry DISABLE TRIGGER USER;
                    UPDATE ledger_entry SET entry = replace(entry, '"at":', '"at":9') WHERE seq = \(tampered);
                    END $tamper$
                    """
                )
            }
            let reports = Mutex<[[Int]]>([])
            let verification = try await stores[0].verifyLedger { checked, total in reports.withLock { $0.append([checked, total]) } }
            if let tampered {
                #expect(verification.problem?.seq == tampered, "\(verification.problem?.description ?? "intact")")
                #expect(verification.entries == Int(tampered) - 1)
            } else {
                #expect(verification.isIntact, "\(verification.problem?.description ?? "")")
                #expect(verification.entries == 1_100)
                #expect(reports.withLock { $0 } == [[1_100, 1_100]])
            }
        }
    }

    @Test func twoInstancesAppendingAtOnceNeverForkTheChain() async throws {
        let perInstance = 200
        try await TestPostgres.withStores(2) { stores in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (instance, store) in stores.enumerated() {
                    for index in 0..<perInstance {
                        group.addTask {
                            try await store.executeForTests([
                                "INSERT INTO audit_event (occurred_at, actor, action, detail) VALUES (\(index), 'instance-\(instance)', 'test.append', 'n\(index)')"
                            ])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let shape = try await stores[0].read { session -> [Int64] in
                let row = try await session.row(
                    "SELECT COUNT(*) AS n, MIN(seq) AS first, MAX(seq) AS last, COUNT(DISTINCT hash) AS hashes FROM ledger_entry"
                )
                return try ["n", "first", "last", "hashes"].map { try row?.get($0, as: Int64.self) ?? -1 }
            }
            let total = Int64(2 * perInstance)
            #expect(shape == [total, 1, total, total])
            let verification = try await stores[1].verifyLedger()
            #expect(verification.isIntact, "\(verification.problem?.description ?? "")")
            #expect(verification.entries == 2 * perInstance)
        }
    }
}
