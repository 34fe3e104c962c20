import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres
@testable import TocsinStore

/// `importSubscribers` (the CLI's CSV import), written once and run on both engines.
struct SubscriberImportConformanceTests {
    let noon = Scenario.noon

    func row(_ line: Int, _ phone: String, name: String? = nil) -> SubscriberImportRow {
        SubscriberImportRow(
            line: line, phone: PhoneNumber(e164: phone)!, firstName: name, language: "en",
            consentedAt: Date(timeIntervalSince1970: 1_767_225_600), source: "paper form", disclosure: "Texts about urgent actions"
        )
    }

    @Test(arguments: StoreEngine.allCases)
    func importsOnceRefusesSuppressedAndOptedOutAndAuditsTheBatch(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let importer: any SubscriberImportStore = store.sqlite ?? store.postgres!
            let campaign = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            try await store.execute("INSERT INTO suppression (phone, source, created_at) VALUES ('+12125550903', 'keyword', 0)")
            let rows = [self.row(2, "+12125550901", name: "Ana"), self.row(3, "+12125550902"), self.row(4, "+12125550903")]
            let first = try await importer.importSubscribers(rows, campaignID: campaign.id, actor: "ops", label: "list.csv lines 2-4", now: self.noon)
            #expect(first == [.imported, .imported, .rejected("suppressed")])
            let again = try await importer.importSubscribers(rows, campaignID: campaign.id, actor: "ops", label: "again", now: self.noon)
            #expect(again == [.alreadySubscribed, .alreadySubscribed, .rejected("suppressed")])
            #expect(try await store.count("SELECT COUNT(*) FROM subscription WHERE status = 'active'") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE action = 'opt_in' AND source = 'import'") == 2)
            // One audit row for the batch that changed something, none for the one that did not.
            #expect(try await store.strings("SELECT detail FROM audit_event WHERE action = 'subscribers.import'") == [
                "list.csv lines 2-4: imported 2, skipped 0, rejected 1",
            ])
            #expect(try await store.strings("SELECT first_name FROM subscriber WHERE phone = '+12125550901'") == ["Ana"])
            // A number that opted out of the campaign is never subscribed again by an import.
            try await store.execute("UPDATE subscription SET status = 'opted_out' WHERE subscriber_id = (SELECT id FROM subscriber WHERE phone = '+12125550902')")
            let optedOut = try await importer.importSubscribers([self.row(5, "+12125550902")], campaignID: campaign.id, actor: "ops", label: "x", now: self.noon)
            #expect(optedOut == [.rejected("opted out of this campaign earlier; an import cannot subscribe it again")])
            let verified = try await store.verifyLedger()
            #expect(verified.problem == nil)
            await #expect(throws: StoreError.self) {
                _ = try await importer.importSubscribers(rows, campaignID: 999, actor: "ops", label: "x", now: self.noon)
            }
        }
    }
}
