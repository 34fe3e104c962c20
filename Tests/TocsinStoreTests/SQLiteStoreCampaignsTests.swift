import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreCampaignsTests {
    @Test func keywordsAreUniqueAcrossActiveCampaigns() async throws {
        let harness = try await StoreHarness()
        var clash = Fixtures.freeHK
        clash.keywords = ["FREEHK", "rights"]
        await #expect {
            _ = try await harness.store.upsertCampaign(clash, actor: "test", now: harness.now)
        } throws: { error in
            (error as? StoreError)?.kind == .conflict
        }
        // Nothing half-written: the clashing campaign was not created.
        #expect(try await harness.store.campaign(slug: "freehk") == nil)
        // An archived campaign frees its keywords.
        var archived = harness.rights
        archived.status = .archived
        _ = try await harness.store.upsertCampaign(archived, actor: "test", now: harness.now)
        _ = try await harness.store.upsertCampaign(clash, actor: "test", now: harness.now)
        #expect(try await harness.store.activeCampaigns().map(\.slug) == ["freehk"])
    }

    @Test func campaignsRoundTrip() async throws {
        let harness = try await StoreHarness()
        let stored = try #require(try await harness.store.campaign(slug: "rights"))
        #expect(stored.programName == "Rights Alerts")
        #expect(stored.languages == ["en", "fr", "es", "zh"])
        #expect(stored.keywords == ["RIGHTS"])
        #expect(stored.purpose == .advocacy)
    }

    @Test func theCounterCountsEveryoneWhoJoined() async throws {
        let harness = try await StoreHarness()
        for index in 0..<3 {
            _ = try await harness.inbound(Fixtures.phone(100 + index), "j\(index)", .join, join: harness.rights.id)
        }
        _ = try await harness.inbound(Fixtures.phone(100), "s1", .optOut)
        #expect(try await harness.store.supporterCount(campaignID: harness.rights.id) == 3)
    }

    func webOptIn(_ harness: StoreHarness, _ phone: PhoneNumber, campaign: String = "rights") async throws -> WebOptInOutcome {
        let request = WebOptInRequest(
            phone: phone, campaignSlug: campaign, disclosure: "By ticking this box you agree to receive alerts…",
            sourceURL: "https://petition.example.org/p/1", ip: "203.0.113.9", userAgent: "Mozilla/5.0", language: "en",
            firstName: "Ana", actor: "petition-site"
        )
        return try await harness.store.requestWebOptIn(request, renderer: EchoRenderer(), sender: "+14155550100", now: harness.now)
    }

    @Test func webOptInCreatesPendingWithEvidenceAndIsIdempotent() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(200)
        let first = try await self.webOptIn(harness, phone)
        #expect(first.status == .pending)
        #expect(first.prompt?.kind == .doubleOptInPrompt)
        let again = try await self.webOptIn(harness, phone)
        #expect(again.status == .alreadyPending)
        #expect(again.prompt == nil)
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .pending)
        let events = try await harness.store.consentEvents(for: phone)
        #expect(events.map(\.action) == ["opt_in_requested"])
        #expect(events.first?.disclosure?.hasPrefix("By ticking") == true)
        #expect(events.first?.source == "web_form")
    }

    @Test func webOptInForASuppressedNumberIsRecordedButNothingIsSent() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(201)
        _ = try await harness.inbound(phone, "s", .optOut)
        let outcome = try await self.webOptIn(harness, phone)
        #expect(outcome.status == .suppressed)
        #expect(outcome.prompt == nil)
        #expect(try await harness.store.consentEvents(for: phone).last?.action == "opt_in_refused_suppressed")
        #expect(try await harness.store.outbound(to: phone).map(\.kind) == [.optOutConfirmation])
    }

    @Test func webOptInForAnUnknownCampaignIsNotFound() async throws {
        let harness = try await StoreHarness()
        await #expect {
            _ = try await self.webOptIn(harness, Fixtures.phone(202), campaign: "nope")
        } throws: { error in
            (error as? StoreError)?.kind == .notFound
        }
        #expect(try await harness.store.rowCount("subscriber") == 0)
    }
}
