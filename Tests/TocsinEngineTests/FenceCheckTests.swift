import Foundation
import GRDB
import Logging
import Synchronization
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinEngine
@testable import TocsinStore

/// A fence scripted per number: a verdict, or an error, and a log of every question.
final class ScriptedFence: SendFence {
    struct Down: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    private let state = Mutex<(verdicts: [String: SendFenceVerdict], failing: Bool, asked: [(String, Channel)])>(([:], false, []))

    func set(_ e164: String, _ verdict: SendFenceVerdict) { self.state.withLock { $0.verdicts[e164] = verdict } }
    func setFailing(_ failing: Bool) { self.state.withLock { $0.failing = failing } }
    var asked: [(number: String, channel: Channel)] { self.state.withLock { $0.asked } }

    func verdict(to e164: String, channel: Channel) async throws -> SendFenceVerdict {
        try self.state.withLock { state in
            state.asked.append((e164, channel))
            if state.failing { throw Down() }
            return state.verdicts[e164] ?? .clear
        }
    }
}

struct FenceCheckTests {
    static let noon = DispatchHarness.mondayNoon

    @Test(arguments: [
        (SendFenceVerdict.clear, Channel.sms, nil),
        (.clear, .voice, nil),
        (.optedOut, .sms, "number opted out while the message was queued (opt-out committed by another instance)"),
        (.optedOut, .voice, "number opted out while the call was queued (opt-out committed by another instance)"),
        (.noMoreCalls, .voice, "the number asked for no more calls (pressed 9; recorded by another instance)"),
    ] as [(SendFenceVerdict, Channel, String?)])
    func aVerdictClosesTheMessageAsSuppressedOrLetsItGo(verdict: SendFenceVerdict, channel: Channel, reason: String?) {
        let result = FenceCheck.result(of: verdict, channel: channel)
        #expect(result == reason.map { .closed(.suppressed, reason: $0) })
    }

    @Test func aFailedCheckRetriesLaterOrExpiresButNeverSends() {
        let at = Self.noon.addingTimeInterval(10)
        let retry = FenceCheck.afterError(ScriptedFence.Down(), retryAt: at, expiresAt: Self.noon.addingTimeInterval(60), carrier: "mock")
        guard case .retry(let when, let carrier, let error) = retry else {
            Issue.record("expected a retry, got \(retry)")
            return
        }
        #expect(when == at && carrier == "mock" && error.isRetryable)
        #expect(error.message.contains("send fence could not read the suppression list (connection refused)"))
        let expired = FenceCheck.afterError(ScriptedFence.Down(), retryAt: at, expiresAt: Self.noon.addingTimeInterval(5), carrier: "mock")
        guard case .closed(.expired, let reason) = expired else {
            Issue.record("expected expired, got \(expired)")
            return
        }
        #expect(reason.hasPrefix("retrying would pass its expiry"))
    }

    @Test func theRetryWaitIsAtLeastASecondAndAtMostTheFirstBackoffStep() {
        var generator = SystemRandomNumberGenerator()
        let settings = DispatchSettings(backoffBase: 8)
        let waits = (0..<200).map { _ in FenceCheck.retryDelay(settings, using: &generator) }
        #expect(waits.allSatisfy { $0 >= 1 && $0 <= 8 })
        #expect(Set(waits).count > 1)
    }

