import Testing
import TocsinCore
@testable import TocsinRules

struct KeywordClassifierTests {
    let classifier = SharedKeywords.classifier

    /// Every per-se word of every language, with its language.
    static let perSeWords: [String] = SharedKeywords.set.rules.values
        .flatMap { rules in rules.perSe.map { "\(rules.language):\($0.written)" } }.sorted()

    private static func split(_ entry: String) -> (language: String, word: String) {
        let parts = entry.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
    }

    private static let filler = ["en": ("please", "thank you"), "fr": ("svp", "merci"), "es": ("por favor", "gracias"), "zh": ("唔該", "謝謝")]
    private static let advocacy = ["en": "the death penalty", "fr": "la répression policière", "es": "la represión", "zh": "警察暴力"]

    @Test(arguments: perSeWords)
    func perSeWordAloneIsAnOptOut(_ entry: String) {
        let (language, word) = Self.split(entry)
        let result = self.classifier.classify(word)
        #expect(result.intent == .optOut, "\(word): \(result)")
        #expect(result.tier == .exact || result.tier == .revocation)
        #expect(result.language == language)
    }

    @Test(arguments: perSeWords)
    func perSeWordWithFillerIsARevocation(_ entry: String) throws {
        let (language, word) = Self.split(entry)
        let (before, after) = try #require(Self.filler[language])
        for text in ["\(before) \(word)", "\(word) \(after)", "\(before.uppercased()), \(word)!! \(after)."] {
            let result = self.classifier.classify(text)
            #expect(result.intent == .optOut && result.tier == .revocation, "\(text): \(result)")
            #expect(result.language == language)
            #expect(result.rule?.hasPrefix("\(language).revocation.") == true)
        }
    }

    @Test(arguments: perSeWords)
    func perSeWordInAnAdvocacySentenceIsReviewedNeverOptedOut(_ entry: String) throws {
        let (language, word) = Self.split(entry)
        let tail = try #require(Self.advocacy[language])
        for text in ["\(word) \(tail)", "We must \(word) \(tail) now", "\(word) 12345"] {
            let result = self.classifier.classify(text)
            #expect(result.intent == .review && result.tier == .ambiguous, "\(text): \(result)")
        }
    }

    @Test func noAdvocacyRowOfTheCorpusIsEverAnOptOut() {
        let rows = ClassifierCorpus.rows.filter { $0.intent == .review }
        #expect(rows.count >= 80)
        for row in rows {
            let result = self.classifier.classify(row.text, campaignKeywords: SharedKeywords.campaigns)
            #expect(result.intent != .optOut, "line \(row.line): \(row.raw) became an opt-out (\(result.rule ?? ""))")
        }
    }

    @Test func ruleIdsAreStable() {
        #expect(self.classifier.classify("STOP").rule == "en.opt_out.exact:STOP")
        #expect(self.classifier.classify("stop all").rule == "en.opt_out.exact:STOP_ALL")
        #expect(self.classifier.classify("remove me").rule == "en.revocation.phrase:remove_me_short")
        #expect(self.classifier.classify("Stop please").rule == "en.revocation.filler:stop")
        #expect(self.classifier.classify("STOP police violence").rule == "any.ambiguous.per_se:stop")
        #expect(self.classifier.classify("STОP").rule == "any.ambiguous.confusable:stop")
        #expect(self.classifier.classify("rights", campaignKeywords: SharedKeywords.campaigns).rule == "campaign.join:RIGHTS")
    }

    @Test func campaignJoinsCarryTheKeyword() {
        let joined = self.classifier.classify("Join #FreeHK!", campaignKeywords: SharedKeywords.campaigns)
        #expect(joined == Classification(intent: .join, tier: .exact, language: "en", rule: "campaign.join:FREEHK", campaignKeyword: "FREEHK"))
        #expect(self.classifier.classify("RIGHTS").intent == .none, "campaign keywords come only at call time")
    }

    @Test func systemKeywordsWinOverClashingCampaignKeywords() {
        let clashing = CampaignKeywordIndex(["STOP": "bad-campaign", "HELP": "other"])
        #expect(self.classifier.classify("stop", campaignKeywords: clashing).intent == .optOut)
        #expect(self.classifier.classify("help", campaignKeywords: clashing).intent == .help)
    }

    @Test func emptyAndSymbolOnlyMessagesAreUnmatched() {
        for text in ["", "   ", "🙏", "\u{200B}\u{200B}", "?!"] {
            #expect(self.classifier.classify(text) == .unmatched)
        }
    }

    @Test func longMessagesStillClassify() {
        let padding = String(repeating: "We stand with the people of Hong Kong. ", count: 40)
        #expect(self.classifier.classify(padding + "Please stop texting me.").intent == .optOut)
        #expect(self.classifier.classify(padding + "Stop the extradition bill!").intent == .review)
        #expect(self.classifier.classify(padding).intent == .none)
    }

    @Test func concurrentCallersGetTheSameAnswers() async {
        let texts = ClassifierCorpus.rows.map(\.text)
        let expected = texts.map { self.classifier.classify($0, campaignKeywords: SharedKeywords.campaigns) }
        let classifier = self.classifier
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    zip(texts, expected).filter { classifier.classify($0, campaignKeywords: SharedKeywords.campaigns) != $1 }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
