import Foundation

/// Checks a phrase pattern before it is combined with the others.
enum PhrasePatternValidator {
    /// Problems with `pattern`, each a sentence that says what to fix; empty when it is fine.
    static func problems(in pattern: String) -> [String] {
        do {
            _ = try PCRE2Pattern(pattern)
        } catch {
            return ["invalid PCRE2 pattern at offset \(error.offset): \(error.message)"]
        }
        var problems: [String] = []
        if pattern.contains("(*") {
            problems.append("backtracking verbs such as (*MARK) are reserved for the loader; remove them")
        }
        if let wrapped = try? PCRE2Pattern("^(?:\(pattern))$"), wrapped.matches("") {
            problems.append("the pattern matches an empty message, so it would match everything; make a part required")
        }
        for scalar in pattern.unicodeScalars where !scalar.isASCII || scalar == "'" || scalar == "`" {
            if scalar == "'" || scalar == "`" || scalar == "\u{2019}" {
                problems.append("patterns run on normalised text, which has no apostrophes: write DONT, not DON'T")
                break
            }
            let decomposed = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
            if decomposed.count > 1 || decomposed.first != scalar {
                problems.append(
                    "'\(scalar)' never occurs in normalised text (accents and compatibility forms are folded); write \(TextNormalizer.normalize(String(scalar)).text.lowercased()) instead"
                )
                break
            }
        }
        return problems
    }
}
