import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// The chain over consent and audit rows, checked after each kind of tampering an attacker with the file
/// could do once the triggers are dropped.
struct LedgerVerifierTests {
    /// How a test tampers with one ledger row.
    enum Tamper: String, CaseIterable, Sendable {
        case change, delete, swapWithNext
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var seq: Int64
        var tamper: Tamper
        var testDescription: String { "\(self.tamper.rawValue) entry \(self.seq)" }
    }

    /// Entries of ``seed()``: campaign (audit), join (consent), web opt-in (consent, audit), STOP (consent).
    /// A text's own record is its inbound row; what it changed is its consent event.
    static let entries: Int64 = 5
    static let cases: [Case] = (1...entries).flatMap { seq in
        Tamper.allCases.filter { $0 != .swapWithNext || seq < entries }.map { Case(seq: seq, tamper: $0) }
    }

    static func seed() async throws -> StoreHarness {
        let harness = try await StoreHarness()
        _ = try await harness.inbound(Fixtures.phone(900), "j", .join, join: harness.rights.id)
        _ = try await harness.store.requestWebOptIn(
            WebOptInRequest(
                phone: Fixtures.phone(901), campaignSlug: "rights", disclosure: "Yes, text me.", sourceURL: "https://example.org/p",
                ip: "203.0.113.9", userAgent: "Mozilla/5.0", language: "en", firstName: "Ana", actor: "petition"
            ),
            renderer: EchoRenderer(), sender: "+14155550100", now: harness.now
        )
        _ = try await harness.inbound(Fixtures.phone(900), "s", .optOut)
        return harness
    }

