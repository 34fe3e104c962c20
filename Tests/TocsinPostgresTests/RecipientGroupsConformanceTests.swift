import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// A campaign's recipients per jurisdiction and language (launch checks), written once and run on both engines.
struct RecipientGroupsConformanceTests {
    let noon = Scenario.noon

    static let policies: PolicySet = {
        let us = JurisdictionPolicy(key: "us", name: "US", appliesTo: ["US"])
        let florida = JurisdictionPolicy(key: "us-fl", name: "Florida", parent: "us", appliesTo: ["US-FL"])
        return try! PolicySet([us, florida, JurisdictionPolicy(key: "hk", name: "HK", appliesTo: ["HK"]), JurisdictionPolicy(key: "default", name: "D")])
    }()

    @Test(arguments: StoreEngine.allCases)
    func recipientsAreCountedPerJurisdictionAndLanguage(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let (campaign, _) = try await Scenario.fannedOut(store, count: 4)
            try await store.execute(
                "UPDATE subscriber SET phone = '+13055550123' WHERE id = 2",
                "UPDATE subscriber SET phone = '+85291234567', language = 'zh' WHERE id = 3"
            )
            let groups = try await store.recipientGroups(campaignID: campaign.id, channel: .sms, policies: Self.policies)
            // Ordered by "jurisdiction|language" ("-" sorts before "|").
            #expect(groups.map(\.jurisdiction) == ["hk", "us-fl", "us"])
            #expect(groups.first { $0.jurisdiction == "hk" }?.language == "zh")
            #expect(groups.map(\.count) == [1, 1, 2])
            // Suppressed numbers (in clear or erased) and other channels are left out.
            try await store.execute("INSERT INTO suppression (phone, source, created_at) VALUES ('+85291234567', 'keyword', 0)")
            let phone = try #require(PhoneNumber(e164: try await store.strings("SELECT phone FROM subscriber WHERE id = 1")[0]))
            _ = try await store.erase(phone, actor: "t", reason: nil, now: self.noon)
            let after = try await store.recipientGroups(campaignID: campaign.id, channel: .sms, policies: Self.policies)
            #expect(after.map(\.jurisdiction) == ["us-fl", "us"] && after.map(\.count) == [1, 1])
            #expect(try await store.recipientGroups(campaignID: campaign.id, channel: .voice, policies: Self.policies).isEmpty)
        }
    }
}
