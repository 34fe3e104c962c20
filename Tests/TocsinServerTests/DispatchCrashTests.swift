import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinStore
import TocsinTesting

#if canImport(Glibc)
import Glibc
#endif

/// `tocsin serve` is killed (SIGKILL) in the middle of a 100,000-message broadcast and restarted: every
/// recipient got exactly one message (the mock carrier's outbox file is the carrier's log), apart from the
/// messages reported in doubt, which got at most one.
struct DispatchCrashTests {
    func statuses(_ path: String) async throws -> [String: Int] {
        try await SQLiteStore(path: path).outboundStatusCounts(lane: "bulk")
    }

    @Test(.timeLimit(.minutes(5)))
    func aBroadcastKilledMidwayEndsWithOneMessagePerRecipientOrAReportedDoubt() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: FanoutCrashTests.binary), "build the CLI first: swift build --build-tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-dispatch-crash-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/crash.sqlite"
        let outbox = directory + "/outbox.jsonl"
        let config = directory + "/crash.yaml"
        // No jurisdiction windows either: this test sends around the clock.
        let policies = try BroadcastDatabase.permissivePolicies(in: directory)
        try """
            organisation: {brand: CrashTest, senders: ["+14155550100"]}
            server: {port: \(20_000 + Int.random(in: 0..<20_000))}
            storage: {database: \(database)}
            paths: {keywords: \(Fixtures.keywordsDirectory), compliance: \(policies)}
            carrier: {kind: mock, mock_outbox: \(outbox)}
            dispatch: {per_second: 1000000, per_minute: 60000000, per_day: 1000000000, quiet_hours_weekday: '00:00-24:00', quiet_hours_weekend: '00:00-24:00', batch_size: 500}
            campaigns:
              - {slug: rights, program_name: Rights Alerts, keywords: [RIGHTS], frequency: Up to 4 msgs/month}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let count = 100_000
        try await BroadcastDatabase.seed(database, recipients: count)
        // Killed while the broadcast is under way…
        let first = try FanoutCrashTests().serve(config: config)
        var sentBeforeKill = 0
        for _ in 0..<6000 {
            sentBeforeKill = try await self.statuses(database)["sent", default: 0]
            if sentBeforeKill >= 5000 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let atKill = try await self.statuses(database)
        #expect(atKill["sent", default: 0] < count, "the broadcast finished before the kill")
        // …restarted, it finishes.
        let second = try FanoutCrashTests().serve(config: config)
        defer { kill(second.processIdentifier, SIGKILL); second.waitUntilExit() }
        var final: [String: Int] = [:]
        for _ in 0..<6000 {
            final = try await self.statuses(database)
            let open = final["queued", default: 0] + final["deferred", default: 0] + final["sending", default: 0]
            if final.values.reduce(0, +) == count && open == 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Then: every row is sent or in doubt, and the carrier's log has each sent number exactly once and
        // each in-doubt number at most once.
        let records = try await SQLiteStore(path: database).bulkRecords()
        #expect(records.count == count)
        let inDoubt = Set(records.filter(\.inDoubt).map(\.phone))
        let sent = Set(records.filter { $0.status == "sent" }.map(\.phone))
        #expect(sent.count + inDoubt.count == count, "statuses: \(final)")
        // The send journal leaves in doubt only the calls in flight at the kill: at most the send concurrency.
        print("dispatch crash test: \(inDoubt.count) in doubt, \(sent.count) sent")
        #expect(inDoubt.count <= 16, "in doubt: \(inDoubt.count), more than the calls in flight (dispatch.concurrency, 16)")
        var deliveries: [String: Int] = [:]
        for line in try MockOutboxLine.readAll(path: outbox) where line.kind == "alert" { deliveries[line.to, default: 0] += 1 }
        #expect(deliveries.values.allSatisfy { $0 == 1 }, "a number got the alert twice")
        #expect(sent.allSatisfy { deliveries[$0] == 1 }, "a number marked sent is missing from the carrier's log")
        #expect(Set(deliveries.keys).isSubset(of: sent.union(inDoubt)))
        let reported = try await SQLiteStore(path: database).inDoubtMessages(limit: 10_000)
        #expect(reported.count == inDoubt.count)
    }
}
