import Foundation
import GRDB
import Logging
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinEngine
@testable import TocsinStore

struct CallDispatcherTests {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)

    struct Harness {
        let store: SQLiteStore
        let carrier = ScriptedVoiceCarrier()
        let clock = MockClock(CallDispatcherTests.noon)
        let voiceGuard = SuppressionGuard()
        let suppressionGuard = SuppressionGuard()
        var dispatcher: CallDispatcher {
            CallDispatcher(
                store: self.store, carrier: self.carrier, clock: self.clock,
                settings: CallSettings(organisationName: "RightsAlert", callbackNumber: "+14155550199", callsPerSecond: 50),
                dispatch: DispatchSettings(backoffBase: 1, backoffCap: 1), suppressionGuard: self.suppressionGuard,
                voiceGuard: self.voiceGuard, locks: KeyedLock(), logger: Logger(label: "test")
            )
        }
    }

    /// Two subscribers with calls on and one voice alert fanned out.
    func harness() async throws -> Harness {
        let store = try SQLiteStore.inMemory()
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: Self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: 2, now: Self.noon)
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE subscription SET channel = 'voice'")
        }
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "Call", channel: .voice, bodies: ["en": "Act now."], schedule: .once(at: Self.noon), createdBy: "t", createdAt: Self.noon),
            now: Self.noon
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: Self.noon)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 100, now: Self.noon).done {}
        }
        return Harness(store: store)
    }

    @Test func placesEachCallWithTheOrganisationAndCallbackNumber() async throws {
        let harness = try await self.harness()
        #expect(await harness.dispatcher.runOnce() == 2)
        #expect(harness.carrier.calls.map(\.to.e164).sorted() == ["+12122000000", "+12122000001"])
        #expect(harness.carrier.calls.allSatisfy { $0.organisationName == "RightsAlert" && $0.callbackNumber == "+14155550199" && $0.script == "Act now." })
        #expect(try await harness.store.bulkRecords().map(\.status) == ["sent", "sent"])
        #expect(await harness.dispatcher.runOnce() == 0)
    }

    @Test func aPressNineOrStopCommittingBeforeTheCallStopsIt() async throws {
        let harness = try await self.harness()
        harness.voiceGuard.insert("+12122000000")
        harness.suppressionGuard.insert("+12122000001")
        #expect(await harness.dispatcher.runOnce() == 2)
        #expect(harness.carrier.calls.isEmpty)
        let records = try await harness.store.bulkRecords()
        #expect(records.map(\.status) == ["suppressed", "suppressed"])
        #expect(records[0].reason == "the number asked for no more calls (pressed 9)")
    }

    @Test func aCallStillWaitingWhenItsHoursEndIsDeferredNotPlaced() async throws {
        let harness = try await self.harness()
        let closing = Self.noon.addingTimeInterval(8 * 3600)  // 20:00 in New York
        let dispatch = DispatchSettings()
        let batch = try await harness.store.claimCalls(
            limit: 10, gate: dispatch.gate, cap: CallSettings(organisationName: "R", callbackNumber: "+1").cap, brand: "B", lease: 60,
            now: Self.noon
        )
        #expect(batch.count == 2 && batch.allSatisfy { $0.sendBy == closing })
        // Paced behind others until after 20:00.
        harness.clock.advance(by: 8 * 3600 + 1)
        let outcomes = await harness.dispatcher.place(batch)
        #expect(harness.carrier.calls.isEmpty)
        try await harness.store.recordCallOutcomes(outcomes, now: harness.clock.now)
        let records = try await harness.store.bulkRecords()
        #expect(records.allSatisfy { $0.status == "deferred" && $0.sendAfter == closing && $0.attempts == 0 })
        #expect(records.allSatisfy { $0.reason?.contains("allowed hours ended") == true })
    }

    @Test func retryableErrorsRequeueAndTerminalOnesFail() async throws {
        let harness = try await self.harness()
        harness.carrier.failNext(CarrierError(.unavailable, message: "503"), CarrierError(.rejected, code: "21211", message: "bad number"))
        let dispatcher = CallDispatcher(
            store: harness.store, carrier: harness.carrier, clock: harness.clock,
            settings: CallSettings(organisationName: "RightsAlert", callbackNumber: "+14155550199", callsPerSecond: 50, concurrency: 1),
            dispatch: DispatchSettings(backoffBase: 1, backoffCap: 1), suppressionGuard: harness.suppressionGuard,
            voiceGuard: harness.voiceGuard, locks: KeyedLock(), logger: Logger(label: "test")
        )
        #expect(await dispatcher.runOnce() == 2)
        let records = try await harness.store.bulkRecords()
        #expect(records.map(\.status) == ["queued", "failed"])
        harness.clock.advance(by: 5)
        #expect(await dispatcher.runOnce() == 1)
        #expect(try await harness.store.bulkRecords().map(\.status) == ["sent", "failed"])
    }
}
