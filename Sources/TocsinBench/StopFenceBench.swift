import Foundation
import Logging
import PostgresNIO
import Synchronization
import TocsinCore
import TocsinEngine
import TocsinPostgres
import TocsinTesting

/// `TocsinBench stop-fence URL`: the two ways a STOP committed on one instance could stop the sends of the
/// others, measured on the PostgreSQL server at URL (each part in a scratch database, dropped afterwards).
///
/// (a) a read of the suppression lists right before each send (the checks waiting at one moment share one
///     read, see `SendFenceBatcher`): its latency alone and under 16 concurrent
///     readers, and dispatch throughput of a 20,000-message broadcast with and without it;
/// (b) LISTEN/NOTIFY: how long after the notifying transaction's COMMIT another connection receives it.
enum StopFenceBench {
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)
    static let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

    static func run(url: String, broadcast: Int = 20_000) async throws -> [String] {
        let base = try PostgresURL(url)
        var lines: [String] = []
        try await self.withScratch(base) { store, scratch in
            try await store.seedSubscribers(campaignID: try await self.campaign(store), count: 50_000, now: self.noon)
            try await self.sql(scratch, ["INSERT INTO suppression (phone, source, created_at) SELECT phone, 'keyword', 0 FROM subscriber WHERE id % 10 = 0"])
            lines += try await self.fenceReads(store)
            lines += try await self.notifications(scratch)
        }
        var rates: [Bool: [Double]] = [:]
        var perRead: [Double] = []
        for fenced in [false, true, false, true] {
            let (rate, counts) = try await self.withScratch(base) { store, _ in
                let rate = try await self.dispatch(store, count: broadcast, fenced: fenced)
                return (rate, store.sendFenceCounts)
            }
            rates[fenced, default: []].append(rate)
            if fenced { perRead.append(Double(counts.checks) / Double(max(counts.reads, 1))) }
        }
        let without = rates[false]!.max()!, with = rates[true]!.max()!
        lines.append(
            String(
                format: "(a) dispatch of %d messages (Dispatcher, mock carrier, 16 in flight, batches of 100, best of 2): without the fence %.0f msgs/s, with it %.0f msgs/s (%+.1f%%; %.1f checks per read)",
                broadcast, without, with, (with / without - 1) * 100, perRead.reduce(0, +) / Double(perRead.count)
            )
        )
        return lines
    }

    /// Read latency of the fence: one reader at a time, then 16 at once.
    static func fenceReads(_ store: PostgresStore) async throws -> [String] {
        let numbers = (0..<50_000).map { "+1212\(2_000_000 + $0)" }
        for number in numbers.prefix(500) { _ = try await store.verdict(to: number, channel: .sms) }  // warm up
        var alone: [Double] = []
        for index in 0..<5000 {
            let start = ContinuousClock.now
            _ = try await store.verdict(to: numbers[(index * 7919) % numbers.count], channel: index % 2 == 0 ? .sms : .voice)
            alone.append((ContinuousClock.now - start) / .milliseconds(1))
        }
        let before = store.sendFenceCounts
        let started = ContinuousClock.now
        let concurrent = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<16 {
                group.addTask {
                    var latencies: [Double] = []
                    for index in 0..<1000 {
                        let start = ContinuousClock.now
                        _ = try await store.verdict(to: numbers[(worker * 1000 + index) * 31 % numbers.count], channel: .sms)
                        latencies.append((ContinuousClock.now - start) / .milliseconds(1))
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let after = store.sendFenceCounts
        let perRead = Double(after.checks - before.checks) / Double(max(after.reads - before.reads, 1))
        return [
            String(format: "(a) fence read, one at a time (5000 reads, 50k subscribers, 5k suppressed): p50 %.3f ms, p99 %.3f ms", self.percentile(alone, 0.5), self.percentile(alone, 0.99)),
            String(format: "(a) fence read, 16 readers at once (16000 checks, pool of 8 connections): p50 %.3f ms, p99 %.3f ms, %.0f checks/s, %.1f checks per read", self.percentile(concurrent, 0.5), self.percentile(concurrent, 0.99), Double(concurrent.count) / seconds, perRead),
        ]
    }

    /// Commit-to-delivery latency of NOTIFY: a transaction inserts a suppression row and notifies; another
    /// connection listens.
    static func notifications(_ url: PostgresURL) async throws -> [String] {
        let client = PostgresClient(configuration: url.configuration, backgroundLogger: self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let (received, feed) = AsyncStream.makeStream(of: (String, ContinuousClock.Instant).self)
            let listening = Mutex(false)
            group.addTask {
                try await client.withConnection { connection in
                    try await connection.listen(on: "tocsin_stop") { notifications in
                        listening.withLock { $0 = true }
                        for try await notification in notifications { feed.yield((notification.payload, ContinuousClock.now)) }
                    }
                }
            }
            while !listening.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
            try await Task.sleep(for: .milliseconds(50))
            let (afterCommitStart, afterCommitReturn) = try await client.withConnection { connection in
                var iterator = received.makeAsyncIterator()
                var afterCommitStart: [Double] = [], afterCommitReturn: [Double] = []
                for index in 0..<2000 {
                    let phone = "+1313\(2_000_000 + index)"
                    try await connection.query("BEGIN", logger: self.logger)
                    try await connection.query("INSERT INTO suppression (phone, source, created_at) VALUES (\(phone), 'keyword', 0)", logger: self.logger)
                    try await connection.query("SELECT pg_notify('tocsin_stop', \(phone))", logger: self.logger)
                    let commitStart = ContinuousClock.now
                    try await connection.query("COMMIT", logger: self.logger)
                    let commitReturned = ContinuousClock.now
                    guard let (payload, at) = await iterator.next(), payload == phone else { throw BenchError("notification lost or out of order") }
                    afterCommitStart.append((at - commitStart) / .milliseconds(1))
                    afterCommitReturn.append((at - commitReturned) / .milliseconds(1))
                }
                return (afterCommitStart, afterCommitReturn)
            }
            let early = afterCommitReturn.filter { $0 < 0 }.count
            return [
                String(format: "(b) NOTIFY delivery to another connection (2000, one at a time): p50 %.3f ms, p99 %.3f ms after COMMIT was sent; p50 %.3f ms, p99 %.3f ms after COMMIT returned (%d of 2000 arrived before the sender saw its COMMIT return)", self.percentile(afterCommitStart, 0.5), self.percentile(afterCommitStart, 0.99), self.percentile(afterCommitReturn, 0.5), self.percentile(afterCommitReturn, 0.99), early),
            ]
        }
    }

    /// Dispatches a fresh broadcast of `count` through the mock carrier; returns messages per second.
    static func dispatch(_ store: PostgresStore, count: Int, fenced: Bool) async throws -> Double {
        let campaign = try await self.campaign(store)
        try await store.seedSubscribers(campaignID: campaign, count: count, now: self.noon)
        let alert = try await store.createAlert(
            Alert(campaignID: campaign, name: "bench", bodies: ["en": "{first_name}, Ana faces execution. Call now: {action_link}"],
                  schedule: .once(at: self.noon), createdBy: "bench", createdAt: self.noon),
            now: self.noon
        )
        guard let occurrence = try alert.nextOccurrence(after: nil) else { throw BenchError("the alert has no occurrence") }
        try await store.materialize(occurrence, of: alert, next: nil, now: self.noon)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 5000, now: self.noon).done {}
        }
        let clock = MockClock(self.noon)
        let carrier = ScriptedCarrier()
        let locks = KeyedLock()
        let settings = DispatchSettings(
            limits: SenderLimits(perSecond: 10_000_000, perMinute: 600_000_000, perDay: 1_000_000_000), concurrency: 16, batchSize: 100,
            brand: "RightsAlert"
        )
        let dispatcher = Dispatcher(
            store: store, replies: ReplySender(outbox: store, carrier: carrier, clock: clock, locks: locks, logger: self.logger), carrier: carrier,
            clock: clock, settings: settings, suppressionGuard: SuppressionGuard(), logger: self.logger, fence: fenced ? store : nil
        )
        let start = ContinuousClock.now
        let claimed = await dispatcher.drain()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        guard claimed == count, carrier.sent.count == count else { throw BenchError("sent \(carrier.sent.count) of \(count)") }
        return Double(count) / seconds
    }

    static func campaign(_ store: PostgresStore) async throws -> Int64 {
        try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: self.noon).id
    }

    /// Runs `body` with a migrated store on a scratch database, dropped afterwards.
    static func withScratch<Result: Sendable>(
        _ base: PostgresURL, _ body: (PostgresStore, PostgresURL) async throws -> Result
    ) async throws -> Result {
        let name = "tocsin_fence_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await self.sql(base, ["CREATE DATABASE \(name)"])
        let scratch = base.with(database: name)
        do {
            let result = try await withThrowingTaskGroup(of: Void.self) { group in
                let store = PostgresStore(url: scratch, logger: self.logger)
                group.addTask { try await store.run() }
                defer { group.cancelAll() }
                try await store.migrate()
                return try await body(store, scratch)
            }
            try await self.sql(base, ["DROP DATABASE \(name) WITH (FORCE)"])
            return result
        } catch {
            try? await self.sql(base, ["DROP DATABASE \(name) WITH (FORCE)"])
            throw error
        }
    }

    /// Runs statements on their own client.
    static func sql(_ url: PostgresURL, _ statements: [String]) async throws {
        let client = PostgresClient(configuration: url.configuration, backgroundLogger: self.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            for statement in statements { try await client.query(PostgresQuery(unsafeSQL: statement)) }
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
