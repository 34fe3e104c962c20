import TocsinCore

extension RuleEngine {
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

    /// The pattern tiers for plain-ASCII text, running only what the gate lets through: at each word
    /// start only the phrases that can begin there, per-se words through the filler chain's trie, and
    /// the phrase route only if a `whole`/`start` phrase can begin where the filler chain reaches.
    /// `anywhere` phrases go before the route: they are cheaper to try, and both give a revocation.
    private func matchGated(_ bytes: UnsafeBufferPointer<UInt8>, reachable: UnsafeMutableBufferPointer<Int32>) -> RuleHit {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bytes.count) { candidates in
            // Gate every word start once; the masks are kept for the loops below.
            var all: UInt64 = 0
            var position = 0
            while position < bytes.count {
                var mask = self.gate.candidates(bytes, at: position)
                if reachable[2 &* position] < 0, reachable[2 &* position &+ 1] < 0 { mask &= ~PrefixGate.routeBit }
                candidates[position] = mask
                all |= mask
                position = Self.nextWordStart(bytes, after: position)
            }
            if all == 0 { return self.perSeWords(bytes) }  // no phrase can match: no PCRE2 call at all
            let scratch = PCRE2MatchScratch()
            if all & self.anywhereBits != 0 {
                position = 0
                while position < bytes.count {
                    if candidates[position] & self.anywhereBits != 0,
                        let hit = self.wordStartMatch(candidates[position], 0..<self.anywhereCount, bytes, position, scratch)
                    {
                        return .rule(hit < 0 ? self.failedMatch : self.marks[hit].revocation)
                    }
                    position = Self.nextWordStart(bytes, after: position)
                }
            }
            if all & PrefixGate.routeBit != 0, let route = self.phraseRoute, let hit = self.revocation(route, bytes, scratch) {
                return hit
            }
            let ambiguousPhrases = self.anywhereCount..<self.wordStartPhrases.count
            position = 0
            while position < bytes.count {
                let perSe = self.fillerChain.perSeWord(bytes, at: position)
                if perSe >= 0 { return .rule(self.marks[Int(perSe)].ambiguous) }
                if candidates[position] & self.ambiguousBits != 0,
                    let hit = self.wordStartMatch(candidates[position], ambiguousPhrases, bytes, position, scratch)
                {
                    return .rule(hit < 0 ? self.failedMatch : self.marks[hit].ambiguous)
                }
                position = Self.nextWordStart(bytes, after: position)
            }
            return .none
        }
    }

    /// The first per-se word at a word start, as a review.
    private func perSeWords(_ bytes: UnsafeBufferPointer<UInt8>) -> RuleHit {
        var position = 0
        while position < bytes.count {
            let perSe = self.fillerChain.perSeWord(bytes, at: position)
            if perSe >= 0 { return .rule(self.marks[Int(perSe)].ambiguous) }
            position = Self.nextWordStart(bytes, after: position)
        }
        return .none
    }

    /// Runs the phrases in `range` that `mask` names, anchored at `position`, in order: the mark of the
    /// first that matches, -1 if PCRE2 gave up, nil if none matches.
    private func wordStartMatch(
        _ mask: UInt64, _ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ position: Int,
        _ scratch: borrowing PCRE2MatchScratch
    ) -> Int? {
        for index in range where mask & PrefixGate.bit(index) != 0 {
            let code = self.wordStartPhrases[index].pattern.run(bytes, startOffset: position, scratch: scratch)
            if code > 0 { return self.wordStartPhrases[index].mark }
            if code != -1 { return -1 }
        }
        return nil
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
    static func nextWordStart(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Int {
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
