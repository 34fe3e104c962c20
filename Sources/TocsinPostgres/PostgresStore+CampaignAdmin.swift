import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: CampaignAdminStore {
    /// Creates an active campaign. Two instances creating the same slug or keyword at once: the second's insert
    /// waits for the first to commit, then finds the row and throws `conflict` (nothing of it is written).
    public func createCampaign(_ campaign: Campaign, actor: String, now: Date) async throws -> Campaign {
        let nowMS = now.millisecondsSince1970
        var saved = campaign
        saved.status = .active
        saved.keywords = campaign.keywords.map { $0.uppercased() }
        let fields = saved
        return try await self.transaction { session in
            guard
                let id = try await session.value(
                    """
                    INSERT INTO campaign (slug, program_name, description, category, purpose, frequency, languages,
                        jurisdiction, action_link, keywords, status, created_at, updated_at, call_target_name, call_target_number)
                    VALUES (\(fields.slug), \(fields.programName), \(fields.description), \(fields.category),
                        \(fields.purpose.rawValue), \(fields.frequency), \(fields.languages.joined(separator: ",")),
                        \(fields.jurisdiction), \(fields.actionLink), \(fields.keywords.joined(separator: ",")),
                        'active', \(nowMS), \(nowMS), \(fields.callTargetName), \(fields.callTargetNumber))
                    ON CONFLICT (slug) DO NOTHING RETURNING id
                    """,
                    as: Int64.self
                )
            else {
                throw StoreError(
                    .conflict,
                    "a campaign with slug '\(fields.slug)' already exists (archived campaigns keep their slug); choose another slug"
                )
            }
            try await session.claimKeywords(fields.keywords, campaignID: id)
            try await session.audit(
                "campaign.create", actor: actor, subject: "campaign:\(fields.slug)", detail: fields.keywords.joined(separator: ","),
                at: nowMS
            )
            var result = fields
            result.id = id
            return result
        }
    }

    public func updateCampaign(
        slug: String, actor: String, detail: String?, now: Date,
        change: @escaping @Sendable (Campaign) throws -> Campaign
    ) async throws -> Campaign {
        let nowMS = now.millisecondsSince1970
        // `change`'s own error comes back as a value: the transaction wrapper reports only store errors.
        let outcome: Result<Campaign, any Error> = try await self.transaction { session in
            guard let stored = try await session.row("SELECT * FROM campaign WHERE slug = \(slug) FOR UPDATE").map(Campaign.init(row:))
            else { throw StoreError(.notFound, "no campaign with slug '\(slug)'") }
            var updated: Campaign
            do {
                updated = try change(stored)
            } catch {
                return .failure(error)
            }
            updated.id = stored.id
            updated.slug = stored.slug
            updated.status = stored.status
            updated.keywords = updated.keywords.map { $0.uppercased() }
            try await session.execute(
                """
                UPDATE campaign SET program_name = \(updated.programName), description = \(updated.description),
                    category = \(updated.category), purpose = \(updated.purpose.rawValue), frequency = \(updated.frequency),
                    languages = \(updated.languages.joined(separator: ",")), jurisdiction = \(updated.jurisdiction),
                    action_link = \(updated.actionLink), keywords = \(updated.keywords.joined(separator: ",")),
                    call_target_name = \(updated.callTargetName), call_target_number = \(updated.callTargetNumber),
                    updated_at = \(nowMS)
                WHERE id = \(stored.id)
                """
            )
            if updated.status == .active, updated.keywords != stored.keywords {
                try await session.execute("DELETE FROM campaign_keyword WHERE campaign_id = \(stored.id)")
                try await session.claimKeywords(updated.keywords, campaignID: stored.id)
            }
            try await session.audit("campaign.update", actor: actor, subject: "campaign:\(slug)", detail: detail, at: nowMS)
            return .success(updated)
        }
        return try outcome.get()
    }

    public func archiveCampaign(slug: String, actor: String, now: Date) async throws -> Campaign {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard var campaign = try await session.row("SELECT * FROM campaign WHERE slug = \(slug) FOR UPDATE").map(Campaign.init(row:))
            else { throw StoreError(.notFound, "no campaign with slug '\(slug)'") }
            guard campaign.status == .active else { return campaign }
            try await session.execute("UPDATE campaign SET status = 'archived', updated_at = \(nowMS) WHERE id = \(campaign.id)")
            try await session.execute("DELETE FROM campaign_keyword WHERE campaign_id = \(campaign.id)")
            try await session.audit("campaign.archive", actor: actor, subject: "campaign:\(slug)", detail: nil, at: nowMS)
            campaign.status = .archived
            return campaign
        }
    }

    public func campaigns(status: CampaignStatus?) async throws -> [Campaign] {
        try await self.read { session in
            try await session.rows(
                "SELECT * FROM campaign WHERE \(status?.rawValue)::text IS NULL OR status = \(status?.rawValue) ORDER BY id"
            ).map(Campaign.init(row:))
        }
    }
}

extension PostgresSession {
    /// Registers `keywords` as the join keywords of an active campaign. The keyword is the table's key: an
    /// instance claiming one another instance is claiming waits for it, then finds it taken.
    ///
    /// - Throws: ``StoreError`` `conflict` naming the active campaign that already uses one of them.
    func claimKeywords(_ keywords: [String], campaignID: Int64) async throws {
        for keyword in keywords {
            let inserted = try await self.execute(
                """
                INSERT INTO campaign_keyword (keyword, campaign_id) VALUES (\(keyword), \(campaignID))
                ON CONFLICT (keyword) DO NOTHING RETURNING keyword
                """
            )
            guard inserted == 0 else { continue }
            let owner = try await self.value(
                "SELECT c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id WHERE k.keyword = \(keyword)",
                as: String.self
            )
            throw StoreError(
                .conflict,
                "keyword \(keyword) is already used by active campaign \(owner ?? "?"); choose another or archive \(owner ?? "it")"
            )
        }
    }
}
