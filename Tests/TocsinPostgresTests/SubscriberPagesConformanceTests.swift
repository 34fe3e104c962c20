import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// CampaignAdminStore's subscriber pages and look-up on both engines (the SQLite store's behaviour is the reference).
struct SubscriberPagesConformanceTests {
    /// Ten numbers join `rights`; number 3 sends STOP; number 20 joins `freehk` only.
    func seeded(_ engine: StoreEngine, _ body: (EngineStore, Campaign, Campaign) async throws -> Void) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await store.store.upsertCampaign(Fixtures.rights, actor: "test", now: Scenario.noon)
            let freeHK = try await store.store.upsertCampaign(Fixtures.freeHK, actor: "test", now: Scenario.noon)
            for index in 1...10 {
                try await Scenario.inbound(store, Fixtures.phone(index), "join-\(index)", .join, join: rights.id)
            }
            try await Scenario.inbound(store, Fixtures.phone(3), "stop-3", .optOut)
            try await Scenario.inbound(store, Fixtures.phone(20), "join-20", .join, join: freeHK.id)
            try await body(store, rights, freeHK)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func pagesFollowSubscriberIDsWithACursor(engine: StoreEngine) async throws {
        try await self.seeded(engine) { store, rights, _ in
            var seen: [String] = []
            var after: Int64 = 0
            var pages = 0
            while true {
                let page = try await store.store.subscribers(campaignID: rights.id, status: nil, after: after, limit: 4)
                #expect(page.records.count <= 4)
                seen += page.records.map(\.phone.e164)
                pages += 1
                guard let next = page.nextAfter else { break }
                #expect(next == page.records.last?.id)
                after = next
            }
            #expect(pages == 3)
            #expect(seen == (1...10).map { Fixtures.phone($0).e164 })
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFullLastPageHasNoNextCursorAndALimitBelowOneMeansOne(engine: StoreEngine) async throws {
        try await self.seeded(engine) { store, rights, _ in
            let page = try await store.store.subscribers(campaignID: rights.id, status: nil, after: 0, limit: 10)
            #expect(page.records.count == 10)
            #expect(page.nextAfter == nil)
            let one = try await store.store.subscribers(campaignID: rights.id, status: nil, after: 0, limit: 0)
            #expect(one.records.map(\.phone) == [Fixtures.phone(1)])
            #expect(one.nextAfter == one.records.first?.id)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func statusFiltersAndRecordFields(engine: StoreEngine) async throws {
        try await self.seeded(engine) { store, rights, _ in
            let active = try await store.store.subscribers(campaignID: rights.id, status: .active, after: 0, limit: 100)
            #expect(active.records.count == 9)
            #expect(!active.records.contains { $0.phone == Fixtures.phone(3) })
            let optedOut = try await store.store.subscribers(campaignID: rights.id, status: .optedOut, after: 0, limit: 100)
            #expect(optedOut.records.map(\.phone) == [Fixtures.phone(3)])
            let first = try #require(active.records.first)
            #expect(first.status == .active)
            #expect(first.joinedAt == Scenario.noon)
            #expect(first.consentSource == "keyword")
            #expect(try await store.store.subscribers(campaignID: rights.id, status: .pending, after: 0, limit: 100).records.isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theLookUpShowsSuppressionAndTheEventsThatConcernTheCampaign(engine: StoreEngine) async throws {
        try await self.seeded(engine) { store, rights, freeHK in
            let detail = try #require(try await store.store.subscriber(Fixtures.phone(3), campaignID: rights.id))
            #expect(detail.record.status == .optedOut)
            #expect(detail.isSuppressed)
            #expect(detail.suppressedAt == Scenario.noon)
            #expect(detail.events.map(\.action) == ["opt_in", "opt_out"])
            #expect(detail.events.map(\.scope) == ["campaign", "org"])
            #expect(detail.events.first?.source == "keyword")
            #expect(detail.events.first?.occurredAt == Scenario.noon)
            let active = try #require(try await store.store.subscriber(Fixtures.phone(1), campaignID: rights.id))
            #expect(!active.isSuppressed)
            #expect(active.events.map(\.action) == ["opt_in"])
            // Not subscribed to this campaign (only to another), or never seen: nil.
            #expect(try await store.store.subscriber(Fixtures.phone(20), campaignID: rights.id) == nil)
            #expect(try await store.store.subscriber(Fixtures.phone(99), campaignID: rights.id) == nil)
            let other = try #require(try await store.store.subscriber(Fixtures.phone(20), campaignID: freeHK.id))
            #expect(other.events.count == 1)
        }
    }
}
