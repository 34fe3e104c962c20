import TocsinCore

/// Builds the combined PCRE2 patterns from all languages, tagging every alternative with `(*MARK:n)` so
/// that one match tells which word or phrase fired.
///
/// Text reaching the patterns is normalised (uppercase, single spaces, no punctuation), so the patterns
/// only deal with words. Latin words need a word boundary; Chinese is written without spaces, so the
/// boundary and the separator below only insist on a break *between two Latin letters or digits*.
struct RulePatternBuilder {
    /// Not inside a Latin word: fails only between two Latin letters or digits.
    static let boundary = #"(?!(?<=[\p{Latin}\p{N}])[\p{Latin}\p{N}])"#
    /// Between two words: a space, or nothing where one side is not a Latin letter or digit ("唔該stop").
    static let separator = #"(?: |(?<![\p{Latin}\p{N}])|(?![\p{Latin}\p{N}]))"#

    private(set) var marks: [MarkedRule] = []
    /// Every result a rule can produce; marks and exact rules point into it.
    private(set) var rules: [Classification]

    /// Normalised filler words, for ``FillerChain``.
    private(set) var fillerWords: [String] = []
    /// Normalised per-se words with their mark index, for ``FillerChain``.
    private(set) var perSeWords: [(word: String, mark: Int32)] = []
    /// Revocation phrases anchored at the start: `whole` phrases with filler or per-se words around them,
    /// and `start` phrases after filler (empty when there are none).
    private(set) var phraseRoute = ""
    /// The `whole` and `start` phrases alone, without boundaries.
    private(set) var phraseBody = ""
    /// Revocation `anywhere` phrases, without boundaries (empty when there are none).
    private(set) var anywhereBody = ""
    /// Per-se words and ambiguous phrases, without boundaries.
    private(set) var ambiguousBody = ""
    /// Each `anywhere` revocation phrase, then each ambiguous phrase, alone: its pattern and mark index
    /// (for the gated ASCII path, which runs only the phrases that can start at a word).
    private(set) var wordStartPhrases: [(pattern: String, mark: Int32)] = []
    /// How many of `wordStartPhrases` are `anywhere` revocation phrases (the rest are ambiguous).
    private(set) var anywhereCount = 0

    /// `anywhereBody` between word boundaries.
    var anywhere: String { self.anywhereBody.isEmpty ? "" : Self.boundary + self.anywhereBody + Self.boundary }
    /// `ambiguousBody` between word boundaries.
    var ambiguous: String { Self.boundary + self.ambiguousBody + Self.boundary }

    /// - Parameter rules: results already allocated (the keyword rules); the builder appends its own.
    init(languages: [LanguageRules], rules: [Classification]) {
        self.rules = rules
        var fillers: [(literal: String, suffix: String)] = []
        var perSe: [(literal: String, suffix: String)] = []
        var whole: [String] = []
        var start: [String] = []
        var anywhere: [String] = []
        var ambiguous: [String] = []
        var ambiguousPhrases: [(pattern: String, mark: Int32)] = []
        for rules in languages {
            fillers += rules.filler.map { ($0.normalized, "") }
            for word in rules.perSe {
                let key = Self.ruleKey(word.normalized)
                let mark = self.add(
                    revocation: .init(intent: .optOut, tier: .revocation, language: rules.language,
                                      rule: "\(rules.language).revocation.filler:\(key)"),
                    ambiguous: .init(intent: .review, tier: .ambiguous, language: rules.language,
                                     rule: "any.ambiguous.per_se:\(key)"),
                    key: key, language: rules.language)
                perSe.append((word.normalized, mark))
                self.perSeWords.append((word.normalized, Int32(self.marks.count - 1)))
            }
            for phrase in rules.revocation {
                let mark = self.add(
                    revocation: .init(intent: .optOut, tier: .revocation, language: rules.language,
                                      rule: "\(rules.language).revocation.phrase:\(phrase.id)"),
                    ambiguous: .init(intent: .review, tier: .ambiguous, language: rules.language,
                                     rule: "\(rules.language).ambiguous.phrase:\(phrase.id)"),
                    key: phrase.id, language: rules.language)
                let alternative = "(?:\(phrase.pattern))\(mark)"
                switch phrase.scope {
                case .whole: whole.append(alternative)
                case .start: start.append(alternative)
                case .anywhere:
                    anywhere.append(alternative)
                    self.wordStartPhrases.append((phrase.pattern, Int32(self.marks.count - 1)))
                }
            }
            for phrase in rules.ambiguous {
                let review = Classification(
                    intent: .review, tier: .ambiguous, language: rules.language,
                    rule: "\(rules.language).ambiguous.phrase:\(phrase.id)")
                let mark = self.add(revocation: review, ambiguous: review, key: phrase.id, language: rules.language)
                ambiguous.append("(?:\(phrase.pattern))\(mark)")
                ambiguousPhrases.append((phrase.pattern, Int32(self.marks.count - 1)))
            }
        }
        self.anywhereCount = self.wordStartPhrases.count
        self.wordStartPhrases += ambiguousPhrases
        self.fillerWords = fillers.map(\.literal)
        let filler = LiteralTrie.alternation(fillers + perSe.map { ($0.literal, "") })
        let perSeWords = LiteralTrie.alternation(perSe)
        let (sep, bound) = (Self.separator, Self.boundary)
        var routes: [String] = []
        if !whole.isEmpty {
            let phrases = Self.alternation(whole)
            routes.append("^(?:\(filler)\(sep))*\(phrases)(?:\(sep)(?:\(filler)|\(perSeWords)|\(phrases)))*$")
        }
        if !start.isEmpty { routes.append("^(?:\(filler)\(sep))*\(Self.alternation(start))\(bound)") }
        self.phraseRoute = routes.joined(separator: "|")
        self.phraseBody = whole.isEmpty && start.isEmpty ? "" : Self.alternation(whole + start)
        self.anywhereBody = anywhere.isEmpty ? "" : Self.alternation(anywhere)
        self.ambiguousBody = Self.alternation([perSeWords] + ambiguous)
    }

    private mutating func add(
        revocation: Classification, ambiguous: Classification, key: String, language: String
    ) -> String {
        let confusable = Classification(
            intent: .review, tier: .ambiguous, language: language, rule: "any.ambiguous.confusable:\(key)")
        let first = Int32(self.rules.count)
        self.rules += [revocation, ambiguous, confusable]
        self.marks.append(MarkedRule(revocation: first, ambiguous: first + 1, confusable: first + 2))
        return "(*MARK:\(self.marks.count - 1))"
    }

    /// `STOP ALL` → `stop_all`: the part of a rule id that names a word.
    static func ruleKey(_ normalized: String) -> String {
        normalized.lowercased().replacingSpaces()
    }

    static func alternation(_ items: [String]) -> String {
        items.isEmpty ? "(*FAIL)" : "(?:" + items.joined(separator: "|") + ")"
    }
}
