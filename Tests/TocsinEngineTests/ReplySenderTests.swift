import Foundation
import Logging
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

struct ReplySenderTests {
    func setup() async throws -> (SQLiteStore, ScriptedCarrier, ReplySender, MockClock) {
        let store = try SQLiteStore.inMemory()
        let carrier = ScriptedCarrier()
        let clock = MockClock()
        let sender = ReplySender(outbox: store, carrier: carrier, clock: clock, logger: Logger(label: "test"))
        return (store, carrier, sender, clock)
    }

    func help(_ store: SQLiteStore, _ phone: PhoneNumber, _ id: String, intent: Intent = .help, now: Date) async throws -> InboundOutcome {
        let work = InboundWork(
            message: InboundMessage(carrier: "mock", carrierMessageID: id, from: phone, to: "+14155550100", body: "HELP", receivedAt: now),
            classification: Classification(intent: intent, tier: .exact, language: "en"), joinCampaignID: nil, replyRoute: .carrier
        )
        let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)
        return try await store.commitInbound([work], policy: policy, renderer: NoRenderer(), now: now)[0].get()
    }

    @Test func sendsAndRecordsTheCarrierID() async throws {
        let (store, carrier, sender, clock) = try await self.setup()
        let outcome = try await self.help(store, Fixtures.phone(1), "m1", now: clock.now)
        await sender.send(outcome.replies)
        #expect(carrier.sent.map(\.kind) == [.help])
        let record = try await store.outbound(to: Fixtures.phone(1)).first
        #expect(record?.status == "sent")
        #expect(record?.carrier == "mock")
    }

    @Test func carrierErrorsAreRecordedNotThrown() async throws {
        let (store, carrier, sender, clock) = try await self.setup()
        carrier.failNext(CarrierError(.rejected, code: "21211", message: "invalid number"))
        let outcome = try await self.help(store, Fixtures.phone(2), "m1", now: clock.now)
        await sender.send(outcome.replies)
        let record = try await store.outbound(to: Fixtures.phone(2)).first
        #expect(record?.status == "failed")
        #expect(record?.reason?.contains("21211") == true)
    }

    @Test func queuedRepliesAreResumedAfterARestartAndStaleConfirmationsExpire() async throws {
        let (store, carrier, sender, clock) = try await self.setup()
        _ = try await self.help(store, Fixtures.phone(3), "m1", now: clock.now)
        _ = try await self.help(store, Fixtures.phone(4), "m2", intent: .optOut, now: clock.now)
        clock.advance(by: 600)
        try await sender.resumeQueued()
        #expect(carrier.sent.map(\.kind) == [.help])
        #expect(try await store.outbound(to: Fixtures.phone(4)).first?.status == "expired")
        #expect(try await store.queuedReplies(limit: 10).isEmpty)
    }
}
