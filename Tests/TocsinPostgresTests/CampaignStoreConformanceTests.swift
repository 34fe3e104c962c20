import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// Writes the reply kind and language, so tests can see what was queued.
struct KindRenderer: ReplyRendering {
    func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String {
        "\(kind.rawValue)/\(language)"
    }
}

/// CampaignStore, written once and run on both engines.
struct CampaignStoreConformanceTests {
    let noon = Scenario.noon

    func request(_ phone: PhoneNumber, slug: String = "rights") -> WebOptInRequest {
        WebOptInRequest(
            phone: phone, campaignSlug: slug, disclosure: "Msg&data rates may apply", sourceURL: "https://act.example.org/p",
            ip: "192.0.2.1", userAgent: "UA", language: "fr", firstName: "Ana", actor: "petitions"
        )
    }

    @Test(arguments: StoreEngine.allCases)
    func upsertKeepsOneRowPerSlugAndItsKeywordsUnique(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let saved = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            var changed = Fixtures.rights
            changed.programName = "Rights Alerts 2"
            changed.keywords = ["rights", "act"]
            changed.callTargetName = "Senator"
            changed.callTargetNumber = "+12025550100"
            let again = try await store.store.upsertCampaign(changed, actor: "t", now: self.noon)
            #expect(again.id == saved.id && again.keywords == ["RIGHTS", "ACT"])
            let read = try #require(try await store.store.campaign(slug: "rights"))
            #expect(read.programName == "Rights Alerts 2" && read.keywords == ["RIGHTS", "ACT"])
            #expect(read.languages == ["en", "fr", "es", "zh"] && read.actionLink == Fixtures.rights.actionLink)
            #expect(read.callTargetName == "Senator" && read.callTargetNumber == "+12025550100")
            var thief = Fixtures.freeHK
            thief.keywords = ["ACT"]
            await #expect(throws: StoreError.self) { _ = try await store.store.upsertCampaign(thief, actor: "t", now: self.noon) }
            // The failed upsert left nothing behind.
            #expect(try await store.store.activeCampaigns().map(\.slug) == ["rights"])
            #expect(try await store.store.campaign(slug: "none") == nil)
            #expect(try await store.count("SELECT COUNT(*) FROM campaign_keyword") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'campaign.upsert'") == 2)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func webOptInsQueueOnePromptAndRecordEvidence(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let renderer = KindRenderer()
            let first = try await store.store.requestWebOptIn(self.request(Fixtures.phone(1)), renderer: renderer, sender: Scenario.sender, now: self.noon)
            #expect(first.status == .pending)
            #expect(first.prompt?.body == "double_opt_in_prompt/fr" && first.prompt?.campaign == "rights")
            let repeated = try await store.store.requestWebOptIn(self.request(Fixtures.phone(1)), renderer: renderer, sender: Scenario.sender, now: self.noon)
            #expect(repeated.status == .alreadyPending && repeated.prompt == nil)
            try await store.execute("INSERT INTO suppression (phone, source, created_at) VALUES ('\(Fixtures.phone(2).e164)', 'sms', 0)")
            let refused = try await store.store.requestWebOptIn(self.request(Fixtures.phone(2)), renderer: renderer, sender: Scenario.sender, now: self.noon)
            #expect(refused.status == .suppressed)
            await #expect(throws: StoreError.self) {
                _ = try await store.store.requestWebOptIn(self.request(Fixtures.phone(3), slug: "nope"), renderer: renderer, sender: Scenario.sender, now: self.noon)
            }
            try await store.execute("UPDATE subscription SET status = 'active', consented = 1")
            let active = try await store.store.requestWebOptIn(self.request(Fixtures.phone(1)), renderer: renderer, sender: Scenario.sender, now: self.noon)
            #expect(active.status == .alreadyActive)
            #expect(try await store.store.supporterCount(campaignID: campaign.id) == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE action = 'opt_in_requested' AND source = 'web_form' AND ip = '192.0.2.1'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE action = 'opt_in_refused_suppressed'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM subscriber WHERE first_name = 'Ana' AND language = 'fr'") == 1)
            #expect(try await store.store.queuedReplies(limit: 10).count == 1)
        }
    }
}
