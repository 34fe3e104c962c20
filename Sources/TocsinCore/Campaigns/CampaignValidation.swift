import Foundation

/// Checks campaign fields before they reach the store, with a message per problem that says what to fix.
///
/// Pure: what depends on the keyword files (the supported languages, whether a word is a system keyword)
/// is passed in.
///
/// ```swift
/// let validation = CampaignValidation(supportedLanguages: ["en", "fr"], isReservedKeyword: { $0 == "STOP" })
/// let campaign = try validation.validateNew(CampaignDraft(slug: "free-them", programName: "Free Them",
///                                                         frequency: "Up to 4 msgs/month", keywords: ["freethem"]))
/// campaign.keywords   // ["FREETHEM"]
/// ```
public struct CampaignValidation: Sendable {
    /// Languages the keyword files support (`en`, `fr`, …).
    public var supportedLanguages: [String]
    /// Languages of a new campaign that names none.
    public var defaultLanguages: [String]
    /// Jurisdiction of a new campaign that names none.
    public var defaultJurisdiction: String
    /// Whether a normalised keyword is a system keyword (STOP, HELP, START, YES, JOIN, …) in any language.
    public var isReservedKeyword: @Sendable (String) -> Bool

    /// How long a join keyword may be, in characters after normalisation.
    public static let keywordLength = 2...20
    /// How many join keywords one campaign may have.
    public static let keywordCount = 1...10
    static let programNameLength = 1...64
    static let frequencyLength = 1...100
    static let categoryLength = 0...100
    static let descriptionLength = 0...1000
    static let actionLinkLength = 0...2000

    public init(
        supportedLanguages: [String],
        defaultLanguages: [String] = ["en"],
        defaultJurisdiction: String = "US",
        isReservedKeyword: @escaping @Sendable (String) -> Bool
    ) {
        self.supportedLanguages = supportedLanguages
        self.defaultLanguages = defaultLanguages
        self.defaultJurisdiction = defaultJurisdiction
        self.isReservedKeyword = isReservedKeyword
    }

    /// A new, active campaign from `draft`; `slug`, `program_name`, `frequency` and `keywords` are required.
    public func validateNew(_ draft: CampaignDraft) throws(CampaignValidationError) -> Campaign {
        var problems: [String] = []
        let required: [(String, Bool, String)] = [
            ("slug", draft.slug == nil, "the campaign's URL name, e.g. \"free-them\""),
            ("program_name", draft.programName == nil, "the name every confirmation starts with, e.g. \"Rights Alerts\""),
            ("frequency", draft.frequency == nil, "the frequency disclosure, e.g. \"Up to 4 msgs/month\""),
            ("keywords", draft.keywords == nil, "the join keywords, e.g. [\"RIGHTS\"]"),
        ]
        for (name, missing, example) in required where missing {
            problems.append("\(name) is required (\(example))")
        }
        let base = Campaign(
            slug: draft.slug ?? "", programName: "", frequency: "", languages: self.defaultLanguages,
            jurisdiction: self.defaultJurisdiction, keywords: []
        )
        var campaign = base
        if let slug = draft.slug {
            if Campaign.isValidSlug(slug) {
                campaign.slug = slug
            } else {
                problems.append(
                    "slug '\(slug)' must be 1–64 characters of a–z, 0–9 and '-', not starting with '-' (e.g. free-them)"
                )
            }
        }
        self.apply(draft, to: &campaign, problems: &problems)
        if !problems.isEmpty { throw CampaignValidationError(problems) }
        return campaign
    }

    /// `campaign` with the fields set in `draft` changed; the slug cannot change and the status is untouched.
    public func apply(_ draft: CampaignDraft, to campaign: Campaign) throws(CampaignValidationError) -> Campaign {
        var problems: [String] = []
        if draft.fieldNames.isEmpty {
            problems.append("the body changes nothing; send at least one of \(CampaignDraft.jsonFields.dropFirst().joined(separator: ", "))")
        }
        if let slug = draft.slug, slug != campaign.slug {
            problems.append("slug cannot be changed (it is used in URLs and links); create a new campaign and archive this one instead")
        }
        var updated = campaign
        self.apply(draft, to: &updated, problems: &problems)
        if !problems.isEmpty { throw CampaignValidationError(problems) }
        return updated
    }

    private func apply(_ draft: CampaignDraft, to campaign: inout Campaign, problems: inout [String]) {
        if let name = draft.programName {
            campaign.programName = Self.line(name, "program_name", Self.programNameLength, &problems) ?? campaign.programName
        }
        if let description = draft.description {
            campaign.description = Self.text(description, "description", Self.descriptionLength, &problems) ?? campaign.description
        }
        if let category = draft.category {
            campaign.category = Self.line(category, "category", Self.categoryLength, &problems) ?? campaign.category
        }
        if let purpose = draft.purpose {
            if let value = CampaignPurpose(rawValue: purpose.trimmingCharacters(in: .whitespaces).lowercased()) {
                campaign.purpose = value
            } else {
                let choices = CampaignPurpose.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("purpose must be one of \(choices), not '\(purpose)'")
            }
        }
        if let frequency = draft.frequency {
            campaign.frequency = Self.line(frequency, "frequency", Self.frequencyLength, &problems) ?? campaign.frequency
        }
        if let languages = draft.languages {
            campaign.languages = self.languages(languages, &problems) ?? campaign.languages
        }
        if let jurisdiction = draft.jurisdiction {
            campaign.jurisdiction = Self.jurisdiction(jurisdiction, &problems) ?? campaign.jurisdiction
        }
        if let link = draft.actionLink {
            if let problem = Self.actionLinkProblem(link) {
                problems.append(problem)
            } else {
                let trimmed = link.trimmingCharacters(in: .whitespaces)
                campaign.actionLink = trimmed.isEmpty ? nil : trimmed
            }
        }
        if let keywords = draft.keywords {
            campaign.keywords = self.keywords(keywords, &problems) ?? campaign.keywords
        }
        Self.applyCallTarget(draft, to: &campaign, problems: &problems)
    }
}
