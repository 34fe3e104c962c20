import Testing
import TocsinCore
import TocsinServer

struct TocsinConfigVoiceTests {
    func config(_ pairs: [String: String]) throws(ConfigError) -> TocsinConfig {
        var values = ConfigValues()
        for (key, value) in pairs { values.set(key, value) }
        return try TocsinConfig(values)
    }

    @Test func defaults() throws {
        let config = try self.config([:])
        let voice = config.voice
        #expect(voice.callbackNumber == nil)
        #expect(voice.callsPerSecond == 1)
        #expect(voice.maxCallsPer30Days == 3)
        // The voice carrier reads the one Twilio base URL of the carrier settings.
        #expect(config.carriers.twilioAPIBaseURL == "https://api.twilio.com")
        #expect(voice.locale("fr") == "fr-CA")
        #expect(voice.locale("de") == "en-US")
        #expect(voice.callSettings(organisationName: "X") == nil)
    }

    @Test func readsEveryKey() throws {
        let config = try self.config([
            "voice.callback_number": "+14155550199", "voice.calls_per_second": "5", "voice.max_calls_per_30_days": "2",
            "voice.locales": "fr=fr-FR, zh=zh-TW", "twilio.api_base_url": "http://127.0.0.1:9999",
        ])
        let voice = config.voice
        #expect(voice.locale("fr") == "fr-FR" && voice.locale("zh") == "zh-TW" && voice.locale("es") == "es-US")
        let settings = try #require(voice.callSettings(organisationName: "RightsAlert"))
        #expect(settings.callbackNumber == "+14155550199" && settings.callsPerSecond == 5 && settings.cap.maxCalls == 2)
        #expect(config.carriers.twilioAPIBaseURL == "http://127.0.0.1:9999")
    }

    @Test(arguments: [
        ("voice.callback_number", "4155550199", "E.164"), ("voice.calls_per_second", "0", "1–100"),
        ("voice.max_calls_per_30_days", "500", "1–100"), ("voice.locales", "french", "fr=fr-FR"),
        ("twilio.api_base_url", "api.twilio.com", "http(s) URL"),
    ])
    func refusesBadValues(_ key: String, _ value: String, _ hint: String) {
        do {
            _ = try self.config([key: value])
            Issue.record("\(key)=\(value) was accepted")
        } catch {
            #expect(error.description.contains(key) && error.description.contains(hint), "\(error)")
        }
    }
}
