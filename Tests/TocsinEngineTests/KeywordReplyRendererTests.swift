import Testing
import TocsinCore
import TocsinRules
import TocsinTesting
@testable import TocsinEngine

struct KeywordReplyRendererTests {
    func renderer() throws -> KeywordReplyRenderer {
        var rights = Fixtures.rights
        rights.id = 1
        return KeywordReplyRenderer(
            keywords: try KeywordSet.load(directory: Fixtures.keywordsDirectory), profile: Fixtures.profile,
            directory: CampaignDirectory([rights])
        )
    }

    @Test func fillReplacesKnownPlaceholdersAndKeepsOthers() {
        #expect(KeywordReplyRenderer.fill("{brand}: {x} {{y}", ["brand": "B"]) == "B: {x} {{y}")
        #expect(KeywordReplyRenderer.fill("no placeholders", [:]) == "no placeholders")
        #expect(KeywordReplyRenderer.fill("open { brace", ["brand": "B"]) == "open { brace")
    }

    @Test func joinConfirmationCarriesTheCTIAContent() throws {
        let text = try self.renderer().render(.joinConfirmation, language: "en", campaignID: 1)
        for part in ["Rights Alerts", "Up to 4 msgs/month", "Msg & data rates may apply", "HELP", "STOP"] {
            #expect(text.contains(part), "\(part) missing from \(text)")
        }
        #expect(!text.contains("{"))
    }

    @Test(arguments: ["en", "fr", "es", "zh"])
    func everyReplyExistsInEveryLanguageWithNoPlaceholderLeft(language: String) throws {
        let renderer = try self.renderer()
        for kind in MessageKind.allCases where kind != .alert {
            let text = renderer.render(kind, language: language, campaignID: 1)
            #expect(!text.contains("{") && !text.isEmpty, "\(kind) in \(language): \(text)")
        }
    }

    @Test func frenchRepliesWriteARRETWithoutCircumflex() throws {
        let renderer = try self.renderer()
        for kind in MessageKind.allCases where kind != .alert {
            #expect(!renderer.render(kind, language: "fr", campaignID: 1).contains("ARRÊT"))
        }
        #expect(renderer.render(.help, language: "fr", campaignID: nil).contains("ARRET"))
    }

    @Test func optOutConfirmationHasNoMarketingOrLinks() throws {
        for language in ["en", "fr", "es", "zh"] {
            let text = try self.renderer().render(.optOutConfirmation, language: language, campaignID: nil)
            #expect(!text.contains("http"))
            #expect(!text.contains("Rights Alerts"))
        }
    }
}
