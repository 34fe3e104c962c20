/// Checks that span files: a keyword or per-se word may be listed in one language only, and a join prefix
/// must not be another intent's keyword.
enum KeywordSetValidator {
    static func crossFileIssues(_ languages: [LanguageRules]) -> [KeywordFileIssue] {
        var issues: [KeywordFileIssue] = []
        var keywords: [String: (rules: LanguageRules, entry: KeywordEntry)] = [:]
        var perSe: [String: (rules: LanguageRules, word: ListedWord)] = [:]
        for rules in languages {
            for entry in rules.keywords {
                if let earlier = keywords[entry.normalized] {
                    let at = Self.place(earlier.rules.file, earlier.entry.line)
                    issues.append(KeywordFileIssue(
                        file: rules.file, line: entry.line,
                        message: "keyword '\(entry.written)' (\(entry.intent.rawValue)) is already listed under \(earlier.entry.intent.rawValue) in \(at); a keyword belongs to one language and one intent"
                    ))
                } else {
                    keywords[entry.normalized] = (rules, entry)
                }
            }
            for word in rules.perSe {
                if let earlier = perSe[word.normalized], earlier.rules.language != rules.language {
                    issues.append(KeywordFileIssue(
                        file: rules.file, line: word.line,
                        message: "per-se word '\(word.written)' is already listed in \(Self.place(earlier.rules.file, earlier.word.line)); list it in one language"
                    ))
                } else if perSe[word.normalized] == nil {
                    perSe[word.normalized] = (rules, word)
                }
            }
        }
        for rules in languages {
            for prefix in rules.joinPrefixes {
                if let clash = keywords[prefix.normalized], clash.entry.intent != .optIn {
                    issues.append(KeywordFileIssue(
                        file: rules.file, line: prefix.line,
                        message: "join prefix '\(prefix.written)' is a \(clash.entry.intent.rawValue) keyword in \(Self.place(clash.rules.file, clash.entry.line)); pick another prefix"
                    ))
                }
            }
        }
        return issues
    }

    private static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }
}
