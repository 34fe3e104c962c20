import Foundation
import Logging
import TocsinCarriers
import TocsinCore
import TocsinEngine
import TocsinPostgres
import TocsinRules
import TocsinTesting

/// Dispatch of one N-recipient occurrence on PostgreSQL, by one or several concurrent processes ("instances")
/// sharing the database, with the same gates and settings as the SQLite ``DispatchBench``.
enum PostgresDispatchBench {
    /// A fresh database, one campaign, N subscribers and one alert fanned out to all of them.
    static func seed(url: String, count: Int) async throws -> String {
        try await PostgresBenchDatabase.recreate(url: url)
        let now = DispatchBench.mondayNoon
        return try await PostgresBenchDatabase.withStore(url: url) { store in
            let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: now)
            try await store.seedSubscribers(campaignID: campaign.id, count: count, now: now)
            let alert = try await store.createAlert(
                Alert(campaignID: campaign.id, name: "bench", bodies: ["en": "{first_name}, Ana faces execution. Call now: {action_link}"],
                      schedule: .once(at: now), createdBy: "bench", createdAt: now),
                now: now
            )
            guard let occurrence = try alert.nextOccurrence(after: nil) else { throw BenchError("the bench alert has no occurrence") }
            try await store.materialize(occurrence, of: alert, next: nil, now: now)
            for id in try await store.unfinishedFanouts() {
                while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 50_000, now: now).done {}
            }
            let queued = try await store.outboundStatusCounts(lane: "bulk")["queued", default: 0]
            return "seeded PostgreSQL: \(count) subscribers, one alert fanned out to \(queued) queued messages"
        }
    }

    /// One instance: its own pool, Dispatcher, SuppressionGuard and mock carrier (appending to `outbox`),
    /// sending until nothing is left to claim. Prints a summary and an ``InstanceRun`` line.
    static func run(url: String, outbox: String, instance: String) async throws -> [String] {
        try await PostgresBenchDatabase.withStore(url: url) { store in
            let clock = MockClock(DispatchBench.mondayNoon)
            let carrier = try MockCarrier(outboxPath: outbox, clock: clock)
            let logger = PostgresBenchDatabase.logger
            let settings = try Self.settings()
            let replies = ReplySender(outbox: store, carrier: carrier, clock: clock, locks: KeyedLock(), logger: logger)
            let dispatcher = Dispatcher(
                store: store, replies: replies, carrier: carrier, clock: clock, settings: settings,
                suppressionGuard: SuppressionGuard(), logger: logger
            )
            let start = Date()
            let claimed = await dispatcher.drain()
            let run = InstanceRun(name: instance, count: claimed, start: start.timeIntervalSince1970, end: Date().timeIntervalSince1970)
            return [
                "  instance \(instance): " + String(
                    format: "%d claimed and sent in %.2f s (%.0f msgs/s), batches of %d, peak RSS %.0f MB",
                    claimed, run.end - run.start, run.rate, settings.batchSize, FanoutBench.peakMegabytes()
                ),
                run.line,
            ]
        }
    }

    /// The SQLite bench's settings: every gate on, the jurisdiction policies of Compliance/, pacing out of
    /// the way, 16 concurrent carrier calls, batches of BENCH_DISPATCH_BATCH (default `dispatch.batch_size`).
    static func settings() throws -> DispatchSettings {
        var settings = DispatchSettings(
            limits: SenderLimits(perSecond: 10_000_000, perMinute: 600_000_000, perDay: 1_000_000_000), concurrency: 16,
            batchSize: DispatchBench.batchSize, brand: "RightsAlert"
        )
        settings.gate.policies = try PolicyFiles.load(directory: "Compliance")
        return settings
    }

    /// Checks the sums after a run: every one of `recipients` sent exactly once, in the database and in the
    /// mock carriers' outbox files together. Returns the report lines and whether the check passed.
    static func check(url: String, recipients: Int, outboxes: [String]) async throws -> (lines: [String], passed: Bool) {
        let counts = try await PostgresBenchDatabase.withStore(url: url) { try await $0.outboundStatusCounts(lane: "bulk") }
        var perFile: [String] = []
        var lines = 0
        var phones = Set<String>()
        for path in outboxes {
            let sent = try MockOutboxLine.readAll(path: path)
            lines += sent.count
            phones.formUnion(sent.map(\.to))
            perFile.append("\((path as NSString).lastPathComponent) \(sent.count)")
        }
        let statuses = counts.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let sentRows = counts["sent", default: 0]
        let passed = sentRows == recipients && lines == recipients && phones.count == recipients
            && counts.values.reduce(0, +) == recipients
        return ([
            "  check: database rows by status: \(statuses); carrier outbox lines \(lines) (\(perFile.joined(separator: ", "))), "
                + "\(phones.count) distinct recipients of \(recipients): "
                + (passed ? "every recipient sent exactly once" : "MISMATCH, not every recipient was sent exactly once"),
        ], passed)
    }
}
