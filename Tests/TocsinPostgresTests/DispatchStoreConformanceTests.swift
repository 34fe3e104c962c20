import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// DispatchStore's claim, written once and run on both engines.
struct DispatchStoreConformanceTests {
    let noon = Scenario.noon

    @Test(arguments: StoreEngine.allCases)
    func eachRowGetsTheGateOutcomeAndItsReason(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 5)
            // 1: the subscription lapsed; 2: a text waits for review; 3: suppressed; 4: expired; 5: French, named.
            try await store.execute(
                "UPDATE subscription SET status = 'opted_out' WHERE subscriber_id = 1",
                "INSERT INTO inbound_message (carrier, carrier_message_id, from_phone, to_number, body, received_at, processed_at, intent, tier, disposition) VALUES ('mock', 'm1', '+12122000001', 'x', 'STOP police', 0, 0, 'review', 'ambiguous', 'review')",
                "INSERT INTO review_item (phone, inbound_message_id, status, created_at, deadline_at) VALUES ('+12122000001', 1, 'pending', 0, 0)",
                "INSERT INTO suppression (phone, source, created_at) VALUES ('+12122000002', 'sms', 0)",
                "UPDATE outbound_message SET expires_at = 1 WHERE phone = '+12122000003'",
                "UPDATE subscriber SET first_name = 'Ana', language = 'fr' WHERE id = 5",
                "UPDATE outbound_message SET language = NULL WHERE phone = '+12122000004'"
            )
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.map(\.sms.body) == ["Salut Ana\nRépondez ARRET pour annuler."])
            #expect(claimed.map(\.attempts) == [1])
            let rows = try await store.bulkRows()
            #expect(rows.map(\.status) == ["cancelled", "deferred", "suppressed", "expired", "sending"])
            #expect(rows[0].reason?.hasPrefix("no active subscription") == true)
            #expect(rows[1].reason == "a possible opt-out is waiting for review")
            #expect(rows[1].sendAfter == self.noon.addingTimeInterval(15 * 60))
            #expect(rows[2].reason == "number is suppressed (opted out)")
            // The reminder was appended, so the subscriber's reminder clock moved.
            #expect(try await store.count("SELECT COUNT(*) FROM subscriber WHERE last_reminder_at IS NOT NULL") == 1)
            #expect(try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func quietHoursDeferUntilMorningInTheRecipientsZone(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 2)
            // 23:30 in New York.
            let late = self.noon.addingTimeInterval(11.5 * 3600)
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: late)
            #expect(claimed.isEmpty)
            let rows = try await store.bulkRows()
            #expect(rows.map(\.status) == ["deferred", "deferred"])
            let morning = try #require(rows.first?.sendAfter)
            #expect(morning > late && morning < late.addingTimeInterval(12 * 3600))
            #expect(rows.first?.reason?.contains("quiet hours") == true)
            // At the deferred time they are claimed.
            let later = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: morning)
            #expect(later.count == 2)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func claimsInterleaveCampaigns(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let big = try await Scenario.fannedOut(store, count: 4)
            let small = try await Scenario.fannedOut(store, count: 2, campaign: Fixtures.freeHK, firstLine: 3_000_000)
            let claimed = try await store.store.claimBulk(limit: 4, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.map(\.sms.campaign) == [big.campaign.slug, small.campaign.slug, big.campaign.slug, small.campaign.slug])
            let rest = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(rest.map(\.sms.campaign) == [big.campaign.slug, big.campaign.slug])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func pausesStopClaimsUntilResumed(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let first = try await Scenario.fannedOut(store, count: 2)
            let second = try await Scenario.fannedOut(store, count: 2, campaign: Fixtures.freeHK, firstLine: 3_000_000)
            let gate = SendGate()
            try await store.store.setDispatchPaused(true, campaignID: nil, actor: "admin", now: self.noon)
            try await store.store.setDispatchPaused(true, campaignID: first.campaign.id, actor: "admin", now: self.noon)
            let pauses = try await store.store.dispatchPauses()
            #expect(pauses.global && pauses.campaigns == [first.campaign.id])
            #expect(try await store.store.claimBulk(limit: 10, gate: gate, brand: "B", lease: 60, now: self.noon).isEmpty)
            try await store.store.setDispatchPaused(false, campaignID: nil, actor: "admin", now: self.noon)
            let claimed = try await store.store.claimBulk(limit: 10, gate: gate, brand: "B", lease: 60, now: self.noon)
            #expect(Set(claimed.map(\.sms.campaign)) == [second.campaign.slug])
            try await store.store.setDispatchPaused(false, campaignID: first.campaign.id, actor: "admin", now: self.noon)
            #expect(try await store.store.claimBulk(limit: 10, gate: gate, brand: "B", lease: 60, now: self.noon).count == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('dispatch.pause', 'dispatch.resume')") == 4)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theFrequencyCapCountsTheCampaignsRecentSends(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let setup = try await Scenario.fannedOut(store, count: 2)
            // Subscriber 1 already had the campaign's 4 messages this month ("Up to 4 msgs/month").
            let dayAgo = self.noon.addingTimeInterval(-86_400).millisecondsSince1970
            for _ in 0..<4 {
                try await store.execute(
                    """
                    INSERT INTO outbound_message (phone, from_number, body, kind, lane, campaign_id, status, created_at, sent_at, updated_at)
                    VALUES ('+12122000000', 'x', 'b', 'alert', 'bulk', \(setup.campaign.id), 'sent', \(dayAgo), \(dayAgo), \(dayAgo))
                    """
                )
            }
            // Without an expiry (a deferral past it would expire the message instead).
            try await store.execute("UPDATE outbound_message SET expires_at = NULL")
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.map(\.sms.to.e164) == ["+12122000001"])
            let capped = try await store.bulkRows().filter { $0.phone == "+12122000000" && $0.status != "sent" }
            #expect(capped.map(\.status) == ["deferred"])
            #expect(capped.first?.reason?.contains("frequency cap") == true)
            #expect((capped.first?.sendAfter).map { $0 > self.noon.addingTimeInterval(28 * 86_400) } == true)
        }
    }

    @Test(arguments: [(StoreEngine.sqlite, 1), (.sqlite, 2), (.postgres, 1), (.postgres, 2)])
    func sendsDecidedInOneClaimCountTowardsTheCapAndTheReminder(engine: StoreEngine, cap: Int) async throws {
        try await EngineStore.with(engine) { store in
            var campaign = Fixtures.rights
            campaign.frequency = "Up to \(cap) msgs/month"
            let setup = try await Scenario.fannedOut(store, count: 1, campaign: campaign, bodies: ["en": "First"])
            _ = try await Scenario.alert(store, campaign: setup.campaign, bodies: ["en": "Second"])
            try await store.execute("UPDATE outbound_message SET expires_at = NULL")
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            // One number, two alerts in one claim: the cap sees the first send; only the first carries the reminder.
            #expect(claimed.map(\.sms.body) == (cap == 1 ? ["First\nReply STOP to opt out."] : ["First\nReply STOP to opt out.", "Second"]))
            #expect(try await store.bulkRows().map(\.status) == (cap == 1 ? ["sending", "deferred"] : ["sending", "sending"]))
        }
    }
}