    @Test func anOptOutOnAnotherInstanceClosesTheMessageWithoutACarrierCall() async throws {
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        let fence = ScriptedFence()
        fence.set("+12122000001", .optedOut)
        let dispatcher = self.dispatcher(harness, fence: fence)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.map(\.to.e164).sorted() == ["+12122000000", "+12122000002"])
        let records = try await harness.store.bulkRecords()
        let stopped = try #require(records.first { $0.phone == "+12122000001" })
        #expect(stopped.status == "suppressed")
        #expect(stopped.reason == "number opted out while the message was queued (opt-out committed by another instance)")
        #expect(fence.asked.map(\.number).sorted() == ["+12122000000", "+12122000001", "+12122000002"])
        #expect(fence.asked.allSatisfy { $0.channel == .sms })
    }

    @Test func aFailingFenceHoldsEveryMessageAndSendsWhenItAnswersAgain() async throws {
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        let fence = ScriptedFence()
        fence.setFailing(true)
        let dispatcher = self.dispatcher(harness, fence: fence)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.isEmpty)
        let held = try await harness.store.bulkRecords()
        #expect(held.map(\.status) == ["queued", "queued", "queued"])
        #expect(held.allSatisfy { ($0.sendAfter ?? .distantPast) > Self.noon && $0.reason?.contains("send fence") == true })
        fence.setFailing(false)
        harness.clock.advance(by: 31)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.count == 3)
        #expect(try await harness.statuses() == ["sent": 3])
    }

    @Test func theInProcessGuardIsCheckedFirstAndNeedsNoDatabaseRead() async throws {
        let harness = try await DispatchHarness(subscribers: 2)
        try await harness.broadcast()
        harness.suppressionGuard.insert("+12122000000")
        let fence = ScriptedFence()
        await harness.drain(self.dispatcher(harness, fence: fence))
        #expect(fence.asked.map(\.number) == ["+12122000001"])
        #expect(harness.carrier.sent.map(\.to.e164) == ["+12122000001"])
    }

    @Test(arguments: [SendFenceVerdict.optedOut, .noMoreCalls])
    func aStopOrPressNineOnAnotherInstanceStopsAClaimedCall(verdict: SendFenceVerdict) async throws {
        let harness = try await CallDispatcherTests().harness()
        let fence = ScriptedFence()
        fence.set("+12122000000", verdict)
        #expect(await self.callDispatcher(harness, fence: fence).runOnce() == 2)
        #expect(harness.carrier.calls.map(\.to.e164) == ["+12122000001"])
        let records = try await harness.store.bulkRecords()
        #expect(records.map(\.status) == ["suppressed", "sent"])
        #expect(records[0].reason == FenceCheck.result(of: verdict, channel: .voice).flatMap { result -> String? in
            if case .closed(_, let reason) = result { return reason }
            return nil
        })
        #expect(fence.asked.allSatisfy { $0.channel == .voice } && fence.asked.count == 2)
    }

    @Test func aFailingFencePlacesNoCall() async throws {
        let harness = try await CallDispatcherTests().harness()
        let fence = ScriptedFence()
        fence.setFailing(true)
        #expect(await self.callDispatcher(harness, fence: fence).runOnce() == 2)
        #expect(harness.carrier.calls.isEmpty)
        #expect(try await harness.store.bulkRecords().map(\.status) == ["queued", "queued"])
    }

    func dispatcher(_ harness: DispatchHarness, fence: ScriptedFence) -> Dispatcher {
        let settings = DispatchSettings(
            limits: SenderLimits(perSecond: 1_000_000, perMinute: 60_000_000, perDay: 1_000_000_000), batchSize: 100, backoffBase: 30,
            brand: "RightsAlert"
        )
        let replies = ReplySender(outbox: harness.store, carrier: harness.carrier, clock: harness.clock, locks: harness.locks, logger: Logger(label: "test"))
        return Dispatcher(
            store: harness.store, replies: replies, carrier: harness.carrier, clock: harness.clock, settings: settings,
            suppressionGuard: harness.suppressionGuard, logger: Logger(label: "test"), fence: fence
        )
    }

    func callDispatcher(_ harness: CallDispatcherTests.Harness, fence: ScriptedFence) -> CallDispatcher {
        CallDispatcher(
            store: harness.store, carrier: harness.carrier, clock: harness.clock,
            settings: CallSettings(organisationName: "RightsAlert", callbackNumber: "+14155550199", callsPerSecond: 50),
            dispatch: DispatchSettings(backoffBase: 1, backoffCap: 1), suppressionGuard: harness.suppressionGuard,
            voiceGuard: harness.voiceGuard, locks: KeyedLock(), logger: Logger(label: "test"), fence: fence
        )
    }
}
