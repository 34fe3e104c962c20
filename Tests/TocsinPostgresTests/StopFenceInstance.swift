import Foundation
import Logging
import Synchronization
import TocsinCore
import TocsinEngine
import TocsinRules
import TocsinTesting
@testable import TocsinPostgres

/// A carrier that records when each send starts and can hold every send until it is opened.
final class GatedCarrier: CarrierAdapter {
    let id = "mock"
    private let prefix: String
    private let state = Mutex(State())

    struct State {
        var open = true
        var waiters: [CheckedContinuation<Void, Never>] = []
        var starts: [(to: String, kind: MessageKind, at: ContinuousClock.Instant)] = []
        var accepted = 0
        var delay: Duration = .zero
    }

    /// - Parameter prefix: makes carrier message ids unique per instance.
    init(prefix: String) { self.prefix = prefix }

    /// Each send's number, kind and the instant it reached the carrier.
    var starts: [(to: String, kind: MessageKind, at: ContinuousClock.Instant)] { self.state.withLock { $0.starts } }

    /// Holds every send that starts from now on until ``open()``.
    func close() { self.state.withLock { $0.open = false } }

    func open() {
        let waiters = self.state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Makes every send take this long.
    func setDelay(_ delay: Duration) { self.state.withLock { $0.delay = delay } }

    func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        let (held, delay) = self.state.withLock { state in
            state.starts.append((message.to.e164, message.kind, ContinuousClock.now))
            return (!state.open, state.delay)
        }
        if held {
            await withCheckedContinuation { continuation in
                let now = self.state.withLock { state in
                    if state.open { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        let number = self.state.withLock { state in
            state.accepted += 1
            return state.accepted
        }
        return CarrierReceipt(carrierMessageID: "\(self.prefix)-\(number)")
    }
}

/// A fence that notes the instant each read begins: across instances, that is when a send starts (the read
/// sees every opt-out committed before it).
final class RecordingFence: SendFence {
    let inner: any SendFence
    private let reads = Mutex<[String: ContinuousClock.Instant]>([:])

    init(_ inner: any SendFence) { self.inner = inner }

    /// The instant the last read for each number began.
    var readStarts: [String: ContinuousClock.Instant] { self.reads.withLock { $0 } }

    func verdict(to e164: String, channel: TocsinCore.Channel) async throws -> SendFenceVerdict {
        self.reads.withLock { $0[e164] = ContinuousClock.now }
        return try await self.inner.verdict(to: e164, channel: channel)
    }
}

/// One `tocsin serve` instance as far as opt-outs go: its own client, dispatcher, inbound path, suppression
/// guard and per-number locks, over a database it shares with the others.
final class StopFenceInstance: Sendable {
    static let keywords: KeywordSet = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        do {
            return try KeywordSet.load(directory: root.appendingPathComponent("Keywords").path)
        } catch {
            fatalError("Keywords/ does not load: \(error)")
        }
    }()

    let store: PostgresStore
    let carrier: GatedCarrier
    let fence: RecordingFence
    let suppressionGuard: SuppressionGuard
    let locks: KeyedLock
    let clock: MockClock
    let dispatcher: Dispatcher
    let inbound: InboundHandler
    /// The instant each STOP handled here returned (its webhook would be acknowledged then).
    let committed = Mutex<[String: ContinuousClock.Instant]>([:])

    /// - Parameter fenced: false leaves the dispatcher without a fence (before this change).
    init(_ store: PostgresStore, name: String, fenced: Bool = true, batchSize: Int = 100) {
        let carrier = GatedCarrier(prefix: name)
        let fence = RecordingFence(store)
        let suppressionGuard = SuppressionGuard()
        let locks = KeyedLock()
        let clock = MockClock(Scenario.noon)
        let logger = Logger(label: "test.\(name)", factory: { _ in SwiftLogNoOpLogHandler() })
        let settings = DispatchSettings(
            limits: SenderLimits(perSecond: 10_000_000, perMinute: 600_000_000, perDay: 1_000_000_000), concurrency: 16,
            batchSize: batchSize, brand: "RightsAlert"
        )
        let replies = ReplySender(outbox: store, carrier: carrier, clock: clock, locks: locks, logger: logger)
        self.dispatcher = Dispatcher(
            store: store, replies: replies, carrier: carrier, clock: clock, settings: settings, suppressionGuard: suppressionGuard,
            logger: logger, fence: fenced ? fence : nil
        )
        self.inbound = InboundHandler(
            classifier: KeywordClassifier(Self.keywords), directory: CampaignDirectory(), store: store, policy: Scenario.policy,
            renderer: KindRenderer(), clock: clock, suppressionGuard: suppressionGuard, locks: locks
        )
        self.store = store
        self.carrier = carrier
        self.fence = fence
        self.suppressionGuard = suppressionGuard
        self.locks = locks
        self.clock = clock
    }

    /// Texts STOP from `phone` through this instance's inbound path; notes when it returned.
    func stop(_ phone: String) async throws {
        let message = InboundMessage(
            carrier: "mock", carrierMessageID: "stop-\(phone)", from: PhoneNumber(e164: phone)!, to: Scenario.sender, body: "STOP",
            receivedAt: self.clock.now
        )
        _ = try await self.inbound.handle(message, route: .carrier)
        let now = ContinuousClock.now
        self.committed.withLock { $0[phone] = now }
    }

    /// The alert sends that reached the carrier.
    var alertStarts: [(to: String, kind: MessageKind, at: ContinuousClock.Instant)] {
        self.carrier.starts.filter { $0.kind == .alert }
    }
}
