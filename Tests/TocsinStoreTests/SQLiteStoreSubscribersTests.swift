import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreSubscribersTests {
    /// Ten numbers join `rights`; number 3 sends STOP; number 20 joins `freehk` only.
    func seeded() async throws -> (StoreHarness, Campaign) {
        let harness = try await StoreHarness()
        let freeHK = try await harness.store.upsertCampaign(Fixtures.freeHK, actor: "test", now: harness.now)
        for index in 1...10 {
            _ = try await harness.inbound(Fixtures.phone(index), "join-\(index)", .join, join: harness.rights.id)
        }
        _ = try await harness.inbound(Fixtures.phone(3), "stop-3", .optOut)
        _ = try await harness.inbound(Fixtures.phone(20), "join-20", .join, join: freeHK.id)
        return (harness, freeHK)
    }

    @Test func pagesFollowSubscriberIDsWithACursor() async throws {
        let (harness, _) = try await self.seeded()
        var seen: [String] = []
        var after: Int64 = 0
        var pages = 0
        while true {
            let page = try await harness.store.subscribers(campaignID: harness.rights.id, status: nil, after: after, limit: 4)
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

    @Test func aFullLastPageHasNoNextCursor() async throws {
        let (harness, _) = try await self.seeded()
        let page = try await harness.store.subscribers(campaignID: harness.rights.id, status: nil, after: 0, limit: 10)
        #expect(page.records.count == 10)
        #expect(page.nextAfter == nil)
    }

    @Test func statusFiltersAndRecordFields() async throws {
        let (harness, _) = try await self.seeded()
        let active = try await harness.store.subscribers(campaignID: harness.rights.id, status: .active, after: 0, limit: 100)
        #expect(active.records.count == 9)
        #expect(!active.records.contains { $0.phone == Fixtures.phone(3) })
        let optedOut = try await harness.store.subscribers(campaignID: harness.rights.id, status: .optedOut, after: 0, limit: 100)
        #expect(optedOut.records.map(\.phone) == [Fixtures.phone(3)])
        let first = try #require(active.records.first)
        #expect(first.status == .active)
        #expect(first.joinedAt == harness.now)
        #expect(first.consentSource == "keyword")
        #expect(try await harness.store.subscribers(campaignID: harness.rights.id, status: .pending, after: 0, limit: 100).records.isEmpty)
    }

    @Test func theLookUpShowsSuppressionAndTheEventsThatConcernTheCampaign() async throws {
        let (harness, freeHK) = try await self.seeded()
        let detail = try #require(try await harness.store.subscriber(Fixtures.phone(3), campaignID: harness.rights.id))
        #expect(detail.record.status == .optedOut)
        #expect(detail.isSuppressed)
        #expect(detail.suppressedAt == harness.now)
        #expect(detail.events.map(\.action) == ["opt_in", "opt_out"])
        #expect(detail.events.map(\.scope) == ["campaign", "org"])
        let active = try #require(try await harness.store.subscriber(Fixtures.phone(1), campaignID: harness.rights.id))
        #expect(!active.isSuppressed)
        #expect(active.events.map(\.action) == ["opt_in"])
        // Not subscribed to this campaign (only to another), or never seen: nil.
        #expect(try await harness.store.subscriber(Fixtures.phone(20), campaignID: harness.rights.id) == nil)
        #expect(try await harness.store.subscriber(Fixtures.phone(99), campaignID: harness.rights.id) == nil)
        let other = try #require(try await harness.store.subscriber(Fixtures.phone(20), campaignID: freeHK.id))
        #expect(other.events.count == 1)
    }

    @Test func pagesFollowAnIndexInsteadOfSorting() async throws {
        let (harness, _) = try await self.seeded()
        let id = harness.rights.id
        let plans = try await harness.store.writer.read { db in
            func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: "; ")
            }
            return [
                try plan(SQLiteStore.subscriberPageByStatusSQL, [id, "active", 0, 10]),
                try plan(SQLiteStore.subscriberPageAllSQL, [0, id, 10]),
            ]
        }
        #expect(plans[0].contains("subscription_by_campaign"), "\(plans[0])")
        for plan in plans {
            #expect(!plan.isEmpty)
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }
}
