import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreCampaignAdminTests {
    static let freeThem = Campaign(slug: "free-them", programName: "Free Them", frequency: "Up to 2 msgs/month", keywords: ["FREETHEM", "Liberez"])

    func lastAudit(_ store: SQLiteStore) async throws -> [String: String] {
        try await store.writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT actor, action, subject, detail FROM audit_event ORDER BY id DESC LIMIT 1")
            var values: [String: String] = [:]
            for column in ["actor", "action", "subject", "detail"] { values[column] = row?[column] }
            return values
        }
    }

    func keywordOwners(_ store: SQLiteStore) async throws -> [String: String] {
        try await store.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT k.keyword, c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
        }
    }

    @Test func createStoresAnActiveCampaignClaimsItsKeywordsAndAudits() async throws {
        let harness = try await StoreHarness()
        let created = try await harness.store.createCampaign(Self.freeThem, actor: "token-ana", now: harness.now)
        #expect(created.id > harness.rights.id)
        #expect(created.keywords == ["FREETHEM", "LIBEREZ"])
        #expect(try await harness.store.campaign(slug: "free-them") == created)
        #expect(try await self.keywordOwners(harness.store) == ["RIGHTS": "rights", "FREETHEM": "free-them", "LIBEREZ": "free-them"])
        let audit = try await self.lastAudit(harness.store)
        #expect(audit["actor"] == "token-ana")
        #expect(audit["action"] == "campaign.create")
        #expect(audit["subject"] == "campaign:free-them")
    }

    @Test func aDuplicateSlugConflictsEvenWhenArchived() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.store.archiveCampaign(slug: "rights", actor: "t", now: harness.now)
        var copy = Self.freeThem
        copy.slug = "rights"
        await #expect(throws: StoreError(.conflict, "a campaign with slug 'rights' already exists (archived campaigns keep their slug); choose another slug")) {
            _ = try await harness.store.createCampaign(copy, actor: "t", now: harness.now)
        }
    }

    @Test func aKeywordClashConflictsAndWritesNothing() async throws {
        let harness = try await StoreHarness()
        var clash = Self.freeThem
        clash.keywords = ["FREETHEM", "RIGHTS"]
        let before = (try await harness.store.rowCount("campaign"), try await harness.store.rowCount("audit_event"))
        await #expect {
            _ = try await harness.store.createCampaign(clash, actor: "t", now: harness.now)
        } throws: { error in
            let error = error as? StoreError
            return error?.kind == .conflict && error?.message.contains("keyword RIGHTS is already used by active campaign rights") == true
        }
        #expect(try await harness.store.rowCount("campaign") == before.0)
        #expect(try await harness.store.rowCount("audit_event") == before.1)
        #expect(try await self.keywordOwners(harness.store) == ["RIGHTS": "rights"])
    }

    @Test func archivingFreesTheKeywordsAndHidesTheCampaignFromTheActiveList() async throws {
        let harness = try await StoreHarness()
        let archived = try await harness.store.archiveCampaign(slug: "rights", actor: "t", now: harness.now)
        #expect(archived.status == .archived)
        #expect(try await harness.store.activeCampaigns().isEmpty)
        #expect(try await harness.store.campaigns(status: .archived).map(\.slug) == ["rights"])
        var reuse = Self.freeThem
        reuse.keywords = ["RIGHTS"]
        _ = try await harness.store.createCampaign(reuse, actor: "t", now: harness.now)
        #expect(try await self.keywordOwners(harness.store) == ["RIGHTS": "free-them"])
        #expect(try await harness.store.campaigns(status: nil).map(\.slug) == ["rights", "free-them"])
        #expect(try await harness.store.campaigns(status: .active).map(\.slug) == ["free-them"])
    }

    @Test func archivingTwiceChangesNothingAndUnknownSlugsAreNotFound() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.store.archiveCampaign(slug: "rights", actor: "t", now: harness.now)
        let audits = try await harness.store.rowCount("audit_event")
        #expect(try await harness.store.archiveCampaign(slug: "rights", actor: "t", now: harness.now).status == .archived)
        #expect(try await harness.store.rowCount("audit_event") == audits)
        await #expect(throws: StoreError(.notFound, "no campaign with slug 'nope'")) {
            _ = try await harness.store.archiveCampaign(slug: "nope", actor: "t", now: harness.now)
        }
    }

    @Test func anUpdateChangesFieldsAndMovesKeywordsInOneTransaction() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.store.createCampaign(Self.freeThem, actor: "t", now: harness.now)
        let updated = try await harness.store.updateCampaign(slug: "free-them", actor: "token-bo", detail: "fields: keywords,frequency", now: harness.now) { stored in
            var changed = stored
            changed.keywords = ["freedom"]
            changed.frequency = "Weekly"
            changed.slug = "ignored"
            return changed
        }
        #expect(updated.slug == "free-them")
        #expect(updated.keywords == ["FREEDOM"])
        #expect(try await harness.store.campaign(slug: "free-them")?.frequency == "Weekly")
        #expect(try await self.keywordOwners(harness.store) == ["RIGHTS": "rights", "FREEDOM": "free-them"])
        let audit = try await self.lastAudit(harness.store)
        #expect(audit["action"] == "campaign.update")
        #expect(audit["actor"] == "token-bo")
        #expect(audit["detail"] == "fields: keywords,frequency")
    }

    @Test func aFailedUpdateLeavesEverythingAsItWas() async throws {
        let harness = try await StoreHarness()
        let created = try await harness.store.createCampaign(Self.freeThem, actor: "t", now: harness.now)
        await #expect(throws: StoreError.self) {
            _ = try await harness.store.updateCampaign(slug: "free-them", actor: "t", detail: nil, now: harness.now) { stored in
                var changed = stored
                changed.keywords = ["FREEDOM", "RIGHTS"]
                changed.programName = "Renamed"
                return changed
            }
        }
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await harness.store.updateCampaign(slug: "free-them", actor: "t", detail: nil, now: harness.now) { _ in throw Refused() }
        }
        #expect(try await harness.store.campaign(slug: "free-them") == created)
        #expect(try await self.keywordOwners(harness.store)["FREETHEM"] == "free-them")
        await #expect(throws: StoreError(.notFound, "no campaign with slug 'nope'")) {
            _ = try await harness.store.updateCampaign(slug: "nope", actor: "t", detail: nil, now: harness.now) { $0 }
        }
    }

    @Test func anArchivedCampaignCanBeEditedWithoutClaimingKeywords() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.store.archiveCampaign(slug: "rights", actor: "t", now: harness.now)
        _ = try await harness.store.createCampaign(Self.freeThem, actor: "t", now: harness.now)
        let edited = try await harness.store.updateCampaign(slug: "rights", actor: "t", detail: nil, now: harness.now) { stored in
            var changed = stored
            changed.keywords = ["FREETHEM"]
            return changed
        }
        #expect(edited.status == .archived)
        #expect(try await self.keywordOwners(harness.store)["FREETHEM"] == "free-them")
    }
}
