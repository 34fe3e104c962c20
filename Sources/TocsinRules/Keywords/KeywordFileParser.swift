import Yams

/// Parses one keyword file into ``LanguageRules`` and collects every problem it finds, with its line.
///
/// The schema is documented in `Keywords/README.md`. Lines come from the node marks of Yams' `compose`.
struct KeywordFileParser {
    /// Path shown in issues.
    let file: String
    /// The language the file name promises (`en` for `en.yaml`).
    let expectedLanguage: String
    /// Problems found so far.
    private(set) var issues: [KeywordFileIssue] = []

    static let sections = [
        "language", "reply_encoding", "keywords", "join_prefixes", "per_se", "filler", "revocation", "ambiguous",
        "replies",
    ]
    static let requiredSections = ["language", "keywords", "per_se", "filler", "replies"]

    init(file: String, expectedLanguage: String) {
        self.file = file
        self.expectedLanguage = expectedLanguage
    }

    mutating func report(_ line: Int?, _ message: String) {
        self.issues.append(KeywordFileIssue(file: self.file, line: line, message: message))
    }

    /// Parses `yaml`; the result is complete only when no issue was reported.
    mutating func parse(_ yaml: String) -> LanguageRules {
        var rules = LanguageRules(language: self.expectedLanguage, file: self.file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            let (line, message) = Self.describe(error)
            self.report(line, "YAML syntax error: \(message)")
            return rules
        }
        guard let root, let mapping = root.mapping else {
            self.report(root?.mark?.line ?? 1, "the file must be a YAML mapping with the keys \(Self.sections.joined(separator: ", "))")
            return rules
        }
        var seen: Set<String> = []
        var replyNode: (line: Int?, node: Node)?
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line
            guard let key = keyNode.scalar?.string else {
                self.report(line, "top-level keys must be plain strings")
                continue
            }
            guard seen.insert(key).inserted else {
                self.report(line, "key '\(key)' appears twice; merge the two entries")
                continue
            }
            switch key {
            case "language": self.parseLanguage(value, into: &rules)
            case "reply_encoding": self.parseReplyEncoding(value, into: &rules)
            case "keywords": rules.keywords = self.parseKeywords(value)
            case "join_prefixes": rules.joinPrefixes = self.parseWords(value, section: key)
            case "per_se": rules.perSe = self.parseWords(value, section: key)
            case "filler": rules.filler = self.parseWords(value, section: key)
            case "revocation": rules.revocation = self.parsePhrases(value, section: key)
            case "ambiguous": rules.ambiguous = self.parsePhrases(value, section: key)
            case "replies": replyNode = (line, value)
            default:
                self.report(line, "unknown key '\(key)'; valid keys: \(Self.sections.joined(separator: ", "))")
            }
        }
        for section in Self.requiredSections where !seen.contains(section) {
            self.report(root.mark?.line ?? 1, "missing required key '\(section)'")
        }
        if let replyNode {
            rules.replies = self.parseReplies(replyNode.node, keyLine: replyNode.line, encoding: rules.replyEncoding)
        }
        return rules
    }

    // MARK: - Scalars

    private mutating func parseLanguage(_ node: Node, into rules: inout LanguageRules) {
        guard let value = node.scalar?.string else {
            self.report(node.mark?.line, "'language' must be a language code such as \(self.expectedLanguage)")
            return
        }
        if value != self.expectedLanguage {
            self.report(
                node.mark?.line,
                "language '\(value)' does not match the file name; rename the file to \(value).yaml or set language: \(self.expectedLanguage)"
            )
        }
    }

    private mutating func parseReplyEncoding(_ node: Node, into rules: inout LanguageRules) {
        let valid = ReplyEncoding.allCases.map(\.rawValue).joined(separator: " or ")
        guard let value = node.scalar?.string, let encoding = ReplyEncoding(rawValue: value) else {
            self.report(node.mark?.line, "reply_encoding must be \(valid)")
            return
        }
        rules.replyEncoding = encoding
    }

    /// The strings of a non-empty sequence of scalars; reports anything else.
    mutating func scalarList(_ node: Node, section: String) -> [(String, Int?)] {
        guard let sequence = node.sequence else {
            self.report(node.mark?.line, "'\(section)' must be a list, e.g. [WORD, OTHER WORD]")
            return []
        }
        if sequence.isEmpty {
            self.report(node.mark?.line, "'\(section)' is an empty list; add entries or remove the key")
        }
        var items: [(String, Int?)] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                self.report(item.mark?.line, "every entry of '\(section)' must be a plain string")
                continue
            }
            items.append((text, item.mark?.line))
        }
        return items
    }

    private mutating func parseWords(_ node: Node, section: String) -> [ListedWord] {
        var words: [ListedWord] = []
        for (text, line) in self.scalarList(node, section: section) {
            let normalized = TextNormalizer.normalize(text).text
            guard !normalized.isEmpty else {
                self.report(line, "'\(text)' in \(section) is empty after normalisation (only punctuation or emoji)")
                continue
            }
            words.append(ListedWord(written: text, normalized: normalized, line: line))
        }
        return words
    }

    // MARK: - Errors from Yams

    static func describe(_ error: any Error) -> (line: Int?, message: String) {
        guard let yamlError = error as? YamlError else { return (nil, "\(error)") }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return (mark.line, problem + detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicated keys \(duplicates.joined(separator: ", ")); merge them")
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(yamlError)")
        }
    }
}
