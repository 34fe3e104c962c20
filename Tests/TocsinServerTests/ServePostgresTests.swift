import Foundation
import Testing
import TocsinCore
import TocsinPostgres
import TocsinServer
import TocsinTesting

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `tocsin serve` as a process on PostgreSQL: it starts, migrates and answers `/readyz`; SIGTERM drains it and
/// it exits 0. An unreachable server or a missing erasure key stop the start with one line and status 1.
struct ServePostgresTests {
    static let erasureKey = String(repeating: "5a", count: 32)

    /// A configuration file on `database` in `directory` (`erasure_key` nil leaves the key unset).
    static func config(in directory: String, database: String, port: Int = 0, erasureKey: String? = Self.erasureKey) throws -> String {
        let path = directory + "/pg.yaml"
        try """
            organisation: {brand: PgTest, senders: ["+14155550100"]}
            server: {port: \(port), shutdown_grace_seconds: 10}
            storage: {database: "\(database)"}
            \(erasureKey.map { "compliance: {erasure_key: \"\($0)\"}" } ?? "")
            paths: {keywords: \(Fixtures.keywordsDirectory), compliance: \(Fixtures.complianceDirectory)}
            carrier: {kind: mock, mock_outbox: \(directory)/outbox.jsonl}
            log: {level: info, format: json}
            campaigns:
              - {slug: rights, program_name: Rights Alerts, keywords: [RIGHTS], frequency: Up to 4 msgs/month}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporaryDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-pg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The status of `GET url`, nil while nothing answers.
    static func status(_ url: URL) async -> Int? {
        guard let (_, response) = try? await URLSession.shared.data(from: url) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    @Test(.timeLimit(.minutes(3)))
    func serveOnPostgreSQLIsReadyAndExitsZeroOnSigterm() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: CLIProcess.binary), "build the CLI first: swift build --build-tests")
        try await ServerPostgres.withFreshDatabase { url in
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let port = 20_000 + Int.random(in: 0..<20_000)
            let config = try Self.config(in: directory, database: ServerPostgres.text(url), port: port)
            let outFile = directory + "/out.txt"
            let logFile = directory + "/log.jsonl"
            _ = FileManager.default.createFile(atPath: outFile, contents: nil)
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLIProcess.binary)
            process.arguments = ["serve", "--config", config]
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outFile))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let ready = URL(string: "http://127.0.0.1:\(port)/readyz")!
            var status: Int?
            for _ in 0..<600 where process.isRunning {
                status = await Self.status(ready)
                if status == 200 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(status == 200, "not ready: \((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "")")
            let out = try String(contentsOfFile: outFile, encoding: .utf8)
            #expect(out.contains("(database \(url.description), carrier mock)"))
            kill(process.processIdentifier, SIGTERM)
            try await ServerPostgres.offPool { process.waitUntilExit() }
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
            let log = try String(contentsOfFile: logFile, encoding: .utf8)
            #expect(log.contains("tocsin stopped"))
            // It migrated and seeded the configured campaign in the database it was given.
            try await ServerPostgres.withStore(url: url) { store in
                let current = try await store.migrationsCurrent()
                #expect(current)
                let seeded = try await store.campaign(slug: "rights")
                #expect(seeded != nil)
            }
        }
    }

    @Test func anUnreachableServerStopsTheStartWithOneLine() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try Self.config(in: directory, database: "postgres://tocsin:hunter2secret@127.0.0.1:1/tocsin")
        let result = try await ServerPostgres.tocsin(["serve", "--config", config])
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1, "\(result.err)")
        #expect(result.err.hasPrefix("tocsin: cannot start: cannot connect to PostgreSQL at postgres://tocsin:***@127.0.0.1:1/tocsin"))
        #expect(result.err.contains("check storage.database"))
        #expect(!result.err.contains("hunter2secret") && !result.out.contains("hunter2secret"))
    }

    @Test func postgreSQLWithoutAnErasureKeyStopsTheStart() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try Self.config(in: directory, database: "postgres://tocsin@127.0.0.1:1/tocsin", erasureKey: nil)
        let result = try await ServerPostgres.tocsin(["serve", "--config", config])
        #expect(result.status == 1)
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        #expect(result.err.contains("PostgreSQL needs compliance.erasure_key"))
    }
}
