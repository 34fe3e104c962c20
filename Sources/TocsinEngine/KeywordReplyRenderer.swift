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

    /// Replaces `{name}` placeholders; unknown names are left as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        result.reserveCapacity(template.utf8.count + 64)
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { result += value } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
