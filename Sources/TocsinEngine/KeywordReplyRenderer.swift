import TocsinCore
import TocsinRules

/// Writes reply texts from the `replies:` of the keyword files, filled with the org profile and campaign.
public struct KeywordReplyRenderer: ReplyRendering {
    let keywords: KeywordSet
    let profile: OrgProfile
    let directory: CampaignDirectory

    public init(keywords: KeywordSet, profile: OrgProfile, directory: CampaignDirectory) {
        self.keywords = keywords
        self.profile = profile
        self.directory = directory
    }

    public func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String {
        let campaign = campaignID.flatMap { self.directory.snapshot.campaigns[$0] }
        let template = self.keywords.reply(kind.replyKey, language: language) ?? "{brand}"
        let values: [String: String] = [
            "brand": self.profile.brand,
            "program": campaign?.programName ?? self.profile.brand,
            "frequency": campaign?.frequency ?? "Msg frequency varies",
            "support": self.profile.supportContact,
            "keyword": campaign?.keywords.first ?? "",
        ]
        return Self.fill(template, values)
    }

    public func campaignSlug(_ campaignID: Int64) -> String? {
        self.directory.snapshot.campaigns[campaignID]?.slug
    }

    /// Replaces `{name}` placeholders; unknown names are left as written (see ``ReplyTemplate``).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        ReplyTemplate.fill(template, values)
    }
}
