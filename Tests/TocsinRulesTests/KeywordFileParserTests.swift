import Testing
import TocsinRules

/// `KeywordSet.check` on broken files: every problem comes with its file and line.
struct KeywordFileParserTests {
    private func issues(_ files: [String: String]) throws -> (TemporaryKeywords, [KeywordFileIssue]) {
        let keywords = try TemporaryKeywords(files)
        return (keywords, KeywordSet.check(directory: keywords.directory))
    }

    @Test func validMinimalFileHasNoIssues() throws {
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en")])
        defer { dir.remove() }
        #expect(issues == [])
        #expect(try KeywordSet.load(directory: dir.directory).languages == ["en"])
    }

    @Test func yamlSyntaxErrorHasALine() throws {
        let broken = "language: en\nkeywords:\n  opt_out: [STOP\nper_se: [stop]\n"
        let (dir, issues) = try self.issues(["en.yaml": broken])
        defer { dir.remove() }
        let issue = try #require(issues.first)
        #expect(issue.file == dir.path("en.yaml"))
        #expect(issue.line != nil)
        #expect(issue.message.hasPrefix("YAML syntax error"))
    }

    @Test func unknownTopLevelKey() throws {
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en", body: "colour: red")])
        defer { dir.remove() }
        #expect(issues.map(\.description) == ["\(dir.path("en.yaml")):2: unknown key 'colour'; valid keys: language, reply_encoding, keywords, join_prefixes, per_se, filler, revocation, ambiguous, replies"])
    }

    @Test func unknownIntentAndJoinHint() throws {
        let keywords = "  opt_out: [STOP]\n  stahp: [HALT]\n  join: [RIGHTS]"
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en", keywords: keywords)])
        defer { dir.remove() }
        #expect(issues.count == 2)
        #expect(issues.first { $0.message.contains("'stahp'") }?.line == 4)
        #expect(issues.first { $0.message.contains("'join'") }?.message.contains("join_prefixes") == true)
    }

    @Test func keywordUnderTwoIntents() throws {
        let keywords = "  opt_out: [STOP]\n  help: [HELP, Stop!]"
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en", keywords: keywords)])
        defer { dir.remove() }
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.line == 4)
        #expect(issue.message.contains("two intents, opt_out (line 3) and help"))
    }

    @Test func keywordInTwoLanguageFiles() throws {
        let (dir, issues) = try self.issues([
            "en.yaml": TemporaryKeywords.file("en"),
            "fr.yaml": TemporaryKeywords.file("fr", keywords: "  opt_out: [ARRET, stop]"),
        ])
        defer { dir.remove() }
        let issue = try #require(issues.first)
        #expect(issue.file == dir.path("fr.yaml"))
        #expect(issue.line == 3)
        #expect(issue.message.contains("already listed under opt_out in \(dir.path("en.yaml")):3"))
    }

    @Test func invalidPatternReportsOffset() throws {
        let body = "revocation:\n  - id: remove_me\n    pattern: 'remove (me'"
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en", body: body)])
        defer { dir.remove() }
        let issue = try #require(issues.first)
        #expect(issue.line == 4)
        #expect(issue.message.contains("revocation phrase 'remove_me': invalid PCRE2 pattern at offset 10"))
    }

    @Test func patternsThatCanNeverOrAlwaysMatch() throws {
        let body = """
            revocation:
              - id: everything
                match: anywhere
                pattern: '(?:stop)?'
              - id: accents
                pattern: 'arrêtez'
              - id: apostrophe
                pattern: "don't text"
              - id: bad_scope
                match: somewhere
                pattern: 'x y'
            """
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en", body: body)])
        defer { dir.remove() }
        let messages = issues.map(\.message)
        #expect(messages.contains { $0.contains("'everything'") && $0.contains("matches an empty message") })
        #expect(messages.contains { $0.contains("'accents'") && $0.contains("never occurs in normalised text") })
        #expect(messages.contains { $0.contains("'apostrophe'") && $0.contains("no apostrophes") })
        #expect(issues.first { $0.message.contains("match must be one of whole, start, anywhere") }?.line == 11)
    }

    @Test func emptyLists() throws {
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en", keywords: "  opt_out: []")])
        defer { dir.remove() }
        let issue = try #require(issues.first)
        #expect(issue.line == 3)
        #expect(issue.message.contains("'keywords.opt_out' is an empty list"))
    }

    @Test func missingReplyKeyAndUnknownPlaceholder() throws {
        let text = TemporaryKeywords.file("en")
            .replacingOccurrences(of: "  help: \"{brand}: help at {support}. Reply STOP to cancel.\"\n", with: "")
            .replacingOccurrences(of: "Reply START to resubscribe.", with: "Reply START, {name}.")
        let (dir, issues) = try self.issues(["en.yaml": text])
        defer { dir.remove() }
        #expect(issues.contains { $0.message == "missing reply 'help'" && $0.line == 6 })
        #expect(issues.contains { $0.message.contains("unknown placeholder {name}") && $0.line == 9 })
    }

    @Test func nonGSMCharacterInAGSMLanguage() throws {
        let french = TemporaryKeywords.file("fr", keywords: "  opt_out: [ARRET]")
            .replacingOccurrences(of: "Reply STOP to cancel.", with: "Répondez ARRÊT pour annuler.")
        let (dir, issues) = try self.issues(["en.yaml": TemporaryKeywords.file("en"), "fr.yaml": french])
        defer { dir.remove() }
        let issue = try #require(issues.first)
        #expect(issue.file == dir.path("fr.yaml"))
        #expect(issue.message.contains("'Ê' (U+00CA) is not in the GSM-7 alphabet"))
        #expect(issue.message.contains("write ARRET"))
    }

    @Test func languageMustMatchFileNameAndEnglishIsRequired() throws {
        let (dir, issues) = try self.issues(["fr.yaml": TemporaryKeywords.file("es")])
        defer { dir.remove() }
        #expect(issues.contains { $0.line == 1 && $0.message.contains("does not match the file name") })
        #expect(issues.contains { $0.file == dir.directory && $0.message.contains("no en.yaml") })
    }

    @Test func missingRequiredSection() throws {
        let text = TemporaryKeywords.file("en").replacingOccurrences(of: "filler: [please]\n", with: "")
        let (dir, issues) = try self.issues(["en.yaml": text])
        defer { dir.remove() }
        #expect(issues.map(\.message) == ["missing required key 'filler'"])
    }

    @Test func loadThrowsTheFirstIssue() throws {
        let dir = try TemporaryKeywords(["en.yaml": TemporaryKeywords.file("en", keywords: "  opt_out: []\n  oops: [X]")])
        defer { dir.remove() }
        #expect(throws: KeywordFileError.self) { try KeywordSet.load(directory: dir.directory) }
        do {
            _ = try KeywordSet.load(directory: dir.directory)
        } catch {
            #expect(error.issue == KeywordSet.check(directory: dir.directory).first)
            #expect(error.issueCount == 2)
            #expect(error.description.contains("and 1 more"))
        }
    }

    @Test func missingDirectory() {
        let issues = KeywordSet.check(directory: "/nonexistent/tocsin-keywords")
        #expect(issues.count == 1)
        #expect(issues.first?.message.contains("cannot read the keyword directory") == true)
    }

    @Test func repositoryKeywordFilesAreClean() {
        #expect(KeywordSet.check(directory: TestPaths.keywords) == [])
    }
}
