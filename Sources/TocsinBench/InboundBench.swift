import Foundation
import TocsinCore
import TocsinEngine
import TocsinPostgres
import TocsinRules
import TocsinStore
import TocsinTesting

/// Inbound throughput without the HTTP server: K concurrent tasks drive ``InboundHandler`` (classify, commit,
/// inline reply) with T texts in the webhook bench's mix, on PostgreSQL or on a SQLite file.
enum InboundBench {
    /// The webhook bench's mix (a viral keyword surge): mostly joins, with STOP, HELP and free text.
    static let bodies = ["RIGHTS", "RIGHTS", "RIGHTS", "RIGHTS", "RIGHTS", "STOP", "HELP", "Stop texting me please", "Thank you!", "What can I do to help?"]

    /// A fresh PostgreSQL database with the bench campaign (run once before the instances).
    static func seedPostgres(url: String) async throws -> String {
        try await PostgresBenchDatabase.recreate(url: url)
        return try await PostgresBenchDatabase.withStore(url: url) { store in
            _ = try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: Date())
            return "seeded PostgreSQL: the bench campaign, no subscribers"
        }
    }

    /// One PostgreSQL instance: messages `first..<first+count` from distinct numbers.
    static func postgres(url: String, tasks: Int, first: Int, count: Int, instance: String) async throws -> [String] {
        try await PostgresBenchDatabase.withStore(url: url) { store in
            try await Self.run(store: store, label: "PostgreSQL instance \(instance)", tasks: tasks, first: first, count: count, instance: instance)
        }
    }

    /// A new SQLite file at `path` (storage.durability from BENCH_DURABILITY, default full) with the bench campaign.
    static func sqlite(path: String, tasks: Int, count: Int) async throws -> [String] {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStore(path: path, durability: DispatchBench.durability)
        _ = try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: Date())
        return try await Self.run(
            store: store, label: "SQLite (durability \(DispatchBench.durability.rawValue))", tasks: tasks, first: 0, count: count, instance: "sqlite"
        )
    }

    /// Handles the texts with `tasks` concurrent callers, timing each from arrival to committed outcome.
    static func run(
        store: any InboundStore & CampaignStore, label: String, tasks: Int, first: Int, count: Int, instance: String
    ) async throws -> [String] {
        let keywords = try KeywordSet.load(directory: "Keywords")
        let directory = CampaignDirectory()
        try await directory.reload(from: store)
        let clock = SystemWallClock()
        let handler = InboundHandler(
            classifier: KeywordClassifier(keywords), directory: directory, store: store,
            policy: InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600),
            renderer: KeywordReplyRenderer(keywords: keywords, profile: Fixtures.profile, directory: directory),
            clock: clock, suppressionGuard: SuppressionGuard(), locks: KeyedLock()
        )
        let callers = max(1, tasks)
        let start = Date()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for caller in 0..<callers {
                group.addTask {
                    var own: [Double] = []
                    for index in stride(from: first + caller, to: first + count, by: callers) {
                        let message = InboundMessage(
                            carrier: "twilio", carrierMessageID: "SMBENCH\(index)", from: Fixtures.phone(index), to: "+14155550100",
                            body: Self.bodies[index % Self.bodies.count], receivedAt: clock.now
                        )
                        let before = ContinuousClock.now
                        _ = try await handler.handle(message, route: .inline)
                        own.append((ContinuousClock.now - before) / .milliseconds(1))
                    }
                    return own
                }
            }
            var all: [Double] = []
            for try await own in group { all += own }
            return all.sorted()
        }
        let run = InstanceRun(name: instance, count: latencies.count, start: start.timeIntervalSince1970, end: Date().timeIntervalSince1970)
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return [
            "  \(label): " + String(
                format: "%d texts committed by %d concurrent callers in %.2f s (%.0f texts/s), p50 %.2f ms, p99 %.2f ms",
                run.count, callers, run.end - run.start, run.rate, percentile(0.5), percentile(0.99)
            ),
            run.line,
        ]
    }
}
