import Foundation
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting

#if canImport(Glibc)
import Glibc
#endif

/// The service is killed (SIGKILL) in the middle of a fan-out to 100,000 subscribers and restarted:
/// every subscriber has exactly one outbox row for the occurrence.
struct FanoutCrashTests {
    static let binary = Fixtures.repositoryRoot + "/.build/debug/tocsin"

    func serve(config: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--config", config]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func fanout(_ path: String) async throws -> (cursor: Int64, status: String)? {
        let store = try SQLiteStore(path: path)
        return try await store.occurrenceProgress().first
    }

    @Test(.timeLimit(.minutes(5)))
    func aFanOutKilledMidwayResumesWithExactlyOneRowPerSubscriber() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the CLI first: swift build --build-tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-crash-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/crash.sqlite"
        let port = 20_000 + Int.random(in: 0..<20_000)
        let config = directory + "/crash.yaml"
        try """
            organisation: {brand: CrashTest, senders: ["+14155550100"]}
            server: {port: \(port)}
            storage: {database: \(database)}
            paths: {keywords: \(Fixtures.keywordsDirectory), compliance: \(Fixtures.complianceDirectory)}
            carrier: {kind: mock, mock_outbox: \(directory)/outbox.jsonl}
            alerts: {fanout_batch_size: 500}
            campaigns:
              - {slug: rights, program_name: Rights Alerts, keywords: [RIGHTS], frequency: Up to 4 msgs/month}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        // Given 100,000 subscribers and an alert due now.
        do {
            let store = try SQLiteStore(path: database)
            let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "test", now: Date())
            try await store.seedSubscribers(campaignID: campaign.id, count: 100_000, now: Date())
            _ = try await store.createAlert(
                Alert(campaignID: campaign.id, name: "now", bodies: ["en": "Act"], schedule: .once(at: Date()), createdBy: "test", createdAt: Date()),
                now: Date()
            )
        }
        // When the service is killed while the fan-out is under way…
        let first = try self.serve(config: config)
        var observed: (cursor: Int64, status: String)?
        for _ in 0..<6000 {
            if let progress = try await self.fanout(database), progress.cursor > 0 { observed = progress; break }
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(observed?.status == "fanning_out", "the fan-out finished before the kill: \(String(describing: observed))")
        let partial = try await SQLiteStore(path: database).occurrenceRowCounts(alertID: 1).rows
        #expect(partial < 100_000)
        // …and restarted, it finishes.
        let second = try self.serve(config: config)
        defer { kill(second.processIdentifier, SIGKILL); second.waitUntilExit() }
        for _ in 0..<3000 {
            if try await self.fanout(database)?.status == "done" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Then every subscriber has exactly one row for the occurrence.
        let counts = try await SQLiteStore(path: database).occurrenceRowCounts(alertID: 1)
        #expect(counts.rows == 100_000)
        #expect(counts.distinctPhones == 100_000)
        #expect(counts.occurrences == 1)
    }
}
