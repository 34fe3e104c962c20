import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// CallStore on both engines (the SQLite store's behaviour is the reference).
struct CallStoreConformanceTests {
    let noon = Scenario.noon
    let phone0 = Fixtures.phone(0).e164

    func claim(_ store: EngineStore, cap: CallCap = CallCap(), at now: Date = Scenario.noon) async throws -> [ClaimedCall] {
        try await store.store.claimCalls(limit: 10, gate: SendGate(), cap: cap, brand: "B", lease: 60, now: now)
    }

    @Test(arguments: StoreEngine.allCases)
    func fanOutTargetsVoiceSubscriptionsAndOnlyTheCallClaimTakesThem(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await Scenario.calls(store)
            #expect(try await store.bulkRows().map(\.phone) == [Fixtures.phone(0).e164, Fixtures.phone(1).e164])
            #expect(try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon).isEmpty)
            let calls = try await self.claim(store)
            #expect(calls.map(\.call.script) == ["Hello friend.", "Bonjour Ana."])
            #expect(calls.map(\.call.language) == ["en", "fr"])
            #expect(calls.allSatisfy { $0.call.targetNumber == "+12025550143" && $0.call.campaign == campaign.slug && $0.attempts == 1 })
            #expect(calls.allSatisfy { $0.call.targetName == "the Minister of Justice" && $0.call.from == Scenario.sender })
            let rows = try await store.bulkRows()
            #expect(rows.map(\.status) == ["sending", "sending"])
            #expect(rows.map(\.body) == ["Hello friend.", "Bonjour Ana."])
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE lease_until = \(self.noon.millisecondsSince1970 + 60_000)") == 2)
            // Claimed calls are not claimed again.
            #expect(try await self.claim(store).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theCallCapCountsCallsOfEveryCampaign(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            try await Scenario.priorCalls(store, daysAgo: [1, 10, 29.75])
            let calls = try await self.claim(store)
            #expect(calls.map(\.call.to) == [Fixtures.phone(1)])
            let first = try #require(try await store.bulkRows().first)
            #expect(first.status == "deferred")
            #expect(first.reason == "call cap: 3 calls per number in 30 days")
            #expect(first.sendAfter == self.noon.addingTimeInterval(6 * 3600))
            // A higher cap lets it through.
            try await store.execute("UPDATE outbound_message SET send_after = 0 WHERE id = \(first.id)")
            #expect(try await self.claim(store, cap: CallCap(maxCalls: 4)).count == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func callsClaimedEarlierInTheSameClaimCountTowardsTheCap(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            try await Scenario.priorCalls(store, daysAgo: [1])
            // A second queued call to number 0 (another campaign's), due with the first (later id).
            try await store.execute(
                """
                INSERT INTO outbound_message (phone, from_number, kind, channel, lane, status, body, campaign_id, send_after,
                    created_at, updated_at)
                SELECT phone, from_number, kind, channel, lane, 'queued', 'Second call.', campaign_id, send_after, 0, 0
                FROM outbound_message WHERE phone = '\(self.phone0)' AND status = 'queued'
                """
            )
            let calls = try await self.claim(store, cap: CallCap(maxCalls: 2))
            #expect(calls.map(\.call.to) == [Fixtures.phone(0), Fixtures.phone(1)])
            let second = try #require(try await store.bulkRows().last)
            #expect(second.phone == self.phone0)
            #expect(second.status == "deferred")
            #expect(second.reason == "call cap: 2 calls per number in 30 days")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aCapThatOutlastsTheExpiryExpiresTheCall(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            try await Scenario.priorCalls(store, daysAgo: [1, 10, 20])
            _ = try await self.claim(store)
            let first = try #require(try await store.bulkRows().first)
            #expect(first.status == "expired")
            #expect(first.reason == "call cap: 3 calls per number in 30 days: the next allowed time is past its expiry")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func pausedCampaignsAndAPauseOfEverythingClaimNothing(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await Scenario.calls(store)
            try await store.store.setDispatchPaused(true, campaignID: campaign.id, actor: "t", now: self.noon)
            #expect(try await self.claim(store).isEmpty)
            try await store.store.setDispatchPaused(false, campaignID: campaign.id, actor: "t", now: self.noon)
            try await store.store.setDispatchPaused(true, campaignID: nil, actor: "t", now: self.noon)
            #expect(try await self.claim(store).isEmpty)
            #expect(try await store.bulkRows().map(\.status) == ["queued", "queued"])
            try await store.store.setDispatchPaused(false, campaignID: nil, actor: "t", now: self.noon)
            #expect(try await self.claim(store).count == 2)
        }
    }

    /// Press 9 is an opt-out like STOP (product.md: suppressed everywhere at once, never another message).
    @Test(arguments: StoreEngine.allCases)
    func pressingNineSuppressesTheNumberEverywhere(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            let first = try #require(try await store.bulkRows().first)
            #expect(try await store.store.recordVoiceOptOut(messageID: first.id, callID: "CA1", now: self.noon))
            #expect(try await !store.store.recordVoiceOptOut(messageID: first.id, callID: "CA1", now: self.noon))
            #expect(
                try await store.strings(
                    """
                    SELECT s.channel || '=' || s.status FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                    WHERE p.phone = '\(self.phone0)' ORDER BY s.channel
                    """
                ) == ["sms=opted_out", "voice=opted_out"]
            )
            #expect(try await store.strings("SELECT phone || ' ' || source FROM suppression") == ["\(self.phone0) voice_keypress"])
            #expect(try await store.strings("SELECT phone || ' ' || source FROM voice_suppression") == ["\(self.phone0) voice_keypress"])
            #expect(
                try await store.strings(
                    "SELECT scope || ',' || action || ',' || channel || ',' || source || ',' || keyword || ',' || raw_text FROM consent_event WHERE phone = '\(self.phone0)'"
                ) == ["org,opt_out,voice,voice_keypress,9,pressed 9 during alert call CA1"]
            )
            #expect(
                try await store.strings("SELECT action || ' ' || subject || ' ' || detail FROM audit_event WHERE action LIKE 'voice.%'")
                    == ["voice.opt_out outbound_message:\(first.id) CA1"]
            )
            #expect(try await store.bulkRows().map(\.status) == ["suppressed", "queued"])
            // A later voice alert row for the number is closed at claim.
            try await store.execute(
                "UPDATE subscription SET status = 'active'", "UPDATE outbound_message SET status = 'queued' WHERE id = \(first.id)"
            )
            let calls = try await self.claim(store)
            #expect(calls.map(\.call.to) == [Fixtures.phone(1)])
            #expect(try await store.bulkRows().first?.reason == "the number asked for no more calls (pressed 9)")
            let stored = try #require(try await store.store.storedCall(id: first.id))
            #expect(stored.optedOut)
            await #expect(throws: StoreError(.notFound, "no alert call with id 999")) {
                _ = try await store.store.recordVoiceOptOut(messageID: 999, callID: nil, now: self.noon)
            }
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact, "\(engine): \(verification.problem?.description ?? "")")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aStoredCallCarriesItsScriptTargetAndState(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await Scenario.calls(store)
            let calls = try await self.claim(store)
            let id = try #require(calls.last?.call.messageID)
            try await store.store.recordCallOutcomes([DispatchOutcome(id: id, result: .sent(carrier: "twilio", carrierMessageID: "CA7"))], now: self.noon)
            let stored = try #require(try await store.store.storedCall(id: id))
            #expect(stored.call.to == Fixtures.phone(1))
            #expect(stored.call.script == "Bonjour Ana.")
            #expect(stored.call.language == "fr")
            #expect(stored.call.campaign == campaign.slug)
            #expect(stored.call.targetNumber == "+12025550143")
            #expect(stored.status == "sent")
            #expect(stored.carrierCallID == "CA7")
            #expect(!stored.optedOut)
            #expect(try await store.store.storedCall(id: 999) == nil)
            try await store.store.recordPatchThrough(messageID: id, now: self.noon)
            #expect(
                try await store.strings("SELECT actor || ' ' || action || ' ' || subject FROM audit_event ORDER BY id DESC LIMIT 1")
                    == ["supporter voice.patch_through outbound_message:\(id)"]
            )
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func statusCallbacksMoveForwardOnlyAndOutcomesKeepThem(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            let calls = try await self.claim(store)
            let id = try #require(calls.first?.call.messageID)
            // The answer arrives before the dispatcher records the call as sent.
            #expect(try await store.store.recordCallStatus(messageID: id, callID: "CA1", status: .inProgress, now: self.noon) == "delivered")
            try await store.store.recordCallOutcomes([DispatchOutcome(id: id, result: .sent(carrier: "twilio", carrierMessageID: "CA1"))], now: self.noon)
            #expect(try await store.bulkRows().first?.status == "delivered")
            #expect(try await store.store.recordCallStatus(messageID: id, callID: "CA1", status: .ringing, now: self.noon) == "delivered")
            #expect(try await store.store.recordCallStatus(messageID: id, callID: "CA1", status: .completed, now: self.noon) == "delivered")
            await #expect(throws: StoreError.self) {
                _ = try await store.store.recordCallStatus(messageID: id, callID: "CA2", status: .failed, now: self.noon)
            }
            let second = try #require(calls.last?.call.messageID)
            try await store.store.recordCallOutcomes([DispatchOutcome(id: second, result: .sent(carrier: "twilio", carrierMessageID: "CA9"))], now: self.noon)
            #expect(try await store.store.recordCallStatus(messageID: second, callID: "CA9", status: .queued, now: self.noon) == "sent")
            #expect(try await store.store.recordCallStatus(messageID: second, callID: "CA9", status: .noAnswer, now: self.noon) == "undelivered")
            #expect(try await store.store.recordCallStatus(messageID: 999, callID: "CA9", status: .busy, now: self.noon) == nil)
            #expect(try await store.strings("SELECT reason FROM outbound_message WHERE id = \(second)") == ["call no-answer"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func failedOutcomesAreRecordedAsForTexts(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            let calls = try await self.claim(store)
            let id = try #require(calls.first?.call.messageID)
            let error = CarrierError(.rejected, code: "21211", message: "invalid number")
            try await store.store.recordCallOutcomes([DispatchOutcome(id: id, result: .failed(carrier: "twilio", error: error))], now: self.noon)
            let row = try #require(try await store.bulkRows().first)
            #expect(row.status == "failed")
            #expect(row.reason == error.description)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func quietHoursApplyToCalls(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.calls(store)
            let night = self.noon.addingTimeInterval(12 * 3600)  // midnight in New York
            #expect(try await self.claim(store, at: night).isEmpty)
            #expect(try await store.bulkRows().allSatisfy { $0.status == "deferred" && $0.reason?.contains("quiet hours") == true })
        }
    }
}
