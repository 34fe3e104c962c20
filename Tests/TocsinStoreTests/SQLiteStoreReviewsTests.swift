import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreReviewsTests {
    func ambiguous(_ harness: StoreHarness, _ phone: PhoneNumber, _ id: String) async throws -> InboundOutcome {
        let message = InboundMessage(carrier: "mock", carrierMessageID: id, from: phone, to: "+14155550100", body: "STOP police violence", receivedAt: harness.now)
        let work = InboundWork(
            message: message,
            classification: Classification(intent: .review, tier: .ambiguous, language: "en", rule: "any.ambiguous.per_se:stop"),
            joinCampaignID: nil, replyRoute: .carrier
        )
        return try await harness.store.commitInbound([work], policy: harness.policy, renderer: EchoRenderer(), now: harness.now)[0].get()
    }

    @Test func anAmbiguousTextIsQueuedWithoutOptOutOrReply() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(300)
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        let outcome = try await self.ambiguous(harness, phone, "a")
        #expect(outcome.disposition == .review)
        #expect(outcome.replies.isEmpty)
        #expect(try await harness.store.isSuppressed(phone) == false)
        #expect(try await harness.store.hasPendingReview(phone))
        let items = try await harness.store.reviewItems(status: .pending, limit: 10)
        #expect(items.count == 1)
        #expect(items[0].body == "STOP police violence")
        #expect(items[0].rule == "any.ambiguous.per_se:stop")
        #expect(items[0].deadline == Date(timeIntervalSince1970: 1_795_521_600))
    }

    @Test func aReviewerOptOutSuppressesWithTheirIdentityInTheLedger() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(301)
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        _ = try await self.ambiguous(harness, phone, "a")
        let item = try #require(try await harness.store.reviewItems(status: .pending, limit: 1).first)
        let resolved = try await harness.store.resolveReview(id: item.id, decision: .optOut, reason: "clearly wants out", reviewer: "ana", now: harness.now)
        #expect(resolved.status == .optOut)
        #expect(resolved.resolvedBy == "ana")
        #expect(try await harness.store.isSuppressed(phone))
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .optedOut)
        let last = try #require(try await harness.store.consentEvents(for: phone).last)
        #expect(last.action == "opt_out")
        #expect(last.source == "review")
        #expect(try await harness.store.hasPendingReview(phone) == false)
        // Deciding twice is a conflict.
        await #expect {
            _ = try await harness.store.resolveReview(id: item.id, decision: .notOptOut, reason: "x", reviewer: "bo", now: harness.now)
        } throws: { ($0 as? StoreError)?.kind == .conflict }
    }

    @Test func notAnOptOutKeepsTheSubscriptionAndIsRecorded() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(302)
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        _ = try await self.ambiguous(harness, phone, "a")
        let item = try #require(try await harness.store.reviewItems(status: .pending, limit: 1).first)
        _ = try await harness.store.resolveReview(id: item.id, decision: .notOptOut, reason: "advocacy slogan", reviewer: "ana", now: harness.now)
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .active)
        #expect(try await harness.store.consentEvents(for: phone).last?.action == "reviewed_not_opt_out")
        await #expect {
            _ = try await harness.store.resolveReview(id: 999, decision: .optOut, reason: "x", reviewer: "bo", now: harness.now)
        } throws: { ($0 as? StoreError)?.kind == .notFound }
    }

    @Test func anItemPastItsDeadlineBecomesAnOptOut() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(303)
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        _ = try await self.ambiguous(harness, phone, "a")
        let deadline = Date(timeIntervalSince1970: 1_795_521_600)
        #expect(try await harness.store.expireOverdueReviews(now: deadline.addingTimeInterval(-1)) == 0)
        #expect(try await harness.store.isSuppressed(phone) == false)
        #expect(try await harness.store.expireOverdueReviews(now: deadline) == 1)
        #expect(try await harness.store.isSuppressed(phone))
        let item = try #require(try await harness.store.reviewItems(status: nil, limit: 1).first)
        #expect(item.status == .expiredOptOut)
        #expect(item.resolvedBy == "system:deadline")
        #expect(try await harness.store.consentEvents(for: phone).last?.source == "review")
    }

    @Test func aStopWhileAReviewIsPendingSupersedesIt() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(304)
        _ = try await self.ambiguous(harness, phone, "a")
        _ = try await harness.inbound(phone, "s", .optOut)
        #expect(try await harness.store.reviewItems(status: .superseded, limit: 10).count == 1)
        #expect(try await harness.store.expireOverdueReviews(now: harness.now.addingTimeInterval(30 * 86_400)) == 0)
    }
}
