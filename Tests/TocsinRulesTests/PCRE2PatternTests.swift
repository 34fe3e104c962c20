import Testing
@testable import TocsinRules

struct PCRE2PatternTests {
    @Test func compileErrorHasMessageAndOffset() {
        #expect(throws: PCRE2Error.self) { try PCRE2Pattern("remove (me") }
        do {
            _ = try PCRE2Pattern("remove (me")
            Issue.record("an unbalanced pattern compiled")
        } catch {
            #expect(error.offset == 10)
            #expect(error.message.contains("parenthesis"))
            #expect(error.description.contains("offset 10"))
        }
    }

    @Test func isJITCompiledUTFAndCaseless() throws {
        let pattern = try PCRE2Pattern("arrêt|取消")
        #expect(pattern.isJITCompiled)
        #expect(pattern.isUTF)
        #expect(pattern.matches("ARRÊT"))  // caseless across non-ASCII letters
        #expect(pattern.matches("請取消"))
        #expect(!pattern.matches("arret"))
    }

    @Test func utfModeTreatsAScalarAsOneCharacter() throws {
        let dot = try PCRE2Pattern("^.$")
        #expect(dot.matches("取"))
        #expect(dot.matches("é"))
        #expect(!dot.matches("ab"))
        let match = try #require(try PCRE2Pattern("消").firstMatch(in: "取消"))
        #expect(match.utf8Range == 3..<6)
        #expect(match.text == "消")
    }

    @Test func ucpMakesClassesUnicodeAware() throws {
        #expect(try PCRE2Pattern(#"^\w+$"#).matches("ÉTÉ"))
        #expect(try PCRE2Pattern(#"^\p{Han}+$"#).matches("取消訂閱"))
    }

    @Test func caseSensitiveWhenAsked() throws {
        #expect(!(try PCRE2Pattern("stop", caseless: false).matches("STOP")))
    }

    @Test func reportsTheLastMark() throws {
        let pattern = try PCRE2Pattern("(?:stop(*MARK:0)|quit(*MARK:1))")
        #expect(pattern.firstMatch(in: "please quit")?.mark == "1")
        #expect(pattern.firstMatch(in: "nothing") == nil)
    }

    @Test func matchLimitStopsRunawayBacktracking() throws {
        let pattern = try PCRE2Pattern("^(a+)+$", matchLimit: 1_000)
        let subject = String(repeating: "a", count: 40) + "b"
        #expect(pattern.firstMatch(in: subject) == nil)
        var text = subject
        let code = text.withUTF8 { pattern.run($0, scratch: PCRE2MatchScratch()) }
        #expect(code == -47)  // PCRE2_ERROR_MATCHLIMIT, not a plain "no match"
    }

    @Test func sharedAcrossConcurrentTasks() async throws {
        let pattern = try PCRE2Pattern("stop")
        let hits = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask { (0..<2_000).filter { pattern.matches($0 % 2 == 0 ? "stop \(task)" : "go \(task)") }.count }
            }
            return await group.reduce(0, +)
        }
        #expect(hits == 8_000)
    }

    @Test func emptySubjectIsFine() throws {
        #expect(try PCRE2Pattern("^$").matches(""))
        #expect(!(try PCRE2Pattern("x").matches("")))
    }
}
