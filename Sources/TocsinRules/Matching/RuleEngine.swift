public import TocsinCore

/// The compiled form of a ``KeywordSet``: the keyword table and the three combined patterns.
///
/// Works on normalised bytes; ``KeywordClassifier`` does the normalising.
final class RuleEngine: Sendable {
    let exact: ByteKeyTable<ExactRule>
    let joinPrefixes: [JoinPrefix]
    /// Per-se words and `whole` phrases with filler around them; `start` phrases.
    let anchored: PCRE2Pattern
    /// `anywhere` revocation phrases.
    let anywhere: PCRE2Pattern?
    /// Per-se words anywhere; ambiguous phrases.
    let ambiguous: PCRE2Pattern
    let marks: [MarkedRule]

    /// Returned when PCRE2 gives up (match limit): a human looks at it rather than the gateway guessing.
    static let failedMatch = Classification(
        intent: .review, tier: .ambiguous, language: nil, rule: "any.ambiguous.match_error")

    init(languages: [LanguageRules]) throws(PCRE2Error) {
        var entries: [(key: [UInt8], value: ExactRule)] = []
        var prefixes: [JoinPrefix] = []
        for rules in languages {
            for keyword in rules.keywords {
                let intent = Intent(rawValue: keyword.intent.rawValue) ?? .review
                let name = keyword.normalized.replacingSpaces()
                let exact = Classification(
                    intent: intent, tier: .exact, language: rules.language,
                    rule: "\(rules.language).\(intent.rawValue).exact:\(name)")
                let confusable = Classification(
                    intent: .review, tier: .ambiguous, language: rules.language,
                    rule: "any.ambiguous.confusable:\(name.lowercased())")
                entries.append((Array(keyword.normalized.utf8), ExactRule(exact: exact, confusable: confusable)))
            }
            prefixes += rules.joinPrefixes.map { JoinPrefix(bytes: Array($0.normalized.utf8), language: rules.language) }
        }
        let builder = RulePatternBuilder(languages: languages)
        self.exact = ByteKeyTable(entries)
        self.joinPrefixes = prefixes
        self.marks = builder.marks
        self.anchored = try PCRE2Pattern(builder.anchored)
        self.anywhere = builder.anywhere.isEmpty ? nil : try PCRE2Pattern(builder.anywhere)
        self.ambiguous = try PCRE2Pattern(builder.ambiguous)
    }

    /// Tier 1: a system keyword or a campaign keyword.
    @inline(__always)
    func lookupKeyword(_ bytes: UnsafeBufferPointer<UInt8>, campaigns: CampaignKeywordIndex) -> Classification? {
        if let rule = self.exact.lookup(bytes) { return rule.exact }
        if campaigns.isEmpty { return nil }
        return campaigns.match(bytes, prefixes: self.joinPrefixes)
    }

    /// Tiers 2 and 3, and the look-alike check.
    func matchPatterns(_ view: NormalizedView) -> Classification {
        let scratch = PCRE2MatchScratch()
        switch self.outcome(self.anchored, view.bytes, scratch) {
        case .matched(let mark): return self.marks[mark].revocation
        case .failed: return Self.failedMatch
        case .none: break
        }
        if let anywhere = self.anywhere {
            switch self.outcome(anywhere, view.bytes, scratch) {
            case .matched(let mark): return self.marks[mark].revocation
            case .failed: return Self.failedMatch
            case .none: break
            }
        }
        let ambiguous = self.outcome(self.ambiguous, view.bytes, scratch)
        if let skeleton = view.skeleton, let confusable = self.confusable(skeleton, realAmbiguous: ambiguous, scratch) {
            return confusable
        }
        switch ambiguous {
        case .matched(let mark): return self.marks[mark].ambiguous
        case .failed: return Self.failedMatch
        case .none: return .unmatched
        }
    }

    /// The skeleton (look-alike letters replaced) forms something the real text does not.
    private func confusable(
        _ skeleton: UnsafeBufferPointer<UInt8>, realAmbiguous: Outcome, _ scratch: borrowing PCRE2MatchScratch
    ) -> Classification? {
        if let rule = self.exact.lookup(skeleton) { return rule.confusable }
        for pattern in [self.anchored, self.anywhere].compactMap({ $0 }) {
            if case .matched(let mark) = self.outcome(pattern, skeleton, scratch) { return self.marks[mark].confusable }
        }
        if case .none = realAmbiguous, case .matched(let mark) = self.outcome(self.ambiguous, skeleton, scratch) {
            return self.marks[mark].confusable
        }
        return nil
    }

    enum Outcome {
        case matched(Int)
        case none
        case failed
    }

    @inline(__always)
    private func outcome(
        _ pattern: PCRE2Pattern, _ bytes: UnsafeBufferPointer<UInt8>, _ scratch: borrowing PCRE2MatchScratch
    ) -> Outcome {
        let code = pattern.run(bytes, scratch: scratch)
        if code == -1 { return .none }  // PCRE2_ERROR_NOMATCH
        guard code > 0, var name = scratch.mark else { return .failed }
        var index = 0
        while name.pointee &- 0x30 < 10 {
            index = index * 10 + Int(name.pointee &- 0x30)
            name += 1
        }
        return index < self.marks.count ? .matched(index) : .failed
    }
}
