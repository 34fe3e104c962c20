import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinStore
import TocsinTesting

#if canImport(Glibc)
import Glibc
#endif

/// `tocsin serve` gets SIGTERM in the middle of a paced broadcast: it stops accepting and claiming,
/// finishes the carrier calls in flight, and exits 0 within the grace period, leaving nothing `sending`
/// and nothing in doubt; what it had not claimed is still queued for the next start.
struct LifecycleTests {
    @Test(.timeLimit(.minutes(3)))
    func sigtermDrainsInFlightWorkAndExitsZero() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: FanoutCrashTests.binary), "build the CLI first: swift build --build-tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-lifecycle-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/life.sqlite"
        let outbox = directory + "/outbox.jsonl"
        let config = directory + "/life.yaml"
        let logFile = directory + "/log.jsonl"
        let port = 20_000 + Int.random(in: 0..<20_000)
        let policies = try BroadcastDatabase.permissivePolicies(in: directory)
        try """
            organisation: {brand: LifeTest, senders: ["+14155550100"]}
            server: {port: \(port), shutdown_grace_seconds: 20}
            storage: {database: \(database)}
            paths: {keywords: \(Fixtures.keywordsDirectory), compliance: \(policies)}
            carrier: {kind: mock, mock_outbox: \(outbox)}
            log: {level: info, format: json}
            dispatch: {per_second: 2000, per_minute: 60000000, per_day: 1000000000, quiet_hours_weekday: '00:00-24:00', quiet_hours_weekend: '00:00-24:00', batch_size: 200}
            campaigns:
              - {slug: rights, program_name: Rights Alerts, keywords: [RIGHTS], frequency: Up to 4 msgs/month}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let count = 20_000
        try await BroadcastDatabase.seed(database, recipients: count)
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FanoutCrashTests.binary)
        process.arguments = ["serve", "--config", config]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        try process.run()
        var sent = 0
        for _ in 0..<3000 {
            sent = try await SQLiteStore(path: database).outboundStatusCounts(lane: "bulk")["sent", default: 0]
            if sent >= 1000 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(sent >= 1000, "the broadcast did not start")
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let took = ContinuousClock.now - signalled
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(took < .seconds(20), "shutdown took \(took)")

        let store = try SQLiteStore(path: database)
        let statuses = try await store.outboundStatusCounts(lane: "bulk")
        #expect(statuses["sending"] == nil, "left sending: \(statuses)")
        #expect(statuses["queued", default: 0] > 0, "it sent everything instead of stopping: \(statuses)")
        #expect(statuses["sent", default: 0] + statuses["queued", default: 0] == count, "\(statuses)")
        #expect(try await store.inDoubtMessages(limit: 10).isEmpty)
        let lines = try MockOutboxLine.readAll(path: outbox).filter { $0.kind == "alert" }
        #expect(lines.count == statuses["sent", default: 0])
        #expect(Set(lines.map(\.to)).count == lines.count)
        // The logs are JSON lines, and no number is in clear in them.
        let log = try String(contentsOfFile: logFile, encoding: .utf8)
        for line in log.split(separator: "\n") where line.hasPrefix("{") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
        #expect(!log.contains("+1212"))
    }
}
