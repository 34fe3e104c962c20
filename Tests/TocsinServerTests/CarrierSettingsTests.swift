import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinServer

struct CarrierSettingsTests {
    static let publicKey = Data(repeating: 7, count: 32).base64EncodedString()
    static let twilio = ["twilio.account_sid": "AC1", "twilio.auth_token": "tw-s3cr3t"]
    static let telnyx = ["telnyx.api_key": "KEY-s3cr3t", "telnyx.public_key": publicKey]

    func config(_ entries: [String: String]) throws -> TocsinConfig {
        var values = ConfigValues()
        for (key, value) in entries { values.set(key, value) }
        return try TocsinConfig(values)
    }

    @Test func aRouteWithPerSenderOverrides() throws {
        let config = try self.config(
            Self.twilio.merging(Self.telnyx) { $1 }.merging(
                ["carrier.route": "twilio,telnyx", "carrier.sender_routes": "+15550100=telnyx/twilio", "carrier.breaker_failures": "3"]
            ) { $1 }
        )
        #expect(config.carrierKind == "route")
        #expect(config.carriers.route == ["twilio", "telnyx"])
        #expect(config.carriers.senderRoutes == ["+15550100": ["telnyx", "twilio"]])
        #expect(config.carriers.breakerFailures == 3)
        #expect(config.carriers.twilioAPIBaseURL == "https://api.twilio.com")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let entries: [String: String]
        let mentions: String
    }

    static let bad: [Bad] = [
        Bad(testDescription: "telnyx without key", entries: ["carrier.kind": "telnyx", "telnyx.public_key": publicKey], mentions: "TOCSIN_TELNYX_API_KEY"),
        Bad(testDescription: "telnyx without public key", entries: ["carrier.kind": "telnyx", "telnyx.api_key": "k"], mentions: "telnyx.public_key"),
        Bad(testDescription: "route missing twilio token", entries: ["carrier.route": "telnyx,twilio", "twilio.account_sid": "AC1"].merging(telnyx) { $1 }, mentions: "twilio.auth_token"),
        Bad(testDescription: "sender route missing telnyx", entries: ["carrier.route": "twilio", "carrier.sender_routes": "+1555=telnyx"].merging(twilio) { $1 }, mentions: "telnyx.api_key"),
        Bad(testDescription: "unknown carrier in route", entries: ["carrier.route": "twilio,pigeon"].merging(twilio) { $1 }, mentions: "pigeon"),
        Bad(testDescription: "route with kind twilio", entries: ["carrier.kind": "twilio", "carrier.route": "twilio"].merging(twilio) { $1 }, mentions: "carrier.kind to route"),
        Bad(testDescription: "bad public key", entries: ["carrier.kind": "telnyx", "telnyx.api_key": "k", "telnyx.public_key": "abc"], mentions: "telnyx.public_key"),
        Bad(testDescription: "bad base URL", entries: ["twilio.api_base_url": "api.twilio.com"], mentions: "twilio.api_base_url"),
        Bad(testDescription: "bad sender route", entries: ["carrier.route": "twilio", "carrier.sender_routes": "telnyx"].merging(twilio) { $1 }, mentions: "carrier.sender_routes"),
    ]

    @Test(arguments: bad)
    func aMissingOrWrongKeyIsNamed(_ testCase: Bad) {
        #expect {
            _ = try self.config(testCase.entries)
        } throws: { error in
            "\(error)".contains(testCase.mentions)
        }
    }

    @Test func theEnvironmentSetsCarrierKeys() throws {
        let config = try TocsinConfig.load(
            file: nil,
            environment: ["TOCSIN_CARRIER_KIND": "telnyx", "TOCSIN_TELNYX_API_KEY": "KEY-env", "TOCSIN_TELNYX_PUBLIC_KEY": Self.publicKey],
            flags: [:]
        )
        #expect(config.carriers.telnyxAPIKey == "KEY-env")
        #expect(config.carriers.route == ["telnyx"])
    }

    @Test func printingOrDumpingTheConfigurationHidesSecrets() throws {
        let config = try self.config(Self.twilio.merging(Self.telnyx) { $1 }.merging(["carrier.route": "twilio,telnyx"]) { $1 })
        var dumped = ""
        dump(config, to: &dumped)
        for text in ["\(config)", String(reflecting: config), dumped] {
            #expect(!text.contains("tw-s3cr3t"))
            #expect(!text.contains("KEY-s3cr3t"))
        }
        #expect(dumped.contains("<redacted>"))
    }
}
