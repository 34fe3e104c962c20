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
    /// `anywhere` revocation phrases: scanning, and anchored at a given word start.
    let anywhere: PCRE2Pattern?
    let anywhereAt: PCRE2Pattern?
    /// Per-se words and ambiguous phrases: scanning, and anchored at a given word start.
    let ambiguous: PCRE2Pattern
    let ambiguousAt: PCRE2Pattern
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
        self.ambiguousAt = try PCRE2Pattern(builder.ambiguous, anchored: true)
        var gated = [
            PrefixGate.Source(
                pattern: try PCRE2Pattern(builder.ambiguousBody, anchored: true, partial: true), tier: .ambiguous, depth: 4)
        ]
        if builder.phraseRoute.isEmpty {
            self.phraseRoute = nil
        } else {
            self.phraseRoute = try PCRE2Pattern(builder.phraseRoute)
            gated.append(.init(
                pattern: try PCRE2Pattern(builder.phraseBody, anchored: true, partial: true), tier: .phrase, depth: 8))
        }
        if builder.anywhereBody.isEmpty {
            self.anywhere = nil
            self.anywhereAt = nil
        } else {
            self.anywhere = try PCRE2Pattern(builder.anywhere)
            self.anywhereAt = try PCRE2Pattern(builder.anywhere, anchored: true)
            gated.append(.init(
                pattern: try PCRE2Pattern(builder.anywhereBody, anchored: true, partial: true), tier: .anywhere, depth: 8))
        }
        self.gate = PrefixGate(gated)
    }

    /// Tier 1: a system keyword or a campaign keyword.
    @inline(__always)
    func lookupKeyword(_ bytes: UnsafeBufferPointer<UInt8>, campaigns: CampaignKeywordIndex) -> RuleHit {
        if let rule = self.exact.lookup(bytes) { return .rule(rule.exact) }
        if campaigns.isEmpty { return .none }
        return campaigns.match(bytes, prefixes: self.joinPrefixes)
    }

    /// Tiers 2 and 3, and the look-alike check. Plain-ASCII text goes through the prefix gate unless
    /// `useGate` is false (tests compare both ways).
    func matchPatterns(_ view: NormalizedView, useGate: Bool = true) -> RuleHit {
        let bytes = view.bytes
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * bytes.count + 2) { state in
            let mark = self.fillerChain.match(bytes, state: state)
            if mark >= 0 { return .rule(self.marks[Int(mark)].revocation) }
            if useGate, view.skeleton == nil, ASCIINormalizer.isASCII(bytes) {
                return self.matchGated(bytes, reachable: state)
            }
            let scratch = PCRE2MatchScratch()
            if let anywhere = self.anywhere, let hit = self.revocation(anywhere, bytes, scratch) { return hit }
            if let route = self.phraseRoute, let hit = self.revocation(route, bytes, scratch) { return hit }
            let ambiguous = self.outcome(self.ambiguous, bytes, scratch)
            if let skeleton = view.skeleton,
                let confusable = self.confusable(skeleton, realAmbiguous: ambiguous, scratch)
            {
                return confusable
            }
            switch ambiguous {
            case .matched(let mark): return .rule(self.marks[mark].ambiguous)
            case .failed: return .rule(self.failedMatch)
            case .none: return .none
            }
        }
    }

    /// The pattern tiers for plain-ASCII text, running only what the gate lets through: the word-start
    /// patterns only at the word starts the gate names, and the phrase route only if a phrase can begin
    /// where the filler chain reaches. `anywhere` phrases go first: they are cheaper to try, and both
    /// give a revocation.
    private func matchGated(_ bytes: UnsafeBufferPointer<UInt8>, reachable: UnsafeMutableBufferPointer<Int32>) -> RuleHit {
        withUnsafeTemporaryAllocation(of: PrefixGate.Tier.self, capacity: bytes.count) { tiers in
            // Gate every word start once; the tiers are kept for the loops below.
            var all: PrefixGate.Tier = []
            var position = 0
            while position < bytes.count {
                var tier = self.gate.tiers(bytes, at: position)
                if reachable[2 &* position] < 0, reachable[2 &* position &+ 1] < 0 { tier.remove(.phrase) }
                tiers[position] = tier
                all.formUnion(tier)
                position = Self.nextWordStart(bytes, after: position)
            }
            if all.isEmpty { return .none }
            let scratch = PCRE2MatchScratch()
            if all.contains(.anywhere), let pattern = self.anywhereAt {
                position = 0
                while position < bytes.count {
                    if tiers[position].contains(.anywhere), let hit = self.revocation(pattern, bytes, scratch, at: position) {
                        return hit
                    }
                    position = Self.nextWordStart(bytes, after: position)
                }
            }
            if all.contains(.phrase), let route = self.phraseRoute, let hit = self.revocation(route, bytes, scratch) {
                return hit
            }
            if all.contains(.ambiguous) {
                position = 0
                while position < bytes.count {
                    if tiers[position].contains(.ambiguous) {
                        switch self.outcome(self.ambiguousAt, bytes, scratch, at: position) {
                        case .matched(let mark): return .rule(self.marks[mark].ambiguous)
                        case .failed: return .rule(self.failedMatch)
                        case .none: break
                        }
                    }
                    position = Self.nextWordStart(bytes, after: position)
                }
            }
            return .none
        }
    }

    /// A revocation if `pattern` matches (a review if PCRE2 gave up), nil if it does not match.
    @inline(__always)
    private func revocation(
        _ pattern: PCRE2Pattern, _ bytes: UnsafeBufferPointer<UInt8>, _ scratch: borrowing PCRE2MatchScratch,
        at position: Int = 0
    ) -> RuleHit? {
        switch self.outcome(pattern, bytes, scratch, at: position) {
        case .matched(let mark): return .rule(self.marks[mark].revocation)
        case .failed: return .rule(self.failedMatch)
        case .none: return nil
        }
    }

    @inline(__always)
    private static func nextWordStart(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Int {
        var next = position
        while next < bytes.count, bytes[next] != 0x20 { next &+= 1 }
        return next &+ 1
    }

    /// The skeleton (look-alike letters replaced) forms something the real text does not.
    private func confusable(
        _ skeleton: UnsafeBufferPointer<UInt8>, realAmbiguous: Outcome, _ scratch: borrowing PCRE2MatchScratch
    ) -> RuleHit? {
        if let rule = self.exact.lookup(skeleton) { return .rule(rule.confusable) }
        let chained = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * skeleton.count + 2) {
            self.fillerChain.match(skeleton, state: $0)
        }
        if chained >= 0 { return .rule(self.marks[Int(chained)].confusable) }
        for pattern in [self.anywhere, self.phraseRoute].compactMap({ $0 }) {
            if case .matched(let mark) = self.outcome(pattern, skeleton, scratch) {
                return .rule(self.marks[mark].confusable)
            }
        }
        if case .none = realAmbiguous, case .matched(let mark) = self.outcome(self.ambiguous, skeleton, scratch) {
            return .rule(self.marks[mark].confusable)
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
        _ pattern: PCRE2Pattern, _ bytes: UnsafeBufferPointer<UInt8>, _ scratch: borrowing PCRE2MatchScratch,
        at position: Int = 0
    ) -> Outcome {
        let code = pattern.run(bytes, startOffset: position, scratch: scratch)
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
