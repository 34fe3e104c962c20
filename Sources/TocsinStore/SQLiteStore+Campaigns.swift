import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: CampaignStore {
    public func upsertCampaign(_ campaign: Campaign, actor: String, now: Date) async throws -> Campaign {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let keywords = campaign.keywords.map { $0.uppercased() }
            try db.execute(
                sql: """
                    INSERT INTO campaign (slug, program_name, description, category, purpose, frequency, languages,
                        jurisdiction, action_link, keywords, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (slug) DO UPDATE SET program_name = excluded.program_name,
                        description = excluded.description, category = excluded.category, purpose = excluded.purpose,
                        frequency = excluded.frequency, languages = excluded.languages,
                        jurisdiction = excluded.jurisdiction, action_link = excluded.action_link,
                        keywords = excluded.keywords, status = excluded.status, updated_at = excluded.updated_at
                    """,
                arguments: [
                    campaign.slug, campaign.programName, campaign.description, campaign.category,
                    campaign.purpose.rawValue, campaign.frequency, campaign.languages.joined(separator: ","),
                    campaign.jurisdiction, campaign.actionLink, keywords.joined(separator: ","),
                    campaign.status.rawValue, nowMS, nowMS,
                ]
            )
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM campaign WHERE slug = ?", arguments: [campaign.slug])
            else { throw StoreError(.invalid, "campaign \(campaign.slug) was not saved") }
            try db.execute(sql: "DELETE FROM campaign_keyword WHERE campaign_id = ?", arguments: [id])
            if campaign.status == .active {
                for keyword in keywords {
                    if let owner = try String.fetchOne(
                        db,
                        sql: "SELECT c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id WHERE k.keyword = ?",
                        arguments: [keyword]
                    ) {
                        throw StoreError(.conflict, "keyword \(keyword) is already used by active campaign \(owner)")
                    }
                    try db.execute(
                        sql: "INSERT INTO campaign_keyword (keyword, campaign_id) VALUES (?, ?)", arguments: [keyword, id]
                    )
                }
            }
            try db.saveCallTarget(campaign, id: id)
            try db.audit("campaign.upsert", actor: actor, subject: "campaign:\(campaign.slug)", detail: nil, at: nowMS)
            var saved = campaign
            saved.id = id
            saved.keywords = keywords
            return saved
        }
    }

    public func activeCampaigns() async throws -> [Campaign] {
        try await self.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaign WHERE status = 'active' ORDER BY id").map(Campaign.init(row:))
        }
    }

    public func campaign(slug: String) async throws -> Campaign? {
        try await self.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE slug = ?", arguments: [slug]).map(Campaign.init(row:))
        }
    }

    public func campaign(id: Int64) async throws -> Campaign? {
        try await self.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [id]).map(Campaign.init(row:))
        }
    }

    public func supporterCount(campaignID: Int64) async throws -> Int {
        try await self.writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM subscription WHERE campaign_id = ? AND consented = 1", arguments: [campaignID]
            ) ?? 0
        }
    }
}

extension Campaign {
    init(row: Row) {
        func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
        self.init(
            id: row["id"],
            slug: row["slug"],
            programName: row["program_name"],
            description: row["description"],
            category: row["category"],
            purpose: CampaignPurpose(rawValue: row["purpose"]) ?? .advocacy,
            frequency: row["frequency"],
            languages: list(row["languages"]),
            jurisdiction: row["jurisdiction"],
            actionLink: row["action_link"],
            keywords: list(row["keywords"]),
            status: CampaignStatus(rawValue: row["status"]) ?? .archived
        )
        self.callTargetName = row["call_target_name"]
        self.callTargetNumber = row["call_target_number"]
    }
}
