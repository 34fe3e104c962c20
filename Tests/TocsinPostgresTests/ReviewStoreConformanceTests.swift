import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// ReviewStore, written once and run on both engines.
struct ReviewStoreConformanceTests {
    let noon = Scenario.noon

    /// A joined number with one pending review item; returns the campaign id and the item.
    func pending(_ store: EngineStore, _ phone: PhoneNumber) async throws -> (campaignID: Int64, item: ReviewItem) {
        let rights = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
        try await Scenario.inbound(store, phone, "j", .join, join: rights.id)
        try await Scenario.ambiguous(store, phone, "a")
        return (rights.id, try #require(try await store.store.reviewItems(status: .pending, limit: 10).first))
    }

    @Test(arguments: StoreEngine.allCases, ReviewDecision.allCases)
    func aReviewerDecidesWithTheirIdentityInTheLedger(engine: StoreEngine, decision: ReviewDecision) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(20)
            let (campaignID, item) = try await self.pending(store, phone)
            #expect(item.body == "STOP police violence" && item.rule == "any.ambiguous.per_se:stop" && item.tier == "ambiguous")
            #expect(item.phone == phone && item.receivedAt == self.noon)
            let later = self.noon.addingTimeInterval(60)
            let resolved = try await store.store.resolveReview(id: item.id, decision: decision, reason: "read it", reviewer: "ana", now: later)
            #expect(resolved.status.rawValue == decision.rawValue)
            #expect(resolved.resolvedBy == "ana" && resolved.reason == "read it" && resolved.resolvedAt == later)
            #expect(try await store.store.reviewItems(status: nil, limit: 10) == [resolved])
            #expect(try await store.store.hasPendingReview(phone) == false)
            let optOut = decision == .optOut
            #expect(try await store.store.isSuppressed(phone) == optOut)
            #expect(try await Scenario.subscription(store, phone, campaign: campaignID) == (optOut ? "opted_out" : "active"))
            #expect(try await store.consentActions(phone.e164) == ["opt_in", optOut ? "opt_out" : "reviewed_not_opt_out"])
            #expect(
                try await store.count(
                    """
                    SELECT COUNT(*) FROM consent_event WHERE source = 'review' AND staff = 'ana' AND raw_text = 'STOP police violence'
                      AND inbound_message_id = \(item.inboundMessageID) AND rule = 'any.ambiguous.per_se:stop'
                    """
                ) == 1
            )
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'review.\(decision.rawValue)' AND actor = 'ana' AND detail = 'read it'") == 1)
            // Deciding twice is a conflict; an unknown id is not found.
            await #expect {
                _ = try await store.store.resolveReview(id: item.id, decision: .optOut, reason: "x", reviewer: "bo", now: later)
            } throws: { ($0 as? StoreError)?.kind == .conflict }
            await #expect {
                _ = try await store.store.resolveReview(id: 999, decision: .optOut, reason: "x", reviewer: "bo", now: later)
            } throws: { ($0 as? StoreError)?.kind == .notFound }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anItemPastItsDeadlineBecomesAnOptOut(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(21)
            let (_, item) = try await self.pending(store, phone)
            #expect(try await store.store.expireOverdueReviews(now: item.deadline.addingTimeInterval(-1)) == 0)
            #expect(try await store.store.isSuppressed(phone) == false)
            #expect(try await store.store.expireOverdueReviews(now: item.deadline) == 1)
            #expect(try await store.store.isSuppressed(phone))
            let expired = try #require(try await store.store.reviewItems(status: .expiredOptOut, limit: 10).first)
            #expect(expired.resolvedBy == "system:deadline" && expired.reason == "no decision before the deadline")
            #expect(try await store.strings("SELECT source FROM consent_event WHERE phone = '\(phone.e164)' ORDER BY id") == ["keyword", "review"])
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'review.expired_opt_out'") == 1)
            #expect(try await store.store.expireOverdueReviews(now: item.deadline) == 0)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aStopWhileAReviewIsPendingSupersedesIt(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(22)
            try await Scenario.ambiguous(store, phone, "a")
            try await Scenario.ambiguous(store, phone, "b")
            #expect(try await store.store.reviewItems(status: .pending, limit: 10).count == 2)
            try await Scenario.inbound(store, phone, "s", .optOut)
            #expect(try await store.store.reviewItems(status: .superseded, limit: 10).count == 2)
            #expect(try await store.store.hasPendingReview(phone) == false)
            #expect(try await store.store.expireOverdueReviews(now: self.noon.addingTimeInterval(30 * 86_400)) == 0)
            #expect(try await store.consentActions(phone.e164) == ["opt_out"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theQueueListsByStatusOldestFirstWithALimit(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            for index in 0..<3 { try await Scenario.ambiguous(store, Fixtures.phone(30 + index), "a\(index)") }
            let all = try await store.store.reviewItems(status: nil, limit: 10)
            #expect(all.map(\.phone) == [Fixtures.phone(30), Fixtures.phone(31), Fixtures.phone(32)])
            #expect(try await store.store.reviewItems(status: .pending, limit: 2).map(\.id) == Array(all.map(\.id).prefix(2)))
            #expect(try await store.store.reviewItems(status: .optOut, limit: 10).isEmpty)
        }
    }
}
