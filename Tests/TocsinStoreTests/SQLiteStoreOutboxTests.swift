import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreOutboxTests {
    @Test func aSuppressedNumberGetsOnlyItsOptOutConfirmation() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(10)
        let join = try await harness.inbound(phone, "m1", .join, join: harness.rights.id)
        let stop = try await harness.inbound(phone, "m2", .optOut)
        // The join confirmation was queued before the STOP but is claimed after it: refused.
        #expect(try await harness.store.claim(join.replies[0].id, now: harness.now) == nil)
        #expect(try await harness.store.claim(stop.replies[0].id, now: harness.now)?.kind == .optOutConfirmation)
        let records = try await harness.store.outbound(to: phone)
        #expect(records[0].status == "suppressed")
        #expect(records[0].reason?.contains("suppressed") == true)
        #expect(records[1].status == "sending")
    }

    @Test func anOptOutConfirmationOlderThanFiveMinutesExpires() async throws {
        let harness = try await StoreHarness()
        let stop = try await harness.inbound(Fixtures.phone(11), "m1", .optOut)
        let late = harness.now.addingTimeInterval(5 * 60 + 1)
        #expect(try await harness.store.claim(stop.replies[0].id, now: late) == nil)
        #expect(try await harness.store.outbound(to: Fixtures.phone(11)).first?.status == "expired")
    }

    @Test func aMessageIsClaimedOnce() async throws {
        let harness = try await StoreHarness()
        let help = try await harness.inbound(Fixtures.phone(12), "m1", .help)
        #expect(try await harness.store.claim(help.replies[0].id, now: harness.now) != nil)
        #expect(try await harness.store.claim(help.replies[0].id, now: harness.now) == nil)
    }

    @Test func sentAndFailedAreRecorded() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(13)
        let help = try await harness.inbound(phone, "m1", .help)
        let id = help.replies[0].id
        _ = try await harness.store.claim(id, now: harness.now)
        try await harness.store.markSent(id, carrier: "mock", carrierMessageID: "X1", now: harness.now)
        #expect(try await harness.store.outbound(to: phone).first?.status == "sent")
    }

    @Test func aCarrierReportedOptOutBecomesASuppressionWithALedgerEntry() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(14)
        let join = try await harness.inbound(phone, "m1", .join, join: harness.rights.id)
        let id = join.replies[0].id
        _ = try await harness.store.claim(id, now: harness.now)
        try await harness.store.markFailed(
            id, carrier: "twilio", error: CarrierError(.recipientOptedOut, code: "21610", message: "unsubscribed"),
            now: harness.now
        )
        #expect(try await harness.store.isSuppressed(phone))
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .optedOut)
        let last = try await harness.store.consentEvents(for: phone).last
        #expect(last?.source == "carrier")
        #expect(last?.action == "opt_out")
    }

    @Test func queuedRepliesAreListedOldestFirst() async throws {
        let harness = try await StoreHarness()
        let a = try await harness.inbound(Fixtures.phone(15), "m1", .help)
        let b = try await harness.inbound(Fixtures.phone(16), "m2", .help)
        #expect(try await harness.store.queuedReplies(limit: 10) == [a.replies[0].id, b.replies[0].id])
        try await harness.store.expire(a.replies[0].id, reason: "test", now: harness.now)
        #expect(try await harness.store.queuedReplies(limit: 10) == [b.replies[0].id])
    }
}
