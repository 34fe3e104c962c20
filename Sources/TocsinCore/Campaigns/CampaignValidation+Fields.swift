import Foundation

extension CampaignValidation {
    /// A join keyword as stored and compared: trimmed, without accents, half-width, upper case
    /// (`" liberté "` → `"LIBERTE"`, `"ＲＩＧＨＴＳ"` → `"RIGHTS"`).
    public static func normalizeKeyword(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            .uppercased()
    }

    /// What is wrong with one join keyword (already normalised), or nil when it is usable.
    public func keywordProblem(_ keyword: String) -> String? {
        if keyword.isEmpty { return "keywords must not contain an empty keyword" }
        if keyword.contains(where: \.isWhitespace) {
            return "keyword '\(keyword)' must be one word without spaces (supporters text it alone, or after JOIN)"
        }
        if !keyword.allSatisfy({ $0.isLetter || $0.isNumber }) {
            return "keyword '\(keyword)' may contain only letters and digits"
        }
        if !Self.keywordLength.contains(keyword.count) {
            return "keyword '\(keyword)' must be \(Self.keywordLength.lowerBound)–\(Self.keywordLength.upperBound) characters long, not \(keyword.count)"
        }
        if Self.hasTripledASCIILetter(keyword) {
            return "keyword '\(keyword)' repeats a letter three times in a row; texts are read with such runs squeezed, so use at most two"
        }
        if self.isReservedKeyword(keyword) {
            return "keyword '\(keyword)' is a system keyword (opt-out, opt-in, help, confirm, undo or join) in a supported language; choose another"
        }
        return nil
    }

    func keywords(_ raw: [String], _ problems: inout [String]) -> [String]? {
        guard Self.keywordCount.contains(raw.count) else {
            problems.append("keywords needs \(Self.keywordCount.lowerBound)–\(Self.keywordCount.upperBound) join keywords, not \(raw.count)")
            return nil
        }
        var result: [String] = []
        var failed = false
        for keyword in raw.map(Self.normalizeKeyword) {
            if let problem = self.keywordProblem(keyword) {
                problems.append(problem)
                failed = true
            } else if result.contains(keyword) {
                problems.append("keyword '\(keyword)' is listed twice")
                failed = true
            } else {
                result.append(keyword)
            }
        }
        return failed ? nil : result
    }

    func languages(_ raw: [String], _ problems: inout [String]) -> [String]? {
        guard !raw.isEmpty else {
            problems.append("languages needs at least one language (one of \(self.supportedLanguages.joined(separator: ", ")))")
            return nil
        }
        var result: [String] = []
        var failed = false
        for language in raw.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if !self.supportedLanguages.contains(language) {
                problems.append(
                    "language '\(language)' has no keyword file; use one of \(self.supportedLanguages.joined(separator: ", "))"
                )
                failed = true
            } else if !result.contains(language) {
                result.append(language)
            }
        }
        return failed ? nil : result
    }

    /// An ISO 3166-1 alpha-2 code, optionally with a subdivision (`US`, `gb` → `GB`, `US-CA`).
    static func jurisdiction(_ raw: String, _ problems: inout [String]) -> String? {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        let isLetter: (Character) -> Bool = { $0.isASCII && $0.isLetter }
        let country = parts.first.map { $0.count == 2 && $0.allSatisfy(isLetter) } ?? false
        let subdivision = parts.count == 1
            || (parts.count == 2 && (1...3).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard country, subdivision else {
            problems.append("jurisdiction '\(raw)' must be an ISO 3166 country code such as US, CA, HK or GB (or a subdivision such as US-CA)")
            return nil
        }
        return code
    }

    /// What is wrong with an action link, or nil; an empty link is fine (it clears the link).
    static func actionLinkProblem(_ raw: String) -> String? {
        let link = raw.trimmingCharacters(in: .whitespaces)
        if link.isEmpty { return nil }
        guard Self.actionLinkLength.contains(link.count) else {
            return "action_link must be at most \(Self.actionLinkLength.upperBound) characters"
        }
        guard !link.contains(where: { $0.isWhitespace }), let url = URL(string: link),
            let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            return "action_link '\(raw)' must be an http or https URL such as https://example.org/act"
        }
        return nil
    }

    /// A one-line text field: trimmed, no line breaks, length within `range`.
    static func line(_ raw: String, _ name: String, _ range: ClosedRange<Int>, _ problems: inout [String]) -> String? {
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).contains(where: \.isNewline) else {
            problems.append("\(name) must be one line (no line breaks)")
            return nil
        }
        return Self.text(raw, name, range, &problems)
    }

    /// A text field: trimmed, length within `range`.
    static func text(_ raw: String, _ name: String, _ range: ClosedRange<Int>, _ problems: inout [String]) -> String? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard range.contains(text.count) else {
            if range.lowerBound > 0 && text.isEmpty {
                problems.append("\(name) must not be empty")
            } else {
                problems.append("\(name) must be at most \(range.upperBound) characters, not \(text.count)")
            }
            return nil
        }
        return text
    }

    static func hasTripledASCIILetter(_ keyword: String) -> Bool {
        var previous: Character?
        var run = 0
        for character in keyword {
            run = character == previous ? run + 1 : 1
            previous = character
            if run >= 3, character.isASCII, character.isLetter { return true }
        }
        return false
    }
}
