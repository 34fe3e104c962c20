import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// CampaignAdminStore's campaign writes on both engines (the SQLite store's behaviour is the reference).
struct CampaignAdminStoreConformanceTests {
    static let freeThem = Campaign(
        slug: "free-them", programName: "Free Them", frequency: "Up to 2 msgs/month", keywords: ["FREETHEM", "Liberez"]
    )
    let now = Scenario.noon

    /// A store holding the `rights` campaign (keyword RIGHTS).
    func with(_ engine: StoreEngine, _ body: (EngineStore, Campaign) async throws -> Void) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await store.store.upsertCampaign(Fixtures.rights, actor: "test", now: self.now)
            try await body(store, rights)
        }
    }

    func lastAudit(_ store: EngineStore) async throws -> String? {
        try await store.strings(
            "SELECT actor || '|' || action || '|' || subject || '|' || COALESCE(detail, 'nil') FROM audit_event ORDER BY id DESC LIMIT 1"
        ).first
    }

    func keywordOwners(_ store: EngineStore) async throws -> [String: String] {
        let pairs = try await store.strings(
            "SELECT k.keyword || '=' || c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id"
        )
        return Dictionary(uniqueKeysWithValues: pairs.map { pair in
            let parts = pair.split(separator: "=").map(String.init)
            return (parts[0], parts[1])
        })
    }

    @Test(arguments: StoreEngine.allCases)
    func createStoresAnActiveCampaignClaimsItsKeywordsAndAudits(engine: StoreEngine) async throws {
        try await self.with(engine) { store, rights in
            var campaign = Self.freeThem
            campaign.callTargetName = "the Minister"
            campaign.callTargetNumber = "+12025550143"
            let created = try await store.store.createCampaign(campaign, actor: "token-ana", now: self.now)
            #expect(created.id > rights.id)
            #expect(created.status == .active)
            #expect(created.keywords == ["FREETHEM", "LIBEREZ"])
            #expect(try await store.store.campaign(slug: "free-them") == created)
            #expect(try await store.store.campaign(slug: "free-them")?.callTargetNumber == "+12025550143")
            #expect(try await self.keywordOwners(store) == ["RIGHTS": "rights", "FREETHEM": "free-them", "LIBEREZ": "free-them"])
            #expect(try await self.lastAudit(store) == "token-ana|campaign.create|campaign:free-them|FREETHEM,LIBEREZ")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aDuplicateSlugConflictsEvenWhenArchived(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            _ = try await store.store.archiveCampaign(slug: "rights", actor: "t", now: self.now)
            var copy = Self.freeThem
            copy.slug = "rights"
            await #expect(
                throws: StoreError(.conflict, "a campaign with slug 'rights' already exists (archived campaigns keep their slug); choose another slug")
            ) {
                _ = try await store.store.createCampaign(copy, actor: "t", now: self.now)
            }
            #expect(try await store.count("SELECT COUNT(*) FROM campaign") == 1)
            #expect(try await self.keywordOwners(store).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aKeywordClashConflictsAndWritesNothing(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            var clash = Self.freeThem
            clash.keywords = ["FREETHEM", "rights"]
            let audits = try await store.count("SELECT COUNT(*) FROM audit_event")
            await #expect(
                throws: StoreError(.conflict, "keyword RIGHTS is already used by active campaign rights; choose another or archive rights")
            ) {
                _ = try await store.store.createCampaign(clash, actor: "t", now: self.now)
            }
            #expect(try await store.count("SELECT COUNT(*) FROM campaign") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event") == audits)
            #expect(try await self.keywordOwners(store) == ["RIGHTS": "rights"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func archivingFreesTheKeywordsAndHidesTheCampaignFromTheActiveList(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            let archived = try await store.store.archiveCampaign(slug: "rights", actor: "t", now: self.now)
            #expect(archived.status == .archived)
            #expect(try await self.lastAudit(store) == "t|campaign.archive|campaign:rights|nil")
            #expect(try await store.store.activeCampaigns().isEmpty)
            #expect(try await store.store.campaigns(status: .archived).map(\.slug) == ["rights"])
            var reuse = Self.freeThem
            reuse.keywords = ["RIGHTS"]
            _ = try await store.store.createCampaign(reuse, actor: "t", now: self.now)
            #expect(try await self.keywordOwners(store) == ["RIGHTS": "free-them"])
            #expect(try await store.store.campaigns(status: nil).map(\.slug) == ["rights", "free-them"])
            #expect(try await store.store.campaigns(status: .active).map(\.slug) == ["free-them"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func archivingTwiceChangesNothingAndUnknownSlugsAreNotFound(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            _ = try await store.store.archiveCampaign(slug: "rights", actor: "t", now: self.now)
            let audits = try await store.count("SELECT COUNT(*) FROM audit_event")
            #expect(try await store.store.archiveCampaign(slug: "rights", actor: "t", now: self.now).status == .archived)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event") == audits)
            await #expect(throws: StoreError(.notFound, "no campaign with slug 'nope'")) {
                _ = try await store.store.archiveCampaign(slug: "nope", actor: "t", now: self.now)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anUpdateChangesFieldsAndMovesKeywordsInOneTransaction(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            _ = try await store.store.createCampaign(Self.freeThem, actor: "t", now: self.now)
            let updated = try await store.store.updateCampaign(
                slug: "free-them", actor: "token-bo", detail: "fields: keywords,frequency", now: self.now
            ) { stored in
                var changed = stored
                changed.keywords = ["freedom"]
                changed.frequency = "Weekly"
                changed.slug = "ignored"
                changed.status = .archived
                changed.callTargetName = "the Governor"
                return changed
            }
            #expect(updated.slug == "free-them")
            #expect(updated.status == .active)
            #expect(updated.keywords == ["FREEDOM"])
            #expect(try await store.store.campaign(slug: "free-them") == updated)
            #expect(try await store.store.campaign(slug: "free-them")?.frequency == "Weekly")
            #expect(try await store.store.campaign(slug: "free-them")?.callTargetName == "the Governor")
            #expect(try await self.keywordOwners(store) == ["RIGHTS": "rights", "FREEDOM": "free-them"])
            #expect(try await self.lastAudit(store) == "token-bo|campaign.update|campaign:free-them|fields: keywords,frequency")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFailedUpdateLeavesEverythingAsItWas(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            let created = try await store.store.createCampaign(Self.freeThem, actor: "t", now: self.now)
            let audits = try await store.count("SELECT COUNT(*) FROM audit_event")
            await #expect(throws: StoreError.self) {
                _ = try await store.store.updateCampaign(slug: "free-them", actor: "t", detail: nil, now: self.now) { stored in
                    var changed = stored
                    changed.keywords = ["FREEDOM", "RIGHTS"]
                    changed.programName = "Renamed"
                    return changed
                }
            }
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                _ = try await store.store.updateCampaign(slug: "free-them", actor: "t", detail: nil, now: self.now) { _ in throw Refused() }
            }
            #expect(try await store.store.campaign(slug: "free-them") == created)
            #expect(try await self.keywordOwners(store) == ["RIGHTS": "rights", "FREETHEM": "free-them", "LIBEREZ": "free-them"])
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event") == audits)
            await #expect(throws: StoreError(.notFound, "no campaign with slug 'nope'")) {
                _ = try await store.store.updateCampaign(slug: "nope", actor: "t", detail: nil, now: self.now) { $0 }
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anArchivedCampaignCanBeEditedWithoutClaimingKeywords(engine: StoreEngine) async throws {
        try await self.with(engine) { store, _ in
            _ = try await store.store.archiveCampaign(slug: "rights", actor: "t", now: self.now)
            _ = try await store.store.createCampaign(Self.freeThem, actor: "t", now: self.now)
            let edited = try await store.store.updateCampaign(slug: "rights", actor: "t", detail: nil, now: self.now) { stored in
                var changed = stored
                changed.keywords = ["FREETHEM"]
                return changed
            }
            #expect(edited.status == .archived)
            #expect(try await self.keywordOwners(store) == ["FREETHEM": "free-them", "LIBEREZ": "free-them"])
        }
    }
}
