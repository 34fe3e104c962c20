import Foundation
import Testing
import TocsinCore

struct AlertDraftTests {
    let now = Date(timeIntervalSince1970: 1_795_262_400)
    var campaign: Campaign {
        Campaign(id: 1, slug: "rights", programName: "Rights Alerts", frequency: "Up to 4 msgs/month", languages: ["en", "fr"],
                 actionLink: "https://rights.example.org/act", keywords: ["RIGHTS"])
    }

    func draft(_ bodies: [String: String], schedule: AlertSchedule? = nil, channel: Channel = .sms, expiry: Int = 86_400) -> AlertDraft {
        AlertDraft(name: "Free Ana", channel: channel, bodies: bodies, schedule: schedule ?? .once(at: self.now), expirySeconds: expiry)
    }

    @Test func aGoodDraftReportsSegmentsPerLanguage() throws {
        let segments = try self.draft(["en": "{first_name}, act now: {action_link}", "fr": "Agissez maintenant : {action_link}"])
            .validate(campaign: self.campaign, brand: "RightsAlert", maxSegments: 4, now: self.now)
        #expect(segments["en"]?.encoding == .gsm7)
        #expect(segments["en"]?.segments == 1)
        #expect(segments["fr"] != nil)
    }

    @Test(arguments: [
        (["en": "Hello {name}"], "unknown"),
        (["en": "   "], "empty"),
        (["de": "Hallo"], "languages"),
        ([String: String](), "at least one language"),
        (["en": String(repeating: "你好", count: 200)], "segments"),
        (["en": "Hi {first_name"], "bodies.en"),
    ])
    func badBodiesSayWhatToFix(bodies: [String: String], mentions: String) {
        #expect {
            _ = try self.draft(bodies).validate(campaign: self.campaign, brand: "B", maxSegments: 4, now: self.now)
        } throws: { error in
            "\(error)".contains(mentions)
        }
    }

    @Test func badSchedulesAndSettingsAreRefused() throws {
        let pastOnce = self.draft(["en": "Hi"], schedule: .once(at: self.now.addingTimeInterval(-3600)))
        #expect(throws: AlertValidationError.self) { try pastOnce.validate(campaign: self.campaign, brand: "B", maxSegments: 4, now: self.now) }
        let finished = self.draft(["en": "Hi"], schedule: .recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=2"), start: try LocalDateTime(parsing: "2026-01-01T10:00"),
            timeZone: "UTC", delivery: .sameInstant))
        #expect(throws: AlertValidationError.self) { try finished.validate(campaign: self.campaign, brand: "B", maxSegments: 4, now: self.now) }
        // Voice alerts are read aloud: no segment limit, but at most AlertDraft.maxScriptCharacters.
        let voice = self.draft(["en": String(repeating: "Act now. ", count: 100)], channel: .voice)
        #expect(throws: Never.self) { try voice.validate(campaign: self.campaign, brand: "B", maxSegments: 1, now: self.now) }
        let tooLong = self.draft(["en": String(repeating: "Act now. ", count: 200)], channel: .voice)
        #expect(throws: AlertValidationError.self) { try tooLong.validate(campaign: self.campaign, brand: "B", maxSegments: 4, now: self.now) }
        let longExpiry = self.draft(["en": "Hi"], expiry: 30 * 86_400)
        #expect(throws: AlertValidationError.self) { try longExpiry.validate(campaign: self.campaign, brand: "B", maxSegments: 4, now: self.now) }
    }

    @Test func theSegmentLimitIsConfigurable() throws {
        let body = String(repeating: "a", count: 200)  // 2 GSM-7 segments
        #expect(throws: AlertValidationError.self) { try self.draft(["en": body]).validate(campaign: self.campaign, brand: "B", maxSegments: 1, now: self.now) }
        #expect(try self.draft(["en": body]).validate(campaign: self.campaign, brand: "B", maxSegments: 2, now: self.now)["en"]?.segments == 2)
    }
}
