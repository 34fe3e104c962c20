import Foundation

/// Content a message must carry: e.g. the program name in a first message, a bilingual unsubscribe statement.
///
/// Phrases are matched in the rendered body, ignoring case and accents; `{brand}` and `{program}` in a phrase
/// stand for the organisation's brand and the campaign's program name; a phrase starting with `re:` is a
/// regular expression.
public struct ContentRule: Sendable, Hashable {
    /// When the rule applies.
    public enum When: String, Sendable, Hashable, CaseIterable {
        case everyMessage = "every_message"
        /// Only the campaign's first alert.
        case firstMessage = "first_message"
        /// Only when the sender cannot receive replies (alphanumeric or HK "#" sender IDs).
        case oneWaySender = "one_way_sender"
    }

    /// How the languages of ``phrases`` are read.
    public enum Coverage: String, Sendable, Hashable, CaseIterable {
        /// Every body must contain a phrase of each listed language (a bilingual statement in one message).
        case eachBody = "each_body"
        /// The alert needs a body in each listed language, each containing a phrase of its own language.
        case perLanguage = "per_language"
    }

    public var citation: RuleCitation
    public var scope: PolicyScope
    public var when: When
    public var coverage: Coverage
    /// What is required, in plain words ("an unsubscribe statement in Chinese and English").
    public var requirement: String
    /// Accepted phrases per language (`any` for every language).
    public var phrases: [String: [String]]
    /// The phrase must appear within this many characters of the start (voice identification), else anywhere.
    public var withinFirst: Int?

    public init(
        citation: RuleCitation, scope: PolicyScope, when: When, coverage: Coverage = .eachBody, requirement: String,
        phrases: [String: [String]], withinFirst: Int? = nil
    ) {
        self.citation = citation
        self.scope = scope
        self.when = when
        self.coverage = coverage
        self.requirement = requirement
        self.phrases = phrases
        self.withinFirst = withinFirst
    }

    /// Whether `text` contains one of `phrases`, with `{brand}` and `{program}` filled in.
    public func contains(_ text: String, phrases: [String], brand: String, program: String) -> Bool {
        let haystack = self.withinFirst.map { String(text.prefix($0)) } ?? text
        for phrase in phrases {
            if phrase.hasPrefix("re:") {
                let pattern = String(phrase.dropFirst(3))
                if haystack.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil { return true }
                continue
            }
            let filled = phrase.replacingOccurrences(of: "{brand}", with: brand).replacingOccurrences(of: "{program}", with: program)
            if !filled.isEmpty, haystack.range(of: filled, options: [.caseInsensitive, .diacriticInsensitive]) != nil { return true }
        }
        return false
    }
}
