import Foundation

extension KeywordSet {
    /// Loads every `*.yaml` file of `directory`.
    ///
    /// - Throws: ``KeywordFileError`` with the first problem ``check(directory:)`` would report.
    public static func load(directory: String) throws(KeywordFileError) -> KeywordSet {
        let (set, issues) = Self.read(directory: directory)
        if let first = issues.first { throw KeywordFileError(issue: first, issueCount: issues.count) }
        guard let set else {
            throw KeywordFileError(issue: KeywordFileIssue(file: directory, line: nil, message: "no keyword files loaded"))
        }
        return set
    }

    /// Every problem in the keyword files of `directory` (empty when they load), for `tocsin keywords check`.
    public static func check(directory: String) -> [KeywordFileIssue] {
        Self.read(directory: directory).issues
    }

    static func read(directory: String) -> (set: KeywordSet?, issues: [KeywordFileIssue]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            return (nil, [KeywordFileIssue(file: directory, line: nil, message: "cannot read the keyword directory: \(error.localizedDescription)")])
        }
        guard !names.isEmpty else {
            return (nil, [KeywordFileIssue(file: directory, line: nil, message: "no .yaml keyword files; add en.yaml at least")])
        }
        var issues: [KeywordFileIssue] = []
        var parsed: [LanguageRules] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let language = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
            guard let data = FileManager.default.contents(atPath: path), let yaml = String(data: data, encoding: .utf8) else {
                issues.append(KeywordFileIssue(file: path, line: nil, message: "cannot read the file as UTF-8"))
                continue
            }
            var parser = KeywordFileParser(file: path, expectedLanguage: language)
            parsed.append(parser.parse(yaml))
            issues += parser.issues
        }
        if !parsed.contains(where: { $0.language == "en" }) {
            issues.append(KeywordFileIssue(file: directory, line: nil, message: "no en.yaml: replies fall back to English, so it is required"))
        }
        issues += KeywordSetValidator.crossFileIssues(parsed)
        guard issues.isEmpty else { return (nil, issues) }
        do {
            return (try KeywordSet(rules: parsed), [])
        } catch {
            let message = "the combined patterns do not compile (\(error.message) at offset \(error.offset)); check the phrase patterns for named groups or unbalanced parentheses"
            return (nil, [KeywordFileIssue(file: directory, line: nil, message: message)])
        }
    }
}
