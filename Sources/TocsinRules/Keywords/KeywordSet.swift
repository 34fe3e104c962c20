public import TocsinCore

/// Everything loaded from a keyword directory (`Keywords/*.yaml`): keywords, phrases and reply texts for
/// every language, with the patterns compiled.
///
/// ```swift
/// let set = try KeywordSet.load(directory: "Keywords")
/// let classifier = KeywordClassifier(set)
/// set.reply(.help, language: "fr")
/// ```
public struct KeywordSet: Sendable {
    let rules: [String: LanguageRules]
    let engine: RuleEngine

    /// The language codes loaded, sorted (`["en", "es", "fr", "zh"]`).
    public let languages: [String]

    init(rules: [LanguageRules]) throws(PCRE2Error) {
        let sorted = rules.sorted { $0.language < $1.language }
        self.rules = Dictionary(uniqueKeysWithValues: sorted.map { ($0.language, $0) })
        self.languages = sorted.map(\.language)
        self.engine = try RuleEngine(languages: sorted)
    }

    /// The reply text for `key` in `language`, falling back to English; nil for an unknown key.
    public func reply(_ key: String, language: String) -> String? {
        self.rules[language]?.replies[key] ?? self.rules["en"]?.replies[key]
    }

    /// The reply text for `key` in `language`, falling back to English.
    public func reply(_ key: ReplyKey, language: String) -> String? {
        self.reply(key.rawValue, language: language)
    }

    /// The reply text with its placeholders filled; placeholders without a value are left as written.
    public func renderReply(_ key: ReplyKey, language: String, values: [ReplyPlaceholder: String]) -> String? {
        guard let text = self.reply(key, language: language) else { return nil }
        return ReplyTemplate.fill(text, Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }

    /// Whether a would-be campaign keyword clashes with the system: after normalisation it is a system
    /// keyword or join prefix, or the classifier would already read it as an opt-out, a look-alike or
    /// something to review ("STOP", "Arrêt", "STOP WAR", "STОP" with a Cyrillic О). Empty keywords count as
    /// reserved too, since they can never match.
    public func isReserved(_ keyword: String) -> Bool {
        let normalized = TextNormalizer.normalize(keyword)
        if normalized.text.isEmpty { return true }
        let asPrefix = Array(normalized.text.utf8)
        let prefixes = self.engine.joinPrefixes
        if (0..<prefixes.count).contains(where: { prefixes.equals($0, asPrefix) }) { return true }
        return KeywordClassifier(self).classify(keyword).tier != .none
    }

    /// The tier-1 keywords of `language` by intent, normalised (for listings such as `tocsin keywords`).
    public func keywords(language: String) -> [Intent: [String]] {
        var result: [Intent: [String]] = [:]
        for entry in self.rules[language]?.keywords ?? [] {
            guard let intent = Intent(rawValue: entry.intent.rawValue) else { continue }
            result[intent, default: []].append(entry.normalized)
        }
        return result
    }
}
