import Testing
import TocsinCore
@testable import TocsinRules

struct KeywordSetTests {
    let set = SharedKeywords.set

    @Test func loadsTheFourLanguages() {
        #expect(self.set.languages == ["en", "es", "fr", "zh"])
    }

    @Test(arguments: ["en", "fr", "es", "zh"])
    func everyLanguageHasEveryReply(_ language: String) throws {
        for key in ReplyKey.allCases {
            let own = try #require(self.set.rules[language]?.replies[key.rawValue], "\(language) lacks \(key.rawValue)")
            #expect(self.set.reply(key, language: language) == own)
        }
    }

    @Test func englishRepliesAreTheRequiredTexts() {
        #expect(
            self.set.reply(.optOutConfirmation, language: "en")
                == "{brand}: you're unsubscribed and will receive no more messages. Reply START to resubscribe.")
        #expect(
            self.set.reply("help", language: "en")
                == "{brand}: alerts for human-rights action. Help: {support}. {frequency}. Msg & data rates may apply. Reply STOP to cancel."
        )
    }

    @Test func unknownLanguageFallsBackToEnglishAndUnknownKeyIsNil() {
        #expect(self.set.reply(.help, language: "de") == self.set.reply(.help, language: "en"))
        #expect(self.set.reply("farewell", language: "fr") == nil)
    }

    @Test func frenchRepliesWriteARRETNeverARRETWithCircumflex() throws {
        for key in ReplyKey.allCases {
            let text = try #require(self.set.reply(key, language: "fr"))
            #expect(!text.contains("Ê") && !text.contains("ê"), "fr \(key.rawValue): \(text)")
        }
        #expect(self.set.reply(.help, language: "fr")?.contains("Répondez ARRET pour annuler") == true)
        #expect(self.set.reply(.optInConfirmation, language: "fr")?.contains("ARRET pour annuler") == true)
    }

    @Test(arguments: ["en", "fr", "es"])
    func gsmRepliesFitOneSMSWithRealisticValues(_ language: String) throws {
        let values: [ReplyPlaceholder: String] = [
            .brand: "Amnesty HK", .program: "Amnesty Alerts", .frequency: "Up to 4 msgs/month",
            .support: "1-800-555-0100", .keyword: "RIGHTS",
        ]
        for key in ReplyKey.allCases {
            let text = try #require(self.set.renderReply(key, language: language, values: values))
            let (septets, offending) = GSM7Alphabet.septets(text)
            #expect(offending == nil, "\(language) \(key.rawValue) has \(String(describing: offending))")
            #expect(septets <= 160, "\(language) \(key.rawValue) is \(septets) characters: \(text)")
            #expect(!text.contains("{"), "\(language) \(key.rawValue) left a placeholder")
        }
    }

    @Test func chineseRepliesAreTraditional() throws {
        let help = try #require(self.set.reply(.help, language: "zh"))
        #expect(help.contains("訊") && !help.contains("讯"))
        #expect(self.set.reply(.optOutConfirmation, language: "zh")?.contains("訂閱") == true)
    }

    @Test func renderLeavesUnfilledPlaceholders() {
        let text = self.set.renderReply(.help, language: "en", values: [.brand: "Tocsin"])
        #expect(text?.hasPrefix("Tocsin: alerts") == true)
        #expect(text?.contains("{support}") == true)
    }

    struct Reserved: Sendable, CustomTestStringConvertible {
        let keyword: String
        let reserved: Bool
        var testDescription: String { "\(self.keyword) → \(self.reserved)" }
    }

    @Test(arguments: [
        Reserved(keyword: "STOP", reserved: true), Reserved(keyword: "stop!", reserved: true),
        Reserved(keyword: "Arrêt", reserved: true), Reserved(keyword: "ＨＥＬＰ", reserved: true),
        Reserved(keyword: "取消", reserved: true), Reserved(keyword: "JOIN", reserved: true),
        Reserved(keyword: "STOP WAR", reserved: true), Reserved(keyword: "STОP", reserved: true),
        Reserved(keyword: "YES", reserved: true), Reserved(keyword: "🙏", reserved: true),
        Reserved(keyword: "RIGHTS", reserved: false), Reserved(keyword: "FreeHK", reserved: false),
        Reserved(keyword: "STOPWAR", reserved: false), Reserved(keyword: "VIGIL", reserved: false),
    ])
    func reservedKeywords(_ testCase: Reserved) {
        #expect(self.set.isReserved(testCase.keyword) == testCase.reserved)
    }

    @Test func listsKeywordsByIntent() {
        let french = self.set.keywords(language: "fr")
        #expect(french[.optOut]?.contains("ARRET") == true)
        #expect(french[.help] == ["AIDE"])
        #expect(self.set.keywords(language: "xx").isEmpty)
    }
}
