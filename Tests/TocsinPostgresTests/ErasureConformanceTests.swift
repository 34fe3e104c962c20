import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// Erasure and staff opt-outs, written once and run on both engines (as SQLiteStoreErasureTests).
struct ErasureConformanceTests {
    let noon = Scenario.noon

    /// A number that signed a web form with a name, IP and user agent, joined by keyword and left a text
    /// for review; returns the campaign.
    func seed(_ store: EngineStore, _ phone: PhoneNumber) async throws -> Campaign {
        let rights = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
        _ = try await store.store.requestWebOptIn(
            WebOptInRequest(
                phone: phone, campaignSlug: "rights", disclosure: "Yes, text me.", sourceURL: "https://example.org/p",
                ip: "203.0.113.9", userAgent: "Mozilla/5.0", language: "en", firstName: "Ana", actor: "petition"
            ),
            renderer: KindRenderer(), sender: Scenario.sender, now: self.noon
        )
        try await Scenario.inbound(store, phone, "j", .join, join: rights.id)
        try await Scenario.ambiguous(store, phone, "r")
        return rights
    }

    /// The columns anywhere that still hold `text`.
    func occurrences(of text: String, in store: EngineStore) async throws -> [String] {
        let columns = [
            ("subscriber", "phone"), ("subscriber", "first_name"), ("consent_event", "phone"), ("consent_event", "ip"),
            ("consent_event", "user_agent"), ("consent_event", "source_url"), ("consent_event", "raw_text"),
            ("inbound_message", "from_phone"), ("inbound_message", "body"), ("outbound_message", "phone"), ("outbound_message", "body"),
            ("review_item", "phone"), ("suppression", "phone"), ("voice_suppression", "phone"), ("ledger_entry", "entry"), ("audit_event", "detail"),
            ("audit_event", "subject"),
        ]
        var found: [String] = []
        // Case-sensitive on both engines (SQLite's LIKE is not).
        let find = store.engine == .sqlite ? "instr" : "strpos"
        for (table, column) in columns where try await store.count("SELECT COUNT(*) FROM \(table) WHERE \(find)(\(column), '\(text)') > 0") > 0 {
            found.append("\(table).\(column)")
        }
        return found
    }

