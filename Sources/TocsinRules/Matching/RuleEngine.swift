import TocsinCore

/// The compiled form of a ``KeywordSet``: the keyword table, the combined patterns and the prefix gate.
///
/// Works on normalised bytes and answers with a ``RuleHit``; ``KeywordClassifier`` normalises the text and
/// turns the hit into a ``Classification``.
final class RuleEngine: Sendable {
    /// Every result a rule can produce.
    let rules: FrozenList<Classification>
    let exact: ByteKeyTable<ExactRule>
    let joinPrefixes: JoinPrefixList
    /// Per-se words with only filler around them.
    let fillerChain: FillerChain
    /// `whole` phrases with filler around them; `start` phrases.
    let phraseRoute: PCRE2Pattern?
    /// `anywhere` revocation phrases, scanning.
    let anywhere: PCRE2Pattern?
    /// Per-se words and ambiguous phrases, scanning.
    let ambiguous: PCRE2Pattern
    /// For plain-ASCII text: each `anywhere` phrase, then each ambiguous phrase, alone and anchored at a
    /// word start, with the mark it stands for.
    let wordStartPhrases: [(pattern: PCRE2Pattern, mark: Int)]
    /// How many of `wordStartPhrases` are `anywhere` phrases.
    let anywhereCount: Int
    /// Gate bits of the `anywhere` phrases and of the ambiguous phrases.
    let anywhereBits: UInt64
    let ambiguousBits: UInt64
    let marks: FrozenList<MarkedRule>
    let gate: PrefixGate
    /// The rule returned when PCRE2 gives up (match limit): a human looks rather than the gateway guessing.
    let failedMatch: Int32 = 0

    init(languages: [LanguageRules]) throws(PCRE2Error) {
        var rules = [Classification(intent: .review, tier: .ambiguous, language: nil, rule: "any.ambiguous.match_error")]
        var entries: [(key: [UInt8], value: ExactRule)] = []
        var prefixes: [(bytes: [UInt8], language: String)] = []
        for language in languages {
            for keyword in language.keywords {
                let intent = Intent(rawValue: keyword.intent.rawValue) ?? .review
                let name = keyword.normalized.replacingSpaces()
                let first = Int32(rules.count)
                rules.append(Classification(
                    intent: intent, tier: .exact, language: language.language,
                    rule: "\(language.language).\(intent.rawValue).exact:\(name)"))
                rules.append(Classification(
                    intent: .review, tier: .ambiguous, language: language.language,
                    rule: "any.ambiguous.confusable:\(name.lowercased())"))
                entries.append((Array(keyword.normalized.utf8), ExactRule(exact: first, confusable: first + 1)))
            }
            prefixes += language.joinPrefixes.map { (Array($0.normalized.utf8), language.language) }
        }
        let builder = RulePatternBuilder(languages: languages, rules: rules)
        self.rules = FrozenList(builder.rules)
        self.exact = ByteKeyTable(entries)
        self.joinPrefixes = JoinPrefixList(prefixes)
        self.marks = FrozenList(builder.marks)
        self.fillerChain = FillerChain(fillers: builder.fillerWords, perSe: builder.perSeWords)
        self.ambiguous = try PCRE2Pattern(builder.ambiguous)
        self.anywhere = builder.anywhereBody.isEmpty ? nil : try PCRE2Pattern(builder.anywhere)
        self.phraseRoute = builder.phraseRoute.isEmpty ? nil : try PCRE2Pattern(builder.phraseRoute)
        var wordStart: [(pattern: PCRE2Pattern, mark: Int)] = []
        var explored: [PCRE2Pattern] = []
        for phrase in builder.wordStartPhrases {
            let body = "(?:\(phrase.pattern))"
            wordStart.append((try PCRE2Pattern(body + RulePatternBuilder.boundary, anchored: true), Int(phrase.mark)))
            explored.append(try PCRE2Pattern(body, anchored: true, partial: true))
        }
        self.wordStartPhrases = wordStart
        self.anywhereCount = builder.anywhereCount
        self.anywhereBits = (0..<builder.anywhereCount).reduce(0) { $0 | PrefixGate.bit($1) }
        self.ambiguousBits = (builder.anywhereCount..<wordStart.count).reduce(0) { $0 | PrefixGate.bit($1) }
        let route = builder.phraseBody.isEmpty ? nil : try PCRE2Pattern(builder.phraseBody, anchored: true, partial: true)
        self.gate = PrefixGate(phrases: explored, route: route)
    }

    /// Tier 1: a system keyword or a campaign keyword.
    @inline(__always)
    func lookupKeyword(_ bytes: UnsafeBufferPointer<UInt8>, campaigns: CampaignKeywordIndex) -> RuleHit {
        if let rule = self.exact.lookup(bytes) { return .rule(rule.exact) }
        if campaigns.isEmpty { return .none }
        return campaigns.match(bytes, prefixes: self.joinPrefixes)
    }
}
