import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let body: [UInt8]
        let status: HTTPResponse.Status
    }

    static let cases: [Case] = [
        Case(testDescription: "not JSON", body: Array("hello".utf8), status: .badRequest),
        Case(testDescription: "JSON array", body: Array("[1,2]".utf8), status: .badRequest),
        Case(testDescription: "missing from", body: Array(#"{"to":"+14155550100","body":"STOP","id":"x"}"#.utf8), status: .badRequest),
        Case(testDescription: "missing id", body: Array(#"{"from":"+12125550501","to":"+14155550100","body":"STOP"}"#.utf8), status: .badRequest),
        Case(testDescription: "missing body", body: Array(#"{"from":"+12125550501","to":"+14155550100","id":"x"}"#.utf8), status: .badRequest),
        Case(testDescription: "wrong type", body: Array(#"{"from":12125550501,"to":"+14155550100","body":"STOP","id":"x"}"#.utf8), status: .badRequest),
        Case(testDescription: "invalid number", body: Array(#"{"from":"+1 212 555","to":"+14155550100","body":"STOP","id":"x"}"#.utf8), status: .unprocessableContent),
        Case(testDescription: "letters in number", body: Array(#"{"from":"CALL-ME-NOW","to":"+14155550100","body":"STOP","id":"x"}"#.utf8), status: .unprocessableContent),
        Case(testDescription: "invalid UTF-8", body: Array(#"{"from":"+12125550501","to":"+14155550100","body":""#.utf8) + [0xC3, 0x28] + Array(#"","id":"x"}"#.utf8), status: .badRequest),
        Case(testDescription: "oversized body", body: Array(#"{"from":"+12125550501","to":"+14155550100","id":"x","body":""#.utf8) + Array(repeating: 0x41, count: 70_000) + Array(#""}"#.utf8), status: .contentTooLarge),
    ]

    @Test(arguments: cases)
    func badMockWebhookBodiesGet4xxJSONAndWriteNothing(_ testCase: Case) async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.execute(
                uri: "/webhooks/mock/sms", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: testCase.body)
            ) { response in
                #expect(response.status == testCase.status)
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("{\"error\":{"))
            }
        }
        #expect(try await app.services.store.rowCount("inbound_message") == 0)
        #expect(try await app.services.store.rowCount("consent_event") == 0)
        #expect(app.carrier.sent.isEmpty)
    }

    @Test func badTwilioFormsAreRejected() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            for body in ["Body=%ZZ", "Body=%C3%28"] {
                try await client.execute(
                    uri: "/webhooks/twilio/sms", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
        #expect(try await app.services.store.rowCount("inbound_message") == 0)
    }

    @Test func unknownRoutesAnswerJSON404() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func randomBodiesNeverCrashTheService() async throws {
        let app = try await TestApp()
        var generator = SeededGenerator(seed: 42)
        let inputs: [[UInt8]] = (0..<200).map { _ in
            let count = Int.random(in: 0..<200, using: &generator)
            return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        try await app.application.test(.router) { client in
            for bytes in inputs {
                for uri in ["/webhooks/mock/sms", "/webhooks/twilio/sms", "/v1/optins"] {
                    try await client.execute(uri: uri, method: .post, body: ByteBuffer(bytes: bytes)) { response in
                        #expect((400..<500).contains(response.status.code))
                    }
                }
            }
        }
        #expect(try await app.services.store.rowCount("inbound_message") == 0)
    }
}

/// A small deterministic generator (SplitMix64) for reproducible random inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
