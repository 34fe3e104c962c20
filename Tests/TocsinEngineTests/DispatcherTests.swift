import Foundation
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

struct DispatcherTests {
    @Test func sendsEachRecipientOnceWithTheRenderedBodyAndTheReminder() async throws {
        let harness = try await DispatchHarness(subscribers: 25)
        try await harness.broadcast()
        await harness.drain(harness.dispatcher())
        #expect(harness.carrier.sent.count == 25)
        #expect(Set(harness.carrier.sent.map(\.to)).count == 25)
        #expect(harness.carrier.sent.first?.body == "friend, act: https://rights.example.org/act\nReply STOP to opt out.")
        #expect(try await harness.statuses() == ["sent": 25])
    }

    @Test func theReminderComesAtMostOnceEveryThirtyDays() async throws {
        let harness = try await DispatchHarness(subscribers: 1)
        try await harness.broadcast("First")
        await harness.drain(harness.dispatcher())
        harness.clock.advance(by: 86_400)
        try await harness.broadcast("Second")
        await harness.drain(harness.dispatcher())
        harness.clock.advance(by: 30 * 86_400)
        try await harness.broadcast("Third")
        await harness.drain(harness.dispatcher())
        #expect(harness.carrier.sent.map(\.body) == ["First\nReply STOP to opt out.", "Second", "Third\nReply STOP to opt out."])
    }

