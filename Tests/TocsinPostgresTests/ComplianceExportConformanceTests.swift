import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// The opt-out log, the consent proof, Twilio's Consents shape and the deadline report, written once and
/// run on both engines (as Tests/TocsinStoreTests' ComplianceExportTests).
struct ComplianceExportConformanceTests {
    let noon = Scenario.noon

    func campaign(_ store: EngineStore) async throws -> Campaign {
        try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
    }

    @Test(arguments: StoreEngine.allCases)
    func theOptOutLogShowsReceiptProcessingAndTheConfirmation(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let phone = Fixtures.phone(920)
            try await Scenario.inbound(store, phone, "j", .join, join: rights.id)
            let stop = try await Scenario.inbound(store, phone, "s", .optOut, body: "STOP", rule: "en.stop")
            let confirmation = try #require(stop.replies.first)
            try await store.store.recordOutcomes(
                [DispatchOutcome(id: confirmation.id, result: .sent(carrier: "mock", carrierMessageID: "c1"))], now: self.noon.addingTimeInterval(2)
            )
            let log = try await store.optOutLog(from: self.noon.addingTimeInterval(-60), to: self.noon.addingTimeInterval(60))
            #expect(log.count == 1)
            let entry = try #require(log.first)
            #expect(entry.consentEventID > 0)
            #expect(entry.phone == phone.e164 && entry.channel == "sms" && entry.source == "keyword")
            #expect(entry.rawText == "STOP" && entry.tier == "exact" && entry.rule == "en.stop")
            #expect(entry.receivedAt == self.noon && entry.processedAt == self.noon && entry.timeToSuppress == 0)
            #expect(entry.confirmationText == "opt_out_confirmation/en")
            #expect(entry.confirmationSentAt == self.noon.addingTimeInterval(2) && entry.timeToConfirmation == 2)
            #expect(entry.reviewer == nil && entry.staff == nil)
            #expect(entry.csvFields.count == OptOutLogEntry.csvHeader.count && entry.csvFields[1] == phone.e164)
            #expect(try await store.optOutLog(from: self.noon.addingTimeInterval(1), to: self.noon.addingTimeInterval(60)).isEmpty)
            #expect(try await store.optOutLog(from: self.noon.addingTimeInterval(-60), to: self.noon).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aReviewedOptOutNamesItsReviewerAndCountsFromTheText(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(925)
            try await Scenario.ambiguous(store, phone, "r")
            let item = try #require(try await store.store.reviewItems(status: .pending, limit: 1).first)
            let later = self.noon.addingTimeInterval(600)
            _ = try await store.store.resolveReview(id: item.id, decision: .optOut, reason: "clear", reviewer: "ana", now: later)
            let log = try await store.optOutLog(from: self.noon, to: later.addingTimeInterval(1))
            #expect(log.map(\.source) == ["review"])
            #expect(log.first?.reviewer == "ana" && log.first?.staff == nil)
            #expect(log.first?.receivedAt == self.noon && log.first?.timeToSuppress == 600)
            #expect(try await store.optOutLog(from: self.noon, to: later.addingTimeInterval(1), limit: 0).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aConsentProofCarriesTheChainAndTheDisclosureHash(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            _ = try await self.campaign(store)
            let phone = Fixtures.phone(921)
            _ = try await store.store.requestWebOptIn(
                WebOptInRequest(
                    phone: phone, campaignSlug: "rights", disclosure: "Yes, text me Rights Alerts.", sourceURL: "https://example.org/p",
                    ip: "203.0.113.9", userAgent: "UA", language: "en", firstName: nil, actor: "petition"
                ),
                renderer: KindRenderer(), sender: Scenario.sender, now: self.noon
            )
            try await Scenario.inbound(store, phone, "y", .confirm)
            try await Scenario.inbound(store, phone, "s", .optOut)
            let proof = try await store.consentProof(phone)
            #expect(proof.phone == phone.e164 && proof.suppressed)
            #expect(proof.events.map(\.action) == ["opt_in_requested", "confirm", "opt_out"])
            #expect(proof.events.first?.campaign == "rights" && proof.events.first?.ip == "203.0.113.9")
            #expect(proof.events.first?.sourceURL == "https://example.org/p" && proof.events.first?.erased == false)
            for event in proof.events {
                let entry = try #require(event.entry)
                let previous = try #require(event.previousHash)
                #expect(LedgerEncoding.chainHash(previous: previous, entry: entry) == event.hash)
                #expect(entry.contains("\"phone\":\"\(proof.phoneKey)\""))
            }
            let first = try #require(proof.events.first?.entry)
            #expect(first.contains(LedgerEncoding.sha256Hex(Data("Yes, text me Rights Alerts.".utf8))))
            let rows = try await store.ledgerRows()
            #expect(proof.head == rows.last.map { LedgerHead(seq: $0.seq, hash: $0.hash) })
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func twilioConsentsGiveEachNumbersLatestStatus(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let stays = Fixtures.phone(922)
            let leaves = Fixtures.phone(923)
            try await Scenario.inbound(store, stays, "a", .join, join: rights.id)
            try await Scenario.inbound(store, leaves, "b", .join, join: rights.id)
            try await Scenario.inbound(store, leaves, "c", .optOut)
            let items = try await store.twilioConsents(from: self.noon.addingTimeInterval(-60), to: self.noon.addingTimeInterval(60), senderID: "MG123")
            #expect(items.map(\.contactID) == [stays.e164, leaves.e164])
            #expect(items.map(\.status) == ["opt-in", "opt-out"])
            #expect(items.map(\.source) == ["opt-in-message", "opt-out-message"])
            #expect(items.allSatisfy { $0.correlationID.count == 32 && $0.senderID == "MG123" && $0.dateOfConsent == self.noon })
            let hashes = try await store.ledgerRows().map(\.hash)
            #expect(items.allSatisfy { item in hashes.contains { $0.hasPrefix(item.correlationID) } })
            // Before the opt-out the number's latest status was opt-in; a window without events is empty.
            #expect(try await store.twilioConsents(from: self.noon.addingTimeInterval(60), to: self.noon.addingTimeInterval(120), senderID: "MG").isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theDeadlineReportFlagsPendingReviewsAndLateOptOuts(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(924)
            try await Scenario.ambiguous(store, phone, "r")
            let deadline: OptOutDeadlineFunction = { _, received in received.addingTimeInterval(48 * 3600) }
            let since = self.noon.addingTimeInterval(-86_400)
            let early = try await store.deadlineReport(now: self.noon, since: since, deadline: deadline)
            #expect(early.counts == DeadlineCounts(pending: 1) && early.items.isEmpty)
            let soon = try await store.deadlineReport(now: self.noon.addingTimeInterval(30 * 3600), since: since, deadline: deadline)
            #expect(soon.counts == DeadlineCounts(pending: 1, dueSoon: 1))
            #expect(soon.items.map(\.status) == [.dueSoon] && soon.items.first?.kind == "review")
            let later = self.noon.addingTimeInterval(49 * 3600)
            let overdue = try await store.deadlineReport(now: later, since: since, deadline: deadline)
            #expect(overdue.counts == DeadlineCounts(pending: 1, overdue: 1))
            #expect(try await store.deadlineCounts(now: later, since: since, deadline: deadline) == overdue.counts)
            let item = try #require(try await store.store.reviewItems(status: .pending, limit: 1).first)
            _ = try await store.store.resolveReview(id: item.id, decision: .optOut, reason: "late", reviewer: "ana", now: later)
            let late = try await store.deadlineReport(now: later, since: since, deadline: deadline)
            #expect(late.counts == DeadlineCounts(late: 1))
            #expect(late.items.map(\.kind) == ["opt_out"])
            #expect(late.items.first?.phone == phone.masked && late.items.first?.resolvedAt == later)
            #expect(late.items.first?.receivedAt == self.noon && late.items.first?.deadline == self.noon.addingTimeInterval(48 * 3600))
            // Opt-outs before `since` are not reported.
            #expect(try await store.deadlineCounts(now: later, since: later.addingTimeInterval(1), deadline: deadline) == DeadlineCounts())
        }
    }
}