    @Test(arguments: StoreEngine.allCases)
    func anErasureRemovesThePersonalDataKeepsTheNumberSuppressedAndTheLedgerVerifying(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(910)
            _ = try await self.seed(store, phone)
            // The number also pressed 9 in an alert call.
            try await store.execute("INSERT INTO voice_suppression (phone, source, created_at) VALUES ('\(phone.e164)', 'voice', 0)")
            #expect(!(try await self.occurrences(of: phone.e164, in: store)).isEmpty)
            let outcome = try await store.erase(phone, actor: "ana", reason: "GDPR Art. 17 request by email", now: self.noon)
            #expect(outcome.redacted["voice_suppression"] == 1)
            #expect(outcome.redacted["consent_event"] == 2)
            #expect(outcome.redacted["subscriber"] == 1 && outcome.redacted["review_item"] == 1)
            #expect(outcome.redacted["inbound_message"] == 2)
            #expect(outcome.phoneKey.count == 64)
            for text in [phone.e164, "Ana", "203.0.113.9", "Mozilla/5.0", "example.org/p", "STOP police violence"] {
                let left = try await self.occurrences(of: text, in: store)
                #expect(left.isEmpty, "\(text) is still in \(left)")
            }
            #expect(try await store.store.isSuppressed(phone))
            #expect(try await store.store.hasPendingReview(phone) == false)
            let result = try await store.verifyLedger()
            #expect(result.isIntact, "\(String(describing: result.problem))")
            let proof = try await store.consentProof(phone)
            #expect(proof.phoneKey == outcome.phoneKey && proof.suppressed)
            #expect(proof.events.map(\.action) == ["opt_in_requested", "opt_in", "erasure"])
            #expect(proof.events.last?.consentEventID == outcome.consentEventID && proof.events.last?.staff == "ana")
            #expect(proof.events.allSatisfy { $0.ip == nil && $0.rawText == nil && $0.erased == ($0.action != "erasure") })
            #expect(proof.events.first?.disclosure == "Yes, text me.")
            #expect(
                try await store.count(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'compliance.erasure' AND actor = 'ana' AND subject = 'consent_event:\(outcome.consentEventID)'"
                ) == 1
            )
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anErasedNumberThatComesBackIsTreatedAsSuppressed(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(911)
            let rights = try await self.seed(store, phone)
            _ = try await store.erase(phone, actor: "ana", reason: "request", now: self.noon)
            let web = try await store.store.requestWebOptIn(
                WebOptInRequest(
                    phone: phone, campaignSlug: "rights", disclosure: "Yes", sourceURL: "https://example.org/p", ip: nil, userAgent: nil,
                    language: "en", firstName: nil, actor: "petition"
                ),
                renderer: KindRenderer(), sender: Scenario.sender, now: self.noon
            )
            #expect(web.status == .suppressed)
            let again = try await store.recordOptOut(
                OptOutRequest(phone: phone, channel: "web", reason: nil, staff: nil, source: .webLink), now: self.noon
            )
            #expect(again.alreadySuppressed)
            // The inbound path reads the hashed suppression too: a STOP finds the number already opted out.
            let stop = try await Scenario.inbound(store, phone, "stop-again", .optOut, at: self.noon.addingTimeInterval(30))
            #expect(stop.disposition == .alreadyOptedOut)
            // A keyword join is new express consent, exactly as for any suppressed number: it lifts the hashed row.
            let joined = try await Scenario.inbound(store, phone, "again", .join, join: rights.id, at: self.noon.addingTimeInterval(60))
            #expect(joined.disposition == .joined)
            // Since the erasure, under the number in clear: the refused web opt-in, the link opt-out, and the join's
            // lifting of the suppression and activation (the STOP changed nothing).
            let actions = try await store.consentActions(phone.e164)
            #expect(actions == ["opt_in_refused_suppressed", "opt_out", "opt_in", "opt_in"])
            #expect(try await store.count("SELECT COUNT(*) FROM suppression WHERE phone LIKE 'hmac:%'") == 0)
            #expect(try await store.store.isSuppressed(phone) == false)
            #expect(try await store.verifyLedger().isIntact)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anErasureCancelsUnsentTextsToTheNumber(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 2)
            let phones = try await store.strings("SELECT phone FROM subscriber ORDER BY id")
            let phone = try #require(PhoneNumber(e164: phones[0]))
            let outcome = try await store.erase(phone, actor: "ana", reason: nil, now: self.noon)
            #expect(outcome.redacted["outbound_message"] == 1)
            let rows = try await store.bulkRows()
            #expect(rows.map(\.status) == ["cancelled", "queued"])
            #expect(rows[0].reason == "erased" && rows[0].phone.hasPrefix("hmac:") && rows[0].body == nil)
            #expect(rows[1].phone == phones[1])
            #expect(try await store.subscriberPhone(id: 1) == nil)
            #expect(try await store.subscriberPhone(id: 2) == PhoneNumber(e164: phones[1]))
            #expect(try await store.verifyLedger().isIntact)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aStaffOptOutSuppressesThroughTheStopPath(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let phone = Fixtures.phone(913)
            try await Scenario.inbound(store, phone, "j", .join, join: rights.id)
            let recorded = try await store.recordOptOut(
                OptOutRequest(phone: phone, channel: "email", reason: "asked by email", staff: "ana", source: .staff), now: self.noon
            )
            #expect(recorded.alreadySuppressed == false)
            #expect(try await store.store.isSuppressed(phone))
            #expect(try await Scenario.subscription(store, phone, campaign: rights.id) == "opted_out")
            let log = try await store.optOutLog(from: self.noon.addingTimeInterval(-1), to: self.noon.addingTimeInterval(1))
            #expect(log.map(\.consentEventID) == [recorded.consentEventID])
            #expect(log.first?.source == "staff" && log.first?.channel == "email")
            #expect(log.first?.staff == "ana" && log.first?.reviewer == nil && log.first?.rawText == "asked by email")
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'optout.staff' AND actor = 'ana'") == 1)
            #expect(try await store.verifyLedger().isIntact)
            let again = try await store.recordOptOut(
                OptOutRequest(phone: phone, channel: "web", reason: nil, staff: nil, source: .webLink), now: self.noon
            )
            #expect(again.alreadySuppressed)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'optout.web_link' AND actor = 'supporter'") == 1)
        }
    }
}
