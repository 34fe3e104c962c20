import Foundation

/// Campaign fields as a client sent them, before validation: every field is optional so the same type
/// serves a create (where ``CampaignValidation`` requires some) and a partial update (where absent fields
/// stay as they are).
public struct CampaignDraft: Sendable, Hashable {
    public var slug: String?
    public var programName: String?
    public var description: String?
    public var category: String?
    /// `advocacy`, `fundraising` or `commercial`, unchecked.
    public var purpose: String?
    public var frequency: String?
    public var languages: [String]?
    public var jurisdiction: String?
    /// The action link; an empty string clears it on update.
    public var actionLink: String?
    public var keywords: [String]?
    /// The patch-through target's name; an empty string clears the target on update.
    public var callTargetName: String?
    /// The patch-through target's number (E.164); an empty string clears the target on update.
    public var callTargetNumber: String?

    public init(
        slug: String? = nil,
        programName: String? = nil,
        description: String? = nil,
        category: String? = nil,
        purpose: String? = nil,
        frequency: String? = nil,
        languages: [String]? = nil,
        jurisdiction: String? = nil,
        actionLink: String? = nil,
        keywords: [String]? = nil,
        callTargetName: String? = nil,
        callTargetNumber: String? = nil
    ) {
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
        self.callTargetName = callTargetName
        self.callTargetNumber = callTargetNumber
    }

    /// The JSON (snake_case) names of the fields that are set, in a fixed order (for audit records).
    public var fieldNames: [String] {
        var names: [String] = []
        if self.slug != nil { names.append("slug") }
        if self.programName != nil { names.append("program_name") }
        if self.description != nil { names.append("description") }
        if self.category != nil { names.append("category") }
        if self.purpose != nil { names.append("purpose") }
        if self.frequency != nil { names.append("frequency") }
        if self.languages != nil { names.append("languages") }
        if self.jurisdiction != nil { names.append("jurisdiction") }
        if self.actionLink != nil { names.append("action_link") }
        if self.keywords != nil { names.append("keywords") }
        if self.callTargetName != nil { names.append("call_target_name") }
        if self.callTargetNumber != nil { names.append("call_target_number") }
        return names
    }
}
