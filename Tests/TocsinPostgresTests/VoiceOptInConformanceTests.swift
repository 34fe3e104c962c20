import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// The voice part of the web opt-in on both engines (the SQLite store's behaviour is the reference).
struct VoiceOptInConformanceTests {
    let noon = Scenario.noon

    func request(_ index: Int) -> WebOptInRequest {
        WebOptInRequest(
            phone: Fixtures.phone(index), campaignSlug: Fixtures.rights.slug, disclosure: "Calls and texts from RightsAlert…",
            sourceURL: "https://petition.example.org", ip: nil, userAgent: nil, language: "en", firstName: nil, actor: "site"
        )
    }

    @Test(arguments: StoreEngine.allCases)
    func webOptInForCallsWaitsForYThenActivates(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            _ = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let phone = Fixtures.phone(5)
            let result = try await store.requestWebOptIn(self.request(5), voice: true)
            #expect(result.sms.status == .pending)
            #expect(result.voice == .pending)
            #expect(try await store.strings("SELECT channel || ':' || status FROM subscription ORDER BY channel") == ["sms:pending", "voice:pending"])
            // Asking again while pending changes nothing for texts and keeps calls pending.
            #expect(try await store.requestWebOptIn(self.request(5), voice: true).voice == .pending)
            try await Scenario.inbound(store, phone, "y-1", .confirm, body: "Y")
            #expect(try await store.strings("SELECT channel || ':' || status FROM subscription ORDER BY channel") == ["sms:active", "voice:active"])
            let channels = try await store.strings("SELECT channel || ':' || action FROM consent_event ORDER BY id")
            #expect(channels.first == "sms:opt_in_requested")
            #expect(channels.contains("voice:confirm"))
            // Once confirmed, a new web opt-in for calls is active at once.
            #expect(try await store.requestWebOptIn(self.request(5), voice: true).voice == .active)
            #expect(
                try await store.strings("SELECT action FROM audit_event WHERE action LIKE 'optin.web.voice%' ORDER BY id")
                    == ["optin.web.voice_pending", "optin.web.voice_pending"]
            )
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func webOptInForCallsIsRefusedAfterStopOrPressNine(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await Scenario.calls(store)
            // Number 0 pressed 9 then re-joined texts (STOP lifted by a keyword): calls stay refused.
            let first = try #require(try await store.bulkRows().first)
            #expect(try await store.store.recordVoiceOptOut(messageID: first.id, callID: nil, now: self.noon))
            try await store.execute("DELETE FROM suppression")
            #expect(try await store.requestWebOptIn(self.request(0), voice: true).voice == .refused)
            // A suppressed number (STOP): both refused, with the refusal on record for each channel.
            try await Scenario.inbound(store, Fixtures.phone(9), "stop-9", .optOut)
            let refused = try await store.requestWebOptIn(self.request(9), voice: true)
            #expect(refused.sms.status == .suppressed)
            #expect(refused.voice == .refused)
            #expect(
                try await store.strings(
                    "SELECT channel || ':' || action FROM consent_event WHERE phone = '\(Fixtures.phone(9).e164)' ORDER BY id"
                ) == ["sms:opt_out", "sms:opt_in_refused_suppressed", "voice:opt_in_refused_suppressed"]
            )
            // Texts only: no voice outcome.
            #expect(try await store.requestWebOptIn(self.request(9), voice: false).voice == nil)
            _ = campaign
        }
    }
}
