import Foundation
import Logging
import Synchronization
import Testing
import TocsinCore
import TocsinEngine
import TocsinServer
import TocsinStore
import TocsinTesting

/// The inbound store, recording the instant just before each batch holding an opt-out starts to commit.
final class CommitRecorder: InboundStore {
    let inner: SQLiteStore
    let commits = Mutex<[String: ContinuousClock.Instant]>([:])

    init(_ inner: SQLiteStore) { self.inner = inner }

    func commitInbound(
        _ batch: [InboundWork], policy: InboundPolicy, renderer: any ReplyRendering, now: Date
    ) async throws -> [Result<InboundOutcome, StoreError>] {
        let before = ContinuousClock.now
        let results = try await self.inner.commitInbound(batch, policy: policy, renderer: renderer, now: now)
        self.commits.withLock { commits in
            for (work, result) in zip(batch, results) where work.classification.intent == .optOut {
                if case .success = result, commits[work.message.from.e164] == nil { commits[work.message.from.e164] = before }
            }
        }
        return results
    }

    func isSuppressed(_ phone: PhoneNumber) async throws -> Bool { try await self.inner.isSuppressed(phone) }
}

/// 1,000 STOPs arrive through the real inbound path during a 100,000-message broadcast: no alert send to
/// any of those numbers starts after its STOP began to commit.
struct StopRaceTests {
    static let mondayNoon = Date(timeIntervalSince1970: 1_795_453_200)

    @Test(.timeLimit(.minutes(5)))
    func noSendStartsAfterItsStopIsCommitted() async throws {
        let app = try await TestApp()
        app.clock.set(Self.mondayNoon)
        let store = try #require(app.services.store as? SQLiteStore)
        let rights = try #require(try await store.campaign(slug: "rights"))
        let count = 100_000
        try await store.seedSubscribers(campaignID: rights.id, count: count, now: app.clock.now)
        let alert = try await store.createAlert(
            Alert(campaignID: rights.id, name: "Race", bodies: ["en": "Act now"], schedule: .once(at: app.clock.now), createdBy: "t", createdAt: app.clock.now),
            now: app.clock.now
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: app.clock.now)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 5000, now: app.clock.now).done {}
        }
        app.carrier.recordStarts()
        let locks = KeyedLock()
        let suppressionGuard = SuppressionGuard()
        let recorder = CommitRecorder(store)
        let config = app.services.config
        let inbound = InboundHandler(
            classifier: app.services.inbound.classifier, directory: app.services.inbound.directory, store: recorder,
            policy: InboundPolicy(profile: config.profile, reviewBusinessDays: config.reviewBusinessDays, calendar: config.reviewCalendar),
            renderer: app.services.renderer, clock: app.clock, suppressionGuard: suppressionGuard, locks: locks
        )
        var settings = config.dispatch
        settings.limits = SenderLimits(perSecond: 10_000_000, perMinute: 600_000_000, perDay: 1_000_000_000)
        settings.batchSize = 500
        let dispatcher = Dispatcher(
            store: store, replies: ReplySender(outbox: store, carrier: app.carrier, clock: app.clock, locks: locks, logger: Logger(label: "t")),
            carrier: app.carrier, clock: app.clock, settings: settings, suppressionGuard: suppressionGuard, logger: Logger(label: "t")
        )
        // The production path: drain() plans, leases, sends and records overlapping batches.
        let sending = Task { await dispatcher.drain() }
        // Wait for the broadcast to be under way, then text STOP from every 100th number, 8 at a time.
        while app.carrier.starts.count < 2000 { try await Task.sleep(for: .milliseconds(5)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: 1000, by: 8) {
                        let phone = PhoneNumber(e164: "+1212\(2_000_000 + index * 100 + 50)")!
                        let message = InboundMessage(
                            carrier: "mock", carrierMessageID: "stop-\(index)", from: phone, to: "+14155550100", body: "STOP",
                            receivedAt: app.clock.now
                        )
                        _ = try await inbound.handle(message, route: .carrier)
                        try await Task.sleep(for: .milliseconds(2))
                    }
                }
            }
            try await group.waitForAll()
        }
        _ = await sending.value
        await dispatcher.drain()
        let commits = recorder.commits.withLock { $0 }
        let alertStarts = app.carrier.starts.filter { $0.kind == .alert }
        #expect(commits.count == 1000)
        let late = alertStarts.filter { start in commits[start.to].map { start.at > $0 } ?? false }
        #expect(late.isEmpty, "\(late.count) alert sends started after their STOP began to commit")
        // The STOPs really raced the broadcast: some came before their number's turn, some after.
        let sentTo = Set(alertStarts.map(\.to))
        let stoppedBeforeTheirTurn = commits.keys.filter { !sentTo.contains($0) }.count
        #expect(stoppedBeforeTheirTurn > 0 && stoppedBeforeTheirTurn < 1000, "\(stoppedBeforeTheirTurn) of 1000 STOPs came before their number's turn")
        // Nothing lost, nothing twice.
        #expect(alertStarts.count == sentTo.count)
        let statuses = try await store.outboundStatusCounts(lane: "bulk")
        #expect(statuses["sent", default: 0] + statuses["suppressed", default: 0] == count)
        #expect(statuses["suppressed", default: 0] == stoppedBeforeTheirTurn)
    }
}
