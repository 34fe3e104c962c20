import Yams

extension KeywordFileParser {
    // MARK: - keywords

    mutating func parseKeywords(_ node: Node) -> [KeywordEntry] {
        guard let mapping = node.mapping else {
            self.report(node.mark?.line, "'keywords' must map intents (opt_out, opt_in, help, confirm, undo) to lists")
            return []
        }
        var entries: [KeywordEntry] = []
        var firstSeen: [String: (intent: ParsedIntent, line: Int?)] = [:]
        for (intentNode, listNode) in mapping {
            let name = intentNode.scalar?.string ?? ""
            guard let intent = ParsedIntent(rawValue: name) else {
                let valid = ParsedIntent.allCases.map(\.rawValue).joined(separator: ", ")
                let hint =
                    name == "join"
                    ? "campaign join keywords come from campaigns at call time; list prefix words such as JOIN under join_prefixes"
                    : "valid intents: \(valid)"
                self.report(intentNode.mark?.line, "unknown intent '\(name)' under keywords; \(hint)")
                continue
            }
            for (text, line) in self.scalarList(listNode, section: "keywords.\(name)") {
                let normalized = TextNormalizer.normalize(text).text
                guard !normalized.isEmpty else {
                    self.report(line, "keyword '\(text)' is empty after normalisation (only punctuation or emoji)")
                    continue
                }
                if let earlier = firstSeen[normalized] {
                    if earlier.intent != intent {
                        let at = earlier.line.map { " (line \($0))" } ?? ""
                        self.report(
                            line,
                            "keyword '\(text)' is listed under two intents, \(earlier.intent.rawValue)\(at) and \(intent.rawValue); keep it under one"
                        )
                    }
                    continue
                }
                firstSeen[normalized] = (intent, line)
                entries.append(KeywordEntry(intent: intent, written: text, normalized: normalized, line: line))
            }
        }
        return entries
    }

    // MARK: - revocation / ambiguous phrases

    mutating func parsePhrases(_ node: Node, section: String) -> [PhraseRule] {
        guard let sequence = node.sequence else {
            self.report(node.mark?.line, "'\(section)' must be a list of {id, pattern, match} entries")
            return []
        }
        if sequence.isEmpty { self.report(node.mark?.line, "'\(section)' is an empty list; add entries or remove the key") }
        var rules: [PhraseRule] = []
        var ids: Set<String> = []
        for item in sequence {
            guard let rule = self.parsePhrase(item, section: section) else { continue }
            guard ids.insert(rule.id).inserted else {
                self.report(rule.line, "id '\(rule.id)' is used twice in \(section); ids must be unique")
                continue
            }
            rules.append(rule)
        }
        return rules
    }

    private mutating func parsePhrase(_ item: Node, section: String) -> PhraseRule? {
        let line = item.mark?.line
        guard let mapping = item.mapping else {
            self.report(line, "each \(section) entry must be a mapping with id and pattern")
            return nil
        }
        var id: String?
        var pattern: String?
        var scope: PhraseScope = section == "ambiguous" ? .anywhere : .whole
        var patternLine = line
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "id":
                id = value.scalar?.string
            case "pattern":
                pattern = value.scalar?.string
                patternLine = value.mark?.line ?? line
            case "match":
                let valid = PhraseScope.allCases.map(\.rawValue).joined(separator: ", ")
                guard let text = value.scalar?.string, let parsed = PhraseScope(rawValue: text) else {
                    self.report(value.mark?.line, "match must be one of \(valid)")
                    continue
                }
                if section == "ambiguous", parsed != .anywhere {
                    self.report(value.mark?.line, "ambiguous phrases always match anywhere; remove 'match'")
                }
                scope = parsed
            case "note":
                continue
            default:
                self.report(keyNode.mark?.line, "unknown key '\(key)' in a \(section) entry; valid keys: id, pattern, match, note")
            }
        }
        guard let id, !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            self.report(line, "\(section) entry needs an id made of a-z, 0-9 and _")
            return nil
        }
        guard let pattern, !pattern.isEmpty else {
            self.report(line, "\(section) entry '\(id)' needs a pattern")
            return nil
        }
        for problem in PhrasePatternValidator.problems(in: pattern) {
            self.report(patternLine, "\(section) phrase '\(id)': \(problem)")
        }
        return PhraseRule(id: id, pattern: pattern, scope: scope, line: line)
    }

    // MARK: - replies

    mutating func parseReplies(_ node: Node, keyLine: Int?, encoding: ReplyEncoding) -> [String: String] {
        guard let mapping = node.mapping else {
            self.report(node.mark?.line, "'replies' must map reply keys to texts")
            return [:]
        }
        var replies: [String: String] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let line = value.mark?.line ?? keyNode.mark?.line
            guard ReplyKey(rawValue: key) != nil else {
                let valid = ReplyKey.allCases.map(\.rawValue).joined(separator: ", ")
                self.report(keyNode.mark?.line, "unknown reply key '\(key)'; valid keys: \(valid)")
                continue
            }
            guard let text = value.scalar?.string, !text.isEmpty else {
                self.report(line, "reply '\(key)' must be a non-empty string")
                continue
            }
            for problem in ReplyTextValidator.problems(in: text, encoding: encoding) {
                self.report(line, "reply '\(key)': \(problem)")
            }
            replies[key] = text
        }
        for key in ReplyKey.allCases where replies[key.rawValue] == nil && !mapping.keys.contains(where: { $0.string == key.rawValue }) {
            self.report(keyLine, "missing reply '\(key.rawValue)'")
        }
        return replies
    }
}
