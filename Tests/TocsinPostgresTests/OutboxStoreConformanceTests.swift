import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// OutboxStore, written once and run on both engines.
struct OutboxStoreConformanceTests {
    let noon = Scenario.noon

    /// A campaign and one queued prompt to `phone`.
    func prompt(_ store: EngineStore, _ phone: PhoneNumber) async throws -> OutboundSMS {
        _ = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
        let request = WebOptInRequest(
            phone: phone, campaignSlug: "rights", disclosure: "d", sourceURL: "https://act.example.org", ip: nil,
            userAgent: nil, language: "en", firstName: nil, actor: "petitions"
        )
        return try #require(try await store.store.requestWebOptIn(request, renderer: KindRenderer(), sender: Scenario.sender, now: self.noon).prompt)
    }

    @Test(arguments: StoreEngine.allCases)
    func aReplyIsClaimedOnceAndMarkedSent(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let prompt = try await self.prompt(store, Fixtures.phone(1))
            #expect(try await store.store.queuedReplies(limit: 10) == [prompt.id])
            let claimed = try await store.store.claim(prompt.id, now: self.noon)
            #expect(claimed == prompt)
            #expect(try await store.store.claim(prompt.id, now: self.noon) == nil)
            #expect(try await store.store.queuedReplies(limit: 10).isEmpty)
            try await store.store.markSent(prompt.id, carrier: "mock", carrierMessageID: "m1", now: self.noon)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE status = 'sent' AND carrier_message_id = 'm1' AND lease_until IS NULL") == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func suppressedExpiredAndRefusedReplies(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let suppressed = try await self.prompt(store, Fixtures.phone(1))
            try await store.execute("INSERT INTO suppression (phone, source, created_at) VALUES ('\(Fixtures.phone(1).e164)', 'sms', 0)")
            #expect(try await store.store.claim(suppressed.id, now: self.noon) == nil)
            let expired = try await self.prompt(store, Fixtures.phone(2))
            try await store.store.expire(expired.id, reason: "too late", now: self.noon)
            #expect(try await store.store.claim(expired.id, now: self.noon) == nil)
            let refused = try await self.prompt(store, Fixtures.phone(3))
            #expect(try await store.store.claim(refused.id, now: self.noon) != nil)
            try await store.store.markFailed(
                refused.id, carrier: "mock", error: CarrierError(.recipientOptedOut, code: "21610", message: "stopped"), now: self.noon
            )
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE status = 'suppressed' AND reason = 'number is suppressed (opted out)'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE status = 'expired' AND reason = 'too late'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE status = 'failed'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM suppression WHERE phone = '\(Fixtures.phone(3).e164)' AND source = 'carrier'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE action = 'opt_out' AND source = 'carrier'") == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anOptOutConfirmationGoesToASuppressedNumberWithinFiveMinutesOnly(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(1).e164
            let recent = self.noon.addingTimeInterval(-60).millisecondsSince1970
            let stale = self.noon.addingTimeInterval(-6 * 60).millisecondsSince1970
            try await store.execute(
                "INSERT INTO suppression (phone, source, created_at) VALUES ('\(phone)', 'sms', 0)",
                "INSERT INTO outbound_message (phone, from_number, body, kind, lane, status, created_at, updated_at) VALUES ('\(phone)', 'x', 'Bye', 'opt_out_confirmation', 'reply', 'queued', \(recent), \(recent))",
                "INSERT INTO outbound_message (phone, from_number, body, kind, lane, status, created_at, updated_at) VALUES ('\(phone)', 'x', 'Bye', 'opt_out_confirmation', 'reply', 'queued', \(stale), \(stale))"
            )
            let ids = try await store.store.queuedReplies(limit: 10)
            #expect(ids.count == 2)
            let sent = try await store.store.claim(ids[0], now: self.noon)
            #expect(sent?.kind == .optOutConfirmation && sent?.to.e164 == phone && sent?.campaign == nil)
            #expect(try await store.store.claim(ids[1], now: self.noon) == nil)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE status = 'expired' AND reason = 'opt-out confirmation older than 5 minutes'") == 1)
        }
    }
}
