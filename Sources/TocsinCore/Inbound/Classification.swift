/// What a supporter's inbound text means.
///
/// The raw values are the wire names used in JSON output, the store and the API.
public enum Intent: String, Sendable, Codable, CaseIterable, Hashable {
    case optOut = "opt_out"
    case optIn = "opt_in"
    case help
    case confirm
    case undo
    case join
    case review
    case none
}

/// Which tier of the classifier decided.
///
/// - `exact`: the whole message is one keyword after normalisation.
/// - `revocation`: a reasonable person would read the message as a request to stop.
/// - `ambiguous`: an opt-out word appears, but the message may mean something else; a human decides.
/// - `none`: no rule matched.
public enum MatchTier: String, Sendable, Codable, CaseIterable, Hashable {
    case exact
    case revocation
    case ambiguous
    case none
}

/// The result of classifying one inbound text.
public struct Classification: Sendable, Hashable, Codable {
    /// What the message asks for.
    public var intent: Intent
    /// Which tier matched.
    public var tier: MatchTier
    /// The language of the matched keyword or phrase (`en`, `fr`, `es`, `zh`), or nil when nothing matched.
    public var language: String?
    /// A stable identifier of the rule that matched, for explainability (e.g. `en.opt_out.exact:STOP`).
    public var rule: String?
    /// For `join`: the normalised campaign keyword that matched (e.g. `RIGHTS`).
    public var campaignKeyword: String?

    public init(
        intent: Intent,
        tier: MatchTier,
        language: String? = nil,
        rule: String? = nil,
        campaignKeyword: String? = nil
    ) {
        self.intent = intent
        self.tier = tier
        self.language = language
        self.rule = rule
        self.campaignKeyword = campaignKeyword
    }

    /// Nothing matched.
    public static let unmatched = Classification(intent: .none, tier: .none)
}
