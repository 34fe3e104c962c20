import Synchronization
import TocsinCore
import TocsinRules

/// The active campaigns, held in memory for the hot inbound path and reloaded when campaigns change.
public final class CampaignDirectory: Sendable {
    /// An immutable view of the active campaigns.
    public struct Snapshot: Sendable {
        public let campaigns: [Int64: Campaign]
        public let keywordIndex: CampaignKeywordIndex
        let idBySlug: [String: Int64]
        let idByKeyword: [String: Int64]

        init(_ campaigns: [Campaign]) {
            self.campaigns = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, $0) })
            self.idBySlug = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.slug, $0.id) })
            var keywords: [String: String] = [:]
            var ids: [String: Int64] = [:]
            for campaign in campaigns {
                for keyword in campaign.keywords {
                    keywords[keyword] = campaign.slug
                    ids[keyword.uppercased()] = campaign.id
                }
            }
            self.keywordIndex = CampaignKeywordIndex(keywords)
            self.idByKeyword = ids
        }

        /// The id of the active campaign whose slug is `slug`.
        public func campaignID(slug: String) -> Int64? {
            self.idBySlug[slug]
        }

        /// The id of the active campaign with join keyword `keyword` (any case).
        public func campaignID(keyword: String) -> Int64? {
            self.idByKeyword[keyword.uppercased()]
        }
    }

    private let state: Mutex<Snapshot>

    public init(_ campaigns: [Campaign] = []) {
        self.state = Mutex(Snapshot(campaigns))
    }

    public var snapshot: Snapshot { self.state.withLock { $0 } }

    /// Replaces the snapshot with the store's active campaigns.
    public func reload(from store: any CampaignStore) async throws {
        let campaigns = try await store.activeCampaigns()
        self.state.withLock { $0 = Snapshot(campaigns) }
    }
}
