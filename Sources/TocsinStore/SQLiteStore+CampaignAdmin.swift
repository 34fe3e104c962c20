import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: CampaignAdminStore {
    public func createCampaign(_ campaign: Campaign, actor: String, now: Date) async throws -> Campaign {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM campaign WHERE slug = ?", arguments: [campaign.slug]) ?? false {
                throw StoreError(.conflict, "a campaign with slug '\(campaign.slug)' already exists (archived campaigns keep their slug); choose another slug")
            }
            var saved = campaign
            saved.status = .active
            saved.keywords = campaign.keywords.map { $0.uppercased() }
            try db.execute(
                sql: """
                    INSERT INTO campaign (slug, program_name, description, category, purpose, frequency, languages,
                        jurisdiction, action_link, keywords, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)
                    """,
                arguments: Self.fieldArguments(saved) + [nowMS, nowMS]
            )
            saved.id = db.lastInsertedRowID
            try db.claimKeywords(saved.keywords, campaignID: saved.id)
            try db.saveCallTarget(saved, id: saved.id)
            try db.audit("campaign.create", actor: actor, subject: "campaign:\(saved.slug)", detail: saved.keywords.joined(separator: ","), at: nowMS)
            return saved
        }
    }

    public func updateCampaign(
        slug: String, actor: String, detail: String?, now: Date,
        change: @escaping @Sendable (Campaign) throws -> Campaign
    ) async throws -> Campaign {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            guard let stored = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE slug = ?", arguments: [slug]).map(Campaign.init(row:))
            else { throw StoreError(.notFound, "no campaign with slug '\(slug)'") }
            var updated = try change(stored)
            updated.id = stored.id
            updated.slug = stored.slug
            updated.status = stored.status
            updated.keywords = updated.keywords.map { $0.uppercased() }
            try db.execute(
                sql: """
                    UPDATE campaign SET slug = ?, program_name = ?, description = ?, category = ?, purpose = ?,
                        frequency = ?, languages = ?, jurisdiction = ?, action_link = ?, keywords = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: Self.fieldArguments(updated) + [nowMS, stored.id]
            )
            if updated.status == .active, updated.keywords != stored.keywords {
                try db.execute(sql: "DELETE FROM campaign_keyword WHERE campaign_id = ?", arguments: [stored.id])
                try db.claimKeywords(updated.keywords, campaignID: stored.id)
            }
            try db.saveCallTarget(updated, id: stored.id)
            try db.audit("campaign.update", actor: actor, subject: "campaign:\(slug)", detail: detail, at: nowMS)
            return updated
        }
    }

    public func archiveCampaign(slug: String, actor: String, now: Date) async throws -> Campaign {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            guard var campaign = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE slug = ?", arguments: [slug]).map(Campaign.init(row:))
            else { throw StoreError(.notFound, "no campaign with slug '\(slug)'") }
            guard campaign.status == .active else { return campaign }
            try db.execute(
                sql: "UPDATE campaign SET status = 'archived', updated_at = ? WHERE id = ?", arguments: [nowMS, campaign.id]
            )
            try db.execute(sql: "DELETE FROM campaign_keyword WHERE campaign_id = ?", arguments: [campaign.id])
            try db.audit("campaign.archive", actor: actor, subject: "campaign:\(slug)", detail: nil, at: nowMS)
            campaign.status = .archived
            return campaign
        }
    }

    public func campaigns(status: CampaignStatus?) async throws -> [Campaign] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM campaign WHERE ?1 IS NULL OR status = ?1 ORDER BY id", arguments: [status?.rawValue]
            ).map(Campaign.init(row:))
        }
    }

    /// The stored columns of a campaign, in the order of the INSERT and UPDATE statements above.
    static func fieldArguments(_ campaign: Campaign) -> StatementArguments {
        [
            campaign.slug, campaign.programName, campaign.description, campaign.category, campaign.purpose.rawValue,
            campaign.frequency, campaign.languages.joined(separator: ","), campaign.jurisdiction, campaign.actionLink,
            campaign.keywords.joined(separator: ","),
        ]
    }
}

extension Database {
    /// Registers `keywords` as the join keywords of an active campaign.
    ///
    /// - Throws: ``StoreError`` `conflict` naming the active campaign that already uses one of them.
    func claimKeywords(_ keywords: [String], campaignID: Int64) throws {
        for keyword in keywords {
            if let owner = try String.fetchOne(
                self,
                sql: "SELECT c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id WHERE k.keyword = ?",
                arguments: [keyword]
            ) {
                throw StoreError(.conflict, "keyword \(keyword) is already used by active campaign \(owner); choose another or archive \(owner)")
            }
            try self.execute(sql: "INSERT INTO campaign_keyword (keyword, campaign_id) VALUES (?, ?)", arguments: [keyword, campaignID])
        }
    }
}