    @Test func quietHoursDeferUntilTheWindowOpens() async throws {
        // Saturday 07:00 in New York.
        let harness = try await DispatchHarness(subscribers: 5, start: DispatchHarness.mondayNoon.addingTimeInterval(-2 * 86_400 - 5 * 3600))
        try await harness.broadcast()
        let dispatcher = harness.dispatcher()
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.isEmpty)
        let records = try await harness.store.bulkRecords()
        #expect(records.allSatisfy { $0.status == "deferred" && $0.reason == "quiet hours in the recipient's time zone" })
        // 10:00 EST on Saturday is 15:00Z: three hours later.
        #expect(records.first?.sendAfter == harness.clock.now.addingTimeInterval(3 * 3600))
        harness.clock.advance(by: 3 * 3600 - 1)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.isEmpty)
        harness.clock.advance(by: 1)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.count == 5)
    }

    @Test func aMessageStillWaitingWhenItsHoursEndIsDeferredNotSent() async throws {
        // Monday 19:59:59 in New York: claimed inside the window, but its turn comes after 20:00.
        let closing = DispatchHarness.mondayNoon.addingTimeInterval(8 * 3600)
        let harness = try await DispatchHarness(subscribers: 2, start: closing.addingTimeInterval(-1))
        try await harness.broadcast()
        let dispatcher = harness.dispatcher()
        let batch = await dispatcher.claimNext()
        #expect(batch.count == 2)
        #expect(batch.allSatisfy { $0.sendBy == closing })
        harness.clock.advance(by: 2)
        let outcomes = await dispatcher.send(batch)
        #expect(harness.carrier.sent.isEmpty)
        try await harness.store.recordOutcomes(outcomes, now: harness.clock.now)
        let records = try await harness.store.bulkRecords()
        // Deferred, not an attempt, with the body the claim rendered.
        #expect(records.allSatisfy { $0.status == "deferred" && $0.attempts == 0 && $0.sendAfter == closing })
        #expect(records.allSatisfy { $0.reason?.contains("allowed hours ended") == true && $0.body?.isEmpty == false })
        // The next claim decides them again: Tuesday 09:00 in New York.
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.isEmpty)
        let tuesday = DispatchHarness.mondayNoon.addingTimeInterval(21 * 3600)
        #expect(try await harness.store.bulkRecords().allSatisfy { $0.status == "deferred" && $0.sendAfter == tuesday })
    }

    @Test func aNumberInTheSuppressionGuardIsNeverSentTo() async throws {
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        let target = try #require(try await harness.store.bulkRecords().first?.phone)
        harness.suppressionGuard.insert(target)
        await harness.drain(harness.dispatcher())
        #expect(harness.carrier.sent.count == 2)
        #expect(!harness.carrier.sent.contains { $0.to.e164 == target })
        let record = try #require(try await harness.store.bulkRecords().first { $0.phone == target })
        #expect(record.status == "suppressed")
    }

    @Test func aSuppressionCommittedAfterTheFanOutIsObeyedAtClaim() async throws {
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        let target = try #require(try await harness.store.bulkRecords().first?.phone)
        let work = InboundWork(
            message: InboundMessage(carrier: "mock", carrierMessageID: "s1", from: PhoneNumber(e164: target)!, to: "+14155550100", body: "STOP", receivedAt: harness.clock.now),
            classification: Classification(intent: .optOut, tier: .exact, language: "en"), joinCampaignID: nil, replyRoute: .carrier
        )
        _ = try await harness.store.commitInbound([work], policy: InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600), renderer: NoRenderer(), now: harness.clock.now)
        await harness.drain(harness.dispatcher())
        // The opt-out confirmation (reply lane) goes; the alert does not.
        #expect(harness.carrier.sent.filter { $0.to.e164 == target }.map(\.kind) == [.optOutConfirmation])
        #expect(try await harness.store.bulkRecords().first { $0.phone == target }?.status == "suppressed")
    }

    @Test func repliesGoBeforeBulk() async throws {
        let harness = try await DispatchHarness(subscribers: 5)
        try await harness.broadcast()
        let work = InboundWork(
            message: InboundMessage(carrier: "mock", carrierMessageID: "h1", from: Fixtures.phone(7), to: "+14155550100", body: "HELP", receivedAt: harness.clock.now),
            classification: Classification(intent: .help, tier: .exact, language: "en"), joinCampaignID: nil, replyRoute: .carrier
        )
        _ = try await harness.store.commitInbound([work], policy: InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600), renderer: NoRenderer(), now: harness.clock.now)
        await harness.drain(harness.dispatcher())
        #expect(harness.carrier.sent.map(\.kind) == [.help] + Array(repeating: .alert, count: 5))
    }

    @Test func retryableErrorsBackOffAndSucceedLater() async throws {
        let harness = try await DispatchHarness(subscribers: 1)
        try await harness.broadcast()
        harness.carrier.failNext(CarrierError(.unavailable, code: "503", message: "down"))
        let dispatcher = harness.dispatcher()
        await harness.drain(dispatcher)
        var record = try #require(try await harness.store.bulkRecords().first)
        #expect(record.status == "queued")
        #expect(record.attempts == 1)
        #expect(record.reason?.hasPrefix("retry: carrier error unavailable (503)") == true)
        #expect(try #require(record.sendAfter) <= harness.clock.now.addingTimeInterval(30))
        harness.clock.advance(by: 30)
        await harness.drain(dispatcher)
        record = try #require(try await harness.store.bulkRecords().first)
        #expect(record.status == "sent")
        #expect(record.attempts == 2)
        #expect(harness.carrier.sent.count == 1)
    }

    @Test func retriesStopAtMaxAttempts() async throws {
        let harness = try await DispatchHarness(subscribers: 1)
        try await harness.broadcast()
        harness.carrier.failAll(CarrierError(.rateLimited, code: "429", message: "slow down"))
        let dispatcher = harness.dispatcher { $0.maxAttempts = 3 }
        for _ in 0..<6 {
            await harness.drain(dispatcher)
            harness.clock.advance(by: 3600)
        }
        let record = try #require(try await harness.store.bulkRecords().first)
        #expect(record.status == "failed")
        #expect(record.attempts == 3)
        #expect(harness.carrier.sent.isEmpty)
    }

    @Test func terminalErrorsAreRecordedAndACarrierOptOutSuppresses() async throws {
        let harness = try await DispatchHarness(subscribers: 2)
        try await harness.broadcast()
        harness.carrier.failNext(
            CarrierError(.rejected, code: "21211", message: "invalid number"),
            CarrierError(.recipientOptedOut, code: "21610", message: "unsubscribed")
        )
        await harness.drain(harness.dispatcher { $0.concurrency = 1 })
        let records = try await harness.store.bulkRecords()
        #expect(records.map(\.status) == ["failed", "failed"])
        #expect(records[0].reason?.contains("21211") == true)
        #expect(try await harness.store.isSuppressed(PhoneNumber(e164: records[1].phone)!))
        #expect(try await !harness.store.isSuppressed(PhoneNumber(e164: records[0].phone)!))
    }

    @Test func anOutageLosesNothingDuplicatesNothingAndSendsNothingExpired() async throws {
        let harness = try await DispatchHarness(subscribers: 40)
        try await harness.broadcast(expiry: 2 * 3600)
        let dispatcher = harness.dispatcher { $0.maxAttempts = 100 }
        harness.carrier.failAll(CarrierError(.unavailable, message: "outage"))
        for _ in 0..<10 {
            await harness.drain(dispatcher)
            harness.clock.advance(by: 60)
        }
        harness.carrier.failAll(nil)
        for _ in 0..<150 {
            await harness.drain(dispatcher)
            harness.clock.advance(by: 60)
        }
        let records = try await harness.store.bulkRecords()
        let sent = harness.carrier.sent.map(\.to.e164)
        #expect(Set(sent).count == sent.count)
        #expect(records.allSatisfy { $0.status == "sent" || $0.status == "expired" })
        #expect(records.filter { $0.status == "sent" }.count == sent.count)
        #expect(sent.count > 0)
    }

    @Test func pauseIsObeyedAtClaimGloballyAndPerCampaign() async throws {
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        let dispatcher = harness.dispatcher()
        try await harness.store.setDispatchPaused(true, campaignID: nil, actor: "admin", now: harness.clock.now)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.isEmpty)
        try await harness.store.setDispatchPaused(false, campaignID: nil, actor: "admin", now: harness.clock.now)
        try await harness.store.setDispatchPaused(true, campaignID: harness.rights.id, actor: "cam", now: harness.clock.now)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.isEmpty)
        #expect(try await harness.store.dispatchPauses().campaigns == [harness.rights.id])
        try await harness.store.setDispatchPaused(false, campaignID: harness.rights.id, actor: "cam", now: harness.clock.now)
        await harness.drain(dispatcher)
        #expect(harness.carrier.sent.count == 3)
    }

    @Test(arguments: [CrashPolicy.atMostOnce, .atLeastOnce])
    func messagesInFlightAtACrashFollowTheCrashPolicy(policy: CrashPolicy) async throws {
        let harness = try await DispatchHarness(subscribers: 6)
        try await harness.broadcast()
        // A previous process claimed four and died.
        let claimed = try await harness.store.claimBulk(limit: 4, gate: SendGate(), brand: "B", lease: 60, now: harness.clock.now)
        #expect(claimed.count == 4)
        let dispatcher = harness.dispatcher { $0.crashPolicy = policy }
        #expect(try await dispatcher.recover() == 4)
        await harness.drain(dispatcher)
        let inDoubt = try await harness.store.inDoubtMessages(limit: 10)
        switch policy {
        case .atMostOnce:
            #expect(harness.carrier.sent.count == 2)
            #expect(Set(inDoubt.map(\.id)) == Set(claimed.map(\.sms.id)))
            #expect(inDoubt.allSatisfy { $0.to.contains("*") })
        case .atLeastOnce:
            #expect(harness.carrier.sent.count == 6)
            #expect(inDoubt.isEmpty)
        }
    }

    @Test func claimsInterleaveCampaigns() async throws {
        let harness = try await DispatchHarness(subscribers: 6)
        let other = try await harness.store.upsertCampaign(Fixtures.freeHK, actor: "test", now: harness.clock.now)
        try await harness.store.seedSubscribers(campaignID: other.id, count: 6, firstLine: 3_000_000, now: harness.clock.now)
        try await harness.broadcast()
        try await harness.broadcast(campaign: other)
        let claimed = try await harness.store.claimBulk(limit: 6, gate: SendGate(), brand: "B", lease: 60, now: harness.clock.now)
        #expect(claimed.map(\.sms.campaign) == ["rights", "freehk", "rights", "freehk", "rights", "freehk"])
    }

    @Test func theFrequencyCapDefersTheFourthAlertOfADay() async throws {
        let harness = try await DispatchHarness(subscribers: 1)
        let dispatcher = harness.dispatcher()
        for index in 0..<4 {
            try await harness.broadcast("Alert \(index)")
            await harness.drain(dispatcher)
            harness.clock.advance(by: 600)
        }
        #expect(harness.carrier.sent.count == 3)
        let last = try #require(try await harness.store.bulkRecords().last)
        #expect(last.status == "deferred")
        #expect(last.reason == "frequency cap")
    }
}
