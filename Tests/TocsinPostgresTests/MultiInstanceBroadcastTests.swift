import Foundation
import Logging
import Testing
import TocsinCarriers
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinPostgres

#if canImport(Glibc)
import Glibc
#endif

/// Three `tocsin serve` processes share one PostgreSQL database during a 100,000-message broadcast; one is
/// killed (SIGKILL) midway and not restarted. The survivors finish the broadcast and report the victim's
/// claims in doubt once their lease runs out: every recipient got exactly one message (the three mock
/// carriers' outbox files are the carriers' log), apart from the reported in-doubt ones, which got at most one.
struct MultiInstanceBroadcastTests {
    static let recipients = 100_000
    static let batchSize = 500

    /// The URL as text for a configuration file (with its password, which `description` hides).
    func text(_ url: PostgresURL) -> String {
        let credentials = url.user + (url.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? "")
        return "postgres://\(credentials)@\(url.host):\(url.port)/\(url.database)"
    }

    func configuration(_ index: Int, url: PostgresURL, key: String, directory: String, policies: String) throws -> String {
        let path = directory + "/instance-\(index).yaml"
        try """
            organisation: {brand: MultiTest, senders: ["+14155550100"]}
            server: {port: \(20_000 + Int.random(in: 0..<20_000))}
            storage: {database: '\(self.text(url))'}
            compliance: {erasure_key: '\(key)'}
            paths: {keywords: \(Fixtures.keywordsDirectory), compliance: \(policies)}
            carrier: {kind: mock, mock_outbox: \(directory)/outbox-\(index).jsonl}
            dispatch: {per_second: 1000000, per_minute: 60000000, per_day: 1000000000, quiet_hours_weekday: '00:00-24:00', quiet_hours_weekend: '00:00-24:00', batch_size: \(Self.batchSize), lease_seconds: 10}
            campaigns:
              - {slug: rights, program_name: Rights Alerts, keywords: [RIGHTS], frequency: Up to 4 msgs/month}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func serve(_ config: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIProcess.binary)
        process.arguments = ["serve", "--config", config]
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    func deliveries(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try MockOutboxLine.readAll(path: path).filter { $0.kind == "alert" }.map(\.to)
    }

    @Test(.timeLimit(.minutes(8)))
    func threeInstancesOneKilledEveryRecipientGetsOneMessageOrAReportedDoubt() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: CLIProcess.binary), "build the CLI first: swift build --build-tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-multi-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let policies = directory + "/compliance"
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
        try "jurisdiction: default\nname: No rules (process tests)\n".write(toFile: policies + "/default.yaml", atomically: true, encoding: .utf8)
        let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try await TestPostgres.withFreshDatabase { url in
            var logger = Logger(label: "test.multi")
            logger.logLevel = .error
            let store = PostgresStore(url: url, logger: logger, erasureKey: try ErasureKey(text: key))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await store.run() }
                defer { group.cancelAll() }
                try await store.migrate()
                let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "test", now: Date())
                try await store.seedSubscribers(campaignID: campaign.id, count: Self.recipients, now: Date())
                let alert = try await store.createAlert(
                    Alert(campaignID: campaign.id, name: "now", bodies: ["en": "Act"], schedule: .once(at: Date()), createdBy: "test", createdAt: Date()),
                    now: Date()
                )
                try await self.broadcast(store: store, alertID: alert.id, url: url, key: key, directory: directory, policies: policies)
            }
        }
    }

    func broadcast(store: PostgresStore, alertID: Int64, url: PostgresURL, key: String, directory: String, policies: String) async throws {
        let configs = try (0..<3).map { try self.configuration($0, url: url, key: key, directory: directory, policies: policies) }
        var instances = try configs.indices.map { try self.serve(configs[$0], log: directory + "/serve-\($0).log") }
        defer { for process in instances where process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        // The victim is killed once it has sent some of the broadcast and a fifth of it is out.
        let victim = directory + "/outbox-0.jsonl"
        var sentBeforeKill = 0
        for _ in 0..<12_000 {
            sentBeforeKill = try await store.outboundStatusCounts(lane: "bulk")["sent", default: 0]
            if sentBeforeKill >= Self.recipients / 5, try self.deliveries(victim).count > 0 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try self.deliveries(victim).count > 0, "instance 0 sent nothing before the kill: \(self.log(directory, 0))")
        kill(instances[0].processIdentifier, SIGKILL)
        instances[0].waitUntilExit()
        let atKill = try await store.outboundStatusCounts(lane: "bulk")
        #expect(atKill["sent", default: 0] < Self.recipients, "the broadcast finished before the kill")
        // The survivors finish it, and report the victim's claims once their 10 s lease has run out.
        var final: [String: Int] = [:]
        for _ in 0..<12_000 {
            final = try await store.outboundStatusCounts(lane: "bulk")
            let open = final["queued", default: 0] + final["deferred", default: 0] + final["sending", default: 0]
            if final.values.reduce(0, +) == Self.recipients && open == 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // A graceful stop of the survivors exits 0.
        for process in instances[1...] { kill(process.processIdentifier, SIGTERM) }
        for process in instances[1...] {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "a survivor did not stop cleanly")
        }
        instances = []
        try await self.check(store: store, alertID: alertID, directory: directory, statuses: final)
    }

    func check(store: PostgresStore, alertID: Int64, directory: String, statuses: [String: Int]) async throws {
        // The occurrence was materialised once across the three schedulers: one row per recipient.
        let counts = try await store.occurrenceRowCounts(alertID: alertID)
        #expect(counts.rows == Self.recipients && counts.distinctPhones == Self.recipients && counts.occurrences == 1)
        let records = try await store.bulkRecords()
        #expect(records.count == Self.recipients)
        let inDoubt = Set(records.filter(\.inDoubt).map(\.phone))
        let sent = Set(records.filter { $0.status == "sent" }.map(\.phone))
        #expect(sent.count + inDoubt.count == Self.recipients, "statuses: \(statuses)")
        // The victim had at most two claimed batches (the one with the carrier and the next).
        #expect(inDoubt.count <= 2 * Self.batchSize, "in doubt: \(inDoubt.count)")
        var deliveries: [String: Int] = [:]
        var perInstance: [Int] = []
        for index in 0..<3 {
            let numbers = try self.deliveries(directory + "/outbox-\(index).jsonl")
            perInstance.append(numbers.count)
            for number in numbers { deliveries[number, default: 0] += 1 }
        }
        #expect(deliveries.values.allSatisfy { $0 == 1 }, "a number got the alert twice")
        #expect(sent.allSatisfy { deliveries[$0] == 1 }, "a number marked sent is missing from the carriers' logs")
        #expect(Set(deliveries.keys).isSubset(of: sent.union(inDoubt)))
        // Every instance took part, and the survivors went on after the kill.
        #expect(perInstance.allSatisfy { $0 > 0 }, "deliveries per instance: \(perInstance)")
        #expect(perInstance[1] + perInstance[2] > Self.recipients / 2, "deliveries per instance: \(perInstance)")
        let reported = try await store.inDoubtMessages(limit: 10_000)
        #expect(reported.count == inDoubt.count)
    }

    func log(_ directory: String, _ index: Int) -> String {
        let text = (try? String(contentsOfFile: directory + "/serve-\(index).log", encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }
}
