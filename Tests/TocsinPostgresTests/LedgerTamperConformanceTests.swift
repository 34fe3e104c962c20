import Foundation
import GRDB
import PostgresNIO
import Testing
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore

/// On both engines: a ledger written through the store verifies; an attacker with SQL access who switches
/// the triggers off (SQLite: drops them; PostgreSQL: `ALTER TABLE … DISABLE TRIGGER USER`, as from psql) and
/// changes, deletes or swaps an entry or changes a source row is caught, and the first broken entry named.
struct LedgerTamperConformanceTests {
    enum Tamper: String, CaseIterable, Sendable {
        case change, delete, swapWithNext, changeSource
    }

    /// Entries of ``seed(_:)``: audit, consent, audit, consent, audit.
    static let entries: Int64 = 5
    struct Case: Sendable, CustomTestStringConvertible {
        var engine: StoreEngine
        var seq: Int64
        var tamper: Tamper
        var testDescription: String { "\(self.engine.rawValue): \(self.tamper.rawValue) entry \(self.seq)" }
    }

    static let cases: [Case] = StoreEngine.allCases.flatMap { engine in
        (1...entries).flatMap { seq in
            Tamper.allCases.filter { $0 != .swapWithNext || seq < entries }.map { Case(engine: engine, seq: seq, tamper: $0) }
        }
    }

    /// Five chained rows, each in a transaction of its own, through the store's own transactions.
    static func seed(_ store: EngineStore) async throws {
        for index in 0..<Int(entries) {
            if index % 2 == 0 {
                try await store.execute(
                    "INSERT INTO audit_event (occurred_at, actor, action, subject, detail) VALUES (\(index), 'ana', 'test.seed', 'x', 'note \(index)')"
                )
            } else {
                try await store.execute(
                    """
                    INSERT INTO consent_event (phone, scope, action, source, raw_text, occurred_at)
                    VALUES ('+1212555010\(index)', 'org', 'opt_out', 'sms', 'STOP', \(index))
                    """
                )
            }
        }
    }

    /// Switches the triggers off as an attacker would, then runs `statements`.
    static func tamper(_ store: EngineStore, _ statements: [String]) async throws {
        if let sqlite = store.sqlite {
            try await sqlite.writer.write { db in
                for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \(trigger)")
                }
                for statement in statements { try db.execute(sql: statement) }
            }
        } else {
            // One psql-like session: a DO block runs the attacker's statements in one round trip.
            let disable = ["ledger_entry", "consent_event", "audit_event"].map { "ALTER TABLE \($0) DISABLE TRIGGER USER" }
            let body = (disable + statements).map { $0 + ";" }.joined(separator: "\n")
            try await TestPostgres.admin(store.postgres!.url, "DO $tamper$ BEGIN\n\(body)\nEND $tamper$")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anUntouchedLedgerVerifies(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Self.seed(store)
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact, "\(verification.problem?.description ?? "")")
            #expect(verification.entries == Int(Self.entries))
            #expect(verification.head?.seq == Self.entries)
            let headHash = try await store.ledgerHash(seq: Self.entries)
            let beyond = try await store.ledgerHash(seq: Self.entries + 1)
            #expect(headHash == verification.head?.hash)
            #expect(headHash != nil)
            #expect(beyond == nil)
        }
    }

    @Test(arguments: Self.cases)
    func everyTamperedRowIsNamed(_ testCase: Case) async throws {
        let (engine, seq, tamper) = (testCase.engine, testCase.seq, testCase.tamper)
        try await EngineStore.with(engine) { store in
            try await Self.seed(store)
            switch tamper {
            case .change:
                try await Self.tamper(store, ["UPDATE ledger_entry SET entry = replace(entry, '\"at\":', '\"at\":9') WHERE seq = \(seq)"])
            case .delete:
                try await Self.tamper(store, ["DELETE FROM ledger_entry WHERE seq = \(seq)"])
            case .swapWithNext:
                try await Self.tamper(
                    store,
                    [
                        "UPDATE ledger_entry SET seq = -1 WHERE seq = \(seq)", "UPDATE ledger_entry SET seq = \(seq) WHERE seq = \(seq + 1)",
                        "UPDATE ledger_entry SET seq = \(seq + 1) WHERE seq = -1",
                    ]
                )
            case .changeSource:
                try await Self.tamper(
                    store,
                    [
                        "UPDATE consent_event SET channel = 'forged' WHERE id = (SELECT source_id FROM ledger_entry WHERE seq = \(seq) AND kind = 'consent')",
                        "UPDATE audit_event SET actor = 'forged' WHERE id = (SELECT source_id FROM ledger_entry WHERE seq = \(seq) AND kind = 'audit')",
                    ]
                )
            }
            let verification = try await store.verifyLedger()
            #expect(!verification.isIntact, "\(engine): \(tamper) of entry \(seq) went unnoticed")
            #expect(verification.problem?.seq == seq, "\(engine): \(verification.problem?.description ?? "")")
        }
    }
}
