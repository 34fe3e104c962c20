import Testing
import TocsinCore

struct VoiceScriptTests {
    @Test(arguments: ["en", "fr", "es", "zh"])
    func everyLanguageHasAScriptAndALocale(_ language: String) {
        let script = VoiceScript.of(language)
        #expect(VoiceScript.languages.contains(language))
        #expect(script.intro.contains("{org}") && script.intro.contains("{callback}") && script.intro.contains("9"))
        #expect(script.menuWithTarget.contains("{target}") && script.menuWithTarget.contains("1") && script.menuWithTarget.contains("9"))
        #expect(script.menuWithoutTarget.contains("9") && !script.menuWithoutTarget.contains("1"))
        #expect(script.stopped.contains("{org}"))
        #expect(VoiceScript.defaultLocales[language] != nil)
        if language != "en" { #expect(script != VoiceScript.of("en")) }
    }

    @Test func identificationComesBeforeTheCallbackNumber() throws {
        let text = VoiceScript.fill(VoiceScript.of("en").intro, org: "RightsAlert", callback: "+1 (415) 555-0199")
        #expect(text == "This is a call from RightsAlert. To stop all calls and texts from us, press 9 at any time. You can call us back at 1 4 1 5 5 5 5 0 1 9 9.")
    }

    @Test func unknownLanguagesFallBackToEnglish() {
        #expect(VoiceScript.of("de") == VoiceScript.of("en"))
    }

    @Test func spokenNumbersAreDigitsOneByOne() {
        #expect(VoiceScript.spoken("+852 2345 6789") == "8 5 2 2 3 4 5 6 7 8 9")
        #expect(VoiceScript.spoken("") == "")
    }
}
