import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: CampaignStore {
    public func upsertCampaign(_ campaign: Campaign, actor: String, now: Date) async throws -> Campaign {
        let nowMS = now.millisecondsSince1970
        let keywords = campaign.keywords.map { $0.uppercased() }
        return try await self.transaction { session in
            guard
                let id = try await session.value(
                    """
                    INSERT INTO campaign (slug, program_name, description, category, purpose, frequency, languages,
                        jurisdiction, action_link, keywords, status, created_at, updated_at, call_target_name, call_target_number)
                    VALUES (\(campaign.slug), \(campaign.programName), \(campaign.description), \(campaign.category),
                        \(campaign.purpose.rawValue), \(campaign.frequency), \(campaign.languages.joined(separator: ",")),
                        \(campaign.jurisdiction), \(campaign.actionLink), \(keywords.joined(separator: ",")),
                        \(campaign.status.rawValue), \(nowMS), \(nowMS), \(campaign.callTargetName), \(campaign.callTargetNumber))
                    ON CONFLICT (slug) DO UPDATE SET program_name = excluded.program_name,
                        description = excluded.description, category = excluded.category, purpose = excluded.purpose,
                        frequency = excluded.frequency, languages = excluded.languages,
                        jurisdiction = excluded.jurisdiction, action_link = excluded.action_link,
                        keywords = excluded.keywords, status = excluded.status, updated_at = excluded.updated_at,
                        call_target_name = excluded.call_target_name, call_target_number = excluded.call_target_number
                    RETURNING id
                    """,
                    as: Int64.self
                )
            else { throw StoreError(.invalid, "campaign \(campaign.slug) was not saved") }
            try await session.execute("DELETE FROM campaign_keyword WHERE campaign_id = \(id)")
            if campaign.status == .active {
                for keyword in keywords {
                    if let owner = try await session.value(
                        "SELECT c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id WHERE k.keyword = \(keyword)",
                        as: String.self
                    ) {
                        throw StoreError(.conflict, "keyword \(keyword) is already used by active campaign \(owner)")
                    }
                    try await session.execute("INSERT INTO campaign_keyword (keyword, campaign_id) VALUES (\(keyword), \(id))")
                }
            }
            try await session.audit("campaign.upsert", actor: actor, subject: "campaign:\(campaign.slug)", detail: nil, at: nowMS)
            var saved = campaign
            saved.id = id
            saved.keywords = keywords
            return saved
        }
    }

    public func activeCampaigns() async throws -> [Campaign] {
        try await self.read { session in
            try await session.rows("SELECT * FROM campaign WHERE status = 'active' ORDER BY id").map(Campaign.init(row:))
        }
    }

    public func campaign(slug: String) async throws -> Campaign? {
        try await self.read { session in
            try await session.row("SELECT * FROM campaign WHERE slug = \(slug)").map(Campaign.init(row:))
        }
    }

    public func campaign(id: Int64) async throws -> Campaign? {
        try await self.read { session in
            try await session.row("SELECT * FROM campaign WHERE id = \(id)").map(Campaign.init(row:))
        }
    }

    public func supporterCount(campaignID: Int64) async throws -> Int {
        try await self.read { session in
            try await session.value(
                "SELECT COUNT(*) FROM subscription WHERE campaign_id = \(campaignID) AND consented = 1", as: Int.self
            ) ?? 0
        }
    }
}

extension Campaign {
    init(row: PostgresRandomAccessRow) throws {
        func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
        self.init(
            id: try row.get("id"),
            slug: try row.get("slug"),
            programName: try row.get("program_name"),
            description: try row.get("description"),
            category: try row.get("category"),
            purpose: CampaignPurpose(rawValue: try row.get("purpose")) ?? .advocacy,
            frequency: try row.get("frequency"),
            languages: list(try row.get("languages")),
            jurisdiction: try row.get("jurisdiction"),
            actionLink: try row.get("action_link", as: String?.self),
            keywords: list(try row.get("keywords")),
            status: CampaignStatus(rawValue: try row.get("status")) ?? .archived
        )
        self.callTargetName = try row.get("call_target_name", as: String?.self)
        self.callTargetNumber = try row.get("call_target_number", as: String?.self)
    }
}
