public import TocsinCore

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

    /// Revocation patterns anchored at the start: per-se words and `whole` phrases with filler around
    /// them, and `start` phrases.
    private(set) var anchored = ""
    /// Revocation `anywhere` phrases (empty when there are none).
    private(set) var anywhere = ""
    /// Per-se words anywhere and the ambiguous phrases.
    private(set) var ambiguous = ""

    init(languages: [LanguageRules]) {
        var fillers = Set<String>()
        var perSe: [(length: Int, alternative: String)] = []
        var whole: [String] = []
        var start: [String] = []
        var anywhere: [String] = []
        var ambiguous: [String] = []
        for rules in languages {
            for word in rules.filler { fillers.insert(Self.escape(word.normalized)) }
            for word in rules.perSe {
                let key = Self.ruleKey(word.normalized)
                let mark = self.add(
                    revocation: .init(intent: .optOut, tier: .revocation, language: rules.language,
                                      rule: "\(rules.language).revocation.filler:\(key)"),
                    ambiguous: .init(intent: .review, tier: .ambiguous, language: rules.language,
                                     rule: "any.ambiguous.per_se:\(key)"),
                    key: key, language: rules.language)
                perSe.append((word.normalized.utf8.count, Self.escape(word.normalized) + mark))
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
                case .anywhere: anywhere.append(alternative)
                }
            }
            for phrase in rules.ambiguous {
                let review = Classification(
                    intent: .review, tier: .ambiguous, language: rules.language,
                    rule: "\(rules.language).ambiguous.phrase:\(phrase.id)")
                let mark = self.add(revocation: review, ambiguous: review, key: phrase.id, language: rules.language)
                ambiguous.append("(?:\(phrase.pattern))\(mark)")
            }
        }
        let filler = Self.alternation(fillers.sorted { ($0.count, $0) > ($1.count, $1) })
        // Longest first, so that "取消訂閱" reports itself rather than "取消".
        let perSeWords = perSe.enumerated().sorted { ($0.element.length, -$0.offset) > ($1.element.length, -$1.offset) }
            .map(\.element.alternative)
        let words = Self.alternation(perSeWords + whole)
        let (sep, bound) = (Self.separator, Self.boundary)
        var anchoredBranches = ["^(?:\(filler)\(sep))*\(words)(?:\(sep)(?:\(filler)|\(words)))*$"]
        if !start.isEmpty { anchoredBranches.append("^(?:\(filler)\(sep))*\(Self.alternation(start))\(bound)") }
        self.anchored = anchoredBranches.joined(separator: "|")
        self.anywhere = anywhere.isEmpty ? "" : "\(bound)\(Self.alternation(anywhere))\(bound)"
        self.ambiguous = "\(bound)\(Self.alternation(perSeWords + ambiguous))\(bound)"
    }

    private mutating func add(
        revocation: Classification, ambiguous: Classification, key: String, language: String
    ) -> String {
        let confusable = Classification(
            intent: .review, tier: .ambiguous, language: language, rule: "any.ambiguous.confusable:\(key)")
        self.marks.append(MarkedRule(revocation: revocation, ambiguous: ambiguous, confusable: confusable))
        return "(*MARK:\(self.marks.count - 1))"
    }

    /// `STOP ALL` → `stop_all`: the part of a rule id that names a word.
    static func ruleKey(_ normalized: String) -> String {
        normalized.lowercased().replacingSpaces()
    }

    static func alternation(_ items: [String]) -> String {
        items.isEmpty ? "(*FAIL)" : "(?:" + items.joined(separator: "|") + ")"
    }

    /// Escapes PCRE2 metacharacters in a literal.
    static func escape(_ literal: String) -> String {
        var out = ""
        for character in literal {
            if "\\^$.|?*+()[]{}#-".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension String {
    func replacingSpaces() -> String {
        String(self.map { $0 == " " ? "_" : $0 })
    }
}
