import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinServer

struct TocsinConfigTests {
    @Test func theDemoConfigurationLoads() throws {
        let config = try TocsinConfig.load(file: Fixtures.repositoryRoot + "/Examples/demo.yaml", environment: [:], flags: [:])
        #expect(config.profile.brand == "RightsAlert")
        #expect(config.profile.senders == ["+14155550100"])
        #expect(config.carrierKind == "mock")
        #expect(config.port == 8080)
        #expect(config.campaigns.map(\.slug) == ["rights"])
        #expect(config.campaigns.first?.keywords == ["RIGHTS"])
        #expect(config.campaigns.first?.languages == ["en", "fr", "es", "zh"])
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() throws {
        let file = Fixtures.repositoryRoot + "/Examples/demo.yaml"
        let environment = ["TOCSIN_SERVER_PORT": "9000", "TOCSIN_ORGANISATION_BRAND": "EnvBrand", "TOCSIN_STORAGE_DATABASE": "env.sqlite"]
        let config = try TocsinConfig.load(file: file, environment: environment, flags: ["storage.database": "flag.sqlite", "server.host": nil])
        #expect(config.port == 9000)
        #expect(config.profile.brand == "EnvBrand")
        #expect(config.databasePath == "flag.sqlite")
        #expect(config.host == "127.0.0.1")
    }

    @Test func defaultsApplyWithoutAFile() throws {
        let config = try TocsinConfig.load(file: nil, environment: [:], flags: [:])
        #expect(config.databasePath == "tocsin.sqlite")
        #expect(config.publicURL == "http://127.0.0.1:8080")
        #expect(config.profile.undoWindowSeconds == 3600)
        #expect(config.twilioAuthToken == nil)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let yaml: String
        let mentions: String
    }

    static let bad: [Bad] = [
        Bad(testDescription: "port not a number", yaml: "server:\n  port: eighty\n", mentions: "server.port"),
        Bad(testDescription: "port out of range", yaml: "server:\n  port: 70000\n", mentions: "server.port"),
        Bad(testDescription: "bad bool", yaml: "organisation:\n  carrier_answers_stop: maybe\n", mentions: "carrier_answers_stop"),
        Bad(testDescription: "unknown region", yaml: "organisation:\n  default_region: XX\n", mentions: "default_region"),
        Bad(testDescription: "unknown carrier", yaml: "carrier:\n  kind: pigeon\n", mentions: "carrier.kind"),
        Bad(testDescription: "twilio without token", yaml: "carrier:\n  kind: twilio\ntwilio:\n  account_sid: AC1\n", mentions: "TOCSIN_TWILIO_AUTH_TOKEN"),
        Bad(testDescription: "campaign without slug", yaml: "campaigns:\n  - program_name: X\n    keywords: [X]\n    frequency: f\n", mentions: "campaigns[0].slug"),
        Bad(testDescription: "campaign bad slug", yaml: "campaigns:\n  - slug: Bad Slug\n    program_name: X\n    keywords: [X]\n    frequency: f\n", mentions: "slug"),
        Bad(testDescription: "campaign bad purpose", yaml: "campaigns:\n  - slug: x\n    program_name: X\n    keywords: [X]\n    frequency: f\n    purpose: sales\n", mentions: "purpose"),
        Bad(testDescription: "campaign without keywords", yaml: "campaigns:\n  - slug: x\n    program_name: X\n    frequency: f\n", mentions: "keywords"),
        Bad(testDescription: "not a mapping", yaml: "- a\n- b\n", mentions: "top level"),
        Bad(testDescription: "broken YAML", yaml: "server: [\n", mentions: "not valid YAML"),
    ]

    @Test(arguments: bad)
    func badConfigurationSaysWhichKeyToFix(_ testCase: Bad) throws {
        var values = ConfigValues()
        #expect {
            try values.load(yaml: testCase.yaml, file: "test.yaml")
            _ = try TocsinConfig(values)
        } throws: { error in
            "\(error)".contains(testCase.mentions)
        }
    }

    @Test func aMissingFileIsAClearError() {
        #expect {
            _ = try TocsinConfig.load(file: "/nonexistent/tocsin.yaml", environment: [:], flags: [:])
        } throws: { error in
            "\(error)".contains("/nonexistent/tocsin.yaml")
        }
    }
}
