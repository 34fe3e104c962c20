public import TocsinCore

/// Decides what an inbound SMS means: keyword, revocation, something for a human to review, or nothing.
///
/// Three tiers, all driven by the keyword files (see `Keywords/README.md` for the label policy):
/// 1. **exact**: the normalised message is one keyword (or a campaign keyword) → act on it.
/// 2. **revocation**: a per-se opt-out word with only filler around it, or a clear revocation phrase
///    → opt-out.
/// 3. **ambiguous**: a per-se word inside other text, or look-alike letters from another script forming a
///    keyword → ``Intent/review``; such a message never becomes an automatic opt-out.
///
/// Thread-safe: all state is immutable, and PCRE2 match data is made per call (only when a pattern runs).
public final class KeywordClassifier: Sendable {
    let engine: RuleEngine

    /// Builds a classifier from loaded keyword files.
    public init(_ set: KeywordSet) {
        self.engine = set.engine
    }

    /// Classifies one message.
    ///
    /// - Parameters:
    ///   - text: the raw inbound text (not modified; normalised for matching only).
    ///   - campaignKeywords: campaign join keywords in force; system keywords win over them.
    public func classify(_ text: String, campaignKeywords: CampaignKeywordIndex = .empty) -> Classification {
        let hit = self.hit(text, campaignKeywords: campaignKeywords)
        switch hit {
        case .rule(let index):
            return self.engine.rules[Int(index)]
        case .campaign(let entry, let prefix):
            let language = prefix < 0 ? nil : self.engine.joinPrefixes.languages[Int(prefix)]
            return campaignKeywords.classification(entry: entry, prefixLanguage: language)
        case .none:
            return .unmatched
        }
    }

    /// The rule that matches `text`, before it becomes a ``Classification``.
    func hit(_ text: String, campaignKeywords: CampaignKeywordIndex, useGate: Bool = true) -> RuleHit {
        // The closures capture only trivial values: an unretained engine reference and the flags. Capturing
        // the engine or the text itself costs several atomic retain/release pairs per message.
        let engine = Unmanaged.passUnretained(self.engine)
        let hit = text.utf8.withContiguousStorageIfAvailable { source in
            engine._withUnsafeGuaranteedRef { Self.hit(source, engine: $0, campaigns: campaignKeywords, useGate: useGate) }
        }
        if let hit { return hit }
        var copy = text  // not contiguous UTF-8 (bridged): copy once
        return copy.withUTF8 { source in
            engine._withUnsafeGuaranteedRef { Self.hit(source, engine: $0, campaigns: campaignKeywords, useGate: useGate) }
        }
    }

    @inline(__always)
    private static func hit(
        _ source: UnsafeBufferPointer<UInt8>, engine: RuleEngine, campaigns: CampaignKeywordIndex, useGate: Bool
    ) -> RuleHit {
        if ASCIINormalizer.isASCII(source) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * source.count + 2) { buffer in
                Self.asciiHit(source, buffer: buffer.baseAddress!, engine: engine, campaigns: campaigns, useGate: useGate)
            }
        }
        return TextNormalizer.withNormalizedBytes(source, runLimit: 1) { view in
            if view.bytes.isEmpty { return .none }
            let keyword = engine.lookupKeyword(view.bytes, campaigns: campaigns)
            if keyword != .none { return keyword }
            if view.squeezed {
                let second = TextNormalizer.withNormalizedBytes(source, runLimit: 2) { doubled in
                    engine.lookupKeyword(doubled.bytes, campaigns: campaigns)
                }
                if second != .none { return second }
            }
            return engine.matchPatterns(view, useGate: useGate)
        }
    }

    /// The ASCII path: keywords are looked up right after folding, before spelled-out and stretched
    /// letters are handled (see ``ASCIINormalizer``), since most messages are keywords.
    @inline(__always)
    private static func asciiHit(
        _ source: UnsafeBufferPointer<UInt8>, buffer: UnsafeMutablePointer<UInt8>, engine: RuleEngine,
        campaigns: CampaignKeywordIndex, useGate: Bool
    ) -> RuleHit {
        let folded = ASCIINormalizer.fold(source, into: buffer)
        if folded.count == 0 { return .none }
        let keyword = engine.lookupKeyword(UnsafeBufferPointer(start: buffer, count: folded.count), campaigns: campaigns)
        if keyword != .none { return keyword }
        let (count, squeezed) = ASCIINormalizer.finish(buffer, folded, runLimit: 1)
        let text = UnsafeBufferPointer(start: buffer, count: count)
        if count != folded.count {
            let again = engine.lookupKeyword(text, campaigns: campaigns)
            if again != .none { return again }
        }
        if squeezed {
            let doubled = buffer + source.count + 1
            let refolded = ASCIINormalizer.fold(source, into: doubled)
            let twice = ASCIINormalizer.finish(doubled, refolded, runLimit: 2).count
            let again = engine.lookupKeyword(UnsafeBufferPointer(start: doubled, count: twice), campaigns: campaigns)
            if again != .none { return again }
        }
        return engine.matchPatterns(NormalizedView(bytes: text, squeezed: squeezed, skeleton: nil), useGate: useGate)
    }
}
