import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// The opt-out log, the consent proof, the Twilio Consents shape and the deadline report.
struct ComplianceExportTests {
    @Test func theOptOutLogShowsReceiptProcessingAndTheConfirmation() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(920)
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        let stop = try await harness.inbound(phone, "s", .optOut)
        let confirmation = try #require(stop.replies.first)
        try await harness.store.recordOutcomes(
            [DispatchOutcome(id: confirmation.id, result: .sent(carrier: "mock", carrierMessageID: "c1"))], now: harness.now.addingTimeInterval(2)
        )
        let log = try await harness.store.optOutLog(from: harness.now.addingTimeInterval(-60), to: harness.now.addingTimeInterval(60))
        let entry = try #require(log.first)
        #expect(log.count == 1)
        #expect(entry.phone == phone.e164)
        #expect(entry.channel == "sms")
        #expect(entry.rawText == "optOut" || entry.rawText == Intent.optOut.rawValue)
        #expect(entry.tier == "exact")
        #expect(entry.timeToSuppress == 0)
        #expect(entry.confirmationText == "opt_out_confirmation/en/-")
        #expect(entry.timeToConfirmation == 2)
        let csv = SubscriberCSVWriter.record(entry.csvFields)
        #expect(csv.contains(phone.e164))
        #expect(entry.csvFields.count == OptOutLogEntry.csvHeader.count)
        #expect(try await harness.store.optOutLog(from: harness.now.addingTimeInterval(1), to: harness.now.addingTimeInterval(60)).isEmpty)
    }

    @Test func aConsentProofCarriesTheChainAndTheDisclosureHash() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(921)
        _ = try await harness.store.requestWebOptIn(
            WebOptInRequest(
                phone: phone, campaignSlug: "rights", disclosure: "Yes, text me Rights Alerts.", sourceURL: "https://example.org/p",
                ip: "203.0.113.9", userAgent: "UA", language: "en", firstName: nil, actor: "petition"
            ),
            renderer: EchoRenderer(), sender: "+14155550100", now: harness.now
        )
        _ = try await harness.inbound(phone, "y", .confirm)
        _ = try await harness.inbound(phone, "s", .optOut)
        let proof = try await harness.store.consentProof(phone)
        #expect(proof.events.map(\.action) == ["opt_in_requested", "confirm", "opt_out"])
        #expect(proof.suppressed)
        for event in proof.events {
            let entry = try #require(event.entry)
            let previous = try #require(event.previousHash)
            #expect(LedgerEncoding.chainHash(previous: previous, entry: entry) == event.hash)
            #expect(entry.contains("\"phone\":\"\(proof.phoneKey)\""))
        }
        let first = try #require(proof.events.first?.entry)
        #expect(first.contains(LedgerEncoding.sha256Hex(Data("Yes, text me Rights Alerts.".utf8))))
        #expect(proof.events.first?.ip == "203.0.113.9")
    }

    @Test func twilioConsentsGiveEachNumbersLatestStatus() async throws {
        let harness = try await StoreHarness()
        let stays = Fixtures.phone(922)
        let leaves = Fixtures.phone(923)
        _ = try await harness.inbound(stays, "a", .join, join: harness.rights.id)
        _ = try await harness.inbound(leaves, "b", .join, join: harness.rights.id)
        _ = try await harness.inbound(leaves, "c", .optOut)
        let items = try await harness.store.twilioConsents(
            from: harness.now.addingTimeInterval(-60), to: harness.now.addingTimeInterval(60), senderID: "MG123"
        )
        #expect(items.map(\.contactID) == [stays.e164, leaves.e164])
        #expect(items.map(\.status) == ["opt-in", "opt-out"])
        #expect(items.map(\.source) == ["opt-in-message", "opt-out-message"])
        #expect(items.allSatisfy { $0.correlationID.count == 32 && $0.senderID == "MG123" })
        #expect(Set(items.map(\.correlationID)).count == 2)
    }

    @Test(arguments: [("web_form", false, "website"), ("import", false, "offline"), ("keyword", true, "opt-out-message"), ("carrier", true, "others")])
    func twilioSources(_ source: String, _ optOut: Bool, _ expected: String) {
        #expect(TwilioConsentItem.source(for: source, optOut: optOut) == expected)
    }

    @Test func theDeadlineReportFlagsPendingReviewsAndLateOptOuts() async throws {
        let harness = try await StoreHarness()
        let message = InboundMessage(
            carrier: "mock", carrierMessageID: "r", from: Fixtures.phone(924), to: "+14155550100", body: "STOP police violence",
            receivedAt: harness.now
        )
        let work = InboundWork(
            message: message, classification: Classification(intent: .review, tier: .ambiguous, language: "en", rule: "ambiguous"),
            joinCampaignID: nil, replyRoute: .carrier
        )
        _ = try await harness.store.commitInbound([work], policy: harness.policy, renderer: EchoRenderer(), now: harness.now)
        let deadline: OptOutDeadlineFunction = { _, received in received.addingTimeInterval(48 * 3600) }
        let since = harness.now.addingTimeInterval(-86_400)
        let early = try await harness.store.deadlineReport(now: harness.now, since: since, deadline: deadline)
        #expect(early.counts == DeadlineCounts(pending: 1))
        #expect(early.items.isEmpty)
        let soon = try await harness.store.deadlineReport(now: harness.now.addingTimeInterval(30 * 3600), since: since, deadline: deadline)
        #expect(soon.counts == DeadlineCounts(pending: 1, dueSoon: 1))
        #expect(soon.items.map(\.status) == [.dueSoon])
        let later = harness.now.addingTimeInterval(49 * 3600)
        let overdue = try await harness.store.deadlineReport(now: later, since: since, deadline: deadline)
        #expect(overdue.counts == DeadlineCounts(pending: 1, overdue: 1))
        #expect(try await harness.store.deadlineCounts(now: later, since: since, deadline: deadline) == overdue.counts)
        let item = try #require(try await harness.store.reviewItems(status: .pending, limit: 1).first)
        _ = try await harness.store.resolveReview(id: item.id, decision: .optOut, reason: "late", reviewer: "ana", now: later)
        let late = try await harness.store.deadlineReport(now: later, since: since, deadline: deadline)
        #expect(late.counts == DeadlineCounts(late: 1))
        #expect(late.items.map(\.kind) == ["opt_out"])
        #expect(late.items.first?.phone == Fixtures.phone(924).masked)
    }
}
