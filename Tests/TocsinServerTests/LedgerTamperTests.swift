import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting

/// `tocsin audit verify` (the built CLI, as staff run it) against a small ledger in a SQLite file that an
/// attacker changed with GRDB after dropping the append-only triggers: every changed, deleted or swapped
/// row is named; an erasure keeps the ledger verifying and the number suppressed.
struct LedgerTamperTests {
    static let binary = Fixtures.repositoryRoot + "/.build/debug/tocsin"
    static let now = Date(timeIntervalSince1970: 1_795_262_400)
    static let stays = PhoneNumber(e164: "+12125550801")!
    static let leaves = PhoneNumber(e164: "+12125550802")!

    enum Tamper: String, CaseIterable, Sendable {
        case change, delete, swapWithNext, changeSource
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var seq: Int64
        var tamper: Tamper
        var testDescription: String { "\(self.tamper.rawValue) entry \(self.seq)" }
    }

    /// Entries of ``seed(_:)``: campaign (audit), web opt-in (consent, audit), staff opt-out (consent, audit).
    static let entries: Int64 = 5
    static let cases: [Case] = (1...entries).flatMap { seq in
        Tamper.allCases.filter { $0 != .swapWithNext || seq < entries }.map { Case(seq: seq, tamper: $0) }
    }

    struct Renderer: ReplyRendering {
        func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String { kind.rawValue }
    }

    static func seed(_ path: String) async throws {
        let store = try SQLiteStore(path: path)
        _ = try await store.upsertCampaign(Fixtures.rights, actor: "test", now: Self.now)
        _ = try await store.requestWebOptIn(
            WebOptInRequest(
                phone: Self.stays, campaignSlug: "rights", disclosure: "Yes, text me.", sourceURL: "https://example.org/p",
                ip: "203.0.113.9", userAgent: "Mozilla/5.0", language: "en", firstName: "Ana", actor: "petition"
            ),
            renderer: Renderer(), sender: "+14155550100", now: Self.now
        )
        _ = try await store.recordOptOut(
            OptOutRequest(phone: Self.leaves, channel: "phone", reason: "called the office", staff: "ana", source: .staff), now: Self.now
        )
    }

    /// Runs `tocsin audit verify --db path`: exit status and standard error.
    static func verify(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["audit", "verify", "--db", path]
        let errors = Pipe()
        process.standardOutput = errors
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Opens the file as an attacker would (no Tocsin functions), drops the triggers and runs `sql`.
    static func tamper(_ path: String, _ sql: String, _ arguments: StatementArguments) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    func directory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-ledger-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func anUntouchedLedgerVerifies() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first: swift build --build-tests")
        let directory = try self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await Self.seed(directory + "/ledger.sqlite")
        let (status, output) = try Self.verify(directory + "/ledger.sqlite")
        #expect(status == 0, "\(output)")
        #expect(output.contains("ledger intact: \(Self.entries) entries"))
    }

    @Test(arguments: Self.cases)
    func everyTamperedRowIsNamed(_ testCase: Case) async throws {
        let directory = try self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ledger.sqlite"
        try await Self.seed(path)
        switch testCase.tamper {
        case .change:
            try Self.tamper(path, "UPDATE ledger_entry SET entry = replace(entry, '\"at\":', '\"at\":9') WHERE seq = ?", [testCase.seq])
        case .delete:
            try Self.tamper(path, "DELETE FROM ledger_entry WHERE seq = ?", [testCase.seq])
        case .swapWithNext:
            let seq = testCase.seq
            try Self.tamper(
                path,
                "UPDATE ledger_entry SET seq = -1 WHERE seq = \(seq); UPDATE ledger_entry SET seq = \(seq) WHERE seq = \(seq + 1); UPDATE ledger_entry SET seq = \(seq + 1) WHERE seq = -1",
                []
            )
        case .changeSource:
            // The row the entry chains: a consent event's channel, or an audit record's actor.
            try Self.tamper(
                path,
                """
                UPDATE consent_event SET channel = 'forged' WHERE id = (SELECT source_id FROM ledger_entry WHERE seq = \(testCase.seq) AND kind = 'consent');
                UPDATE audit_event SET actor = 'forged' WHERE id = (SELECT source_id FROM ledger_entry WHERE seq = \(testCase.seq) AND kind = 'audit');
                """,
                []
            )
        }
        let (status, output) = try Self.verify(path)
        #expect(status != 0, "\(testCase) went unnoticed: \(output)")
        #expect(output.contains("ledger broken: entry \(testCase.seq) "), "\(testCase): \(output)")
    }

    @Test func anErasureKeepsTheLedgerVerifyingAndTheNumberSuppressed() async throws {
        let directory = try self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ledger.sqlite"
        try await Self.seed(path)
        let erase = Process()
        erase.executableURL = URL(fileURLWithPath: Self.binary)
        erase.arguments = ["erase", Self.stays.e164, "--reason", "erasure request by email", "--db", path]
        erase.standardOutput = FileHandle.nullDevice
        try erase.run()
        erase.waitUntilExit()
        #expect(erase.terminationStatus == 0)
        let (status, output) = try Self.verify(path)
        #expect(status == 0, "\(output)")
        #expect(output.contains("ledger intact: \(Self.entries + 2) entries"))
        let store = try SQLiteStore(path: path)
        #expect(try await store.isSuppressed(Self.stays))
        #expect(try await store.consentEvents(for: Self.stays).isEmpty)
    }
}