    static func tamper(_ store: SQLiteStore, _ sql: String, _ arguments: StatementArguments = []) async throws {
        try await store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS ledger_entry_append_only_update; DROP TRIGGER IF EXISTS ledger_entry_append_only_delete")
            try db.execute(sql: "DROP TRIGGER IF EXISTS consent_event_append_only_update; DROP TRIGGER IF EXISTS consent_event_append_only_delete")
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_event_append_only_update; DROP TRIGGER IF EXISTS audit_event_append_only_delete")
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    @Test func everyConsentAndAuditRowIsChainedAndVerifies() async throws {
        let harness = try await Self.seed()
        let consent = try await harness.store.rowCount("consent_event")
        let audit = try await harness.store.rowCount("audit_event")
        #expect(consent == 3)
        let result = try await harness.store.verifyLedger()
        #expect(result.isIntact, "\(String(describing: result.problem))")
        #expect(result.entries == consent + audit)
        #expect(Int64(result.entries) == Self.entries)
        #expect(try await harness.store.ledgerHead()?.seq == Self.entries)
        let entries = try await harness.store.writer.read { db in try String.fetchAll(db, sql: "SELECT entry FROM ledger_entry ORDER BY seq") }
        // No personal data in any entry: not the numbers, the IP, the user agent, the URL or the texts.
        for secret in [Fixtures.phone(900).e164, Fixtures.phone(901).e164, "203.0.113.9", "Mozilla", "example.org/p", "Ana", "Yes, text me."] {
            #expect(!entries.contains { $0.contains(secret) }, "\(secret) is in a ledger entry")
        }
    }

    @Test(arguments: Self.cases)
    func tamperingWithALedgerRowNamesIt(_ testCase: Case) async throws {
        let harness = try await Self.seed()
        switch testCase.tamper {
        case .change:
            try await Self.tamper(harness.store, "UPDATE ledger_entry SET entry = replace(entry, '\"at\":', '\"at\":1') WHERE seq = ?", [testCase.seq])
        case .delete:
            try await Self.tamper(harness.store, "DELETE FROM ledger_entry WHERE seq = ?", [testCase.seq])
        case .swapWithNext:
            let seq = testCase.seq
            try await Self.tamper(
                harness.store,
                """
                UPDATE ledger_entry SET seq = -1 WHERE seq = \(seq);
                UPDATE ledger_entry SET seq = \(seq) WHERE seq = \(seq + 1);
                UPDATE ledger_entry SET seq = \(seq + 1) WHERE seq = -1;
                """
            )
        }
        let result = try await harness.store.verifyLedger()
        let problem = try #require(result.problem, "\(testCase) went unnoticed")
        #expect(problem.seq == testCase.seq, "\(problem)")
        #expect(result.entries == Int(testCase.seq) - 1)
    }

    @Test(arguments: ["raw_text", "action", "occurred_at", "phone", "ip"])
    func changingAConsentRowNamesItsEntry(_ column: String) async throws {
        let harness = try await Self.seed()
        let value = column == "occurred_at" ? "1" : "'tampered'"
        // Entry 3 is the web opt-in (consent_event 2).
        try await Self.tamper(harness.store, "UPDATE consent_event SET \(column) = \(value) WHERE id = 2")
        let problem = try #require(try await harness.store.verifyLedger().problem)
        #expect(problem.seq == 3)
        #expect(problem.source == "consent_event:2")
        let named = ["occurred_at": ": at differ", "raw_text": "personal fields (raw_text", "ip": "personal fields (raw_text, source_url, ip"]
        #expect(problem.message.contains(named[column] ?? ": \(column)"), "\(problem)")
    }

    @Test func deletingOrChangingAnAuditRowIsNamed() async throws {
        let harness = try await Self.seed()
        try await Self.tamper(harness.store, "UPDATE audit_event SET actor = 'someone else' WHERE id = 1")
        #expect(try await harness.store.verifyLedger().problem?.seq == 1)
        let other = try await Self.seed()
        // Audit row 2 is the web opt-in's, entry 4.
        try await Self.tamper(other.store, "DELETE FROM audit_event WHERE id = 2")
        let problem = try #require(try await other.store.verifyLedger().problem)
        #expect(problem.seq == 4)
        #expect(problem.message.contains("missing"))
    }

    @Test func anotherErasureKeyIsReportedAsAPhoneMismatch() async throws {
        let harness = try await Self.seed()
        let other = try SQLiteStore(writer: harness.store.writer, erasureKey: .random())
        let problem = try #require(try await other.verifyLedger().problem)
        #expect(problem.message.contains("erasure key"))
    }

    @Test func theMigrationChainsRowsWrittenBeforeIt() async throws {
        let key = ErasureKey.random()
        var configuration = Configuration()
        configuration.prepareDatabase { db in LedgerSQL.register(db, key: key) }
        let queue = try DatabaseQueue(configuration: configuration)
        try Migrations.migrator.migrate(queue, upTo: "v3-dispatch")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO audit_event (occurred_at, actor, action) VALUES (5, 'cli', 'token.create')")
            try db.execute(
                sql: """
                    INSERT INTO consent_event (phone, scope, action, source, raw_text, occurred_at)
                    VALUES ('+12125550900', 'org', 'opt_out', 'keyword', 'STOP', 3)
                    """
            )
        }
        let store = try SQLiteStore(writer: queue, erasureKey: key)
        let result = try await store.verifyLedger()
        #expect(result.isIntact, "\(String(describing: result.problem))")
        #expect(result.entries == 2)
        let kinds = try await store.writer.read { db in try String.fetchAll(db, sql: "SELECT kind FROM ledger_entry ORDER BY seq") }
        #expect(kinds == ["consent", "audit"])
    }

    @Test func theChainHashIsSHA256OfThePreviousHashAndTheEntry() {
        // printf '%s\n%s' 000…0 '{}' | sha256sum
        let hash = LedgerEncoding.chainHash(previous: LedgerEncoding.genesis, entry: "{}")
        #expect(hash == LedgerEncoding.sha256Hex(Data((LedgerEncoding.genesis + "\n{}").utf8)))
        #expect(hash.count == 64)
        #expect(LedgerEncoding.chainHash(previous: hash, entry: "{}") != hash)
    }
}
