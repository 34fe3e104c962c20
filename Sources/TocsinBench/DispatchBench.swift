import Foundation
import Logging
import TocsinCarriers
import TocsinCore
import TocsinEngine
import TocsinRules
import TocsinStore
import TocsinTesting

/// Dispatch of one 1,000,000-recipient occurrence through the mock carrier with every gate on, and the
/// latency of STOPs (inbound to committed suppression) that arrive while it runs.
enum DispatchBench {
    /// `storage.durability` of the run (BENCH_DURABILITY, default `full` as in production).
    static let durability = SQLiteStore.Durability(rawValue: ProcessInfo.processInfo.environment["BENCH_DURABILITY"] ?? "") ?? .full

    /// The claim size of the run (BENCH_DISPATCH_BATCH, default `dispatch.batch_size`'s default).
    static let batchSize = Int(ProcessInfo.processInfo.environment["BENCH_DISPATCH_BATCH"] ?? "") ?? DispatchSettings.defaultBatchSize

    /// Monday 2026-11-23 12:00 in New York: inside the quiet-hours window of every seeded (212) number.
    static let mondayNoon = Date(timeIntervalSince1970: 1_795_453_200)

    /// Seeds N subscribers and fans one alert out to them (run in its own process).
    static func seed(path: String, count: Int) async throws -> String {
        let store = try SQLiteStore(path: path)
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: Self.mondayNoon)
        try await store.seedSubscribers(campaignID: campaign.id, count: count, now: Self.mondayNoon)
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "bench", bodies: ["en": "{first_name}, Ana faces execution. Call now: {action_link}"],
                  schedule: .once(at: Self.mondayNoon), createdBy: "bench", createdAt: Self.mondayNoon),
            now: Self.mondayNoon
        )
        guard let occurrence = try alert.nextOccurrence(after: nil) else { return "no occurrence" }
        try await store.materialize(occurrence, of: alert, next: nil, now: Self.mondayNoon)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 50_000, now: Self.mondayNoon).done {}
        }
        return "seeded \(count) subscribers and fanned out one alert"
    }

    /// Times the claim step alone, then the carrier step alone (where the dispatch time goes).
    static func phases(path: String, outbox: String) async throws -> [String] {
        let store = try SQLiteStore(path: path)
        let clock = MockClock(Self.mondayNoon)
        let carrier = try MockCarrier(outboxPath: outbox, clock: clock)
        var claimSeconds = 0.0, sendSeconds = 0.0, recordSeconds = 0.0, total = 0
        // The same gate and batch size as the dispatch run.
        var gate = SendGate()
        gate.policies = try PolicyFiles.load(directory: "Compliance")
        let batchSize = Self.batchSize
        while true {
            var start = ContinuousClock.now
            let batch = try await store.claimBulk(limit: batchSize, gate: gate, brand: "B", lease: 300, now: clock.now)
            claimSeconds += (ContinuousClock.now - start) / .seconds(1)
            if batch.isEmpty { break }
            total += batch.count
            start = ContinuousClock.now
            var outcomes: [DispatchOutcome] = []
            for message in batch {
                let receipt = try await carrier.send(message.sms)
                outcomes.append(DispatchOutcome(id: message.sms.id, result: .sent(carrier: "mock", carrierMessageID: receipt.carrierMessageID)))
            }
            sendSeconds += (ContinuousClock.now - start) / .seconds(1)
            start = ContinuousClock.now
            try await store.recordOutcomes(outcomes, now: clock.now)
            recordSeconds += (ContinuousClock.now - start) / .seconds(1)
        }
        return [String(format: "%d messages: claim %.2f s, carrier %.2f s, record %.2f s", total, claimSeconds, sendSeconds, recordSeconds)]
    }

    /// Sends every queued row; meanwhile texts STOP from `stops` recipients at an even pace.
    static func run(path: String, outbox: String, keywords: String, stops: Int) async throws -> [String] {
        let store = try SQLiteStore(path: path, durability: Self.durability)
        let clock = MockClock(Self.mondayNoon)
        let carrier = try MockCarrier(outboxPath: outbox, clock: clock)
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let locks = KeyedLock()
        let suppressionGuard = SuppressionGuard()
        var settings = DispatchSettings(
            limits: SenderLimits(perSecond: 10_000_000, perMinute: 600_000_000, perDay: 1_000_000_000), concurrency: 16,
            batchSize: Self.batchSize, brand: "RightsAlert"
        )
        // Every gate on: the jurisdiction policies of Compliance/ too.
        settings.gate.policies = try PolicyFiles.load(directory: "Compliance")
        let replies = ReplySender(outbox: store, carrier: carrier, clock: clock, locks: locks, logger: logger)
        var dispatcher = Dispatcher(
            store: store, replies: replies, carrier: carrier, clock: clock, settings: settings, suppressionGuard: suppressionGuard, logger: logger
        )
        // As `tocsin serve` runs on SQLite: each call noted in the send journal.
        dispatcher.journal = try SendJournal(path: path + ".send-journal")
        try await dispatcher.recover()
        let keywordSet = try KeywordSet.load(directory: keywords)
        let directory = CampaignDirectory()
        try await directory.reload(from: store)
        let inbound = InboundHandler(
            classifier: KeywordClassifier(keywordSet), directory: directory, store: store,
            policy: InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600),
            renderer: KeywordReplyRenderer(keywords: keywordSet, profile: Fixtures.profile, directory: directory),
            clock: clock, suppressionGuard: suppressionGuard, locks: locks
        )
        let total = try await store.outboundStatusCounts(lane: "bulk")["queued", default: 0]
        let start = ContinuousClock.now
        let sending = Task { () -> Int in
            await dispatcher.drain()
        }
        // STOPs from recipients spread over the list, one every 5 ms, while the broadcast runs.
        var latencies: [Double] = []
        for index in 0..<stops {
            let phone = PhoneNumber(e164: "+1212\(2_000_000 + (index * 997) % max(total, 1))")!
            let message = InboundMessage(carrier: "mock", carrierMessageID: "bench-stop-\(index)", from: phone, to: "+14155550100", body: "STOP", receivedAt: clock.now)
            let before = ContinuousClock.now
            _ = try await inbound.handle(message, route: .carrier)
            latencies.append((ContinuousClock.now - before) / .milliseconds(1))
            try await Task.sleep(for: .milliseconds(5))
        }
        let claimed = await sending.value
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let counts = try await store.outboundStatusCounts(lane: "bulk")
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return [
            String(format: "dispatch of one occurrence (every gate on, mock carrier, batches of %d): %d claimed in %.2f s (%.0f msgs/s); target >= 50000 msgs/s", settings.batchSize, claimed, seconds, Double(claimed) / seconds),
            "  outcomes: " + counts.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            String(format: "STOP under load (inbound to committed suppression), %d STOPs: p50 %.2f ms, p99 %.2f ms, max %.2f ms; target p99 <= 10 ms", latencies.count, percentile(0.5), percentile(0.99), latencies.last ?? 0),
            String(format: "peak memory (max RSS of this process): %.0f MB (target <= 256 MB)", FanoutBench.peakMegabytes()),
        ]
    }
}
