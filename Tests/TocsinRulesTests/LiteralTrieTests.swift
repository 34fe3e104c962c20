import Testing
@testable import TocsinRules

struct LiteralTrieTests {
    @Test func factorsCommonPrefixesLongestFirst() {
        let pattern = LiteralTrie.alternation([("PLEASE", ""), ("PLS", ""), ("PL", "(*MARK:1)")])
        #expect(pattern == "PL(?:EASE|S|(*MARK:1))")
    }

    @Test func matchesExactlyTheLiterals() throws {
        let words = ["STOP", "STOPALL", "STOP ALL", "取消", "取消訂閱", "A.B"]
        let pattern = try PCRE2Pattern("^" + LiteralTrie.alternation(words.map { ($0, "") }) + "$")
        for word in words { #expect(pattern.matches(word), "\(word)") }
        for other in ["STO", "STOPA", "取", "AXB", ""] { #expect(!pattern.matches(other), "\(other)") }
    }

    @Test func emptyListNeverMatches() throws {
        #expect(LiteralTrie.alternation([]) == "(*FAIL)")
        #expect(!(try PCRE2Pattern(LiteralTrie.alternation([]))).matches("anything"))
    }
}
