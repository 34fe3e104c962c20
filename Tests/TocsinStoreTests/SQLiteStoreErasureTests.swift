import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreErasureTests {
    /// A number that signed a web form with a name, IP and user agent, joined by keyword and left a text
    /// for review.
    static func seed(_ phone: PhoneNumber) async throws -> StoreHarness {
        let harness = try await StoreHarness()
        _ = try await harness.store.requestWebOptIn(
            WebOptInRequest(
                phone: phone, campaignSlug: "rights", disclosure: "Yes, text me.", sourceURL: "https://example.org/p",
                ip: "203.0.113.9", userAgent: "Mozilla/5.0", language: "en", firstName: "Ana", actor: "petition"
            ),
            renderer: EchoRenderer(), sender: "+14155550100", now: harness.now
        )
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        let message = InboundMessage(carrier: "mock", carrierMessageID: "r", from: phone, to: "+14155550100", body: "STOP police violence", receivedAt: harness.now)
        let work = InboundWork(
            message: message, classification: Classification(intent: .review, tier: .ambiguous, language: "en", rule: "ambiguous"),
            joinCampaignID: nil, replyRoute: .carrier
        )
        _ = try await harness.store.commitInbound([work], policy: harness.policy, renderer: EchoRenderer(), now: harness.now)
        return harness
    }

    /// Rows anywhere that still hold `text`.
    static func occurrences(of text: String, in store: SQLiteStore) async throws -> [String] {
        let columns = [
            ("subscriber", "phone"), ("subscriber", "first_name"), ("consent_event", "phone"), ("consent_event", "ip"),
            ("consent_event", "user_agent"), ("consent_event", "source_url"), ("consent_event", "raw_text"),
            ("inbound_message", "from_phone"), ("inbound_message", "body"), ("outbound_message", "phone"), ("review_item", "phone"),
            ("suppression", "phone"), ("ledger_entry", "entry"), ("audit_event", "detail"), ("audit_event", "subject"),
        ]
        return try await store.writer.read { db in
            try columns.filter { table, column in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE instr(\(column), ?) > 0)", arguments: [text]) ?? false
            }.map { "\($0.0).\($0.1)" }
        }
    }

    @Test func anErasureRemovesThePersonalDataKeepsTheNumberSuppressedAndTheLedgerVerifying() async throws {
        let phone = Fixtures.phone(910)
        let harness = try await Self.seed(phone)
        #expect(!(try await Self.occurrences(of: phone.e164, in: harness.store)).isEmpty)
        let outcome = try await harness.store.erase(phone, actor: "ana", reason: "GDPR Art. 17 request by email", now: harness.now)
        #expect(outcome.redacted["consent_event"] == 2)
        #expect(outcome.redacted["subscriber"] == 1)
        for text in [phone.e164, "Ana", "203.0.113.9", "Mozilla/5.0", "example.org/p", "STOP police violence"] {
            let left = try await Self.occurrences(of: text, in: harness.store)
            #expect(left.isEmpty, "\(text) is still in \(left)")
        }
        #expect(try await harness.store.isSuppressed(phone))
        #expect(try await harness.store.hasPendingReview(phone) == false)
        let result = try await harness.store.verifyLedger()
        #expect(result.isIntact, "\(String(describing: result.problem))")
        let proof = try await harness.store.consentProof(phone)
        #expect(proof.events.map(\.action) == ["opt_in_requested", "opt_in", "erasure"])
        #expect(proof.events.allSatisfy { $0.ip == nil && $0.rawText == nil && $0.erased == ($0.action != "erasure") })
        #expect(proof.events.first?.disclosure == "Yes, text me.")
    }

    @Test func anErasureTakesTheNameOutOfATextBeingSent() async throws {
        let store = try await SQLiteStoreDispatchTests().setup(bodies: ["en": "Hi {first_name|friend}"])
        try await store.writer.write { db in try db.execute(sql: "UPDATE subscriber SET first_name = 'Zenobia'") }
        let claimed = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: SQLiteStoreDispatchTests.noon)
        let phone = claimed[0].sms.to
        #expect(claimed[0].sms.body.hasPrefix("Hi Zenobia"))
        _ = try await store.erase(phone, actor: "ana", reason: nil, now: SQLiteStoreDispatchTests.noon)
        try await store.recordOutcomes(
            claimed.map { DispatchOutcome(id: $0.sms.id, result: .sent(carrier: "mock", carrierMessageID: "M\($0.sms.id)")) },
            now: SQLiteStoreDispatchTests.noon
        )
        // The erased number's row is recorded sent, without the body the claim rendered with the name.
        let records = try await store.bulkRecords()
        #expect(records.map(\.status) == ["sent", "sent", "sent"])
        #expect(records.filter { $0.body == nil }.count == 1)
        #expect(records.filter { $0.body?.hasPrefix("Hi Zenobia") == true }.count == 2)
        #expect(try await Self.occurrences(of: phone.e164, in: store).isEmpty)
    }

    @Test func anErasedNumberThatComesBackIsTreatedAsSuppressed() async throws {
        let phone = Fixtures.phone(911)
        let harness = try await Self.seed(phone)
        _ = try await harness.store.erase(phone, actor: "ana", reason: "request", now: harness.now)
        let web = try await harness.store.requestWebOptIn(
            WebOptInRequest(
                phone: phone, campaignSlug: "rights", disclosure: "Yes", sourceURL: "https://example.org/p", ip: nil, userAgent: nil,
                language: "en", firstName: nil, actor: "petition"
            ),
            renderer: EchoRenderer(), sender: "+14155550100", now: harness.now
        )
        #expect(web.status == .suppressed)
        let imported = try await harness.store.importSubscribers(
            [SubscriberImportRow(line: 2, phone: phone, consentedAt: harness.now, source: "paper", disclosure: "Yes")],
            campaignID: harness.rights.id, actor: "cli", label: "test", now: harness.now
        )
        #expect(imported == [.rejected("suppressed")])
        // A keyword join is new express consent, exactly as for any suppressed number.
        let joined = try await harness.inbound(phone, "again", .join, join: harness.rights.id)
        #expect(joined.disposition == .joined)
        #expect(try await harness.store.isSuppressed(phone) == false)
        #expect(try await harness.store.verifyLedger().isIntact)
    }

    @Test func blankingEvidenceWithoutAnErasureIsNamed() async throws {
        let phone = Fixtures.phone(914)
        let harness = try await Self.seed(phone)
        let key = String(try await harness.store.consentProof(phone).phoneKey)
        try await harness.store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER consent_event_append_only_update")
            try db.execute(
                sql: "UPDATE consent_event SET phone = ?, raw_text = NULL, source_url = NULL, ip = NULL, user_agent = NULL, erased_at = 1 WHERE id = 1",
                arguments: ["hmac:" + key]
            )
        }
        let problem = try #require(try await harness.store.verifyLedger().problem)
        #expect(problem.source == "consent_event:1")
        #expect(problem.message.contains("without an erasure"), "\(problem)")
    }

    @Test func theConsentLedgerAcceptsOnlyTheRedactionUpdate() async throws {
        let phone = Fixtures.phone(912)
        let harness = try await Self.seed(phone)
        for sql in [
            "UPDATE consent_event SET action = 'opt_out' WHERE id = 1",
            "UPDATE consent_event SET raw_text = NULL, erased_at = 1 WHERE id = 1",
            "UPDATE consent_event SET phone = 'hmac:0', raw_text = NULL, source_url = NULL, ip = NULL, user_agent = NULL, erased_at = 1 WHERE id = 1",
            "DELETE FROM consent_event WHERE id = 1",
            "UPDATE ledger_entry SET hash = '0' WHERE seq = 1",
            "DELETE FROM ledger_entry WHERE seq = 1",
        ] {
            await #expect(throws: DatabaseError.self, "\(sql)") {
                try await harness.store.writer.write { db in try db.execute(sql: sql) }
            }
        }
    }

    @Test func aStaffOptOutSuppressesThroughTheStopPath() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(913)
        _ = try await harness.inbound(phone, "j", .join, join: harness.rights.id)
        let recorded = try await harness.store.recordOptOut(
            OptOutRequest(phone: phone, channel: "email", reason: "asked by email", staff: "ana", source: .staff), now: harness.now
        )
        #expect(recorded.alreadySuppressed == false)
        #expect(try await harness.store.isSuppressed(phone))
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .optedOut)
        let log = try await harness.store.optOutLog(from: harness.now.addingTimeInterval(-1), to: harness.now.addingTimeInterval(1))
        #expect(log.map(\.source) == ["staff"])
        #expect(log.first?.channel == "email")
        #expect(log.first?.staff == "ana")
        #expect(log.first?.rawText == "asked by email")
        #expect(try await harness.store.verifyLedger().isIntact)
        let again = try await harness.store.recordOptOut(
            OptOutRequest(phone: phone, channel: "web", reason: nil, staff: nil, source: .webLink), now: harness.now
        )
        #expect(again.alreadySuppressed)
    }
}
