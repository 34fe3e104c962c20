import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreVoiceTests {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)

    /// Three subscribers with texts and calls on; one voice alert fanned out to them.
    func setup(target: Bool = true) async throws -> (SQLiteStore, Campaign) {
        let store = try SQLiteStore.inMemory()
        var rights = Fixtures.rights
        rights.languages = ["en", "fr"]
        if target {
            rights.callTargetName = "the Minister of Justice"
            rights.callTargetNumber = "+12025550143"
        }
        let campaign = try await store.upsertCampaign(rights, actor: "t", now: Self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: 3, now: Self.noon)
        try await store.writer.write { db in
            try db.execute(sql: "INSERT INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at) SELECT subscriber_id, campaign_id, 'voice', 'active', 1, 0, 0 FROM subscription")
            try db.execute(sql: "UPDATE subscription SET status = 'opted_out' WHERE subscriber_id = 3 AND channel = 'voice'")
            try db.execute(sql: "UPDATE subscriber SET language = 'fr', first_name = 'Ana' WHERE id = 2")
        }
        let alert = try await store.createAlert(
            Alert(
                campaignID: campaign.id, name: "Call", channel: .voice, bodies: ["en": "Hello {first_name}.", "fr": "Bonjour {first_name}."],
                schedule: .once(at: Self.noon), createdBy: "t", createdAt: Self.noon
            ),
            now: Self.noon
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: Self.noon)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 100, now: Self.noon).done {}
        }
        return (store, campaign)
    }

    func claim(_ store: SQLiteStore, cap: CallCap = CallCap(), at now: Date = noon) async throws -> [ClaimedCall] {
        try await store.claimCalls(limit: 10, gate: SendGate(), cap: cap, brand: "B", lease: 60, now: now)
    }

    @Test func fanOutTargetsVoiceSubscriptionsAndOnlyTheCallClaimTakesThem() async throws {
        let (store, campaign) = try await self.setup()
        let records = try await store.bulkRecords()
        #expect(records.map(\.phone) == ["+12122000000", "+12122000001"])
        #expect(try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon).isEmpty)
        let calls = try await self.claim(store)
        #expect(calls.map(\.call.script) == ["Hello friend.", "Bonjour Ana."])
        #expect(calls.map(\.call.language) == ["en", "fr"])
        #expect(calls.allSatisfy { $0.call.targetNumber == "+12025550143" && $0.call.campaign == campaign.slug && $0.attempts == 1 })
        #expect(try await store.bulkRecords().map(\.status) == ["sending", "sending"])
    }

    func insertPriorCalls(_ store: SQLiteStore, daysAgo: [Double]) async throws {
        try await store.writer.write { db in
            for days in daysAgo {
                try db.execute(
                    sql: "INSERT INTO outbound_message (phone, from_number, kind, channel, lane, status, sent_at, created_at, updated_at) VALUES ('+12122000000', 'x', 'alert', 'voice', 'bulk', 'delivered', ?, 0, 0)",
                    arguments: [Self.noon.addingTimeInterval(-days * 86_400).millisecondsSince1970]
                )
            }
        }
    }

    @Test func theCallCapCountsCallsOfEveryCampaign() async throws {
        let (store, _) = try await self.setup()
        try await self.insertPriorCalls(store, daysAgo: [1, 10, 29.75])
        let calls = try await self.claim(store)
        #expect(calls.map(\.call.to.e164) == ["+12122000001"])
        let first = try #require(try await store.bulkRecords().first)
        #expect(first.status == "deferred")
        #expect(first.reason == "call cap: 3 calls per number in 30 days")
        #expect(first.sendAfter == Self.noon.addingTimeInterval(6 * 3600))
        // A higher cap lets it through.
        try await store.writer.write { db in try db.execute(sql: "UPDATE outbound_message SET send_after = 0 WHERE id = ?", arguments: [first.id]) }
        #expect(try await self.claim(store, cap: CallCap(maxCalls: 4)).count == 1)
    }

    @Test func aCapThatOutlastsTheExpiryExpiresTheCall() async throws {
        let (store, _) = try await self.setup()
        try await self.insertPriorCalls(store, daysAgo: [1, 10, 20])
        _ = try await self.claim(store)
        let first = try #require(try await store.bulkRecords().first)
        #expect(first.status == "expired")
        #expect(first.reason == "call cap: 3 calls per number in 30 days: the next allowed time is past its expiry")
    }

    /// Press 9 is an opt-out like STOP (product.md: suppressed everywhere at once, never another message).
    @Test func pressingNineSuppressesTheNumberEverywhere() async throws {
        let (store, _) = try await self.setup()
        let first = try #require(try await store.bulkRecords().first)
        #expect(try await store.recordVoiceOptOut(messageID: first.id, callID: "CA1", now: Self.noon))
        #expect(try await !store.recordVoiceOptOut(messageID: first.id, callID: "CA1", now: Self.noon))
        try await store.writer.read { db in
            let subscriptions = try Row.fetchAll(db, sql: "SELECT channel, status FROM subscription WHERE subscriber_id = 1 ORDER BY channel")
            #expect(subscriptions.map { "\($0[0] as String)=\($0[1] as String)" } == ["sms=opted_out", "voice=opted_out"])
            #expect(try String.fetchAll(db, sql: "SELECT phone || ' ' || source FROM suppression") == ["+12122000000 voice_keypress"])
            let events = try Row.fetchAll(db, sql: "SELECT scope, action, channel, source, keyword FROM consent_event WHERE phone = '+12122000000'")
            #expect(events.count == 1)
            #expect(events.first.map { [$0[0], $0[1], $0[2], $0[3], $0[4]] as [String] } == ["org", "opt_out", "voice", "voice_keypress", "9"])
        }
        #expect(try await store.bulkRecords().map(\.status) == ["suppressed", "queued"])
        // A later voice alert row for the number is closed at claim.
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE subscription SET status = 'active' WHERE subscriber_id = 1")
            try db.execute(sql: "UPDATE outbound_message SET status = 'queued' WHERE id = ?", arguments: [first.id])
        }
        let calls = try await self.claim(store)
        #expect(calls.map(\.call.to.e164) == ["+12122000001"])
        #expect(try await store.bulkRecords().first?.reason == "the number asked for no more calls (pressed 9)")
        let stored = try #require(try await store.storedCall(id: first.id))
        #expect(stored.optedOut)
    }

    @Test func statusCallbacksMoveForwardOnlyAndOutcomesKeepThem() async throws {
        let (store, _) = try await self.setup()
        let calls = try await self.claim(store)
        let id = try #require(calls.first?.call.messageID)
        // The answer arrives before the dispatcher records the call as sent.
        #expect(try await store.recordCallStatus(messageID: id, callID: "CA1", status: .inProgress, now: Self.noon) == "delivered")
        try await store.recordCallOutcomes([DispatchOutcome(id: id, result: .sent(carrier: "twilio", carrierMessageID: "CA1"))], now: Self.noon)
        #expect(try await store.bulkRecords().first?.status == "delivered")
        #expect(try await store.recordCallStatus(messageID: id, callID: "CA1", status: .ringing, now: Self.noon) == "delivered")
        #expect(try await store.recordCallStatus(messageID: id, callID: "CA1", status: .completed, now: Self.noon) == "delivered")
        await #expect(throws: StoreError.self) {
            _ = try await store.recordCallStatus(messageID: id, callID: "CA2", status: .failed, now: Self.noon)
        }
        let second = try #require(calls.last?.call.messageID)
        try await store.recordCallOutcomes([DispatchOutcome(id: second, result: .sent(carrier: "twilio", carrierMessageID: "CA9"))], now: Self.noon)
        #expect(try await store.recordCallStatus(messageID: second, callID: "CA9", status: .queued, now: Self.noon) == "sent")
        #expect(try await store.recordCallStatus(messageID: second, callID: "CA9", status: .noAnswer, now: Self.noon) == "undelivered")
        #expect(try await store.recordCallStatus(messageID: 999, callID: "CA9", status: .busy, now: Self.noon) == nil)
    }

    @Test func quietHoursApplyToCalls() async throws {
        let (store, _) = try await self.setup()
        let night = Self.noon.addingTimeInterval(12 * 3600)  // midnight in New York
        #expect(try await self.claim(store, at: night).isEmpty)
        #expect(try await store.bulkRecords().allSatisfy { $0.status == "deferred" && $0.reason?.contains("quiet hours") == true })
    }

    @Test func webOptInForCallsWaitsForYThenActivates() async throws {
        let store = try SQLiteStore.inMemory()
        _ = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: Self.noon)
        let request = WebOptInRequest(
            phone: Fixtures.phone(5), campaignSlug: Fixtures.rights.slug, disclosure: "Calls and texts from RightsAlert…",
            sourceURL: "https://petition.example.org", ip: nil, userAgent: nil, language: "en", firstName: nil, actor: "site"
        )
        let result = try await store.requestWebOptIn(request, voice: true, renderer: EchoRenderer(), sender: "+14155550100", now: Self.noon)
        #expect(result.sms.status == .pending)
        #expect(result.voice == .pending)
        try await store.writer.write { db in
            let entry = ConsentEntry(phone: Fixtures.phone(5).e164, campaignID: 1, action: .confirm, source: .keyword, occurredAt: 1)
            try db.confirmPendingVoice(subscriberID: 1, entry: entry)
            #expect(try String.fetchOne(db, sql: "SELECT status FROM subscription WHERE channel = 'voice'") == "active")
            let channels = try String.fetchAll(db, sql: "SELECT channel || ':' || action FROM consent_event ORDER BY id")
            #expect(channels == ["sms:opt_in_requested", "voice:opt_in_requested", "voice:confirm"])
        }
    }
}

