import Foundation

/// Why a campaign's messages are sent; the rules differ per purpose (compliance-facts, "three kinds").
public enum CampaignPurpose: String, Sendable, Codable, CaseIterable, Hashable {
    case advocacy
    case fundraising
    case commercial
}

/// Whether a campaign still takes new supporters.
public enum CampaignStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case active
    case archived
}

/// An alert program supporters join, e.g. "Rights Alerts" with join keyword RIGHTS.
public struct Campaign: Sendable, Hashable, Codable {
    public var id: Int64
    /// The URL-safe identifier (`rights`).
    public var slug: String
    /// The program name used in confirmations ("Rights Alerts").
    public var programName: String
    public var description: String
    /// E.g. "Death penalty", "Individuals at risk".
    public var category: String
    public var purpose: CampaignPurpose
    /// The frequency disclosure ("Up to 4 msgs/month").
    public var frequency: String
    /// Languages the campaign writes in (BCP 47 primary tags).
    public var languages: [String]
    public var jurisdiction: String
    public var actionLink: String?
    /// Join keywords, upper-case as configured (`RIGHTS`).
    public var keywords: [String]
    public var status: CampaignStatus
    /// Who alert calls offer to connect to ("the Minister of Justice"); with ``callTargetNumber`` or not at all.
    public var callTargetName: String?
    /// The E.164 number dialled when a supporter presses 1 during an alert call (patch-through).
    public var callTargetNumber: String?

    public init(
        id: Int64 = 0,
        slug: String,
        programName: String,
        description: String = "",
        category: String = "",
        purpose: CampaignPurpose = .advocacy,
        frequency: String,
        languages: [String] = ["en"],
        jurisdiction: String = "US",
        actionLink: String? = nil,
        keywords: [String],
        status: CampaignStatus = .active,
        callTargetName: String? = nil,
        callTargetNumber: String? = nil
    ) {
        self.id = id
        self.slug = slug
        self.programName = programName
        self.description = description
        self.category = category
        self.purpose = purpose
        self.frequency = frequency
        self.languages = languages
        self.jurisdiction = jurisdiction
        self.actionLink = actionLink
        self.keywords = keywords
        self.status = status
        self.callTargetName = callTargetName
        self.callTargetNumber = callTargetNumber
    }

    /// Whether `slug` is usable in URLs: 1–64 characters of a–z, 0–9 and `-`, not starting with `-`.
    public static func isValidSlug(_ slug: String) -> Bool {
        guard (1...64).contains(slug.utf8.count), slug.first != "-" else { return false }
        return slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
